"""Accuracy of a saved model on the student's own training and validation splits.

A history is what the student's kernel says happened during training; anyone can type
one. The grader measures instead: it rebuilds the course's split of the student data
(the same ``image_dataset_from_directory`` call with ``seed`` and ``validation_split``)
outside the sandbox and scores the saved model on both parts, so the training bars rest
on the model itself.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from autograder.evaluation._tensorflow import import_keras
from autograder.evaluation.heldout import FolderPredictions, accuracy_on_folder, predict_folder

__all__ = ["SplitScores", "split_accuracy"]


@dataclass(frozen=True)
class SplitScores:
    """Accuracy of one model on the training and validation splits of the student data."""

    train: float
    """Accuracy on (up to `max_images` of) the training split."""
    validation: float
    """Accuracy on the validation split."""
    train_images: int
    """Training images scored."""
    validation_images: int
    """Validation images scored."""
    validation_predictions: FolderPredictions | None = None
    """The model's prediction for each validation image: images the student has, so the
    report's mistakes are drawn from them (never from the held-out set). A CSV week keeps
    the `CsvPredictions` of the student's validation file here, with its pictures."""


def _split_files(clean_dir: Path, *, class_names: list[str], validation_split: float,
                 seed: int, image_size: tuple[int, int]) -> tuple[list[str], list[str]]:
    keras = import_keras()
    with contextlib.redirect_stdout(io.StringIO()):  # "Found N files …"
        train, validation = keras.utils.image_dataset_from_directory(
            clean_dir, label_mode="int", class_names=class_names, image_size=image_size,
            validation_split=validation_split, subset="both", seed=seed, batch_size=1,
            verbose=False)
    return list(train.file_paths), list(validation.file_paths)


def _link(paths: list[str], target: Path, class_names: list[str]) -> Path:
    """A folder of links to `paths`, keeping each file's class folder."""
    for name in class_names:
        (target / name).mkdir(parents=True, exist_ok=True)
    for path in paths:
        source = Path(path)
        folder = target / source.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / source.name).symlink_to(source.resolve())
    return target


def split_accuracy(model, clean_dir: Path, work_dir: Path, *, class_names: list[str],
                   validation_split: float, seed: int, rescale: float | None = None,
                   max_images: int = 1000) -> SplitScores:
    """Scores a loaded model on the course's training and validation splits of `clean_dir`.

    Args:
        model: the student's model, loaded by the grader.
        clean_dir: the student data without its broken files, one subfolder per class.
        work_dir: an empty folder for the split views (links only).
        class_names: class folder names in label order.
        validation_split: fraction kept for validation, as in the assignment.
        seed: the split seed the assignment uses.
        rescale: the legacy ImageDataGenerator factor the student trained with, if any.
        max_images: at most this many training images are scored (a fixed, evenly spread
            subset), so the cost stays small on the full-size data.

    Returns:
        The `SplitScores`.

    Raises:
        ModelLoadError: if the model does not take images.
    """
    shape = tuple(model.inputs[0].shape) if getattr(model, "inputs", None) else ()
    size = (int(shape[1]), int(shape[2])) if len(shape) == 4 and shape[1] and shape[2] else (150, 150)
    train, validation = _split_files(clean_dir, class_names=class_names,
                                     validation_split=validation_split, seed=seed, image_size=size)
    step = max(1, len(train) // max_images) if max_images else 1
    train = train[::step][:max_images] if max_images else train
    work_dir = Path(work_dir)
    trained = accuracy_on_folder(model, _link(train, work_dir / "train", class_names),
                                 class_names=class_names, rescale=rescale)
    checked = predict_folder(model, _link(validation, work_dir / "validation", class_names),
                             class_names=class_names, rescale=rescale)
    return SplitScores(train=trained.accuracy, validation=checked.score.accuracy,
                       train_images=trained.images, validation_images=checked.score.images,
                       validation_predictions=checked)
