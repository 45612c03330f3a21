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

__all__ = ["Convention", "CsvPredictions", "CsvScore", "find_convention", "accuracy_on_csv",
           "predict_csv", "predict_labels"]


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


@dataclass(frozen=True)
class CsvPredictions:
    """What a model predicted for each row of a CSV file, in file order (grader only).

    Reports draw the confusion matrix from these counts, and the mistakes from the rows of
    the student's own validation file (`images`); a held-out file's pictures are never kept.
    """

    labels: tuple[int, ...]
    """Each row's true label (0–25)."""
    predicted: tuple[int, ...]
    """The label the model gave it (0–25; -1 for an output past the present letters)."""
    confidence: tuple[float, ...]
    """The model's probability for the output it gave."""
    convention: Convention
    """How the pictures were fed and the outputs read."""
    images: np.ndarray | None = None
    """The rows' pictures, (N, 28, 28) grey 0–255, when kept (the student's own file only)."""

    @property
    def score(self) -> CsvScore:
        """The accuracy and confusions these predictions make."""
        return _score(np.asarray(self.predicted), np.asarray(self.labels), self.convention)


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


def _outputs(model, images: np.ndarray, rescale: float | None) -> tuple[np.ndarray, np.ndarray]:
    """(output index, its probability) per picture."""
    scores = np.asarray(model.predict(_inputs(model, images, rescale), batch_size=256,
                                      verbose=0))
    if scores.ndim != 2:
        return np.zeros(len(images), int), np.zeros(len(images))
    return scores.argmax(axis=-1), scores.max(axis=-1).astype(float)


def predict_labels(model, images: np.ndarray, convention: Convention,
                   present: tuple[int, ...]) -> np.ndarray:
    """The labels (0–25) the model gives `images` under `convention`.

    Raises:
        ModelLoadError: if the model does not take 28×28 pictures.
    """
    outputs, _ = _outputs(model, images, convention.rescale)
    return _as_labels(outputs, convention.reindexed, present)


def predict_csv(model, csv_path: Path, convention: Convention, present: tuple[int, ...], *,
                keep_images: bool = False) -> CsvPredictions:
    """The model's prediction for each row of `csv_path` under `convention`.

    Args:
        keep_images: keep the rows' pictures (for the student's own files only: a report
            shows them as the model's mistakes).

    Raises:
        ModelLoadError: if the model does not take 28×28 pictures.
    """
    images, labels = read_csv_images(csv_path)
    outputs, confidence = _outputs(model, images, convention.rescale)
    predicted = _as_labels(outputs, convention.reindexed, present)
    return CsvPredictions(labels=tuple(int(v) for v in labels),
                          predicted=tuple(int(v) for v in predicted),
                          confidence=tuple(float(v) for v in confidence), convention=convention,
                          images=images if keep_images else None)


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
    return predict_csv(model, csv_path, convention, present).score
