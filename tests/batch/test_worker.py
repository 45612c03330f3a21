"""A grading that gives no result raises `GradingFailed` with the reason, for the retry."""

from __future__ import annotations

import pytest

from autograder.batch import GradingFailed, Job, grade_job
from autograder.batch.worker import grading_command


def _job(tmp_path, assignment="C2W1") -> Job:
    notebook = tmp_path / "C2W1_Assignment.ipynb"
    notebook.write_text("{}")
    return Job(notebook=str(notebook), key="a", assignment=assignment, sha256="0" * 64)


def test_a_setup_error_of_the_grading_process_is_the_reason(tmp_path):
    with pytest.raises(GradingFailed, match=r"exited with code 1 without a result; its last "
                                            r"output: not graded .*Unknown assignment 'C9W9'"):
        grade_job(_job(tmp_path, "C9W9"), environment={}, timeout=120)


def test_a_grading_past_its_time_is_stopped(tmp_path):
    with pytest.raises(GradingFailed, match=r"ran past 0.01 s and was stopped"):
        grade_job(_job(tmp_path), environment={}, timeout=0.01)


def test_a_worker_with_another_grader_refuses(tmp_path):
    with pytest.raises(GradingFailed, match="install the same grader on every worker"):
        grade_job(_job(tmp_path), environment={}, timeout=120, grader_version="0.0.0+other")


def test_the_grading_dies_with_whoever_started_it(tmp_path):
    command = grading_command(_job(tmp_path), tmp_path / "result.json")
    start = command.index("-m")
    assert command[start:start + 4] == ["-m", "autograder", "grade", _job(tmp_path).notebook]
    if command[0].endswith("setpriv"):
        assert command[1:4] == ["--pdeathsig", "KILL", "--"]
