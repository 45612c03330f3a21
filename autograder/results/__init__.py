"""Grading results: dataclasses, their versioned JSON files, and where each file goes."""

from autograder.results.grader_error import GRADER_ERROR_FEEDBACK, grader_error_result
from autograder.results.keys import (
    KeyClash, Placement, Placements, place, place_all, result_key, student_of,
    submission_sha256)
from autograder.results.model import SCHEMA_VERSION, STATUSES, CheckResult, GradeResult
from autograder.results.store import (
    SCHEMA_PATH, from_dict, read_result, to_dict, write_json_atomic, write_result)

__all__ = [
    "SCHEMA_VERSION", "STATUSES", "CheckResult", "GradeResult", "SCHEMA_PATH",
    "from_dict", "to_dict", "read_result", "write_result", "write_json_atomic",
    "GRADER_ERROR_FEEDBACK", "grader_error_result",
    "KeyClash", "Placement", "Placements", "place", "place_all", "result_key", "student_of",
    "submission_sha256",
]
