"""What a check is, and how a list of checks is run into results.

A check is one small function with its metadata beside it. It inspects the exported
artifacts of a submission (never the live objects, never mutating anything) and returns
an `Outcome` instead of raising an assertion.

Example:

    @check("model_three_conv_layers", title="create_model() has at least 3 Conv2D layers",
           points=1, needs=("created_model",))
    def model_three_conv_layers(artifacts):
        count = ...
        if count >= 3:
            return passed()
        return failed(expected="at least 3 Conv2D layers", found=f"{count}",
                      fix="add Conv2D/MaxPooling2D blocks")
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from autograder.results import CheckResult

__all__ = ["Check", "Outcome", "check", "passed", "failed", "MissingArtifact", "run_checks"]


@dataclass(frozen=True)
class Outcome:
    """What a check function returns."""

    passed: bool
    """Whether the submission meets the check."""
    feedback: str = ""
    """For the student when failed: expected / found / how to fix."""
    detail: str = ""
    """For instructors: raw values that explain the verdict."""


def passed(detail: str = "") -> Outcome:
    """Returns a passing `Outcome`."""
    return Outcome(True, "", detail)


def failed(*, expected: str, found: str, fix: str, detail: str = "") -> Outcome:
    """Returns a failing `Outcome` whose feedback says expected / found / how to fix.

    Args:
        expected: what the assignment asks for, e.g. "a last layer Dense(1, activation='sigmoid')".
        found: what the submission has, e.g. "Dense(2, activation='relu')".
        fix: one hint a student can act on.
        detail: optional instructor-only detail.
    """
    feedback = f"Expected {expected}. Found {found}. How to fix: {fix}"
    return Outcome(False, feedback, detail)


class MissingArtifact(Exception):
    """Raised by artifact accessors when the student's code did not produce something.

    Its message is written for the student (e.g. "create_model() raised ValueError: …"),
    so a check that needs the artifact fails with that message.
    """

    def __init__(self, feedback: str, detail: str = "", *, grader_error: bool = False):
        super().__init__(feedback)
        self.feedback = feedback
        self.detail = detail
        self.grader_error = grader_error
        """True when the grader's own export broke, not the student's code."""


@dataclass(frozen=True)
class Check:
    """One check with its metadata."""

    id: str
    """Stable id; also the nbgrader grade id of the test cell that runs it."""
    title: str
    """What is checked, in the course's words."""
    points: float
    """Points for passing."""
    needs: tuple[str, ...]
    """Artifacts it reads (e.g. ``"created_model"``), for partial exports and self-checks."""
    hidden: bool
    """Hidden checks (held-out data, hidden probes) run only in the grader."""
    run: Callable[[Any], Outcome]
    """The check function; takes the artifacts, returns an `Outcome`."""
    needs_heldout: bool = False
    """Whether it scores on the grader's held-out data (never run in a student's kernel)."""
    claims: tuple[str, ...] = ()
    """The facts from the student's kernel it rests on (names of
    `autograder.artifacts.claims.CLAIMS`): what a forged export could move."""


def check(id: str, *, title: str, points: float, needs: tuple[str, ...], hidden: bool = False,
          needs_heldout: bool = False, claims: tuple[str, ...] | None = None):
    """Decorator turning a function ``(artifacts) -> Outcome`` into a `Check`.

    `claims` defaults to the whole of each artifact in `needs`; a check that rests on one
    verified field (``"datasets.file_paths"``) names it."""

    def wrap(function: Callable[[Any], Outcome]) -> Check:
        return Check(id=id, title=title, points=float(points), needs=tuple(needs),
                     hidden=hidden, run=function, needs_heldout=needs_heldout,
                     claims=tuple(needs) if claims is None else tuple(claims))

    return wrap


def _result(check_: Check, status: str, feedback: str = "", detail: str = "") -> CheckResult:
    points = check_.points if status == "passed" else 0.0
    return CheckResult(check_id=check_.id, title=check_.title, status=status, points=points,
                       max_points=check_.points, hidden=check_.hidden, feedback=feedback,
                       detail=detail)


def run_check(check_: Check, artifacts: Any) -> CheckResult:
    """Runs one check; a crash of the check itself becomes an explicit grader error, and a
    check whose input a failed cell kept from being made is not graded (0 points, worded as
    such, never as the model's fault: `autograder.artifacts.not_graded`)."""
    not_graded = getattr(artifacts, "not_graded", None)
    reason = not_graded(check_.needs) if callable(not_graded) else ""
    if reason:
        return _result(check_, "failed", reason, f"not graded: needs {', '.join(check_.needs)}")
    try:
        outcome = check_.run(artifacts)
    except MissingArtifact as missing:
        status = "grader_error" if missing.grader_error else "failed"
        return _result(check_, status, missing.feedback, missing.detail)
    except Exception:  # noqa: BLE001 - a grader bug must never become a silent zero
        return _result(
            check_, "grader_error",
            "The grader could not run this check on your submission; this is not your fault. "
            "Your instructor can see the details.",
            traceback.format_exc())
    if not isinstance(outcome, Outcome):
        return _result(check_, "grader_error", "The grader could not run this check.",
                       f"check returned {outcome!r}, expected an Outcome")
    return _result(check_, "passed" if outcome.passed else "failed", outcome.feedback,
                   outcome.detail)


def run_checks(checks: Iterable[Check], artifacts: Any) -> tuple[CheckResult, ...]:
    """Runs `checks` in order on `artifacts`; one failing check never stops the others."""
    return tuple(run_check(c, artifacts) for c in checks)
