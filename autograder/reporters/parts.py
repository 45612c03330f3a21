"""What every reporter shows the same way: a check's message and hint, which data graded it.

Check feedback is written as "Expected …. Found …. How to fix: …" (`autograder.checks.base.failed`);
reporters show the hint apart from the message. Instructor-only ``detail`` is never read here.
Every text is `plain` (no escape sequence or control character); each reporter escapes it
for its own format (Jinja2's autoescape in HTML, `markdown_inline` in Markdown).
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.reporters.inert import plain
from autograder.results import CheckResult, GradeResult

__all__ = ["CheckRow", "check_rows", "data_label", "mixed_up", "points", "STATUS_MARKS",
           "STATUS_WORDS"]

STATUS_MARKS = {"passed": "✓", "failed": "✗", "grader_error": "!"}
STATUS_WORDS = {"passed": "passed", "failed": "failed", "grader_error": "grader error"}
_HINT = " How to fix: "


@dataclass(frozen=True)
class CheckRow:
    """One check as a student reads it."""

    title: str
    status: str
    points: str
    max_points: str
    message: str
    """What was expected and found (or the whole feedback when it has no hint)."""
    hint: str
    """How to fix it; ``""`` when the feedback has none."""


def points(value: float) -> str:
    """Points without trailing zeros: ``4`` and ``0.5``."""
    return f"{value:g}"


def _row(check: CheckResult) -> CheckRow:
    message, _, hint = plain(check.feedback).partition(_HINT)
    return CheckRow(title=plain(check.title), status=check.status, points=points(check.points),
                    max_points=points(check.max_points), message=message.strip(),
                    hint=hint.strip())


def check_rows(result: GradeResult) -> list[CheckRow]:
    """The checks of `result` in order, message and hint apart."""
    return [_row(check) for check in result.checks]


def data_label(result: GradeResult) -> str:
    """"offline stand-in data" or "real data": what a report's badge says."""
    return "real data" if result.data_origin == "real" else "offline stand-in data"


def mixed_up(confusion, limit: int = 3) -> list[str]:
    """The classes a confusion matrix mixes up most, in words (``"M read as N 12 times"``),
    most frequent first; ``[]`` when it has no mistake.

    Args:
        confusion: `autograder.results.evidence.Confusion` (counts only, never an image).
        limit: Most pairs named.
    """
    if confusion is None:
        return []
    names = [plain(name) for name in confusion.class_names]
    pairs = [(count, true, guess) for true, row in enumerate(confusion.counts)
             for guess, count in enumerate(row) if true != guess and count > 0]
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return [f"{names[true]} read as {names[guess]} {count} time{'s' if count > 1 else ''}"
            for count, true, guess in pairs[:limit]]
