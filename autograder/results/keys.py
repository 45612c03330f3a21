"""Which result file belongs to which submission, and whose submission it is.

A batch writes each result to ``<out_dir>/<result_key>.json``. The key keeps every part of
the notebook's path that tells submissions apart, so two students' results never land in
the same file:

    submitted/alice/C2W1/C2W1_Assignment.ipynb  →  alice/C2W1/C2W1_Assignment
    autograded/bob/C2W1/C2W1_Assignment.ipynb   →  bob/C2W1/C2W1_Assignment
    hand-ins/carol/C2W1_Assignment.ipynb        →  hand-ins/carol/C2W1_Assignment  (under cwd)
    /srv/hand-ins/dan/C2W1_Assignment.ipynb     →  srv/hand-ins/dan/C2W1_Assignment (outside)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath
from typing import Iterable

__all__ = ["NBGRADER_FOLDERS", "ResultKeyClash", "result_key", "result_keys", "student_of",
           "submission_sha256"]

#: nbgrader's folders laid out as ``<folder>/<student>/<assignment>/<notebook>.ipynb``.
NBGRADER_FOLDERS = ("submitted", "autograded")


class ResultKeyClash(ValueError):
    """Two different notebooks of one batch would write the same result file."""


def _nbgrader_parts(notebook: Path) -> tuple[str, str, str] | None:
    """``(student, assignment, stem)`` when `notebook` sits in nbgrader's layout, else None."""
    parts = Path(os.path.abspath(notebook)).parts
    if len(parts) >= 4 and parts[-4] in NBGRADER_FOLDERS:
        return parts[-3], parts[-2], Path(parts[-1]).stem
    return None


def student_of(notebook: Path) -> str:
    """The nbgrader student id of `notebook`, or ``""`` outside nbgrader's layout.

    Example:

        >>> student_of(Path("course/submitted/alice/C2W1/C2W1_Assignment.ipynb"))
        'alice'
    """
    parts = _nbgrader_parts(notebook)
    return parts[0] if parts else ""


def result_key(notebook: Path, *, root: Path | None = None) -> str:
    """The result path of `notebook`, relative to a batch's output folder, without ``.json``.

    Args:
        notebook: the submission, as given on the command line.
        root: the working folder other paths are made relative to (default: the current one).

    Returns:
        ``<student>/<assignment>/<stem>`` in nbgrader's layout (``submitted/`` or
        ``autograded/``); otherwise the notebook's path relative to `root`, or, outside
        `root`, its absolute path without the leading ``/``; ``.ipynb`` dropped, every folder
        kept, always with ``/`` between parts and never a ``..``.

    Example:

        >>> result_key(Path("/c/submitted/alice/C2W1/C2W1_Assignment.ipynb"))
        'alice/C2W1/C2W1_Assignment'
        >>> result_key(Path("/srv/in/a.ipynb"), root=Path("/home/me"))
        'srv/in/a'
    """
    nbgrader = _nbgrader_parts(notebook)
    if nbgrader:
        return "/".join(nbgrader)
    path = Path(notebook).resolve()
    base = Path(root if root is not None else Path.cwd()).resolve()
    try:
        relative = path.relative_to(base)
    except ValueError:
        relative = path.relative_to(path.anchor)
    if relative.suffix == ".ipynb":
        relative = relative.with_suffix("")
    return PurePosixPath(*relative.parts).as_posix()


def result_keys(notebooks: Iterable[Path], *, root: Path | None = None) -> list[str]:
    """`result_key` of each notebook, checking that no two different notebooks share one.

    The same file given twice gets the same key (its result is simply reused).

    Raises:
        ResultKeyClash: naming both notebooks and the shared key.
    """
    keys, owners = [], {}
    for notebook in notebooks:
        key = result_key(notebook, root=root)
        owner = owners.setdefault(key, notebook)
        if Path(owner).resolve() != Path(notebook).resolve():
            raise ResultKeyClash(
                f"Expected one result file per notebook. Found {owner} and {notebook} both "
                f"writing to {key}.json. How to fix: grade them in separate batches, each "
                f"with its own --out-dir.")
        keys.append(key)
    return keys


def submission_sha256(notebook: Path) -> str:
    """SHA-256 (hex) of the notebook's bytes; ``""`` when it cannot be read."""
    try:
        return hashlib.sha256(Path(notebook).read_bytes()).hexdigest()
    except OSError:
        return ""
