"""Remembers what each model was trained on (inside the student's kernel).

The grader's prelude wraps ``keras.Model.fit`` before any student cell runs, so the export
step can describe the very data the trained model saw (a ``tf.data`` pipeline with a
random ``map``, a legacy generator), whatever the notebook named its variables. Like
everything exported from the kernel, what it records is a claim the grader checks.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

__all__ = ["install", "training_inputs", "trained_model", "fit_finished"]

_CALLS: dict[int, dict[str, Any]] = {}
"""id(model) → the ``x`` and ``validation_data`` of its last ``fit`` call."""
_FINISHED: set[int] = set()
"""id(model) of each model a ``fit`` call returned for (ran to its end, without raising)."""


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
                                "validation_data": bound.get("validation_data")}
        except TypeError:  # a call fit itself will reject, with its own message
            pass
        returned = original(self, *args, **kwargs)
        _FINISHED.add(id(self))
        return returned

    fit._autograder_records = True
    keras.Model.fit = fit


def fit_finished(model: Any) -> bool:
    """Whether a ``fit`` of `model` ran to its end (a model whose ``fit`` raised on its first
    batch was never trained, though it is the notebook's ``model``)."""
    return id(model) in _FINISHED


def training_inputs(model: Any) -> dict[str, Any] | None:
    """The ``x`` and ``validation_data`` of `model`'s last ``fit``, or None if never fit."""
    return _CALLS.get(id(model))


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
