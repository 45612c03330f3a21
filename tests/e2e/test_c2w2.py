"""Week 2 end to end through the CLI, on its posed stand-in data.

By default: the untouched release gets 0 with a message per check, and the reference with its
training left out gets every point but training's (quick: nothing trains). With ``-m slow``:
the reference gets full marks, and the same model without its augmentation loses the
lesson's points.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import autograde_reference, edited_solution, failed_checks, grade

SPEC = get_assignment("C2W2")
SOLUTION = ROOT / "solutions" / "C2W2" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W2" / SPEC.notebook
TRAINING = ("history = model.fit(\n", "fit_arguments = dict(  # model.fit was never called\n")
NO_AUGMENTATION = ("        create_augmentation_model(),\n", "")
TRAINING_CHECKS = {"training_reached_bars", "training_does_not_overfit", "heldout_accuracy"}


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(week2_env, tmp_path):
    result, output = grade(week2_env, RELEASE, tmp_path, assignment="C2W2")
    assert result["score"] == 0 and result["max_score"] == SPEC.max_score == 25
    assert all(c["feedback"] for c in result["checks"]), output


@pytest.mark.kernel
def test_reference_without_training_loses_only_the_training_checks(week2_env, tmp_path):
    notebook = edited_solution("C2W2", tmp_path, TRAINING)
    result, output = grade(week2_env, notebook, tmp_path, assignment="C2W2")
    assert failed_checks(result) == TRAINING_CHECKS, output


@pytest.mark.slow
@pytest.mark.kernel
def test_reference_scores_full_marks(week2_env, tmp_path):
    result, output = grade(week2_env, SOLUTION, tmp_path, assignment="C2W2")
    assert failed_checks(result) == set(), output


@pytest.mark.slow
@pytest.mark.kernel
def test_without_augmentation_the_lesson_is_lost(week2_env, tmp_path):
    """The lesson's points are the model's: the held-out poses are ones every sound
    augmentation covers, and a model without one may classify them too (stand-in generator
    3, `autograder.weeks.c2w2.pose.HELDOUT`)."""
    notebook = edited_solution("C2W2", tmp_path, NO_AUGMENTATION)
    result, output = grade(week2_env, notebook, tmp_path, assignment="C2W2")
    assert {"model_uses_augmentation", "augmentation_only_while_training"} <= \
        failed_checks(result) <= {"model_uses_augmentation", "augmentation_only_while_training",
                                  "heldout_accuracy", "training_does_not_overfit"}, output


@pytest.mark.slow
@pytest.mark.kernel
def test_reference_scores_full_marks_through_nbgrader_autograde(week2_env, tmp_path):
    score, log = autograde_reference(tmp_path / "course", week2_env, "C2W2")
    assert score == SPEC.max_score, log[-6000:]


@pytest.mark.slow
@pytest.mark.kernel
def test_reference_scores_full_marks_through_pytest(week2_env, tmp_path):
    import json

    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "autograder", "--submission", str(SOLUTION),
         "--result-json", str(tmp_path / "r.json"), "-p", "no:cacheprovider", "-q"],
        env=week2_env, cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-3000:]
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["assignment"] == "C2W2" and result["score"] == SPEC.max_score == 25
