"""Retraining ``create_model()`` in the grader, under a fixed seed and the week's epochs.

The alternative to scoring the model the notebook trained (the ``retrain`` mode, chosen
before any check runs): the grader loads the untrained model ``create_model()`` returned
(with its compile settings) and fits it on a clean copy of the student data with the
course's split, batch size and stopping rule. Slower, but independent of how (or whether)
the notebook trained.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

from autograder.evaluation._tensorflow import import_keras
from autograder.evaluation.heldout import ModelLoadError

__all__ = ["retrain_model"]


def retrain_model(model_path: Path, clean_images_dir: Path, *, rules, seed: int):
    """Fits the untrained model at `model_path` on `clean_images_dir` by `rules`.

    Args:
        model_path: ``create_model()``'s model as exported (``.keras``, compiled).
        clean_images_dir: one subfolder per class, bad files left out.
        rules: the week's `Rules` (classes, image size, label mode, split, batch size,
            bars, epochs).
        seed: the run's seed.

    Returns:
        (the trained model, epochs run before the stopping rule or the budget ended it).

    Raises:
        ModelLoadError: if the model cannot be loaded or was not compiled.
    """
    keras = import_keras()

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
            clean_images_dir, image_size=rules.image_size, batch_size=rules.batch_size,
            label_mode=rules.label_mode, class_names=list(rules.class_names),
            validation_split=rules.validation_split, subset="both", seed=rules.split_seed,
            verbose=False)
    bars = (rules.accuracy_bar, rules.val_accuracy_bar)

    class StopAtBars(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            if logs.get("accuracy", 0) >= bars[0] and logs.get("val_accuracy", 0) >= bars[1]:
                self.model.stop_training = True

    with warnings.catch_warnings():  # Keras warns about its own defaults, not the student's
        warnings.simplefilter("ignore")
        history = model.fit(train.cache(), validation_data=validation.cache(),
                            epochs=rules.max_epochs, callbacks=[StopAtBars()], verbose=0)
    return model, len(history.history.get("loss", []))
