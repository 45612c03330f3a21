"""The evidence stage: after the checks, collect what a report shows (grading process only).

Everything is taken from what the grader made or loaded itself: the models it loaded in safe
mode, the predictions it made, the accuracies it measured. The training history is the one
exception, and the reports say so: it is what the student's kernel recorded, drawn as the
student's own curves, never a verdict.

No held-out image ever goes into the evidence, which students read: of the held-out set only
counts are kept (accuracy, images scored, the confusion matrix). The mistakes a report shows
are the model's most confident mistakes on the student's own validation split, images the
student already has. (Held-out mistakes would let a model choose which held-out images a
report shows, by ranking its confidence, and page through the held-out set one grading at a
time.)
"""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

from autograder.results.evidence import Bars, Confusion, Evidence, LayerRow, Misclassified

__all__ = ["collect_evidence", "thumbnail_png", "picture_png", "MAX_MISCLASSIFIED",
           "THUMBNAIL_SIZE"]

MAX_MISCLASSIFIED = 8
"""How many of the model's mistakes on the student's validation images a report shows."""
THUMBNAIL_SIZE = 96
"""Longest side of a mistake's thumbnail, in pixels."""
_MAX_EPOCHS_DRAWN = 500
_MAX_HISTORY_KEYS = 16


def collect_evidence(artifacts) -> Evidence:
    """Collects the evidence of one graded submission; a part that cannot be made is left
    empty (a report is never a reason for a grading run to fail)."""
    rules = artifacts.rules
    bars = None if rules is None else Bars(
        accuracy=rules.accuracy_bar, val_accuracy=rules.val_accuracy_bar,
        max_epochs=rules.max_epochs, heldout=rules.heldout_threshold,
        max_overfit_gap=getattr(rules, "max_overfit_gap", None))
    model_name, layers = _layers(artifacts)
    predictions = artifacts.computed("heldout_predictions")
    validation = getattr(_splits(artifacts, predictions), "validation_predictions", None)
    class_names = tuple(rules.class_names) if rules is not None else ()
    mistakes = _misclassified(validation, class_names)
    return Evidence(
        bars=bars, history=_history(artifacts), measured=_measured(artifacts, predictions),
        model_name=model_name, layers=layers,
        heldout_images=len(predictions.labels) if predictions is not None else 0,
        misclassified=mistakes, mistakes_from="validation" if validation is not None else "",
        confusion=_confusion(predictions, class_names))


def _splits(artifacts, heldout_predictions):
    """The saved model's scores on the student's splits: as the checks measured them, else
    measured now for a week that scores folders of images (its held-out check made
    per-image predictions), so that a model which missed the training bars early still
    gets its mistakes shown. None when they cannot be measured."""
    splits = artifacts.computed("split_accuracy")
    if splits is not None or heldout_predictions is None:
        return splits
    from autograder.checks.training import measured_splits

    try:
        return measured_splits(artifacts)
    except Exception:  # noqa: BLE001 - a report is never a reason for grading to fail
        return None


def _history(artifacts) -> dict[str, list[float | None]]:
    """The history's per-epoch numbers (non-finite values as None, which JSON can hold)."""
    if not artifacts.has("history"):
        return {}
    history = artifacts.get("history").get("history", {})
    curves = {}
    for key, values in list(history.items())[:_MAX_HISTORY_KEYS]:
        if isinstance(values, list):
            curves[str(key)] = [float(v) if isinstance(v, (int, float)) and math.isfinite(v)
                                else None for v in values[:_MAX_EPOCHS_DRAWN]]
    return curves


def _measured(artifacts, predictions) -> dict[str, float]:
    measured = {}
    splits = artifacts.computed("split_accuracy")
    if splits is not None:
        measured.update(train=float(splits.train), validation=float(splits.validation))
    if predictions is not None and predictions.labels:
        measured["heldout"] = float(predictions.score.accuracy)
    return measured


def _layers(artifacts) -> tuple[str, tuple[LayerRow, ...]]:
    """The layers of the trained model (else create_model()'s), as the grader loaded it."""
    for name, words in (("trained_model", "the model your notebook trained"),
                        ("created_model", "the model create_model() returned")):
        if not artifacts.has(name):
            continue
        try:
            model = artifacts.loaded_model(name)
        except Exception:  # noqa: BLE001 - a model that cannot load has no layers to show
            continue
        return words, tuple(_layer_row(layer) for layer in model.layers
                            if type(layer).__name__ != "InputLayer")
    return "", ()


def _layer_row(layer) -> LayerRow:
    def count(weights) -> int:
        return int(sum(math.prod(int(d) for d in w.shape) for w in weights))

    try:
        shape = str(tuple(layer.output.shape))
    except Exception:  # noqa: BLE001 - some layers have no single output
        shape = ""
    return LayerRow(name=str(layer.name), class_name=type(layer).__name__, output_shape=shape,
                    trainable_params=count(layer.trainable_weights),
                    frozen_params=count(layer.non_trainable_weights))


def _misclassified(predictions, class_names) -> tuple[Misclassified, ...]:
    """The model's most confident mistakes among `predictions` (the student's validation
    split: never pass held-out predictions here), with small copies of the images: from
    their files (`FolderPredictions`) or the rows' pictures (`CsvPredictions` of the
    student's own file)."""
    if predictions is None or not class_names:
        return ()
    files = getattr(predictions, "files", None)
    wrong = [i for i, (p, t) in enumerate(zip(predictions.predicted, predictions.labels)) if p != t]
    wrong.sort(key=lambda i: (-predictions.confidence[i], files[i] if files else i))
    return tuple(Misclassified(true_label=_name(class_names, predictions.labels[i]),
                               predicted_label=_name(class_names, predictions.predicted[i]),
                               confidence=round(predictions.confidence[i], 4),
                               thumbnail_png=thumbnail_png(Path(files[i])) if files
                               else picture_png(predictions.images[i]))
                 for i in wrong[:MAX_MISCLASSIFIED])


def _name(class_names, label: int) -> str:
    return class_names[label] if 0 <= label < len(class_names) else "no class"


def picture_png(pixels) -> str:
    """A grey picture (rows of 0–255 values, e.g. 28×28) enlarged to about `THUMBNAIL_SIZE`
    pixels (each pixel a square, no smoothing), as base64 PNG."""
    import numpy as np
    from PIL import Image

    image = Image.fromarray(np.clip(np.asarray(pixels), 0, 255).astype("uint8"))
    scale = max(1, THUMBNAIL_SIZE // max(image.size))
    image = image.resize((image.width * scale, image.height * scale), Image.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def thumbnail_png(path: Path) -> str:
    """A copy of the image at `path` at most `THUMBNAIL_SIZE` pixels wide and high, as
    base64 PNG (what a report embeds)."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _confusion(predictions, class_names) -> Confusion | None:
    if predictions is None or not class_names:
        return None
    size = len(class_names)
    counts = [[0] * size for _ in range(size)]
    for true, guess in zip(predictions.labels, predictions.predicted):
        if 0 <= true < size and 0 <= guess < size:
            counts[true][guess] += 1
    return Confusion(tuple(class_names), tuple(tuple(row) for row in counts))
