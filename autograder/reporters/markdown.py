"""The Markdown summary a student reads on the CI run's page (``$GITHUB_STEP_SUMMARY``).

Every text from a result goes through `markdown_inline`: it renders as itself, never as
markup, a link or an HTML tag, and never ends its table cell.
"""

from __future__ import annotations

from autograder.assignments.editions import edition_title
from autograder.reporters.inert import markdown_inline
from autograder.reporters.parts import STATUS_MARKS, check_rows, data_label, points
from autograder.results import GradeResult

__all__ = ["markdown_summary"]


def _cell(text: str) -> str:
    """`text` safe inside one Markdown table cell."""
    return markdown_inline(text)


def markdown_summary(result: GradeResult, *, report_note: str = "") -> str:
    """A heading with the score, which data was used, and one table row per check with
    what was found and the hint.

    Args:
        report_note: a line about the full report (e.g. where the HTML artifact is).
    """
    lines = [f"## {_cell(result.assignment)}: {points(result.score)} / "
             f"{points(result.max_score)} points",
             "", f"Graded on **{data_label(result)}**: {_cell(result.data)}", ""]
    execution = result.execution
    if execution.get("notice"):
        lines += [f"> About your notebook: {_cell(execution['notice'])}", ""]
    if execution.get("status") not in ("completed", "external", None):
        lines += [f"> Running your notebook: {_cell(execution.get('message', ''))}", ""]
    if result.edition:
        lines += [f"Graded as {_cell(edition_title(result.assignment, result.edition))}.", ""]
    lines += ["| | check | points | what was found | how to fix |", "|:-:|---|--:|---|---|"]
    for row in check_rows(result):
        lines.append(f"| {STATUS_MARKS[row.status]} | {_cell(row.title)} | "
                     f"{row.points}/{row.max_points} | {_cell(row.message)} | {_cell(row.hint)} |")
    if report_note:
        lines += ["", report_note]
    return "\n".join(lines) + "\n"
