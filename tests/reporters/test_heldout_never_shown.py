"""No held-out image reaches a student, in any output of any week.

A model that always answers "Dog" is graded by each image week's own training and held-out
checks, on student data and on held-out images painted with a canary colour under canary
file names. Every output a student gets (HTML report, Markdown summary, the CI formats, text
feedback, the result file, nbgrader's test cells) is searched for the held-out images'
thumbnails, the canary colour in any embedded picture, and the held-out file names. The
report's mistakes come from the student's own validation split instead, and say so.
"""

from __future__ import annotations

import base64
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from autograder.artifacts.load import Artifacts, GradingData
from autograder.assignments import assignment_ids, get_assignment
from autograder.checks.base import run_checks
from autograder.evaluation.evidence import collect_evidence
from autograder.results import GradeResult
from autograder.results.evidence import Misclassified
from tests.reporters.leaks import (CANARY_RGB, heldout_leaks, student_outputs, thumbnails_of)

IMAGE_WEEKS = ("C2W1", "C2W2")
"""The weeks whose checks score per-image predictions (folders of images, a split of them)."""
HELDOUT_NAME = "HELDOUT-CANARY"
STUDENT_RGB = {0: (30, 160, 60), 1: (40, 80, 200)}


def _images(folder, class_names, per_class: int, rng, *, heldout: bool) -> None:
    for label, name in enumerate(class_names):
        (folder / name).mkdir(parents=True)
        for number in range(per_class):
            colour = CANARY_RGB if heldout and label == 0 else STUDENT_RGB[label]
            pixels = np.full((32, 32, 3), colour, dtype=np.int16)
            pixels[:8] += rng.integers(-20, 20, (8, 32, 3))  # tell the images apart
            prefix = f"{HELDOUT_NAME}-" if heldout else ""
            Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(
                folder / name / f"{prefix}{name.lower()}-{number:02d}.png")


def _always_second_class(path) -> None:
    import keras

    model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(),
                              keras.layers.Dense(1, activation="sigmoid")])
    kernel, _ = model.layers[-1].get_weights()
    model.layers[-1].set_weights([np.zeros_like(kernel), np.array([2.0])])
    model.save(path)


@pytest.fixture(scope="module", params=IMAGE_WEEKS)
def graded(request, tmp_path_factory):
    """One week's training and held-out checks and evidence on a model that always answers
    the second class: every first-class image, held-out or the student's, is a mistake."""
    spec = get_assignment(request.param)
    root = tmp_path_factory.mktemp(request.param)
    rng = np.random.default_rng(0)
    _images(root / "student", spec.rules.class_names, 20, rng, heldout=False)
    _images(root / "heldout", spec.rules.class_names, 10, rng, heldout=True)
    (root / "artifacts").mkdir()
    _always_second_class(root / "artifacts" / "trained.keras")
    model = {"ok": True, "file": "trained.keras"}
    facts = {"trained_model": model, "created_model": model,
             "history": {"ok": True, "history": {"accuracy": [0.5, 0.5],
                                                 "val_accuracy": [0.5, 0.5]}}}
    data = GradingData(student_manifest=SimpleNamespace(bad_files=()),
                       student_images_dir=root / "student", heldout_dir=root / "heldout")
    artifacts = Artifacts(folder=root / "artifacts", facts=facts, data=data, settings=None,
                          rules=spec.rules)
    checks = run_checks([c for c in spec.checks
                         if c.id in ("training_reached_bars", "heldout_accuracy")], artifacts)
    result = GradeResult(assignment=spec.id, submission=f"{spec.id}_Assignment.ipynb",
                         submission_sha256="", mode="trained", data="offline stand-in (test)",
                         data_origin="standin", execution={"status": "completed", "message": ""},
                         checks=checks, evidence=collect_evidence(artifacts))
    return SimpleNamespace(result=result, root=root, artifacts=artifacts)


def _forbidden(root) -> dict:
    return {"thumbnails": thumbnails_of(root / "heldout"),
            "names": sorted({p.name for p in (root / "heldout").rglob("*.png")} | {HELDOUT_NAME})}


def test_the_checks_scored_both_splits_and_the_heldout_images(graded):
    assert [c.status for c in graded.result.checks] == ["failed", "failed"]
    evidence = graded.result.evidence
    assert evidence.heldout_images == 20 and evidence.measured["heldout"] == 0.5
    assert evidence.confusion.counts == ((0, 10), (0, 10))  # held-out counts stay in


def test_no_student_output_holds_a_heldout_image_or_name(graded):
    leaks = heldout_leaks(student_outputs(graded.result), **_forbidden(graded.root))
    assert not leaks, leaks


def test_the_mistakes_shown_are_the_students_own_validation_images(graded):
    evidence = graded.result.evidence
    own = thumbnails_of(graded.root / "student")
    assert evidence.misclassified, "the model gets every first-class validation image wrong"
    assert {base64.b64decode(m.thumbnail_png) for m in evidence.misclassified} <= own
    assert evidence.mistakes_from == "validation"
    html = student_outputs(graded.result)["html"]
    assert "your validation images" in html and "images you already have" in html


def test_the_search_finds_a_heldout_thumbnail_and_a_drawn_one(graded):
    """The search itself: a report built the old way (held-out mistakes) is caught."""
    from autograder.evaluation.evidence import thumbnail_png

    heldout = sorted((graded.root / "heldout").rglob("*.png"))[0]
    shown = Misclassified(true_label="Cat", predicted_label="Dog", confidence=0.88,
                          thumbnail_png=thumbnail_png(heldout))
    evidence = graded.result.evidence.__class__(
        **{**graded.result.evidence.__dict__, "misclassified": (shown,)})
    leaks = heldout_leaks(student_outputs(graded.result.replace(evidence=evidence)),
                          **_forbidden(graded.root))
    assert "result: a held-out image's thumbnail" in leaks
    assert "html: a figure drawing held-out images" in leaks


@pytest.mark.parametrize("week", assignment_ids())
def test_evidence_of_any_week_takes_no_mistake_from_heldout_predictions(graded, week):
    """Whatever a week's checks computed, the evidence stage draws mistakes only from the
    student's validation split: held-out predictions alone (no split to measure) give
    counts, never images."""
    artifacts = graded.artifacts
    kept = {key: artifacts.computed(key) for key in ("split_accuracy", "heldout_predictions")}
    assert all(kept.values())
    no_split = GradingData(student_manifest=artifacts.data.student_manifest,
                           student_images_dir=None, heldout_dir=artifacts.data.heldout_dir)
    alone = Artifacts(folder=artifacts.folder, facts=artifacts.facts, data=no_split,
                      settings=None, rules=get_assignment(week).rules)
    alone.cached("heldout_predictions", lambda: kept["heldout_predictions"])
    evidence = collect_evidence(alone)
    assert evidence.misclassified == () and evidence.heldout_images == 20


def test_the_class_report_holds_no_heldout_image_or_name(graded):
    """Course staff's class report, of this grading twice (a look-alike pair), draws only the
    score histogram: no held-out thumbnail, canary pixel or file name."""
    from autograder.reporters.classreport import Entry, render_class_report, summarize_class

    page = render_class_report(summarize_class(
        [Entry(f"{student}/{graded.result.assignment}/n", graded.result)
         for student in ("alice", "bob")]))
    assert "Flagged for a human look" in page and "alice/" in page
    leaks = heldout_leaks({"class report": page}, **_forbidden(graded.root))
    assert not leaks, leaks
