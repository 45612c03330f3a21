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

from autograder.kernel.arrays import export_array_datasets, export_parsed_csv
from autograder.kernel.capture import Guarded, call_in, fitting_arguments, function_in, quietly
from autograder.kernel.datasets import describe_datasets
from autograder.kernel.fit_data import export_fit_data
from autograder.kernel.fit_record import asked_epochs, fit_finished, trained_model
from autograder.kernel.splitting import export_split_data, export_train_val_dirs

__all__ = ["EXPORTERS", "CLEANING_FOLDER"]


CLEANING_FOLDER = "cleaning"
"""Folder in the artifacts folder where a cleaning function is probed: the grader's fixture
puts a dirty ``source/<folder>`` there before the kernel starts, and the grader reads
``clean/<folder>`` itself after the kernel is gone."""


def export_cleaning(namespace, out_dir: Path, *, function: str, folder: str) -> dict:
    """Runs the student's cleaning function from ``cleaning/source/<folder>`` into
    ``cleaning/clean/<folder>``. Only the call happens here; what it copied is read by the
    grader, outside the kernel."""
    clean = function_in(namespace, function)
    work = Path(out_dir) / CLEANING_FOLDER
    source, target = work / "source" / folder, work / "clean" / folder
    if not source.is_dir():
        raise Guarded(f"The grader's test folder for {function}() was not found; run the "
                      "notebook unchanged from top to bottom.")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    _, printed = quietly(f"{function}(source_dir, clean_dir)", clean, str(source), str(target))
    return {"printed": printed}


def export_datasets(namespace, out_dir: Path, *, function: str, args: tuple[str, ...] = ()
                    ) -> dict:
    """Calls the student's dataset function and describes what it returns."""
    value, printed = call_in(namespace, function, args)
    description = describe_datasets(value, call=f"{function}()")
    description["printed"] = printed
    return description


def _save_model(model: Any, path: Path, what: str, *, optimizer_state: bool = True) -> None:
    """Saves `model` as ``.keras``; without `optimizer_state`, the optimizer's variables (as
    many as the trainable weights again for RMSprop and Adam, none of them graded) are left
    out while the compile settings stay."""
    import keras

    if not isinstance(model, keras.Model):
        raise Guarded(f"Expected {what} to be a Keras model. Found an object of type "
                      f"{type(model).__name__}. Return the model you build with tf.keras.")
    optimizer = model.__dict__.get("optimizer")
    if optimizer_state or optimizer is None:
        quietly(f"saving {what} in the .keras format", model.save, str(path))
        return
    # Keras saves the optimizer that the model holds as an attribute; set around Keras'
    # attribute tracking, so that nothing else about the student's model changes.
    object.__setattr__(model, "optimizer", None)
    try:
        quietly(f"saving {what} in the .keras format", model.save, str(path))
    finally:
        object.__setattr__(model, "optimizer", optimizer)


def export_model(namespace, out_dir: Path, *, function: str, file: str,
                 args: tuple[str, ...] = ()) -> dict:
    """Calls the student's model function (with the notebook's variables named in `args`)
    and saves the (untrained) model it returns."""
    model, printed = call_in(namespace, function, args)
    _save_model(model, out_dir / file, f"the value returned by {function}()")
    return {"file": file, "printed": printed}


def export_model_if_trainable(namespace, out_dir: Path, *, function: str, file: str,
                              variable: str, always: bool = False,
                              args: tuple[str, ...] = ()) -> dict:
    """Calls `function()` again and saves the model it returns, unless the notebook's model
    `variable` has no trainable weights (then training cannot have changed its weights, and
    the notebook's own model shows what `function()` built) and not `always`: a base frozen
    only after training was changed by it all the same, so a week that judges the base by
    what training did saves it every time; ``frozen`` still says what the flags say.

    Week 3 uses it to see the weights ``create_pre_trained_model()`` loads when the student's
    base trains and so no longer holds them. A kernel that skips the export only hides
    evidence that the grader then finds missing. `args`: the notebook's variables the
    function is given where it takes them (the older generation's weights file).
    """
    import keras

    current = namespace.get(variable)
    frozen = isinstance(current, keras.Model) and not current.trainable_weights
    if frozen and not always:
        return {"frozen": True}
    make = namespace.get(function)
    model, printed = call_in(namespace, function,
                             fitting_arguments(make, tuple(args)) if callable(make) else ())
    _save_model(model, out_dir / file, f"the value returned by {function}()")
    return {"frozen": frozen, "file": file, "printed": printed}


def export_trained_model(namespace, out_dir: Path, *, file: str, history: str = "history",
                         model: str = "model") -> dict:
    """Saves the model the notebook trained: ``<history>.model``, else the global `model`."""
    trained, source = trained_model(namespace, history, model)
    _save_model(trained, out_dir / file, source, optimizer_state=False)
    return {"file": file, "source": source, "fit_finished": fit_finished(trained)}


def export_history(namespace, out_dir: Path, *, name: str = "history") -> dict:
    """Exports ``<name>.history`` (the per-epoch metrics) and the fit parameters."""
    import keras

    history = namespace.get(name)
    if not isinstance(history, keras.callbacks.History):
        raise Guarded(f"No training history was found. Expected `{name} = model.fit(...)` "
                      f"in your notebook; run the training cell to the end.", absent=True)
    metrics = {str(k): [float(v) for v in values] for k, values in history.history.items()}
    params = {k: v for k, v in (history.params or {}).items()
              if isinstance(v, (int, float, str, bool, type(None)))}
    asked = asked_epochs(history.model) if history.model is not None else None
    if asked is not None:  # the grader's epoch budget lowered fit's epochs
        params["asked_epochs"] = asked
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
                      f"`class {name}(tf.keras.callbacks.Callback)`.", absent=True)
    return {
        "is_keras_callback": issubclass(callback_class, keras.callbacks.Callback),
        "probes": [_probe_callback(callback_class, a, v) for a, v in grid],
    }


EXPORTERS = {
    "cleaning": export_cleaning,
    "datasets": export_datasets,
    "model": export_model,
    "model_if_trainable": export_model_if_trainable,
    "trained_model": export_trained_model,
    "history": export_history,
    "callback": export_callback,
    "fit_data": export_fit_data,
    "parsed_csv": export_parsed_csv,
    "array_datasets": export_array_datasets,
    "train_val_dirs": export_train_val_dirs,
    "split_data": export_split_data,
}
