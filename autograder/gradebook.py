"""Results of `autograder grade` into the instructor's records: nbgrader's gradebook (through
nbgrader's own API, so ``nbgrader export`` and formgrader show them) and a CSV of all
students that needs no nbgrader.

Each check is the nbgrader grade cell of the same id (``autograder author`` writes them into
``source/``), its points the cell's automatic score.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterable

from autograder.reporters.inert import spreadsheet_cell
from autograder.results import GradeResult, from_dict
from autograder.results.store import write_text_atomic

__all__ = ["CSV_COLUMNS", "find_results", "record_in_gradebook", "write_grades_csv"]

CSV_COLUMNS = ("student", "assignment", "notebook", "score", "max_score", "data_origin",
               "execution", "graded_at", "lost_checks", "grader_errors")


def find_results(folder: Path) -> list[GradeResult]:
    """Every grade result below `folder` (other JSON files are left alone), sorted by path."""
    results = []
    for path in sorted(Path(folder).rglob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(document, dict) and "checks" in document:
                results.append(from_dict(document))
        except (ValueError, KeyError, TypeError):
            continue
    return results


def _notebook(result: GradeResult) -> str:
    return Path(result.submission).stem


def _ensure_cells(gradebook, result: GradeResult) -> None:
    """The assignment, notebook and grade cells of `result`, where nbgrader has none yet."""
    from nbgrader.api import MissingEntry

    notebook = _notebook(result)
    gradebook.update_or_create_assignment(result.assignment)
    gradebook.update_or_create_notebook(notebook, result.assignment)
    for check in result.checks:
        try:
            gradebook.find_grade_cell(check.check_id, notebook, result.assignment)
        except MissingEntry:
            gradebook.update_or_create_grade_cell(check.check_id, notebook, result.assignment,
                                                  max_score=check.max_points, cell_type="code")


def record_in_gradebook(results: Iterable[GradeResult], db_url: str) -> list[str]:
    """Writes each result's points into nbgrader's gradebook at `db_url` as automatic scores.

    Results without an nbgrader student id (graded outside ``submitted/<student>/``) are
    left out. Returns ``"<student>/<assignment>"`` per recorded result.
    """
    from nbgrader.api import Gradebook, MissingEntry

    recorded = []
    with Gradebook(db_url) as gradebook:
        for result in results:
            if not result.student:
                continue
            _ensure_cells(gradebook, result)
            gradebook.update_or_create_student(result.student)
            try:
                gradebook.find_submission(result.assignment, result.student)
            except MissingEntry:
                gradebook.add_submission(result.assignment, result.student)
            for check in result.checks:
                grade = gradebook.find_grade(check.check_id, _notebook(result),
                                             result.assignment, result.student)
                grade.auto_score = check.points
                grade.needs_manual_grade = False
            gradebook.db.commit()
            recorded.append(f"{result.student}/{result.assignment}")
    return recorded


def write_grades_csv(results: Iterable[GradeResult], path: Path) -> int:
    """One row per result (see `CSV_COLUMNS`), written atomically; returns the row count. A
    text cell a spreadsheet would run as a formula starts with an apostrophe
    (`spreadsheet_cell`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for result in results:
        writer.writerow({column: spreadsheet_cell(value) for column, value in {
            "student": result.student, "assignment": result.assignment,
            "notebook": result.submission, "score": f"{result.score:g}",
            "max_score": f"{result.max_score:g}", "data_origin": result.data_origin,
            "execution": result.execution.get("status", ""), "graded_at": result.created_at,
            "lost_checks": ";".join(c.check_id for c in result.checks if c.status == "failed"),
            "grader_errors": ";".join(c.check_id for c in result.grader_errors)}.items()})
        rows += 1
    write_text_atomic(buffer.getvalue(), Path(path))
    return rows
