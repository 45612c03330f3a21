"""The student data as a submission's kernel sees it: writable, and thrown away after the run.

On a student's own machine the data folder is theirs: a ``clean_images`` that deletes a bad
file from the source works (and costs that point in grading), it does not crash. The
grader's copy must stay as it is for every later submission, so each grading gets a *view*
of it (`writable_view`): real folders, one symbolic link per file, in the grading's scratch
folder. A notebook may delete, move, rename or add files there; it cannot change a file's
bytes, because every link leads to the grader's copy, which the sandbox shows read-only
(writing into one raises "Read-only file system", as writing into a shipped data file
would on a read-only share). The view is removed with the scratch folder. bubblewrap 0.9's
``--tmp-overlay`` would give the same with copies on write, but Debian 12 ships 0.8; a copy
of the data would cost seconds and up to 800 MB per grading at full scale (Week 1's real
photos), the links about a second for 25,000 files (README, *Threat model*).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

__all__ = ["writable_view"]


def writable_view(student_root: Path, shown: Iterable[Path], view_root: Path) -> Path:
    """Mirrors the shown parts of `student_root` into ``view_root/<student_root's name>``.

    Args:
        student_root: the week's student data folder (``data/cats_and_dogs``).
        shown: what the kernel may see of it (the images folder, the manifest), each inside
            `student_root`.
        view_root: an empty or missing folder; it becomes the kernel's data root (what
            ``AUTOGRADER_DATA_ROOT`` names), with the same layout below it as the grader's.

    Returns:
        `view_root`.

    Raises:
        ValueError: if a shown path is not inside `student_root`.
    """
    student_root, view_root = Path(student_root), Path(view_root)
    top = view_root / student_root.name
    top.mkdir(parents=True, exist_ok=True)
    for path in shown:
        path = Path(path)
        relative = path.relative_to(student_root)  # raises ValueError outside it
        if path.is_dir():
            _mirror_folder(path, top / relative)
        elif path.exists():
            (top / relative).parent.mkdir(parents=True, exist_ok=True)
            _link(path, top / relative)
    return view_root


def _mirror_folder(source: Path, target: Path) -> None:
    # The real paths, which the sandbox binds read-only, so the links resolve inside it too;
    # resolved once per folder (once per file took 30 s for 25,000 files on a busy machine).
    for folder, dirs, files in os.walk(source):
        real = os.path.realpath(folder)
        inside = target / Path(folder).relative_to(source)
        inside.mkdir(parents=True, exist_ok=True)
        for name in files:
            path = os.path.join(folder, name)
            origin = os.path.realpath(path) if os.path.islink(path) else os.path.join(real, name)
            os.symlink(origin, inside / name)
        for name in dirs:  # a linked folder is shown as the link it is, not entered
            if os.path.islink(os.path.join(folder, name)):
                _link(Path(folder) / name, inside / name)


def _link(source: Path, place: Path) -> None:
    if not (place.is_symlink() or place.exists()):
        place.symlink_to(source.resolve())
