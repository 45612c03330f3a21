"""``nbgrader export`` writing a CSV that no spreadsheet evaluates.

nbgrader's `CsvExportPlugin` writes each row with ``str.format``: a student id, name or email
that starts with ``=`` (or ``+``, ``-``, ``@``, a tab) becomes a formula in the spreadsheet
the instructor opens ``grades.csv`` in, and one that holds a comma or a line break shifts the
row's cells. `DefusedCsvExportPlugin` writes the same columns and rows with the `csv` module
(quoted where needed) and each text cell through `spreadsheet_cell` (a leading apostrophe
before a formula; numbers kept). ``nbgrader_config.py`` makes it ``nbgrader export``'s
default; ``--to`` still names the file.
"""

from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin

from autograder.reporters.inert import spreadsheet_cell

__all__ = ["DefusedCsvExportPlugin", "COLUMNS"]

COLUMNS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
           "email", "raw_score", "late_submission_penalty", "score", "max_score")
"""nbgrader's own columns, in its order."""


def _row(gradebook: Gradebook, assignment, student) -> dict:
    """One student's grade for one assignment, as nbgrader's CSV plugin computes it."""
    row = {"assignment": assignment.name, "duedate": assignment.duedate,
           "student_id": student.id, "last_name": student.last_name,
           "first_name": student.first_name, "email": student.email,
           "max_score": assignment.max_score, "timestamp": "", "raw_score": 0.0,
           "late_submission_penalty": 0.0, "score": 0.0}
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:  # nothing submitted: 0, as nbgrader says
        return row
    penalty = submission.late_submission_penalty
    row.update(timestamp=submission.timestamp, raw_score=submission.score,
               late_submission_penalty=penalty, score=max(0.0, submission.score - penalty))
    return row


class DefusedCsvExportPlugin(CsvExportPlugin):
    """nbgrader's CSV export (same columns, rows and options), each cell defused."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        students = {str(s) for s in self.student}
        assignments = {str(a) for a in self.assignment}
        self.log.info("Exporting grades to %s (formulas defused)", dest)
        with open(dest, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for assignment in gradebook.assignments:
                if assignments and assignment.name not in assignments:
                    continue
                for student in gradebook.students:
                    if students and student.id not in students:
                        continue
                    row = _row(gradebook, assignment, student)
                    writer.writerow([spreadsheet_cell("" if row[key] is None else str(row[key]))
                                     for key in COLUMNS])
