"""Notebooks derived from an assignment's checks and source.

- The nbgrader test cells of ``source/<id>/`` come from the week's checks (`test_cells`,
  ``autograder author``): one locked cell per check with its id, title and points, a
  visible ``validate_check(...)`` line for nbgrader's Validate button (the student-side
  check; the grader skips test cells), and a hidden region saying the grader grades it
  from outside (nothing that decides a grade runs in the student's kernel). Nobody copies
  a title or points by hand.
- ``release/`` comes from nbgrader.
- The reference solution is the release notebook with each solution cell completed from
  the source (markers removed), i.e. exactly what a student who solved everything would
  submit. Generated, never edited by hand: a test checks that ``solutions/`` matches this
  function's output.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

__all__ = ["solution_notebook", "write_solution", "test_cells", "write_test_cells",
           "validate_line"]

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


def validate_line(assignment: str, check_id: str) -> str:
    """The visible line of a test cell: the student-side check nbgrader's Validate runs
    (`autograder.notebook.validate_check`, imported by the notebook's first cell)."""
    return f'validate_check("{assignment}", "{check_id}")'


def _test_cell_text(assignment: str, check) -> str:
    points = f"{check.points:g} point{'' if check.points == 1 else 's'}"
    # The visible line is for nbgrader's Validate button only (the grader skips test cells)
    return (f"# {check.title} ({points})\n{validate_line(assignment, check.id)}\n"
            "### BEGIN HIDDEN TESTS\n"
            f"# Graded outside your notebook by the autograder: {check.title}\n"
            f"### END HIDDEN TESTS")


def _is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def test_cells(spec, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Returns `notebook` with one nbgrader test cell per check of `spec`, in check order.

    A check's cell keeps its place when there is one (its text and points are rewritten);
    a new check's cell goes right after the cell of the check before it (the first one at
    the end); cells of checks that no longer exist are removed.
    """
    from nbformat.v4 import new_code_cell

    notebook = copy.deepcopy(notebook)
    ids = {check.id for check in spec.checks}
    notebook.cells = [c for c in notebook.cells if not _is_test_cell(c) or _grade_id(c) in ids]
    for index, check in enumerate(spec.checks):
        meta = {"grade": True, "grade_id": check.id, "locked": True, "points": check.points,
                "schema_version": 3, "solution": False}
        existing = next((c for c in notebook.cells if _is_test_cell(c) and _grade_id(c) == check.id),
                        None)
        if existing is None:
            existing = new_code_cell()
            before = spec.checks[index - 1].id if index else None
            at = next((i + 1 for i, c in enumerate(notebook.cells)
                       if before and _is_test_cell(c) and _grade_id(c) == before),
                      len(notebook.cells))
            notebook.cells.insert(at, existing)
        existing.source = _test_cell_text(spec.name, check)  # "C2W1_colab": its edition
        existing.metadata["nbgrader"] = meta
    return notebook


def write_test_cells(course_root: Path, spec) -> bool:
    """Rewrites the test cells of ``source/<name>/<notebook>`` from `spec`'s checks
    (`Assignment.name`: ``C2W1``, or ``C2W1_colab`` for another edition); returns whether the
    file changed."""
    path = course_root / "source" / spec.name / spec.notebook
    current = nbformat.read(path, as_version=4)
    authored = test_cells(spec, current)
    if authored == current:
        return False
    nbformat.write(authored, path)
    return True
