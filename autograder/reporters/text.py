"""Plain-text reports: the score table for instructors and feedback for students.

Each is printed to terminals and CI logs, so each is made `for_terminal` (no escape
sequence, control character or workflow command from a student's text survives).
"""

from __future__ import annotations

from typing import Iterable

from autograder.assignments.editions import edition_title
from autograder.reporters.inert import for_terminal
from autograder.results import GradeResult

__all__ = ["score_table", "student_feedback", "batch_table"]

_MARK = {"passed": "✓", "failed": "✗", "grader_error": "!"}


def _fit(name: str, width: int = 40) -> str:
    """`name` cut to `width` characters, keeping its end (the file name) and marking the cut."""
    return name if len(name) <= width else "…" + name[-(width - 1):]


def _points(value: float) -> str:
    return f"{value:g}"


def student_feedback(result: GradeResult) -> str:
    """The feedback a student reads: each check, its points, and how to fix failures.

    Hidden checks show their title and verdict, never their code or data.
    """
    lines = [f"{result.assignment}: {_points(result.score)} / {_points(result.max_score)} points",
             f"Graded on: {result.data}"]
    execution = result.execution
    if execution.get("notice"):
        lines.append(f"About your notebook: {execution['notice']}")
    if execution.get("status") not in ("completed", "external", None):
        lines.append(f"Running your notebook: {execution.get('message', '')}")
    if result.edition:
        lines.append(f"Graded as: {edition_title(result.assignment, result.edition)}")
    for check in result.checks:
        lines.append(f"  {_MARK[check.status]} {check.title} "
                     f"[{_points(check.points)}/{_points(check.max_points)}]")
        if check.feedback:
            lines.append("      " + check.feedback)
    return for_terminal("\n".join(lines))


def score_table(result: GradeResult) -> str:
    """A compact table of one result: check id, status, points."""
    width = max(len(c.check_id) for c in result.checks) if result.checks else 10
    rows = [f"{'check':<{width}}  status        points"]
    for check in result.checks:
        rows.append(f"{check.check_id:<{width}}  {check.status:<12}  "
                    f"{_points(check.points):>3}/{_points(check.max_points)}")
    rows.append(f"{'total':<{width}}  {'':<12}  {_points(result.score):>3}/"
                f"{_points(result.max_score)}")
    return for_terminal("\n".join(rows))


def batch_table(results: Iterable[tuple[str, GradeResult | None, str]]) -> str:
    """One line per submission: name, score, execution status, seconds.

    Args:
        results: ``(name, result or None, error message)`` per submission.
    """
    rows = [f"{'submission':<40} {'score':>11}  {'notebook run':<14} {'seconds':>8}"]
    for name, result, error in results:
        if result is None:
            rows.append(f"{_fit(name):<40} {'-':>11}  {'not graded':<14} {'':>8}  {error}")
            continue
        seconds = sum(result.timings.values())
        score = f"{_points(result.score)}/{_points(result.max_score)}"
        rows.append(f"{_fit(name):<40} {score:>11}  {result.execution.get('status', ''):<14} "
                    f"{seconds:8.1f}")
    return for_terminal("\n".join(rows))
