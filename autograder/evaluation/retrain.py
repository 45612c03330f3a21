"""Retraining ``create_model()`` in the grader, under a fixed seed and epoch budget.

The alternative to scoring the model the notebook trained: the grader loads the untrained
model ``create_model()`` returned (with its compile settings), fits it on a clean copy of
the student data with the course's stopping rule, and scores it on the held-out images.
Slower, but independent of how (or whether) the notebook trained.
"""

from __future__ import annotations

import contextlib
import io
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from autograder.evaluation._tensorflow import import_keras
from autograder.evaluation.heldout import HeldoutScore, ModelLoadError, heldout_accuracy

__all__ = ["RetrainScore", "retrain_and_score"]


@dataclass(frozen=True)
class RetrainScore:
    """Result of retraining."""

    heldout: HeldoutScore
    """Accuracy of the retrained model on the held-out images."""
    epochs: int
    """Epochs run before the stopping rule or the budget ended training."""
    seconds: float
    """Wall time of fitting and scoring."""


def retrain_and_score(model_path: Path, clean_images_dir: Path, heldout_dir: Path, *,
                      class_names: list[str], image_size: tuple[int, int], seed: int,
                      max_epochs: int, validation_split: float, bars: tuple[float, float],
                      batch_size: int = 128, work_dir: Path) -> RetrainScore:
    """Fits the untrained model at `model_path` and scores it on the held-out images.

    Raises:
        ModelLoadError: if the model cannot be loaded or was not compiled.
    """
    keras = import_keras()

    started = time.monotonic()
    keras.utils.set_random_seed(seed)
    try:
        model = keras.models.load_model(model_path, compile=True, safe_mode=True)
    except Exception as error:  # noqa: BLE001
        raise ModelLoadError(f"create_model()'s model could not be loaded for retraining "
                             f"({type(error).__name__}).") from error
    if getattr(model, "optimizer", None) is None:
        raise ModelLoadError("create_model() must return a compiled model.")
    with contextlib.redirect_stdout(io.StringIO()):  # "Using N files …" ignores verbose
        train, validation = keras.utils.image_dataset_from_directory(
            clean_images_dir, image_size=image_size, batch_size=batch_size,
            label_mode="binary", class_names=class_names, validation_split=validation_split,
            subset="both", seed=seed, verbose=False)

    class StopAtBars(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            if logs.get("accuracy", 0) >= bars[0] and logs.get("val_accuracy", 0) >= bars[1]:
                self.model.stop_training = True

    with warnings.catch_warnings():  # Keras warns about its own defaults, not the student's
        warnings.simplefilter("ignore")
        history = model.fit(train.cache(), validation_data=validation.cache(),
                            epochs=max_epochs, callbacks=[StopAtBars()], verbose=0)
    trained = Path(work_dir) / "retrained_model.keras"
    model.save(trained)
    score = heldout_accuracy(trained, heldout_dir, class_names=class_names)
    return RetrainScore(heldout=score, epochs=len(history.history.get("loss", [])),
                        seconds=time.monotonic() - started)
