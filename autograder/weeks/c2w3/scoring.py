"""Scoring a Week 3 model on a folder of pictures, fed as the student's datasets fed it.

The course feeds InceptionV3 pixels scaled to [-1, 1] by
``tf.keras.applications.inception_v3.preprocess_input``. The grader reads from the first
batch the notebook gave ``fit`` (else from its training dataset) which scaling it used (raw
0–255, 1/255, or InceptionV3's) and applies the same to the pictures it scores, so a model
is judged on what it was trained to see. A ``Rescaling`` inside the model needs raw pixels, as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.evaluation.heldout import inference

__all__ = ["PixelScaling", "pixel_scaling", "Score", "score_folder"]


@dataclass(frozen=True)
class PixelScaling:
    """``pixels * scale + offset``, and its name for students."""

    scale: float
    offset: float
    name: str


INCEPTION = PixelScaling(1 / 127.5, -1.0, "tf.keras.applications.inception_v3.preprocess_input "
                                          "(pixels in [-1, 1])")
UNIT = PixelScaling(1 / 255, 0.0, "pixels divided by 255 (in [0, 1])")
RAW = PixelScaling(1.0, 0.0, "raw pixels (0 to 255)")


def pixel_scaling(low: float | None, high: float | None) -> PixelScaling:
    """The scaling whose range holds a batch with these smallest and largest values."""
    if low is None or high is None:
        return RAW
    if low < -0.05 and low >= -1.001 and high <= 1.001:
        return INCEPTION
    if low >= -0.001 and high <= 1.001:
        return UNIT
    return RAW


@dataclass(frozen=True)
class Score:
    accuracy: float
    images: int


def score_folder(model, folder: Path, *, class_names: list[str], scaling: PixelScaling,
                 size: tuple[int, int] = (150, 150), every: int = 1,
                 batch_size: int = 32) -> Score:
    """Accuracy of a loaded binary model on the pictures below `folder` (one subfolder per
    class), each `every`-th picture per class, scaled by `scaling`."""
    import keras

    correct = total = 0
    run = inference(model)
    for label, name in enumerate(class_names):
        files = sorted(p for p in (Path(folder) / name).iterdir() if p.is_file())[::every]
        for start in range(0, len(files), batch_size):
            images = np.stack([np.asarray(keras.utils.load_img(f, target_size=size),
                                          dtype="float32") for f in files[start:start + batch_size]])
            scores = run(images * scaling.scale + scaling.offset)
            predicted = scores.argmax(-1) if scores.shape[-1] > 1 else (scores[:, 0] > 0.5)
            correct += int((predicted.astype(int) == label).sum())
            total += len(images)
    return Score(accuracy=correct / max(total, 1), images=total)
