"""Which result a batch may keep instead of grading again (both batch runners ask)."""

from __future__ import annotations

from pathlib import Path

from autograder import grader_fingerprint
from autograder.results.model import GradeResult
from autograder.results.store import read_result

__all__ = ["finished_result"]


def finished_result(path: Path, *, assignment: str, sha256: str, mode: str,
                     data: str) -> GradeResult | None:
    """The result at `path` if this grader would make the same one now, else None.

    Same grader code, notebook bytes, assignment, mode and data. A file that cannot be read
    (another schema, edited by hand) is graded again, and so is a submission the grader
    failed on as a whole (the failure may have been the machine's, e.g. memory); a check's
    grader error is kept: the same code would fail the same way (`--force` tries anyway).
    """
    try:
        result = read_result(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    same = (result.grader_version, result.submission_sha256, result.assignment, result.mode,
            result.data) == (grader_fingerprint(), sha256, assignment, mode, data)
    return result if same and result.execution.get("status") != "grader_error" else None
