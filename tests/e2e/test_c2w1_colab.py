"""Week 1's older (Colab) edition through the CLI: the edition is read from the notebook's
code (``--assignment C2W1``), graded on its own rubric, and said in the result.

Measured once on the 2-core AMD EPYC shared with other jobs (load average about 14): the
reference, 15 epochs through ImageDataGenerator on the CI-scale stand-in, 18/18 in 1,080 s
(1,015 s of it the notebook); the release, the leak and the kept empty files together with
the data made first, 1,132 s.
"""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import edited_solution, failed_checks, run_grade

SPEC = get_assignment("C2W1_colab")
SOLUTION = ROOT / "solutions" / "C2W1_colab" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W1_colab" / SPEC.notebook

#: As many validation files as asked for, taken from the start of the shuffled list: the
#: training files (validation leakage).
LEAK = ("for file_name in shuffled[training_length:]:",
        "for file_name in shuffled[:len(shuffled) - training_length]:")
#: The zero-length test of split_data, removed.
KEEPS_EMPTY = ("        if os.path.getsize(os.path.join(SOURCE_DIR, file_name)) == 0:\n"
               "            print(f\"{file_name} is zero length, so ignoring.\")\n"
               "            continue\n", "")
TRAINED = {"training_reached_bars", "heldout_accuracy"}


def _grade(env, notebook, tmp_path, assignment="C2W1"):
    code, result, output = run_grade(env, notebook, tmp_path / "r.json", assignment=assignment)
    assert result, output
    return code, result, output


@pytest.mark.slow  # trains 15 epochs through ImageDataGenerator
def test_reference_scores_full_marks_as_the_older_edition(grader_env, tmp_path):
    code, result, output = _grade(grader_env, SOLUTION, tmp_path)
    assert code == 0, output
    assert result["edition"] == "colab"
    assert result["score"] == result["max_score"] == SPEC.max_score == 18, \
        [(c["check_id"], c["feedback"]) for c in result["checks"] if c["status"] != "passed"]
    assert "Graded as: the course's older Colab edition" in output


def test_untouched_release_scores_zero_with_a_message_per_check(grader_env, tmp_path):
    code, result, output = _grade(grader_env, RELEASE, tmp_path)
    assert result["edition"] == "colab" and result["score"] == 0
    assert [c["check_id"] for c in result["checks"]] == [c.id for c in SPEC.checks]
    for check in result["checks"]:
        assert check["status"] == "failed" and check["feedback"], check


@pytest.mark.slow  # trains 15 epochs
def test_split_data_leaking_training_files_into_validation_loses_only_disjointness(
        grader_env, tmp_path):
    notebook = edited_solution("C2W1_colab", tmp_path, LEAK)
    _, result, output = _grade(grader_env, notebook, tmp_path)
    assert failed_checks(result) == {"split_disjoint"}, output
    assert result["score"] == SPEC.max_score - 1


@pytest.mark.slow  # runs the notebook to its training cell
def test_split_data_keeping_zero_length_files_loses_that_point_and_the_training(
        grader_env, tmp_path):
    """The course's reason to skip them: an empty file in a folder stops
    ImageDataGenerator's training, so the model never trains (no cascade into the split,
    generator or model checks)."""
    notebook = edited_solution("C2W1_colab", tmp_path, KEEPS_EMPTY)
    _, result, output = _grade(grader_env, notebook, tmp_path)
    assert failed_checks(result) == {"split_skips_zero_length", *TRAINED}, output
    assert result["score"] == SPEC.max_score - 1 - 5
