"""The CI result formats and the job summary on edge cases a real grading rarely shows:
half points, a grader error, feedback with Markdown's table characters. (Real graded results
go through every format in tests/e2e/test_feedback.py.)"""

from __future__ import annotations

import base64
import json
import re

import jsonschema

from autograder.reporters.formats import (classroom_result, gradescope_results, reporter_base64,
                                          reporter_payload)
from autograder.reporters.markdown import markdown_summary
from autograder.results import CheckResult, GradeResult
from tests.reporters import consumers


def _result(*checks: CheckResult) -> GradeResult:
    return GradeResult(assignment="C2W1", submission="hand-ins/x/C2W1_Assignment.ipynb",
                       submission_sha256="", mode="trained", data="the real photos",
                       data_origin="real", execution={"status": "timeout",
                                                      "message": "Cell 9 ran past 600 s."},
                       checks=checks, created_at="2026-11-26T08:00:00+00:00")


HALF = CheckResult("a", "Half", "passed", 0.5, 0.5, False)
PIPE = CheckResult("b", "Pipes | here", "failed", 0, 1, False,
                   "Expected a|b. Found c\nd. How to fix: use `x | y`.", "secret detail")
BROKEN = CheckResult("c", "Broken", "grader_error", 0, 2, True, "not your fault", "Traceback")


def test_whole_points_for_classroom_and_exact_points_elsewhere():
    result = _result(HALF, PIPE)
    classroom = classroom_result(result, {"schema": "classroom50/result/v1", "owner": "x"})
    jsonschema.validate(classroom, consumers.CLASSROOM50)
    assert classroom["tests"][0]["score"] == 1 and classroom["owner"] == "x"
    assert classroom["graded_at"] == "2026-11-26T08:00:00Z"
    gradescope = gradescope_results(result)
    jsonschema.validate(gradescope, consumers.GRADESCOPE)
    assert gradescope["score"] == 0.5 and "Cell 9 ran past 600 s." in gradescope["output"]


def test_a_grader_error_is_an_error_for_the_reporter():
    payload = reporter_payload(_result(HALF, BROKEN))
    jsonschema.validate(payload, consumers.REPORTER)
    assert payload["status"] == "error" and payload["tests"][1]["status"] == "error"
    assert json.loads(base64.b64decode(reporter_base64(_result(HALF)))) ["status"] == "pass"


def test_summary_keeps_one_row_per_check_and_no_instructor_detail():
    summary = markdown_summary(_result(HALF, PIPE, BROKEN))
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3  # header + checks
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows)  # five cells each
    # student text is text: backticks too are escaped (tests/reporters/test_inert.py)
    assert "use \\`x \\| y\\`." in summary and "c<br>d" in summary
    assert "secret detail" not in summary and "Traceback" not in summary
    assert "**real data**" in summary and "Cell 9 ran past 600 s." in summary
