"""Week 2's older (Colab) edition through the CLI: the edition is read from the notebook's
code (``--assignment C2W2``), graded on its own rubric, and said in the result.

Measured once through ``autograder grade`` on the CI-scale stand-in (2,000 one-pose pictures,
500 posed held-out), on the 2-core "AMD EPYC" (lscpu) shared with other jobs (load average 5 to 14):
the reference 22/22 in 1,712 s (1,614 s of it the notebook: 15 epochs through the augmenting
ImageDataGenerator; the measured training and validation accuracy 0.990, held-out 0.992), the
untouched release 0/22 in 120 s; the reference without the training generator's augmentation
16/22 in 1,277 s (training bars and no overfitting kept: 1.000 measured on its one-pose
training and validation pictures; held-out 0.672, on the stand-in's generator 2, whose
held-out shifts the tutorial's augmentation failed as well: generator 3 keeps to the poses
every sound augmentation covers, so the held-out points may stay).
"""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import edited_solution, failed_checks, run_grade

SPEC = get_assignment("C2W2_colab")
SOLUTION = ROOT / "solutions" / "C2W2_colab" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W2_colab" / SPEC.notebook

#: The reference's training generator without its random transformations.
NO_AUGMENTATION = ("        rotation_range=40,\n        width_shift_range=0.2,\n"
                   "        height_shift_range=0.2,\n        shear_range=0.2,\n"
                   "        zoom_range=0.2,\n        horizontal_flip=True,\n"
                   "        fill_mode=\"nearest\",\n", "")


def _grade(env, notebook, tmp_path, assignment="C2W2"):
    code, result, output = run_grade(env, notebook, tmp_path / "r.json", assignment=assignment)
    assert result, output
    return code, result, output


@pytest.mark.slow  # trains 15 epochs through an augmenting ImageDataGenerator
def test_reference_scores_full_marks_as_the_older_edition(week2_env, tmp_path):
    code, result, output = _grade(week2_env, SOLUTION, tmp_path)
    assert code == 0, output
    assert result["edition"] == "colab"
    assert result["score"] == result["max_score"] == SPEC.max_score == 22, \
        [(c["check_id"], c["feedback"]) for c in result["checks"] if c["status"] != "passed"]
    assert "Graded as: the course's older Colab edition" in output


def test_untouched_release_scores_zero_with_a_message_per_check(week2_env, tmp_path):
    code, result, output = _grade(week2_env, RELEASE, tmp_path)
    assert result["edition"] == "colab" and result["score"] == 0
    assert [c["check_id"] for c in result["checks"]] == [c.id for c in SPEC.checks]
    for check in result["checks"]:
        assert check["status"] == "failed" and check["feedback"], check


@pytest.mark.slow  # trains 15 epochs
def test_a_training_generator_without_augmentation_loses_the_augmentation_lesson(
        week2_env, tmp_path):
    """The model meets the training bars on its one-pose pictures: the generator's points
    are lost; the held-out poses are ones every sound augmentation covers, which a model
    without one may classify too (stand-in generator 3)."""
    notebook = edited_solution("C2W2_colab", tmp_path, NO_AUGMENTATION)
    _, result, output = _grade(week2_env, notebook, tmp_path)
    assert failed_checks(result) - {"heldout_accuracy"} == {"generators_augment_training"}, \
        output
    assert result["score"] in (SPEC.max_score - 2, SPEC.max_score - 2 - 4)
