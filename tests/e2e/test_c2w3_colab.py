"""Week 3's older (Colab) edition through the CLI: the edition is read from the notebook's
code (``--assignment C2W3``), graded on its own rubric, and said in the result.

By default, on CI-scale pictures with a quick weights file (a seeded random InceptionV3 in
Keras' layout, so no pretraining runs): the untouched release gets 0 with a message per
check. With ``-m slow``, on the stand-in weights (made once per machine): the reference,
20 epochs through the older course's augmented ImageDataGenerator, gets full marks; a base
left trainable and a cut at the wrong layer lose exactly their checks.

Measured once each through the CLI (``--assignment C2W3_colab``) on the 2-core AMD EPYC shared
with other jobs (load average 7-13): the reference 21/21 in 2,007 s (1,980 s of it the
notebook, 20 epochs of 48-189 s; history 0.73, the grader's measurement 0.927 on 96 training
pictures, held-out 0.906 on 128); the untouched release 0/21 with a message per check in 80 s
(49 s the notebook); this file's release test, data made first, 297 s; the cut at mixed6,
read as the older edition from ``--assignment C2W3``, 19/21 (cut_at_mixed7 and
parameter_counts; held-out 0.922) in 1,581 s. The base left trainable was not run through
the CLI; its structural loss is verified in-process (``tests/weeks/test_c2w3_colab_checks.py``).
"""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import edited_solution, failed_checks, grade
from tests.e2e.test_c2w3 import quick_env, standin_env  # noqa: F401 - the week's fixtures

SPEC = get_assignment("C2W3_colab")
SOLUTION = ROOT / "solutions" / "C2W3_colab" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W3_colab" / SPEC.notebook

#: Mistakes of the older edition and the checks each loses (its lesson, never a cascade).
MISTAKES = {
    "base-left-trainable": (("        layer.trainable = False\n", "        pass\n"),
                            {"base_frozen", "parameter_counts"}),
    "cut-at-mixed6": (('pre_trained_model.get_layer("mixed7")',
                       'pre_trained_model.get_layer("mixed6")'),
                      {"cut_at_mixed7", "parameter_counts"}),
}


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(quick_env, tmp_path):  # noqa: F811
    result, output = grade(quick_env, RELEASE, tmp_path, assignment="C2W3")
    assert result["edition"] == "colab" and result["score"] == 0
    assert result["max_score"] == SPEC.max_score == 21
    assert [c["check_id"] for c in result["checks"]] == [c.id for c in SPEC.checks]
    for check in result["checks"]:
        assert check["status"] == "failed" and check["feedback"], check
        assert "Traceback" not in check["feedback"], check


@pytest.mark.slow  # trains 20 epochs through ImageDataGenerator's augmentation
@pytest.mark.kernel
def test_reference_scores_full_marks_as_the_older_edition(standin_env, tmp_path):  # noqa: F811
    result, output = grade(standin_env, SOLUTION, tmp_path, assignment="C2W3")
    assert result["edition"] == "colab"
    assert failed_checks(result) == set(), output
    assert result["score"] == result["max_score"] == 21
    assert "Graded as: the course's older Colab edition" in output


@pytest.mark.slow  # trains 20 epochs
@pytest.mark.kernel
@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_loses_exactly_its_checks(standin_env, tmp_path, name):  # noqa: F811
    edit, loses = MISTAKES[name]
    notebook = edited_solution("C2W3_colab", tmp_path, edit)
    result, output = grade(standin_env, notebook, tmp_path, assignment="C2W3")
    assert failed_checks(result) == loses, output
    assert result["score"] == SPEC.max_score - sum(SPEC.check(c).points for c in loses)
