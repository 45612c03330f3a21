"""Week 4 end to end through the CLI, on its CI-scale stand-in CSV files.

By default: the untouched release gets 0 with a message per check; the reference with its
training left out gets every point but training's (nothing trains); the reference, trained
(15 epochs on 2,400 pictures of 28×28: well under a minute on 2 cores), gets full marks with
a per-letter summary in its held-out feedback. With ``-m slow``: the same through
``nbgrader autograde``.
"""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import autograde_reference, edited_solution, failed_checks, grade

SPEC = get_assignment("C2W4")
SOLUTION = ROOT / "solutions" / "C2W4" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W4" / SPEC.notebook
TRAINING = ("history = model.fit(\n", "fit_arguments = dict(  # model.fit was never called\n")
TRAINING_CHECKS = {"training_reached_bars", "heldout_accuracy"}


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(week4_env, tmp_path):
    result, output = grade(week4_env, RELEASE, tmp_path, assignment="C2W4")
    assert result["score"] == 0 and result["max_score"] == SPEC.max_score == 15
    assert all(c["feedback"] for c in result["checks"]), output


@pytest.mark.kernel
def test_reference_without_training_loses_only_the_training_checks(week4_env, tmp_path):
    notebook = edited_solution("C2W4", tmp_path, TRAINING)
    result, output = grade(week4_env, notebook, tmp_path, assignment="C2W4")
    assert failed_checks(result) == TRAINING_CHECKS, output


@pytest.mark.kernel
def test_reference_scores_full_marks_with_a_per_letter_summary(week4_env, tmp_path):
    result, output = grade(week4_env, SOLUTION, tmp_path, assignment="C2W4")
    assert failed_checks(result) == set(), output
    heldout = next(c for c in result["checks"] if c["check_id"] == "heldout_accuracy")
    assert "held-out pictures" in heldout["feedback"], heldout
    assert "confusions" in heldout["feedback"] or "Every letter" in heldout["feedback"], heldout


@pytest.mark.slow  # a full training inside nbgrader autograde
@pytest.mark.kernel
def test_nbgrader_autograde_gives_the_reference_full_marks(week4_env, tmp_path):
    score, log = autograde_reference(tmp_path / "course", week4_env, "C2W4")
    assert score == SPEC.max_score, log[-6000:]
