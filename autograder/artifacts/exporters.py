"""Exporters: run inside the student's kernel and turn live objects into artifacts.

Each exporter takes the kernel's namespace, an output folder and its own parameters,
and returns a JSON-ready dict (files such as ``.keras`` models go into the folder).
They only read the student's objects: the trained model is saved, never recompiled or
refit. TensorFlow is imported lazily, inside the student's kernel where it is loaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Mapping

from autograder.artifacts.capture import Guarded, quietly
from autograder.artifacts.datasets import describe_datasets

__all__ = ["EXPORTERS", "CLEANING_FOLDER"]


def _function(namespace: Mapping[str, Any], name: str) -> Any:
    function = namespace.get(name)
    if not callable(function):
        raise Guarded(f"`{name}` is not defined. Run the cell where you define it, and keep "
                      f"the name `{name}` exactly as the assignment gives it.")
    return function


CLEANING_FOLDER = "cleaning"
"""Folder in the artifacts folder where a cleaning function is probed: the grader puts a
dirty ``source/PetImages`` there before the kernel starts, and reads ``clean/PetImages``
itself after the kernel is gone."""


def export_cleaning(namespace, out_dir: Path, *, function: str, probe_dir: str | None = None
                    ) -> dict:
    """Runs the student's cleaning function from ``cleaning/source`` into ``cleaning/clean``.

    Only the call happens here; what it copied is read by the grader, outside the kernel.
    `probe_dir` (self-checks) is copied to the source first when the grader did not put one.
    """
    clean = _function(namespace, function)
    work = Path(out_dir) / CLEANING_FOLDER
    source, target = work / "source" / "PetImages", work / "clean" / "PetImages"
    if probe_dir is not None and not source.exists():
        shutil.copytree(Path(probe_dir) / "PetImages", source)
    if not source.is_dir():
        raise Guarded("The grader's test folder for clean_images() was not found; run the "
                      "notebook unchanged from top to bottom.")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    _, printed = quietly(f"{function}(source_dir, clean_dir)", clean, str(source), str(target))
    return {"printed": printed}


def export_datasets(namespace, out_dir: Path, *, function: str) -> dict:
    """Calls the student's dataset function and describes what it returns."""
    make = _function(namespace, function)
    value, printed = quietly(f"{function}()", make)
    description = describe_datasets(value, call=f"{function}()")
    description["printed"] = printed
    return description


def _save_model(model: Any, path: Path, what: str) -> None:
    import keras

    if not isinstance(model, keras.Model):
        raise Guarded(f"Expected {what} to be a Keras model. Found an object of type "
                      f"{type(model).__name__}. Return the model you build with tf.keras.")
    quietly(f"saving {what} in the .keras format", model.save, str(path))


def export_model(namespace, out_dir: Path, *, function: str, file: str) -> dict:
    """Calls the student's model function and saves the (untrained) model it returns."""
    make = _function(namespace, function)
    model, printed = quietly(f"{function}()", make)
    _save_model(model, out_dir / file, f"the value returned by {function}()")
    return {"file": file, "printed": printed}


def export_trained_model(namespace, out_dir: Path, *, file: str) -> dict:
    """Saves the model the notebook trained: ``history.model``, else a global ``model``."""
    import keras

    history = namespace.get("history")
    if isinstance(history, keras.callbacks.History) and history.model is not None:
        model, source = history.model, "history.model"
    elif isinstance(namespace.get("model"), keras.Model):
        model, source = namespace["model"], "model"
    else:
        raise Guarded("No trained model was found. Expected your notebook to train the model "
                      "with `history = model.fit(...)`. Run every cell, including training.")
    _save_model(model, out_dir / file, source)
    return {"file": file, "source": source}


def export_history(namespace, out_dir: Path) -> dict:
    """Exports ``history.history`` (the per-epoch metrics) and the fit parameters."""
    import keras

    history = namespace.get("history")
    if not isinstance(history, keras.callbacks.History):
        raise Guarded("No training history was found. Expected `history = model.fit(...)` "
                      "in your notebook; run the training cell to the end.")
    metrics = {str(k): [float(v) for v in values] for k, values in history.history.items()}
    params = {k: v for k, v in (history.params or {}).items()
              if isinstance(v, (int, float, str, bool, type(None)))}
    return {"history": metrics, "params": params}


def _probe_callback(callback_class, accuracy: float, val_accuracy: float) -> dict:
    import keras

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False
    logs = {"loss": 0.3, "accuracy": accuracy, "val_loss": 0.4, "val_accuracy": val_accuracy}
    call = f"{callback_class.__name__}().on_epoch_end(epoch, logs)"
    try:
        callback, _ = quietly(f"{callback_class.__name__}()", callback_class)
        if hasattr(callback, "set_model"):
            quietly(f"{callback_class.__name__}().set_model(model)", callback.set_model, model)
        else:  # not a Keras callback: give it the attribute Keras would
            callback.model = model
        _, printed = quietly(call, callback.on_epoch_end, 0, logs)
    except Guarded as error:
        return {"accuracy": accuracy, "val_accuracy": val_accuracy, "error": error.summary}
    return {"accuracy": accuracy, "val_accuracy": val_accuracy,
            "stopped": bool(getattr(model, "stop_training", False)), "printed": printed[:500]}


def export_callback(namespace, out_dir: Path, *, name: str, grid: list) -> dict:
    """Probes the student's callback class with training logs at and around the bars."""
    import keras

    callback_class = namespace.get(name)
    if not isinstance(callback_class, type):
        raise Guarded(f"`{name}` is not defined as a class. Run the cell where you define "
                      f"`class {name}(tf.keras.callbacks.Callback)`.")
    return {
        "is_keras_callback": issubclass(callback_class, keras.callbacks.Callback),
        "probes": [_probe_callback(callback_class, a, v) for a, v in grid],
    }


EXPORTERS = {
    "cleaning": export_cleaning,
    "datasets": export_datasets,
    "model": export_model,
    "trained_model": export_trained_model,
    "history": export_history,
    "callback": export_callback,
}
