"""One test per check of the submission's assignment, worth that check's points."""

from __future__ import annotations

import pytest

from autograder.assignments import detect_assignment, get_assignment
from autograder.assignments.editions import edition_for
from autograder.pytest_plugin import _SETTINGS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "check_id" not in metafunc.fixturenames:
        return
    config = metafunc.config
    submission = config.getoption("submission", None)
    assignment = config.getoption("assignment", None) or (
        detect_assignment(submission) if submission else None)
    if assignment is None:
        metafunc.parametrize("check_id", [pytest.param(
            None, marks=pytest.mark.skip(reason="pass --submission NOTEBOOK to grade it"))])
        return
    # the edition the submission is graded as: fixed by the course, named, or read from its code
    overrides = getattr(config.stash.get(_SETTINGS, None), "assignments", {})
    checks = (edition_for(submission, assignment, overrides) if submission
              else get_assignment(assignment)).checks
    metafunc.parametrize("check_id", [c.id for c in checks], ids=[c.id for c in checks])


def test_check(check_id, graded_result, record_property):
    result = next(c for c in graded_result.checks if c.check_id == check_id)
    record_property("points", result.points)
    record_property("max_points", result.max_points)
    if result.status == "grader_error":
        pytest.fail(f"GRADER ERROR (not the student's fault): {result.detail}", pytrace=False)
    if not result.passed:
        pytest.fail(f"{result.title}\n{result.feedback}", pytrace=False)
