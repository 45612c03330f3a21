"""`autograder template C2W1 OUT/`: the repository each student gets (GitHub Classroom style).

    OUT/C2W1_Assignment.ipynb            the release notebook
    OUT/README.md                        how to get feedback
    OUT/.github/workflows/grade.yml      grades every push (steps in grade.sh)
    OUT/.github/grading/grade.sh         the grading steps, also run by the tests
    OUT/.github/grading/heldout.bundle   the held-out images, encrypted (key: a secret)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder import __version__
from autograder.assignments import Assignment
from autograder.ci.bundle import BUNDLE_NAME, seal_heldout
from autograder.config import Settings

__all__ = ["write_template", "WORKFLOW_PATH", "SCRIPT_PATH"]

WORKFLOW_PATH = Path(".github/workflows/grade.yml")
SCRIPT_PATH = Path(".github/grading/grade.sh")
_TEMPLATES = Path(__file__).with_name("templates")
_COURSE_ROOT = Path(__file__).resolve().parents[2]


def _filled(name: str, values: dict[str, str]) -> str:
    text = (_TEMPLATES / name).read_text(encoding="utf-8")
    for marker, value in values.items():
        text = text.replace(f"@@{marker}@@", value)
    return text


def write_template(spec: Assignment, out: Path, *, settings: Settings, grader: str | None = None,
                   course_root: Path = _COURSE_ROOT) -> bytes:
    """Writes the template repository of `spec` into `out`; returns the held-out key.

    Args:
        settings: where the held-out data to seal lives (``heldout_root``). Seal a held-out
            set made for CI, not the one grades of record are made on (see the README).
        grader: the pip requirement the workflow installs, pinned (default: this version).

    Raises:
        FileNotFoundError: if the release notebook or the held-out data is missing.
    """
    out = Path(out)
    release = course_root / "release" / spec.id / spec.notebook
    if not release.is_file():
        raise FileNotFoundError(f"No release notebook {release}: run `autograder release`.")
    values = {"NOTEBOOK": spec.notebook, "ASSIGNMENT": spec.id, "DATASET": spec.data.dataset,
              "GRADER": grader or f"cnn-tf-autograder=={__version__}"}
    (out / SCRIPT_PATH.parent).mkdir(parents=True, exist_ok=True)
    (out / WORKFLOW_PATH.parent).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(release, out / spec.notebook)
    (out / WORKFLOW_PATH).write_text(_filled("grade.yml", values), encoding="utf-8")
    (out / SCRIPT_PATH).write_text(_filled("grade.sh", values), encoding="utf-8")
    (out / SCRIPT_PATH).chmod(0o755)
    (out / "README.md").write_text(_filled("README.md", values), encoding="utf-8")
    return seal_heldout(settings.heldout_root / spec.data.dataset,
                        out / SCRIPT_PATH.parent / BUNDLE_NAME)
