"""Result files for the services that show grades, all built from one `GradeResult`.

- `classroom_result`: Classroom 50's ``result.json`` (per test ``test-name``, ``passed``,
  ``score``, ``max-score``; whole points, as its schema ``classroom50/result/v1`` asks).
- `reporter_payload`: the JSON that the ``classroom-resources`` autograding reporter action
  reads base64-encoded from ``<RUNNER>_RESULTS`` (``version``, ``status``, ``max_score``,
  ``tests[]`` with ``name``, ``status``, ``score``, ``message`` …).
- `gradescope_results`: Gradescope's ``results.json`` (``score``, ``output``,
  ``visibility``, ``tests[]`` with ``name``, ``score``, ``max_score``, ``status``, ``output``,
  ``visibility``), every text declared ``"text"`` (``output_format``, ``test_output_format``,
  ``test_name_format``): Gradescope's default, ``simple_format``, reads HTML tags in it, so
  a student's ``<frozen runpy>`` would vanish as a tag.

Each shows students the same text as the other reporters (message and hint, which data was
used) and never a check's instructor ``detail``. Texts are `plain` (no escape sequence or
control character); the reporter's, which its action prints into the run's log, are made
`for_terminal` (no line of them is a workflow command).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from autograder.reporters.inert import for_terminal, plain
from autograder.reporters.parts import data_label, points
from autograder.results import GradeResult
from autograder.results.store import write_json_atomic, write_text_atomic

__all__ = ["FORMAT_FILES", "classroom_result", "reporter_payload", "reporter_base64",
           "gradescope_results", "write_result_formats"]

#: The files `write_result_formats` writes, by format.
FORMAT_FILES = {"classroom": "result.json", "reporter": "autograding-reporter.b64",
                "gradescope": "results.json"}
_REPORTER_STATUS = {"passed": "pass", "failed": "fail", "grader_error": "error"}
#: Gradescope's output format that shows a string as it is (no Markdown, no HTML).
_TEXT = "text"


def _whole(value: float) -> int:
    """Whole points (Classroom 50 counts integers); half points round half up."""
    return int(value + 0.5)


def _header(result: GradeResult) -> str:
    return plain(f"{result.assignment}: {points(result.score)} / {points(result.max_score)} "
                 f"points. Graded on {data_label(result)}: {result.data}")


def classroom_result(result: GradeResult, identity: dict[str, Any] | None = None) -> dict:
    """Classroom 50's ``result.json`` for `result`.

    Args:
        identity: the fields Classroom 50's runner stamps (``schema``, ``classroom``,
            ``owner``, ``submission``, ``commit`` …), when known; they are copied as given.
    """
    tests = [{"test-name": plain(check.title), "passed": check.passed,
              "score": _whole(check.points), "max-score": _whole(check.max_points),
              "message": plain(check.feedback)} for check in result.checks]
    document = dict(identity or {})
    document.update({"score": sum(t["score"] for t in tests),
                     "max-score": sum(t["max-score"] for t in tests), "tests": tests})
    if result.created_at and "graded_at" not in document:
        document["graded_at"] = result.created_at.replace("+00:00", "Z")
    return document


def reporter_payload(result: GradeResult) -> dict:
    """The ``classroom-resources`` autograding reporter's JSON for `result` (version 1)."""
    tests = [{"name": for_terminal(check.title), "status": _REPORTER_STATUS[check.status],
              "score": check.points, "message": for_terminal(check.feedback),
              "test_code": check.check_id, "filename": for_terminal(Path(result.submission).name),
              "line_no": 0, "execution_time": ""}
             for check in result.checks]
    statuses = {test["status"] for test in tests}
    status = "error" if "error" in statuses else "fail" if "fail" in statuses else "pass"
    return {"version": 1, "status": status, "max_score": result.max_score, "tests": tests}


def reporter_base64(result: GradeResult) -> str:
    """`reporter_payload` as the reporter reads it: UTF-8 JSON, base64-encoded."""
    return base64.b64encode(json.dumps(reporter_payload(result)).encode("utf-8")).decode("ascii")


def gradescope_results(result: GradeResult) -> dict:
    """Gradescope's ``results.json`` for `result`."""
    tests = [{"name": plain(check.title), "number": str(index), "score": check.points,
              "max_score": check.max_points, "status": "passed" if check.passed else "failed",
              "output": plain(check.feedback), "visibility": "visible"}
             for index, check in enumerate(result.checks, start=1)]
    execution = result.execution.get("message", "") if result.execution.get("status") not in (
        "completed", "external", None) else ""
    output = _header(result) + (f"\nRunning your notebook: {plain(execution)}"
                                if execution else "")
    return {"score": result.score, "execution_time": round(sum(result.timings.values())),
            "output": output, "output_format": _TEXT, "test_output_format": _TEXT,
            "test_name_format": _TEXT, "visibility": "visible", "stdout_visibility": "hidden",
            "extra_data": {"assignment": result.assignment, "data_origin": result.data_origin,
                           "grader_version": result.grader_version},
            "tests": tests}


def write_result_formats(result: GradeResult, folder: Path,
                         identity: dict[str, Any] | None = None) -> dict[str, Path]:
    """Writes every format of `result` into `folder`, atomically; returns the paths."""
    folder = Path(folder)
    paths = {name: folder / file for name, file in FORMAT_FILES.items()}
    write_json_atomic(classroom_result(result, identity), paths["classroom"])
    write_text_atomic(reporter_base64(result) + "\n", paths["reporter"])
    write_json_atomic(gradescope_results(result), paths["gradescope"])
    return paths
