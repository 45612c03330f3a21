"""`autograder init COURSE/`: a course folder an instructor can use away from this checkout.

The folder gets what nbgrader and the grader read there: ``source/<assignment>/`` (the
nbgrader source notebooks), ``nbgrader_config.py`` (nbgrader's settings, with the grader in
place of nbgrader's kernel) and ``autograder.toml`` (the grader's settings; its relative
paths are read from the folder it is in), plus a ``.gitignore`` that keeps the data, the
held-out images and the results out of a repository. The files come from the installed
package (``autograder/course_files/``, written into the wheel by ``setup.py``) or, in a
checkout or an editable install, from the checkout itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.assignments import get_assignment

__all__ = ["course_files", "init_course", "CourseFolderExists"]

_PACKAGE_FILES = Path(__file__).resolve().parent / "course_files"
_CHECKOUT = Path(__file__).resolve().parent.parent
_GITIGNORE = """\
# Written by `autograder init`: data, held-out images, students' work and results stay local.
data/
heldout/
submitted/
autograded/
feedback/
results/
gradebook.db
.ipynb_checkpoints/
"""


class CourseFolderExists(FileExistsError):
    """The folder already holds a course's files."""


def course_files() -> Path:
    """The folder holding ``source/``, ``nbgrader_config.py`` and ``autograder.toml``: the
    installed package's copy, else the checkout's.

    Raises:
        FileNotFoundError: if neither holds them (a package built without ``setup.py``).
    """
    for root in (_PACKAGE_FILES, _CHECKOUT):
        if (root / "nbgrader_config.py").is_file() and (root / "source").is_dir():
            return root
    raise FileNotFoundError("This installation of the grader carries no course files: "
                            "install it from its wheel or its repository.")


def init_course(folder: Path, assignments: list[str], *, force: bool = False) -> list[Path]:
    """Writes a course folder for `assignments` into `folder`; returns the files written.

    Raises:
        CourseFolderExists: if `folder` already has an ``nbgrader_config.py``,
            ``autograder.toml`` or a source notebook of these assignments (unless `force`).
    """
    folder = Path(folder)
    root = course_files()
    plan = {folder / name: root / name for name in ("nbgrader_config.py", "autograder.toml")}
    for assignment in assignments:
        spec = get_assignment(assignment)
        plan[folder / "source" / spec.id / spec.notebook] = root / "source" / spec.id / spec.notebook
    existing = [path for path in plan if path.exists()]
    if existing and not force:
        raise CourseFolderExists(
            f"{folder} already holds {', '.join(str(p.relative_to(folder)) for p in existing)}; "
            "choose an empty folder (or --force to overwrite them).")
    for target, source in plan.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(_GITIGNORE, encoding="utf-8")
        plan[gitignore] = gitignore
    return sorted(plan)
