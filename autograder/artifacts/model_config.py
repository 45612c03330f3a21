"""Reading a model's architecture and compile settings from a ``.keras`` file.

A ``.keras`` file is a zip whose ``config.json`` describes the layers and the compile
call. Reading it as JSON needs no TensorFlow and runs none of the student's code (a
Lambda layer is just a name here), so architecture checks are fast and safe.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["LayerInfo", "ModelSummary", "read_model_summary", "describe_layer"]

_CONTAINERS = {"Sequential", "Functional", "Model"}


@dataclass(frozen=True)
class LayerInfo:
    """One layer of a model, in forward order."""

    class_name: str
    """Keras class name, e.g. ``"Conv2D"``."""
    name: str
    """The layer's name in the model."""
    config: dict
    """The layer's serialized config (units, activation, scale …)."""
    trainable: bool = True
    """Whether its weights train: its own flag and those of every model around it."""
    path: tuple[str, ...] = ()
    """Names of the models it sits in, outermost first (``("augmentation",)`` for a layer of
    a nested ``Sequential``); empty for a layer of the model itself."""


@dataclass(frozen=True)
class ModelSummary:
    """A model's architecture and compile settings, as plain data."""

    input_shape: tuple | None
    """Shape of the model's input, batch dimension included, e.g. ``(None, 150, 150, 3)``."""
    layers: tuple[LayerInfo, ...]
    """Layers in forward order, input layers left out; the layers of nested models are
    listed in their place, each with its `LayerInfo.path` and effective `trainable`."""
    compile_config: dict | None
    """What ``model.compile`` received (optimizer, loss, metrics), or None if not compiled."""

    def count(self, class_name: str) -> int:
        return sum(layer.class_name == class_name for layer in self.layers)

    def nested(self, path: tuple[str, ...]) -> tuple[LayerInfo, ...]:
        """The layers inside the nested model at `path` (and the models inside it)."""
        return tuple(layer for layer in self.layers if layer.path[:len(path)] == path)


def _flatten(config: dict, path: tuple[str, ...] = (), trainable: bool = True
             ) -> tuple[list[LayerInfo], tuple | None]:
    layers: list[LayerInfo] = []
    input_shape = None
    for entry in config.get("layers", []):
        class_name = entry.get("class_name", "?")
        inner = entry.get("config", {}) or {}
        if class_name == "InputLayer":
            shape = inner.get("batch_shape") or inner.get("batch_input_shape")
            if input_shape is None and shape is not None:
                input_shape = tuple(shape)
            continue
        own = trainable and inner.get("trainable", True) is not False
        if class_name in _CONTAINERS and isinstance(inner, dict) and "layers" in inner:
            nested, nested_shape = _flatten(inner, (*path, str(inner.get("name", ""))), own)
            layers.extend(nested)
            input_shape = input_shape or nested_shape
            continue
        layers.append(LayerInfo(class_name, str(inner.get("name", "")), inner, own, path))
    return layers, input_shape


def read_model_summary(path: Path) -> ModelSummary:
    """Reads the architecture and compile settings of the ``.keras`` file at `path`.

    Raises:
        ValueError: if the file is not a readable ``.keras`` archive.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            document = json.loads(archive.read("config.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as error:
        raise ValueError(f"{Path(path).name} is not a readable .keras file: {error}") from error
    layers, input_shape = _flatten(document.get("config", {}))
    if input_shape is None:
        build = document.get("build_config") or {}
        shape = build.get("input_shape")
        input_shape = tuple(shape) if shape else None
    return ModelSummary(input_shape=input_shape, layers=tuple(layers),
                        compile_config=document.get("compile_config"))


def describe_layer(layer: LayerInfo | None) -> str:
    """Writes a layer the way a student would, e.g. ``Dense(2, activation='softmax')``."""
    if layer is None:
        return "no layer"
    config: dict[str, Any] = layer.config
    if layer.class_name == "Dense":
        return f"Dense({config.get('units')}, activation={config.get('activation')!r})"
    if layer.class_name == "Rescaling":
        return f"Rescaling(scale={config.get('scale')}, offset={config.get('offset')})"
    if layer.class_name == "Conv2D":
        return f"Conv2D({config.get('filters')}, {tuple(config.get('kernel_size', ()))})"
    return f"{layer.class_name}()"
