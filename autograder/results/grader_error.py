"""The result of a submission the grader itself failed on: explicit, never a silent zero."""

from __future__ import annotations

import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from autograder import grader_fingerprint
from autograder.results.model import CheckResult, GradeResult

if TYPE_CHECKING:
    from autograder.assignments import Assignment

__all__ = ["GRADER_ERROR_FEEDBACK", "grader_error_result"]

#: What the student reads on every check of a submission the grader failed on.
GRADER_ERROR_FEEDBACK = ("The grader could not grade this notebook; this is not your fault. "
                         "Your instructor has been told.")


def grader_error_result(spec: "Assignment", notebook: Path, error: BaseException, *, mode: str,
                        data: str, data_origin: str, student: str = "",
                        submission_sha256: str = "", seconds: float = 0.0) -> GradeResult:
    """A `GradeResult` for a submission whose grading raised `error` (a grader bug).

    Every check of `spec` gets ``status="grader_error"`` and 0 points, so the failure is
    visible in the score, the table and the exit code. Students read only
    `GRADER_ERROR_FEEDBACK`; the traceback goes to ``detail`` (instructors only), since an
    exception's text may name the grader's files.

    Args:
        spec: the assignment, for its checks.
        notebook: the submission, as given.
        error: what grading raised.
        mode: the grading mode (``"trained"`` or ``"retrain"``).
        data: the sentence naming the data it would have been graded on.
        data_origin: ``"standin"`` or ``"real"``.
        student: the nbgrader student id, if known.
        submission_sha256: SHA-256 of the notebook's bytes.
        seconds: how long grading ran before it failed.

    Returns:
        The result, with ``execution={"status": "grader_error", "message": ...}``.
    """
    detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    checks = tuple(
        CheckResult(check_id=check.id, title=check.title, status="grader_error", points=0.0,
                    max_points=check.points, hidden=check.hidden,
                    feedback=GRADER_ERROR_FEEDBACK, detail=detail)
        for check in spec.checks)
    return GradeResult(
        assignment=spec.id, submission=str(notebook), submission_sha256=submission_sha256,
        mode=mode, data=data, data_origin=data_origin,
        execution={"status": "grader_error", "message": GRADER_ERROR_FEEDBACK},
        checks=checks, timings={"grade": round(max(seconds, 0.0), 3)},
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        grader_version=grader_fingerprint(), student=student,
        edition=getattr(getattr(spec, "edition", None), "name", ""))
