"""Reading and writing `GradeResult` as versioned JSON, atomically.

The JSON layout is described by ``grade-result-v1.schema.json`` beside this file.
Never pickle: results cross processes and machines as plain JSON.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from autograder.results.evidence import evidence_from_dict, evidence_to_dict
from autograder.results.model import SCHEMA_VERSION, CheckResult, GradeResult

__all__ = ["SCHEMA_PATH", "to_dict", "from_dict", "write_result", "read_result", "write_json_atomic",
           "write_text_atomic"]

SCHEMA_PATH = Path(__file__).with_name("grade-result-v1.schema.json")


def to_dict(result: GradeResult) -> dict[str, Any]:
    """Returns the JSON-ready dict of `result`, with its score totals."""
    data = {
        "schema_version": result.schema_version,
        "grader_version": result.grader_version,
        "created_at": result.created_at,
        "assignment": result.assignment,
        "edition": result.edition,
        "student": result.student,
        "submission": result.submission,
        "submission_sha256": result.submission_sha256,
        "mode": result.mode,
        "data": result.data,
        "data_origin": result.data_origin,
        "score": result.score,
        "max_score": result.max_score,
        "execution": result.execution,
        "timings": result.timings,
        "checks": [check_to_dict(c) for c in result.checks],
    }
    if result.evidence is not None:
        data["evidence"] = evidence_to_dict(result.evidence)
    return data


def check_to_dict(check: CheckResult) -> dict[str, Any]:
    """Returns the JSON-ready dict of one check result."""
    return {
        "check_id": check.check_id,
        "title": check.title,
        "status": check.status,
        "points": check.points,
        "max_points": check.max_points,
        "hidden": check.hidden,
        "feedback": check.feedback,
        "detail": check.detail,
    }


def check_from_dict(data: dict[str, Any]) -> CheckResult:
    """Inverse of `check_to_dict`."""
    return CheckResult(**{k: data[k] for k in (
        "check_id", "title", "status", "points", "max_points", "hidden", "feedback", "detail")})


def from_dict(data: dict[str, Any]) -> GradeResult:
    """Builds a `GradeResult` from its JSON dict.

    Raises:
        ValueError: if the dict was written by an incompatible schema version.
    """
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(
            f"Expected a grade result with schema_version {SCHEMA_VERSION}. Received: {version!r}.")
    return GradeResult(
        assignment=data["assignment"],
        submission=data["submission"],
        submission_sha256=data["submission_sha256"],
        mode=data["mode"],
        data=data["data"],
        data_origin=data["data_origin"],
        execution=data["execution"],
        checks=tuple(check_from_dict(c) for c in data["checks"]),
        timings=data.get("timings", {}),
        created_at=data.get("created_at", ""),
        grader_version=data.get("grader_version", ""),
        student=data.get("student", ""),  # optional: results written before it existed
        edition=data.get("edition", ""),  # optional: results written before editions
        evidence=evidence_from_dict(data["evidence"]) if data.get("evidence") else None,
        schema_version=version,
    )


def write_json_atomic(data: Any, path: Path) -> None:
    """Writes `data` as JSON to `path` so readers never see a half-written file."""
    write_text_atomic(json.dumps(data, indent=2, sort_keys=False, allow_nan=False) + "\n", path)


def write_text_atomic(text: str, path: Path) -> None:
    """Writes `text` (UTF-8) to `path` so readers never see a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_result(result: GradeResult, path: Path) -> None:
    """Writes `result` as versioned JSON, atomically."""
    write_json_atomic(to_dict(result), path)


def read_result(path: Path) -> GradeResult:
    """Reads a result written by `write_result`."""
    return from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
