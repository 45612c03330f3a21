"""A grader failure becomes an explicit grader_error result, valid against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from autograder import grader_fingerprint
from autograder.assignments import get_assignment
from autograder.reporters import student_feedback
from autograder.results import (
    GRADER_ERROR_FEEDBACK, SCHEMA_PATH, grader_error_result, read_result, write_result)


def _failure() -> Exception:
    try:
        {}["/secret/heldout/path"]
    except KeyError as error:
        return error
    raise AssertionError("unreachable")


def _result():
    return grader_error_result(
        get_assignment("C2W1"), Path("submitted/alice/C2W1/C2W1_Assignment.ipynb"), _failure(),
        mode="trained", data="offline stand-in", data_origin="standin", student="alice",
        submission_sha256="a" * 64, seconds=1.25)


def test_every_check_is_a_grader_error_worth_nothing():
    result, spec = _result(), get_assignment("C2W1")
    assert [c.check_id for c in result.checks] == [c.id for c in spec.checks]
    assert all(c.status == "grader_error" and c.points == 0 for c in result.checks)
    assert result.score == 0 and result.max_score == spec.max_score
    assert result.grader_errors == result.checks
    assert result.execution["status"] == "grader_error"
    assert (result.student, result.grader_version) == ("alice", grader_fingerprint())


def test_students_read_no_traceback_instructors_do():
    result = _result()
    assert all(c.feedback == GRADER_ERROR_FEEDBACK for c in result.checks)
    assert "Traceback" in result.checks[0].detail and "KeyError" in result.checks[0].detail
    shown = student_feedback(result)
    assert "secret" not in shown and "Traceback" not in shown and "KeyError" not in shown
    assert "this is not your fault" in shown


def test_grader_error_result_is_schema_valid_and_round_trips(tmp_path):
    write_result(_result(), tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert read_result(tmp_path / "r.json") == _result().replace(
        created_at=data["created_at"])
