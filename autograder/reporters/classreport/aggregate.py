"""A class's results summed up per assignment: what the class report and its CSV show.

Pure functions over `Entry` objects; nothing here draws or writes. Student text (feedback,
execution messages) is kept `plain`; each renderer escapes it for its format.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from autograder.reporters.classreport.collect import Entry, Unreadable
from autograder.reporters.classreport.similar import SimilarGroup, similar_groups
from autograder.reporters.inert import plain
from autograder.reporters.parts import check_rows
from autograder.results import GRADER_ERROR_FEEDBACK, GradeResult

__all__ = ["MessageCount", "CheckSummary", "GradingRow", "GraderErrorRow", "AssignmentSummary",
           "ClassSummary", "summarize_class", "grading_seconds", "failure_reason",
           "COMPLETED", "TOP_MESSAGES", "SLOWEST"]

COMPLETED = ("completed", "external")
"""Execution statuses of a notebook that ran to its end (or was run elsewhere)."""
TOP_MESSAGES = 3
"""Most common messages kept per check."""
SLOWEST = 10
"""Slowest gradings listed per assignment."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class MessageCount:
    """One kind of feedback a check gave, and to how many submissions."""

    text: str
    """One submission's message (what was expected and found), as it read it."""
    count: int
    """Submissions given this message, numbers aside (``0.48`` and ``0.51`` count as one)."""


@dataclass(frozen=True)
class CheckSummary:
    """One check across the class."""

    check_id: str
    title: str
    max_points: float
    hidden: bool
    passed: int
    failed: int
    grader_errors: int
    """Submissions on which the grader broke on this check (counted apart from failures)."""
    messages: tuple[MessageCount, ...]
    """The `TOP_MESSAGES` most common messages of the failed submissions, most common first."""

    @property
    def judged(self) -> int:
        return self.passed + self.failed

    @property
    def failure_rate(self) -> float | None:
        """Failed over passed-or-failed; None when no submission was judged."""
        return self.failed / self.judged if self.judged else None


@dataclass(frozen=True)
class GradingRow:
    """One submission as the report's tables list it."""

    key: str
    student: str
    score: float
    max_score: float
    status: str
    """The notebook run's status (``completed``, ``cell_errors``, ``timed_out`` …)."""
    message: str
    """The run's message to the student (`plain`)."""
    seconds: float
    """The whole grading (every stage of `GradeResult.timings`)."""
    execute_seconds: float
    """Of which running the notebook."""


@dataclass(frozen=True)
class GraderErrorRow:
    """A submission on which the grader itself broke."""

    key: str
    checks: tuple[str, ...]
    """The checks it broke on (every check when the whole grading failed)."""
    reason: str
    """The last line of the first traceback (instructor-only ``detail``), `plain`."""


@dataclass(frozen=True)
class AssignmentSummary:
    """One assignment across the class."""

    assignment: str
    submissions: int
    max_score: float
    scores: tuple[float, ...]
    """The score of every graded submission (whole-submission grader errors left out)."""
    statuses: tuple[tuple[str, int], ...]
    """Notebook run status and how many submissions ended so, most common first."""
    checks: tuple[CheckSummary, ...]
    """In the assignment's order."""
    slowest: tuple[GradingRow, ...]
    not_completed: tuple[GradingRow, ...]
    """Submissions whose notebook did not run to its end, or that the grader failed on."""
    grader_errors: tuple[GraderErrorRow, ...]
    similar: tuple[SimilarGroup, ...]
    grader_versions: tuple[tuple[str, int], ...] = ()
    """Grader version and how many results it made, most common first (results of several
    versions are graded by different rules)."""

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None


@dataclass(frozen=True)
class ClassSummary:
    """Every assignment of a results folder."""

    assignments: tuple[AssignmentSummary, ...]
    unreadable: tuple[Unreadable, ...] = ()

    @property
    def submissions(self) -> int:
        return sum(summary.submissions for summary in self.assignments)


def grading_seconds(result: GradeResult) -> float:
    """The whole grading's seconds (the sum of its stages)."""
    return float(sum(result.timings.values()))


def failure_reason(result: GradeResult) -> str:
    """For a result with grader errors: the last line of the first one's traceback."""
    for check in result.grader_errors:
        lines = [line.strip() for line in plain(check.detail).splitlines() if line.strip()]
        if lines:
            return lines[-1][:300]
    return "grader error" if result.grader_errors else ""


def _grading_row(entry: Entry) -> GradingRow:
    result = entry.result
    return GradingRow(key=entry.key, student=result.student, score=result.score,
                      max_score=result.max_score,
                      status=plain(result.execution.get("status", "")),
                      message=plain(result.execution.get("message", "")),
                      seconds=grading_seconds(result),
                      execute_seconds=float(result.timings.get("execute", 0.0)))


def _checks(entries: Sequence[Entry]) -> tuple[CheckSummary, ...]:
    order: dict[str, object] = {}
    counts: dict[str, Counter] = defaultdict(Counter)
    messages: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    for entry in entries:
        for check, row in zip(entry.result.checks, check_rows(entry.result)):
            order.setdefault(check.check_id, check)
            counts[check.check_id][check.status] += 1
            if check.status == "failed" and check.feedback != GRADER_ERROR_FEEDBACK:
                text = row.message or "(no message)"
                shape = _NUMBER.sub("#", text)
                messages[check.check_id][shape] += 1
                examples.setdefault((check.check_id, shape), text)
    return tuple(
        CheckSummary(check_id=check_id, title=plain(check.title), max_points=check.max_points,
                     hidden=check.hidden, passed=counts[check_id]["passed"],
                     failed=counts[check_id]["failed"],
                     grader_errors=counts[check_id]["grader_error"],
                     messages=tuple(MessageCount(examples[(check_id, shape)], count)
                                    for shape, count in sorted(
                                        messages[check_id].items(),
                                        key=lambda item: (-item[1], item[0]))[:TOP_MESSAGES]))
        for check_id, check in order.items())


def _assignment(assignment: str, entries: Sequence[Entry]) -> AssignmentSummary:
    graded = [e for e in entries if e.result.execution.get("status") != "grader_error"]
    rows = [_grading_row(entry) for entry in entries]
    statuses = Counter(row.status for row in rows)
    return AssignmentSummary(
        assignment=assignment, submissions=len(entries),
        max_score=max((e.result.max_score for e in entries), default=0.0),
        scores=tuple(e.result.score for e in graded),
        statuses=tuple(sorted(statuses.items(), key=lambda item: (-item[1], item[0]))),
        checks=_checks(entries),
        slowest=tuple(sorted(rows, key=lambda row: (-row.seconds, row.key))[:SLOWEST]),
        not_completed=tuple(row for row in rows if row.status not in COMPLETED),
        grader_errors=tuple(
            GraderErrorRow(key=e.key, checks=tuple(c.check_id for c in e.result.grader_errors),
                           reason=failure_reason(e.result))
            for e in entries if e.result.grader_errors),
        similar=similar_groups(entries),
        grader_versions=tuple(Counter(plain(e.result.grader_version) or "unknown"
                                      for e in entries).most_common()))


def summarize_class(entries: Sequence[Entry],
                    unreadable: Sequence[Unreadable] = ()) -> ClassSummary:
    """Sums up `entries` per assignment (sorted by assignment id, entries by key)."""
    by_assignment: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.key):
        by_assignment[entry.result.assignment].append(entry)
    return ClassSummary(
        assignments=tuple(_assignment(name, by_assignment[name]) for name in sorted(by_assignment)),
        unreadable=tuple(unreadable))
