"""The class's grades as one CSV: a row per submission, a column per check.

The first columns are ``grades.csv``'s (`CLASS_COLUMNS`, the batch's table), so one layout
serves a spreadsheet, a gradebook import (``student`` and ``score``) and the per-check view;
then one column per check with the points earned, named by the check's id (``C2W1:<id>``
when the folder holds several assignments; empty where a check is not the row's
assignment's). Every text cell goes through `spreadsheet_cell` (a student folder named
``=HYPERLINK(…)`` is text, not a formula), as in the batch's and the gradebook's CSVs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from autograder.reporters.classreport.aggregate import failure_reason, grading_seconds
from autograder.reporters.classreport.collect import Entry
from autograder.reporters.inert import spreadsheet_cell
from autograder.results.store import write_text_atomic

__all__ = ["CLASS_COLUMNS", "check_columns", "class_csv", "write_class_csv"]

CLASS_COLUMNS = ("student", "assignment", "key", "submission", "score", "max_score", "status",
                 "grader_errors", "seconds", "graded_at", "grader_version", "failure")
"""The leading columns: those of the batch's ``grades.csv``, in its order."""


def check_columns(entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """``(assignment, check id)`` of every check column, in order of first appearance."""
    seen: dict[tuple[str, str], None] = {}
    for entry in sorted(entries, key=lambda e: (e.result.assignment, e.key)):
        for check in entry.result.checks:
            seen.setdefault((entry.result.assignment, check.check_id))
    return list(seen)


def class_csv(entries: Sequence[Entry]) -> str:
    """The CSV text of `entries`, sorted by assignment then key."""
    columns = check_columns(entries)
    several = len({assignment for assignment, _ in columns}) > 1
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([*CLASS_COLUMNS, *(f"{a}:{c}" if several else c for a, c in columns)])
    for entry in sorted(entries, key=lambda e: (e.result.assignment, e.key)):
        result = entry.result
        earned = {(result.assignment, check.check_id): f"{check.points:g}"
                  for check in result.checks}
        cells = [result.student, result.assignment, entry.key, result.submission,
                 f"{result.score:g}", f"{result.max_score:g}",
                 result.execution.get("status", ""), len(result.grader_errors),
                 f"{grading_seconds(result):.1f}", result.created_at, result.grader_version,
                 failure_reason(result), *(earned.get(column, "") for column in columns)]
        writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return text.getvalue()


def write_class_csv(entries: Sequence[Entry], path: Path) -> Path:
    """Writes `class_csv` to `path`, atomically; returns `path`."""
    write_text_atomic(class_csv(entries), Path(path))
    return Path(path)
