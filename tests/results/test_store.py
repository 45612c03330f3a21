"""Results: JSON round trip, schema, atomic writes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from autograder.results import (
    SCHEMA_PATH, CheckResult, GradeResult, from_dict, read_result, to_dict, write_result)
from autograder.results.store import write_json_atomic


def _result() -> GradeResult:
    checks = (
        CheckResult("model_binary_head", "head", "passed", 1.0, 1.0, False),
        CheckResult("heldout_accuracy", "held-out", "failed", 0.0, 4.0, True,
                    feedback="Expected ≥ 0.80. Found 0.5.", detail="accuracy=0.5"),
    )
    return GradeResult(assignment="C2W1", submission="x.ipynb", submission_sha256="0" * 64,
                       mode="trained", data="offline stand-in", data_origin="standin",
                       execution={"status": "completed", "message": "ok"}, checks=checks,
                       timings={"execute": 1.5}, created_at="2026-11-25T00:00:00+00:00",
                       grader_version="0.1.0", student="alice")


def test_round_trip_and_totals(tmp_path):
    result = _result()
    write_result(result, tmp_path / "r.json")
    again = read_result(tmp_path / "r.json")
    assert again == result
    assert (again.score, again.max_score) == (1.0, 5.0)


def test_written_json_matches_schema(tmp_path):
    write_result(_result(), tmp_path / "r.json")
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.validate(json.loads((tmp_path / "r.json").read_text()), schema)


def test_schema_rejects_unknown_status():
    data = to_dict(_result())
    data["checks"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))


def test_other_schema_version_is_refused():
    data = to_dict(_result())
    data["schema_version"] = 99
    with pytest.raises(ValueError, match="schema_version 1"):
        from_dict(data)


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    path = tmp_path / "r.json"
    write_json_atomic({"a": 1}, path)
    with pytest.raises(ValueError):
        write_json_atomic({"a": float("nan")}, path)  # NaN is not JSON
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_student_round_trips_and_is_in_the_json(tmp_path):
    write_result(_result(), tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["student"] == "alice"
    assert read_result(tmp_path / "r.json").student == "alice"


def test_result_written_before_student_existed_still_reads_and_validates():
    data = to_dict(_result())
    del data["student"]
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert from_dict(data).student == ""
