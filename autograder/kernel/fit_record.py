"""Remembers what each model was trained on (inside the student's kernel).

The grader's prelude wraps ``keras.Model.fit`` before any student cell runs, so the export
step can describe the very data the trained model saw (a ``tf.data`` pipeline with a
random ``map``, a legacy generator), whatever the notebook named its variables. Like
everything exported from the kernel, what it records is a claim the grader checks.
"""

from __future__ import annotations

import functools
import inspect
import weakref
from typing import Any

__all__ = ["install", "training_inputs", "trained_model", "fit_finished"]

_CALLS: dict[int, dict[str, Any]] = {}
"""id(model) → the ``x`` and ``validation_data`` of its last ``fit`` call (with a weak
reference to the model: an id is reused once its object is gone)."""
_FINISHED: dict[int, Any] = {}
"""id(model) → a weak reference to each model a ``fit`` call returned for (ran to its end,
without raising)."""


def _same(entry_model, model: Any) -> bool:
    return entry_model is not None and entry_model() is model


def install() -> None:
    """Wraps ``keras.Model.fit`` once to record its training and validation inputs."""
    import keras

    original = keras.Model.fit
    if getattr(original, "_autograder_records", False):
        return
    signature = inspect.signature(original)

    @functools.wraps(original)
    def fit(self, *args, **kwargs):
        try:
            bound = signature.bind_partial(self, *args, **kwargs).arguments
            _CALLS[id(self)] = {"x": bound.get("x"),
                                "validation_data": bound.get("validation_data"),
                                "model": weakref.ref(self)}
        except TypeError:  # a call fit itself will reject, with its own message
            pass
        returned = original(self, *args, **kwargs)
        _FINISHED[id(self)] = weakref.ref(self)
        return returned

    fit._autograder_records = True
    keras.Model.fit = fit


def fit_finished(model: Any) -> bool:
    """Whether a ``fit`` of `model` ran to its end (a model whose ``fit`` raised on its first
    batch was never trained, though it is the notebook's ``model``)."""
    return _same(_FINISHED.get(id(model)), model)


def training_inputs(model: Any) -> dict[str, Any] | None:
    """The ``x`` and ``validation_data`` of `model`'s last ``fit``, or None if never fit."""
    call = _CALLS.get(id(model))
    if call is None or not _same(call.get("model"), model):
        return None
    return {"x": call["x"], "validation_data": call["validation_data"]}


def trained_model(namespace, history: str = "history", model: str = "model") -> tuple[Any, str]:
    """The model the notebook trained and where it was found: ``<history>.model``, else
    the global `model`.

    Raises:
        Guarded: if the notebook has neither.
    """
    import keras

    from autograder.kernel.capture import Guarded

    found = namespace.get(history)
    if isinstance(found, keras.callbacks.History) and found.model is not None:
        return found.model, f"{history}.model"
    if isinstance(namespace.get(model), keras.Model):
        return namespace[model], model
    raise Guarded(f"No trained model was found. Expected your notebook to train the model "
                  f"with `{history} = {model}.fit(...)`. Run every cell, including training.",
                  absent=True)
