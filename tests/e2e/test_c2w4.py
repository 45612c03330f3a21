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
    _report_shows_the_confusion_matrix_and_validation_mistakes(result, week4_env)


def _report_shows_the_confusion_matrix_and_validation_mistakes(result, env):
    """The report's evidence, from the grader's own predictions: the held-out confusion
    matrix (counts only) with the letters it mixes up most, and mistakes drawn from the
    student's own validation file, none of them a held-out picture."""
    from pathlib import Path

    from autograder.data.csv_images import read_csv_images
    from autograder.evaluation.evidence import picture_png
    from autograder.reporters.html import render_html_report
    from autograder.reporters.parts import mixed_up
    from autograder.results import from_dict
    from autograder.weeks.c2w4.standin import DATASET, FOLDER, HELDOUT_CSV, TEST_CSV

    graded = from_dict(result)
    evidence = graded.evidence
    heldout, _ = read_csv_images(Path(env["AUTOGRADER_HELDOUT_ROOT"]) / DATASET / FOLDER
                                 / HELDOUT_CSV)
    assert evidence.heldout_images == len(heldout)
    counts = evidence.confusion.counts
    assert len(counts) == 26 and sum(map(sum, counts)) <= len(heldout)
    correct = sum(counts[i][i] for i in range(26))
    assert abs(correct / len(heldout) - evidence.measured["heldout"]) < 1e-9
    assert evidence.mistakes_from == "validation" and evidence.misclassified
    validation, _ = read_csv_images(Path(env["AUTOGRADER_DATA_ROOT"]) / DATASET / FOLDER
                                    / TEST_CSV)
    own = {picture_png(picture) for picture in validation}
    secret = {picture_png(picture) for picture in heldout}
    assert all(m.thumbnail_png in own and m.thumbnail_png not in secret
               for m in evidence.misclassified)
    html = render_html_report(graded)
    assert 'alt="Confusion matrix of the held-out images"' in html
    assert 'id="mistakes"' in html and 'id="mixed-up"' in html
    for words in mixed_up(evidence.confusion):
        assert words in html and " read as " in words


@pytest.mark.slow  # a full training inside nbgrader autograde
@pytest.mark.kernel
def test_nbgrader_autograde_gives_the_reference_full_marks(week4_env, tmp_path):
    score, log = autograde_reference(tmp_path / "course", week4_env, "C2W4")
    assert score == SPEC.max_score, log[-6000:]
