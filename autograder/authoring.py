"""Notebooks derived from an assignment's source: the reference solution.

``release/`` comes from nbgrader. The reference solution is the release notebook with each
solution cell completed from the source (markers removed), i.e. exactly what a student
who solved everything would submit. Generated, never edited by hand: a test checks that
``solutions/`` matches this function's output.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

__all__ = ["solution_notebook", "write_solution"]

_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", flags=re.MULTILINE)


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solution_notebook(source: nbformat.NotebookNode,
                      release: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Returns `release` with every solution cell's code taken from `source`.

    Raises:
        KeyError: if a release solution cell has no source cell with the same grade id.
    """
    by_id = {_grade_id(cell): cell for cell in source.cells if _grade_id(cell)}
    solved = copy.deepcopy(release)
    for cell in solved.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            cell.source = _MARKER.sub("", by_id[meta["grade_id"]].source).rstrip()
    return solved


def write_solution(course_root: Path, assignment: str, notebook: str) -> Path:
    """Writes ``solutions/<assignment>/<notebook>`` from source and release; returns its path."""
    source = nbformat.read(course_root / "source" / assignment / notebook, as_version=4)
    release = nbformat.read(course_root / "release" / assignment / notebook, as_version=4)
    target = course_root / "solutions" / assignment / notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(solution_notebook(source, release), target)
    return target
