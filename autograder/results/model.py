"""The results of grading: frozen dataclasses, persisted as versioned JSON.

Rendering (tables, HTML, Gradescope files) lives in `autograder.reporters`; these
classes only hold data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from autograder.results.evidence import Evidence

__all__ = ["SCHEMA_VERSION", "CheckResult", "GradeResult", "STATUSES"]

SCHEMA_VERSION = 1

#: "passed" and "failed" judge the submission; "grader_error" means the grader
#: itself broke on this check: the student gets no points for it, the result says
#: so explicitly, and the command exits non-zero so an instructor looks.
STATUSES = ("passed", "failed", "grader_error")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one submission."""

    check_id: str
    """Stable identifier, e.g. ``"model_rescaling_first"``; also the nbgrader grade id."""
    title: str
    """What is checked, in the course's words (shown to students)."""
    status: str
    """One of `STATUSES`."""
    points: float
    """Points earned."""
    max_points: float
    """Points available."""
    hidden: bool
    """Whether the check is hidden from students before they submit."""
    feedback: str = ""
    """For the student: what was expected, what was found, how to fix it. Empty when passed."""
    detail: str = ""
    """For instructors only (tracebacks, raw values). Never shown to students."""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class GradeResult:
    """Everything known about grading one submission."""

    assignment: str
    """Assignment id, e.g. ``"C2W1"``."""
    submission: str
    """Path of the graded notebook, as given."""
    submission_sha256: str
    """SHA-256 of the notebook file, so a result can be matched to what was graded."""
    mode: str
    """Which model the held-out check evaluated: ``"trained"`` or ``"retrain"``."""
    data: str
    """One sentence naming the data the submission was graded on (stand-in or real)."""
    data_origin: str
    """``"standin"`` or ``"real"``."""
    execution: dict[str, Any]
    """The execution report of the student's notebook (see `autograder.execute`)."""
    checks: tuple[CheckResult, ...]
    """One result per check, in the assignment's order."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent per stage (``execute``, ``check`` …)."""
    created_at: str = ""
    """ISO 8601 time the result was made (UTC)."""
    grader_version: str = ""
    """Version of the grader that made it: ``"<version>+<hash of its code>"`` (see
    `autograder.grader_fingerprint`); a batch reuses a result only from the same grader."""
    student: str = ""
    """The nbgrader student id (``submitted/<student>/<assignment>/``) when known, else ``""``."""
    edition: str = ""
    """The edition of the course the notebook was graded as (`autograder.assignments.Edition`
    name: ``"keras3"``, ``"colab"``); ``""`` in results written before editions existed."""
    evidence: Evidence | None = None
    """What reports draw (curves, layers, mistakes on the validation split), collected by the
    grader after the checks; None when nothing could be collected (e.g. results written
    before it existed)."""
    schema_version: int = SCHEMA_VERSION
    """Version of this JSON layout; bumped on any incompatible change."""

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_points for c in self.checks), 6)

    @property
    def grader_errors(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.status == "grader_error")

    def replace(self, **changes: Any) -> "GradeResult":
        return dataclasses.replace(self, **changes)
