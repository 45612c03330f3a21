"""Remembers what each model was trained on (inside the student's kernel).

The grader's prelude wraps ``keras.Model.fit`` before any student cell runs, so the export
step can describe the very data the trained model saw (a ``tf.data`` pipeline with a
random ``map``, a legacy generator), whatever the notebook named its variables. Like
everything exported from the kernel, what it records is a claim the grader checks.
"""

from __future__ import annotations

import functools
import inspect
import operator
import weakref
from typing import Any

__all__ = ["install", "training_inputs", "trained_model", "fit_finished", "asked_epochs"]

_CALLS: dict[int, dict[str, Any]] = {}
"""id(model) → the ``x`` and ``validation_data`` of its last ``fit`` call (with a weak
reference to the model: an id is reused once its object is gone)."""
_FINISHED: dict[int, Any] = {}
"""id(model) → a weak reference to each model a ``fit`` call returned for (ran to its end,
without raising)."""


_ASKED: dict[int, tuple[Any, int]] = {}
"""id(model) → (a weak reference to it, the epochs its last capped ``fit`` asked for)."""


def _same(entry_model, model: Any) -> bool:
    return entry_model is not None and entry_model() is model


def install(epoch_budget: int | None = None) -> None:
    """Wraps ``keras.Model.fit`` once to record its training and validation inputs and, with
    an `epoch_budget`, to train at most that many epochs per call (the week's grading
    budget, `autograder.assignments.spec.Rules.epoch_budget`): a larger ``epochs`` is
    lowered, the notebook's output says so, and `asked_epochs` remembers what was asked."""
    import keras

    original = keras.Model.fit
    if getattr(original, "_autograder_records", False):
        return
    signature = inspect.signature(original)

    @functools.wraps(original)
    def fit(self, *args, **kwargs):
        try:
            bound = signature.bind_partial(self, *args, **kwargs)
            arguments = bound.arguments
            _CALLS[id(self)] = {"x": arguments.get("x"),
                                "validation_data": arguments.get("validation_data"),
                                "model": weakref.ref(self)}
            asked = _cap(arguments, epoch_budget) if epoch_budget is not None else None
            _ASKED.pop(id(self), None)
            if asked is not None:
                _ASKED[id(self)] = (weakref.ref(self), asked)
                args, kwargs = bound.args[1:], bound.kwargs
        except TypeError:  # a call fit itself will reject, with its own message
            pass
        returned = original(self, *args, **kwargs)
        _FINISHED[id(self)] = weakref.ref(self)
        return returned

    fit._autograder_records = True
    keras.Model.fit = fit


def _cap(arguments: dict[str, Any], budget: int) -> int | None:
    """Lowers ``epochs`` in `arguments` (a bound ``fit`` call) so that it trains at most
    `budget` epochs after ``initial_epoch``, saying so; returns the ``epochs`` asked for if
    it did, else None."""
    try:
        asked = operator.index(arguments.get("epochs", 1))
        start = operator.index(arguments.get("initial_epoch", 0))
    except TypeError:  # fit itself says what is wrong with them
        return None
    if asked - start <= budget:
        return None
    arguments["epochs"] = start + budget
    print(f"Note from the grader: this assignment is graded on at most {budget} epochs per "
          f"training run, so fit(epochs={asked}) trains {budget} epochs here (your callback "
          "can still stop it sooner). Your own runs are not limited.", flush=True)
    return asked


def asked_epochs(model: Any) -> int | None:
    """The ``epochs`` `model`'s last ``fit`` asked for where the budget lowered it, else None."""
    entry = _ASKED.get(id(model))
    return entry[1] if entry is not None and _same(entry[0], model) else None


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
