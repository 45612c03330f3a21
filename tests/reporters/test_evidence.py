"""The evidence stage on a real (tiny) Keras model and real folders of images, and the HTML
report of a multiclass week drawn from it in headless Chromium (confusion matrix included)."""

from __future__ import annotations

import json

import jsonschema
import numpy as np
import pytest
from PIL import Image

from autograder.artifacts.load import Artifacts
from autograder.assignments.spec import Rules
from autograder.evaluation import SplitScores, accuracy_on_folder, predict_folder
from autograder.evaluation.evidence import MAX_MISCLASSIFIED, collect_evidence
from autograder.reporters.html import render_html_report, write_html_report
from autograder.results import SCHEMA_PATH, CheckResult, GradeResult, read_result, to_dict, write_result
from tests.reporters.browser import open_in_chromium

CLASSES = ("paper", "rock", "scissors")
RULES = Rules(class_names=CLASSES, image_size=(16, 16), label_mode="int", validation_split=0.2,
              split_seed=42, batch_size=4, accuracy_bar=0.99, val_accuracy_bar=0.95,
              max_epochs=15, heldout_threshold=0.9)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A saved 3-class model, its predictions on 5 images per class, and its artifacts."""
    import keras

    root = tmp_path_factory.mktemp("evidence")
    rng = np.random.default_rng(0)
    for folder in ("heldout", "validation"):
        for index, name in enumerate(CLASSES):
            (root / folder / name).mkdir(parents=True)
            for number in range(5):
                pixels = rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)
                pixels[..., index] = 250  # one colour channel per class
                Image.fromarray(pixels).save(root / folder / name / f"{number}.png")
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Rescaling(1 / 255),
                              keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.BatchNormalization(), keras.layers.Flatten(),
                              keras.layers.Dense(3, activation="softmax")])
    (root / "artifacts").mkdir()
    model.save(root / "artifacts" / "trained.keras")
    facts = {"trained_model": {"ok": True, "file": "trained.keras"},
             "history": {"ok": True, "history": {"accuracy": [0.3, 0.5, float("nan")],
                                                 "val_accuracy": [0.2, 0.4, 0.45],
                                                 "loss": [1.2, 1.0, 0.9], "val_loss": [1.3, 1.1, 1.0]}}}
    artifacts = Artifacts(folder=root / "artifacts", facts=facts, data=None, settings=None,
                          rules=RULES)
    predictions = artifacts.cached("heldout_predictions", lambda: predict_folder(
        artifacts.loaded_model("trained_model"), root / "heldout", class_names=list(CLASSES)))
    validation = predict_folder(artifacts.loaded_model("trained_model"), root / "validation",
                                class_names=list(CLASSES))
    artifacts.cached("split_accuracy", lambda: SplitScores(
        train=1.0, validation=validation.score.accuracy, train_images=15,
        validation_images=15, validation_predictions=validation))
    return model, artifacts, predictions, root


def test_predictions_score_as_the_accuracy_check_does(graded):
    model, _, predictions, root = graded
    assert len(predictions.labels) == 15 and set(predictions.labels) == {0, 1, 2}
    assert predictions.score.accuracy == accuracy_on_folder(
        model, root / "heldout", class_names=list(CLASSES)).accuracy
    assert all(0.0 <= c <= 1.0 for c in predictions.confidence)


def test_evidence_holds_layers_mistakes_and_confusion_made_by_the_grader(graded):
    model, artifacts, predictions, _ = graded
    evidence = collect_evidence(artifacts)
    assert [row.class_name for row in evidence.layers] == [
        "Rescaling", "Conv2D", "BatchNormalization", "Flatten", "Dense"]
    assert sum(r.trainable_params + r.frozen_params for r in evidence.layers) == model.count_params()
    norm = evidence.layers[2]
    assert (norm.trainable_params, norm.frozen_params) == (8, 8)  # gamma, beta / moving stats
    wrong = sum(p != t for p, t in zip(predictions.predicted, predictions.labels))
    validation = artifacts.computed("split_accuracy").validation_predictions
    wrong_validation = sum(p != t for p, t in zip(validation.predicted, validation.labels))
    assert len(evidence.misclassified) == min(wrong_validation, MAX_MISCLASSIFIED) > 0
    assert evidence.mistakes_from == "validation"
    assert all(m.true_label != m.predicted_label for m in evidence.misclassified)
    counts = evidence.confusion.counts
    assert sum(map(sum, counts)) == 15 and [sum(row) for row in counts] == [5, 5, 5]
    assert sum(counts[i][i] for i in range(3)) == 15 - wrong
    assert evidence.history["accuracy"][2] is None  # NaN is kept as a gap, never written as NaN
    assert evidence.measured == {"heldout": predictions.score.accuracy, "train": 1.0,
                                 "validation": validation.score.accuracy}
    assert evidence.bars.max_overfit_gap is None


def _result(evidence) -> GradeResult:
    checks = (CheckResult("heldout_accuracy", "Held-out accuracy ≥ 0.90", "failed", 0, 4, True,
                          "Expected accuracy ≥ 0.90. Found 0.333. How to fix: train longer.",
                          "instructor-only: accuracy=0.3333"),)
    return GradeResult(assignment="C2W4", submission="C2W4_Assignment.ipynb",
                       submission_sha256="", mode="trained", data="offline stand-in (test)",
                       data_origin="standin", execution={"status": "completed", "message": ""},
                       checks=checks, evidence=evidence)


def test_result_with_evidence_round_trips_through_its_schema(graded, tmp_path):
    result = _result(collect_evidence(graded[1]))
    jsonschema.validate(to_dict(result), json.loads(SCHEMA_PATH.read_text()))
    write_result(result, tmp_path / "r.json")
    assert read_result(tmp_path / "r.json") == result


def test_multiclass_report_loads_in_chromium_with_every_picture(graded, tmp_path):
    result = _result(collect_evidence(graded[1]))
    page = write_html_report(result, tmp_path / "report.html")
    html = page.read_text()
    assert "instructor-only" not in html and "How to fix:" in html
    facts = open_in_chromium(page, tmp_path / "report.png")
    assert facts.console_errors == [] and facts.requests == []
    alts = [image["alt"] for image in facts.images]
    assert len(alts) == 3 and any("Confusion" in alt for alt in alts)
    assert all(image["naturalWidth"] > 0 and image["complete"] for image in facts.images)
    assert "offline stand-in data" in facts.text and "train longer." in facts.text
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_binary_report_leaves_the_confusion_matrix_out(graded):
    evidence = collect_evidence(graded[1])
    binary = evidence.__class__(**{**evidence.__dict__, "confusion": None})
    assert "Confusion matrix" not in render_html_report(_result(binary))
    assert "Confusion matrix" in render_html_report(_result(evidence))
