"""Grading results: dataclasses and their versioned JSON files."""

from autograder.results.model import SCHEMA_VERSION, STATUSES, CheckResult, GradeResult
from autograder.results.store import (
    SCHEMA_PATH, from_dict, read_result, to_dict, write_json_atomic, write_result)

__all__ = [
    "SCHEMA_VERSION", "STATUSES", "CheckResult", "GradeResult", "SCHEMA_PATH",
    "from_dict", "to_dict", "read_result", "write_result", "write_json_atomic",
]
