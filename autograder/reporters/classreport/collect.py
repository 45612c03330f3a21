"""The result files of a class, read from the folder `autograder batch` or ``grade --out-dir``
wrote: every ``*.json`` below it that is a grade result, keyed as the batch keyed it.

A file that is not a result (another tool's JSON, a result of an incompatible schema, a
truncated file) is listed with the reason, never silently dropped: an instructor must know
that the report leaves a submission out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from autograder.results import GradeResult, from_dict

__all__ = ["Entry", "Unreadable", "ResultFolder", "read_results"]


@dataclass(frozen=True)
class Entry:
    """One submission's result in the class."""

    key: str
    """Its result file, relative to the results folder, without ``.json``
    (``alice/C2W1/C2W1_Assignment``): the batch's key."""
    result: GradeResult
    """What the grader found."""


@dataclass(frozen=True)
class Unreadable:
    """A file the report leaves out: a ``.json`` of the folder that is no readable result,
    or (in a batch's report) a notebook the batch left ungraded."""

    path: str
    """The file (a result file relative to the results folder)."""
    reason: str
    """Why it is left out, in one line."""


@dataclass(frozen=True)
class ResultFolder:
    """What a results folder holds."""

    entries: tuple[Entry, ...]
    """Every result, sorted by key."""
    unreadable: tuple[Unreadable, ...] = ()
    """JSON files that are no result the report can read."""


def _looks_like_result(data: object) -> bool:
    return isinstance(data, dict) and "checks" in data and "assignment" in data


def read_results(folder: Path) -> ResultFolder:
    """Reads every result file below `folder` (hidden files and folders left out).

    Args:
        folder: a results folder (``autograder batch --out-dir``).

    Returns:
        The `ResultFolder`.

    Raises:
        NotADirectoryError: if `folder` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"Expected a folder of result files. Found no folder at "
                                 f"{folder}.")
    entries, unreadable = [], []
    for path in sorted(folder.rglob("*.json")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            unreadable.append(Unreadable(relative.as_posix(), f"not JSON ({error})"))
            continue
        if not _looks_like_result(data):
            continue  # another tool's JSON (a manifest, a config): not a submission
        try:
            result = from_dict(data)
        except (KeyError, TypeError, ValueError) as error:
            unreadable.append(Unreadable(relative.as_posix(), f"not a readable grade result "
                                         f"({type(error).__name__}: {error})"))
            continue
        entries.append(Entry(key=relative.with_suffix("").as_posix(), result=result))
    return ResultFolder(entries=tuple(entries), unreadable=tuple(unreadable))
