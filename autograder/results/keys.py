"""Which result file belongs to which submission, and whose submission it is.

Identity comes from the instructor's layout, never from inside a submission. A batch has a
*root*: the folder ``autograder batch`` was given, or the working folder of
``autograder grade``. A notebook is a student's when it sits at nbgrader's place right
under that root:

    <root>/submitted/<student>/<assignment>/<name>.ipynb    (root: the course folder)
    <root>/autograded/<student>/<assignment>/<name>.ipynb
    <root>/<student>/<assignment>/<name>.ipynb              (root: submitted/ or autograded/)

A ``submitted/`` any deeper is just a folder: ``hand-ins/mallory/submitted/bob/C2W1/…`` is
nobody's (key ``hand-ins/mallory/submitted/bob/C2W1/C2W1_Assignment``), never bob's.

A batch writes each result to ``<out_dir>/<result_key>.json``:

    submitted/alice/C2W1/C2W1_Assignment.ipynb  →  alice/C2W1/C2W1_Assignment
    hand-ins/carol/C2W1_Assignment.ipynb        →  hand-ins/carol/C2W1_Assignment
    /srv/hand-ins/dan/C2W1_Assignment.ipynb     →  srv/hand-ins/dan/C2W1_Assignment (outside)

Two different notebooks of one batch that would share a key (a student's notebook and a
loose one at ``<root>/alice/C2W1/``, or the same student under ``submitted/`` and
``autograded/``) are found by `place_all`: neither is graded, the others are.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterable

__all__ = ["NBGRADER_FOLDERS", "KeyClash", "Placement", "Placements", "place", "place_all",
           "result_key", "student_of", "submission_sha256"]

#: nbgrader's folders laid out as ``<folder>/<student>/<assignment>/<notebook>.ipynb``.
NBGRADER_FOLDERS = ("submitted", "autograded")


@dataclass(frozen=True)
class KeyClash:
    """Two or more different notebooks of one batch that would write the same result file."""

    key: str
    notebooks: tuple[Path, ...]

    @property
    def message(self) -> str:
        """What the instructor is told for each of the notebooks (none of them is graded)."""
        names = ", ".join(str(path) for path in self.notebooks)
        return (f"Expected one notebook per result file. Found {len(self.notebooks)} "
                f"notebooks ({names}) that would all write {self.key}.json, so none of them "
                f"was graded. How to fix: keep one notebook per student and assignment, or "
                f"grade the others in a separate batch with its own --out-dir.")


@dataclass(frozen=True)
class Placement:
    """Where one notebook's result goes, and whose it is."""

    notebook: Path
    """The notebook as given."""
    key: str
    """Its result file, relative to the output folder, without ``.json``."""
    student: str
    """nbgrader's student id from the layout under the root; ``""`` outside it."""
    clash: KeyClash | None = None
    """Set when another notebook of the batch would write the same result file."""


@dataclass(frozen=True)
class Placements:
    """A batch's notebooks: those with a key of their own, and the clashes."""

    all: tuple[Placement, ...]
    """Every notebook in the order given (the same file given twice: once per mention)."""
    clashes: tuple[KeyClash, ...]
    """Each key that different notebooks share, once."""

    @property
    def placed(self) -> tuple[Placement, ...]:
        """The notebooks with a result file of their own (the ones to grade)."""
        return tuple(placement for placement in self.all if placement.clash is None)


def _relative(notebook: Path, root: Path | None) -> tuple[tuple[str, ...], Path] | None:
    """`notebook`'s parts below `root` (both made absolute, links not followed), or None."""
    base = Path(os.path.abspath(root if root is not None else Path.cwd()))
    path = Path(os.path.abspath(notebook))
    try:
        return path.relative_to(base).parts, base
    except ValueError:
        return None


def _nbgrader_parts(notebook: Path, root: Path | None) -> tuple[str, str, str] | None:
    """``(student, assignment, stem)`` when `notebook` sits at nbgrader's place under
    `root`, else None (a ``submitted/`` deeper than that counts for nothing)."""
    found = _relative(notebook, root)
    if found is None:
        return None
    parts, base = found
    if len(parts) == 4 and parts[0] in NBGRADER_FOLDERS:
        parts = parts[1:]
    elif not (len(parts) == 3 and base.name in NBGRADER_FOLDERS):
        return None
    student, assignment, name = parts
    if not name.endswith(".ipynb") or not student or student.startswith("."):
        return None
    return student, assignment, Path(name).stem


def student_of(notebook: Path, *, root: Path | None = None) -> str:
    """The nbgrader student id of `notebook` under `root` (default: the working folder),
    or ``""`` when it is not at nbgrader's place right under it.

    Example:

        >>> student_of(Path("/c/submitted/alice/C2W1/C2W1_Assignment.ipynb"), root=Path("/c"))
        'alice'
        >>> student_of(Path("/c/in/mallory/submitted/bob/C2W1/A.ipynb"), root=Path("/c"))
        ''
    """
    parts = _nbgrader_parts(notebook, root)
    return parts[0] if parts else ""


def result_key(notebook: Path, *, root: Path | None = None) -> str:
    """The result path of `notebook`, relative to a batch's output folder, without ``.json``.

    Args:
        notebook: the submission, as given on the command line.
        root: the batch's root (default: the working folder).

    Returns:
        ``<student>/<assignment>/<stem>`` at nbgrader's place under `root`; otherwise the
        notebook's path relative to `root`, or, outside `root`, its absolute path without
        the leading ``/``; ``.ipynb`` dropped, every folder kept, always with ``/`` between
        parts and never a ``..``.

    Example:

        >>> result_key(Path("/c/submitted/alice/C2W1/C2W1_Assignment.ipynb"), root=Path("/c"))
        'alice/C2W1/C2W1_Assignment'
        >>> result_key(Path("/srv/in/a.ipynb"), root=Path("/home/me"))
        'srv/in/a'
    """
    nbgrader = _nbgrader_parts(notebook, root)
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


def place(notebook: Path, *, root: Path | None = None) -> Placement:
    """The `Placement` of one notebook under `root` (default: the working folder)."""
    return Placement(notebook=Path(notebook), key=result_key(notebook, root=root),
                     student=student_of(notebook, root=root))


def place_all(notebooks: Iterable[Path], *, root: Path | None = None) -> Placements:
    """Places every notebook; different notebooks that share a key are set apart as clashes.

    The same file given twice gets the same key (its result is simply reused). Keys are
    compared as they are and case-folded (a case-insensitive disk writes ``Alice.json``
    and ``alice.json`` into one file).
    """
    placements = [place(notebook, root=root) for notebook in notebooks]
    owners: dict[str, dict[Path, Path]] = {}
    for placement in placements:
        owners.setdefault(placement.key.casefold(), {}).setdefault(
            Path(placement.notebook).resolve(), placement.notebook)
    clashes = {fold: KeyClash(key=next(p.key for p in placements if p.key.casefold() == fold),
                              notebooks=tuple(files.values()))
               for fold, files in owners.items() if len(files) > 1}
    return Placements(
        all=tuple(replace(p, clash=clashes.get(p.key.casefold())) for p in placements),
        clashes=tuple(clashes.values()))


def submission_sha256(notebook: Path) -> str:
    """SHA-256 (hex) of the notebook's bytes; ``""`` when it cannot be read."""
    try:
        return hashlib.sha256(Path(notebook).read_bytes()).hexdigest()
    except OSError:
        return ""
