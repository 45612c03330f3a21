"""What a Week 3 model is made of, read by the grader from the model it loaded itself.

A transfer-learning model has three parts: what it does to the pixels before InceptionV3
(`Anatomy.preprocessing`, e.g. a ``Rescaling``), the InceptionV3 layers up to the cut
(`Anatomy.base`), and the head the student put on the cut's output (`Anatomy.head`).
`base_fingerprints` and `file_fingerprints` tell whether the base layers hold the weights
of the course's file, whatever this session named the layers and in whatever order the
model lists them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Anatomy", "HeadLayer", "anatomy", "base_fingerprints", "file_fingerprints",
           "producers"]

_BASE_CLASSES = {"InputLayer", "Conv2D", "BatchNormalization", "Activation", "MaxPooling2D",
                 "AveragePooling2D", "Concatenate"}


@dataclass(frozen=True)
class HeadLayer:
    """One layer of the head or of the preprocessing, as plain data."""

    class_name: str
    config: dict


@dataclass(frozen=True)
class Anatomy:
    """The parts of a transfer-learning model."""

    cut: str | None
    """Name of the base layer whose output the head takes (``"mixed7"``), or None."""
    cut_shape: tuple | None
    """That output's shape without the batch axis, e.g. ``(7, 7, 768)``."""
    base: tuple[str, ...]
    """Names of the InceptionV3 layers in the model."""
    trainable_base: tuple[str, ...]
    """Names of the base layers left trainable."""
    trainable_base_weights: int
    """Trainable parameters in the base (the course: 0)."""
    head: tuple[HeadLayer, ...]
    """The layers after the cut, in order."""
    preprocessing: tuple[HeadLayer, ...]
    """Layers between the input and the first convolution (e.g. ``Rescaling``)."""
    total_params: int
    trainable_params: int


def _size(weights) -> int:
    return int(sum(np.prod(w.shape) for w in weights))


def producers(layer) -> list:
    """The layers whose outputs `layer` takes, in input order (None for an input that no
    layer made)."""
    inputs = layer.input if isinstance(layer.input, (list, tuple)) else [layer.input]
    return [history[0] if (history := getattr(tensor, "_keras_history", None)) else None
            for tensor in inputs]


def _producer(layer):
    """The layer whose output `layer` takes (its first input), if any."""
    return producers(layer)[0]


def _layers(model) -> list:
    """The model's layers, nested models opened in place."""
    import keras

    found = []
    for layer in model.layers:
        found.extend(_layers(layer) if isinstance(layer, keras.Model) else [layer])
    return found


def anatomy(model) -> Anatomy:
    """Splits a loaded model into preprocessing, InceptionV3 base and head."""
    layers = _layers(model)
    first_conv = next((i for i, l in enumerate(layers) if type(l).__name__ == "Conv2D"),
                      len(layers))
    start = next((i for i, l in enumerate(layers) if i > first_conv
                  and type(l).__name__ not in _BASE_CLASSES), len(layers))
    base = [l for l in layers[first_conv:start] if type(l).__name__ != "InputLayer"]
    cut = _producer(layers[start]) if start < len(layers) else (base[-1] if base else None)
    cut_shape = tuple(cut.output.shape)[1:] if cut is not None else None
    plain = lambda l: HeadLayer(type(l).__name__, l.get_config())  # noqa: E731
    return Anatomy(
        cut=cut.name if cut is not None else None, cut_shape=cut_shape,
        base=tuple(l.name for l in base),
        trainable_base=tuple(l.name for l in base if l.trainable_weights),
        trainable_base_weights=_size(w for l in base for w in l.trainable_weights),
        head=tuple(plain(l) for l in layers[start:]),
        preprocessing=tuple(plain(l) for l in layers[:first_conv]
                            if type(l).__name__ != "InputLayer"),
        total_params=_size(model.weights),
        trainable_params=_size(model.trainable_weights))


def _fingerprint(arrays) -> str:
    digests = sorted(hashlib.sha256(np.ascontiguousarray(a, dtype="float32").tobytes())
                     .hexdigest() for a in arrays)
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def base_fingerprints(model) -> dict[str, str]:
    """Per base layer with weights, its name → a fingerprint of its weights' bytes (in any
    order)."""
    names = set(anatomy(model).base)
    return {layer.name: _fingerprint([w.numpy() for w in layer.weights])
            for layer in _layers(model) if layer.name in names and layer.weights}


_FILE_CACHE: dict[tuple[str, float], frozenset[str]] = {}


def file_fingerprints(path: Path) -> frozenset[str]:
    """The fingerprints of every layer in a weights file of Keras' legacy HDF5 layout."""
    import h5py

    key = (str(path), Path(path).stat().st_mtime)
    if key not in _FILE_CACHE:
        found = set()
        with h5py.File(path, "r") as file:
            root = file["model_weights"] if "model_weights" in file else file
            for name in root.attrs["layer_names"]:
                group = root[name.decode() if isinstance(name, bytes) else name]
                weight_names = group.attrs.get("weight_names", [])
                if len(weight_names):
                    found.add(_fingerprint([group[w.decode() if isinstance(w, bytes) else w][()]
                                            for w in weight_names]))
        _FILE_CACHE[key] = frozenset(found)
    return _FILE_CACHE[key]
