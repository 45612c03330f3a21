"""Names of losses and metrics as they appear in a saved model's compile config.

Keras serializes ``loss='binary_crossentropy'`` as a string, ``BinaryCrossentropy()`` as an
object dict and ``keras.losses.binary_crossentropy`` as a function dict; these helpers bring
all the spellings a student may use back to one snake_case name.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["loss_name", "metric_names", "snake_case"]

_ALIASES = {"bce": "binary_crossentropy", "BinaryCrossentropy": "binary_crossentropy",
            "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy"}


def snake_case(name: str) -> str:
    """``"BinaryCrossentropy"`` → ``"binary_crossentropy"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def loss_name(loss: Any) -> tuple[str | None, bool]:
    """Returns ``(snake_case name, from_logits)`` of a serialized loss."""
    if isinstance(loss, str):
        return _ALIASES.get(loss, loss), False
    if isinstance(loss, dict):
        config = loss.get("config")
        if loss.get("class_name") == "function" and isinstance(config, str):
            return config, False
        if isinstance(config, dict):
            return snake_case(str(loss.get("class_name"))), bool(config.get("from_logits"))
        return snake_case(str(loss.get("class_name"))), False
    return None, False


def _metric(entry: Any) -> list[str]:
    """Returns the log key(s) a serialized metric will write into the history."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, (list, tuple)):
        return [name for item in entry for name in _metric(item)]
    if isinstance(entry, dict):
        config = entry.get("config")
        if entry.get("class_name") == "function" and isinstance(config, str):
            return [config]
        if isinstance(config, dict) and config.get("name"):
            return [str(config["name"])]
        return [snake_case(str(entry.get("class_name")))]
    return []


def metric_names(metrics: Any) -> list[str]:
    """Returns the metric names of a serialized ``metrics=`` argument."""
    if metrics is None:
        return []
    return _metric(metrics)
