"""Accuracy of a saved model on a CSV image set (Sign Language MNIST), letter by letter.

The image-folder weeks feed held-out pictures through ``image_dataset_from_directory``
(`autograder.evaluation.heldout`); a CSV week's pictures are rows of grey values. How a
notebook feeds its model is its own choice — pixels 0–255 to a model that rescales, or
pixels already divided by 255; the raw labels 0–25, or labels re-indexed 0–23 without J
and Z — so the grader finds the convention on the **student's own validation file**
(`find_convention`, the one of the four that scores best there) and scores the held-out
file with it. Nothing the student's kernel reports decides it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.data.csv_images import read_csv_images
from autograder.evaluation.heldout import ModelLoadError

__all__ = ["Convention", "CsvScore", "find_convention", "accuracy_on_csv",
           "predict_labels"]


@dataclass(frozen=True)
class Convention:
    """How a notebook fed its model."""

    rescale: float | None
    """Factor applied to the 0–255 pixels before the model (None: raw pixels)."""
    reindexed: bool
    """Whether output ``i`` is the ``i``-th present letter (labels 0–23) instead of label ``i``."""

    def describe(self) -> str:
        pixels = "pixels divided by 255" if self.rescale else "raw pixels 0–255"
        return pixels + (", labels re-indexed 0–23" if self.reindexed else ", labels 0–25")


@dataclass(frozen=True)
class CsvScore:
    """Accuracy on one CSV file, with its confusions."""

    accuracy: float
    """Fraction of rows classified correctly."""
    images: int
    """Rows scored."""
    convention: Convention
    """How the pictures were fed and the outputs read."""
    per_label: dict[int, float]
    """Accuracy per true label."""
    confusions: tuple[tuple[int, int, int], ...]
    """(true label, predicted label, rows), most frequent first, mistakes only."""


def _inputs(model, images: np.ndarray, rescale: float | None) -> np.ndarray:
    """The pictures in the shape the model's input declares (with or without a channel)."""
    shape = tuple(model.inputs[0].shape)[1:] if getattr(model, "inputs", None) else ()
    pixels = images.astype("float32") * (rescale or 1.0)
    for wanted in ((28, 28, 1), (28, 28), (784,)):
        if shape == wanted:
            return pixels.reshape((len(images), *wanted))
    raise ModelLoadError(f"Expected a model that takes 28×28 grey images (batch, 28, 28, 1). "
                         f"Found an input of shape {shape}.")


def _as_labels(outputs: np.ndarray, reindexed: bool, present: tuple[int, ...]) -> np.ndarray:
    """Model outputs read as labels 0–25 (an output past the present letters reads as -1)."""
    if not reindexed:
        return outputs
    lookup = np.array([*present, -1])
    return lookup[np.clip(outputs, 0, len(present))]


def predict_labels(model, images: np.ndarray, convention: Convention,
                   present: tuple[int, ...]) -> np.ndarray:
    """The labels (0–25) the model gives `images` under `convention`.

    Raises:
        ModelLoadError: if the model does not take 28×28 pictures.
    """
    scores = np.asarray(model.predict(_inputs(model, images, convention.rescale),
                                      batch_size=256, verbose=0))
    outputs = scores.argmax(axis=-1) if scores.ndim == 2 else np.zeros(len(images), int)
    return _as_labels(outputs, convention.reindexed, present)


def _score(predicted: np.ndarray, labels: np.ndarray, convention: Convention) -> CsvScore:
    per_label = {int(label): float(np.mean(predicted[labels == label] == label))
                 for label in np.unique(labels)}
    mistakes = Counter(zip(labels[predicted != labels].tolist(),
                           predicted[predicted != labels].tolist()))
    return CsvScore(accuracy=float(np.mean(predicted == labels)), images=len(labels),
                    convention=convention, per_label=per_label,
                    confusions=tuple((t, p, n) for (t, p), n in mistakes.most_common()))


def find_convention(model, csv_path: Path, present: tuple[int, ...]) -> CsvScore:
    """Scores `model` on the student's validation file under each convention; returns the
    best score (its convention is the one the notebook used)."""
    images, labels = read_csv_images(csv_path)
    best = None
    for rescale in (None, 1 / 255):
        outputs = predict_labels(model, images, Convention(rescale, False), present)
        for reindexed in (False, True):
            score = _score(_as_labels(outputs, reindexed, present), labels,
                           Convention(rescale, reindexed))
            if best is None or score.accuracy > best.accuracy:
                best = score
    return best


def accuracy_on_csv(model, csv_path: Path, convention: Convention,
                    present: tuple[int, ...]) -> CsvScore:
    """Scores `model` on the rows of `csv_path` under `convention`.

    Raises:
        ModelLoadError: if the model does not take 28×28 pictures.
    """
    images, labels = read_csv_images(csv_path)
    return _score(predict_labels(model, images, convention, present), labels, convention)
