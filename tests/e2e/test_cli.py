"""The CLI grades the reference, the untouched release and bad notebooks as it should."""

from __future__ import annotations

import json

import jsonschema
import pytest

from autograder.assignments import get_assignment
from autograder.results import SCHEMA_PATH
from tests.conftest import RELEASE, SOLUTION
from tests.e2e.conftest import failed_checks, run_grade

MAX_SCORE = get_assignment("C2W1").max_score


@pytest.fixture(scope="module")
def reference(grader_env, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference") / "result.json"
    return run_grade(grader_env, SOLUTION, out)


@pytest.mark.slow  # the hostile corpus batch grades the reference through the CLI by default
@pytest.mark.kernel
def test_reference_solution_scores_full_marks(reference):
    code, result, output = reference
    assert code == 0, output
    assert failed_checks(result) == set(), output
    assert result["score"] == result["max_score"] == MAX_SCORE
    assert "stand-in" in result["data"]
    jsonschema.validate(result, json.loads(SCHEMA_PATH.read_text()))


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(grader_env, tmp_path):
    code, result, output = run_grade(grader_env, RELEASE, tmp_path / "r.json")
    assert code == 0, output
    assert result["score"] == 0
    assert all(c["status"] == "failed" and c["feedback"] for c in result["checks"])
    feedback = {c["check_id"]: c["feedback"] for c in result["checks"]}
    assert "create_model() raised NotImplementedError" in feedback["model_binary_head"]
    assert "Traceback" not in " ".join(feedback.values())
    assert "Graded on:" in output


@pytest.mark.kernel
def test_broken_notebook_file_is_graded_not_crashed(grader_env, tmp_path):
    broken = tmp_path / "C2W1_Assignment.ipynb"
    broken.write_text("{ this is not json")
    code, result, output = run_grade(grader_env, broken, tmp_path / "r.json")
    assert code == 0, output
    assert result["score"] == 0 and result["execution"]["status"] == "invalid_notebook"


def test_missing_data_is_a_setup_error(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "AUTOGRADER_DATA_ROOT": str(tmp_path / "none"),
           "AUTOGRADER_HELDOUT_ROOT": str(tmp_path / "none")}
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTION)],
                               env=env, capture_output=True, text=True)
    assert completed.returncode == 2
    assert "autograder data C2W1" in completed.stderr


@pytest.mark.slow  # retrains create_model() for up to 15 epochs
@pytest.mark.kernel
def test_retrain_mode_scores_create_model_even_if_the_notebook_never_trained(grader_env, tmp_path):
    """--mode retrain fits create_model() itself: the untrained notebook keeps its held-out
    points and loses only the training check."""
    from tests.submissions.scenarios import HERE

    code, result, output = run_grade(grader_env, HERE / "untrained-model.ipynb",
                                     tmp_path / "r.json", "--mode", "retrain")
    assert code == 0, output
    assert result["mode"] == "retrain"
    assert failed_checks(result) == {"training_reached_bars"}, output
    heldout = next(c for c in result["checks"] if c["check_id"] == "heldout_accuracy")
    assert "accuracy=" in heldout["detail"]
