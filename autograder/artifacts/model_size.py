"""A saved model's input and parameter count, read from its ``config.json`` before it is built.

Keras builds every layer (allocating its weights) before it reads a single weight from the
file, so a ``.keras`` zip of a few hundred kilobytes whose config asks for ``Dense(40000)``
after a 67,500-wide ``Flatten`` costs the grader over 10 GB before the load fails; and a
4-parameter model whose input is 4000×4000×3 makes the held-out scorer resize every image to
that size. This module works the model's shapes out from the config alone (its own shape
rules for the standard layers, never the shapes the file claims), so that the grader refuses
such a model with a message before it loads it (`refusal`).

A layer it has no rule for leaves the shapes after it unknown: that model is bounded by the
grading process's memory cap alone (`autograder.grading_process`).
"""

from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ModelSize", "MAX_CONFIG_BYTES", "read_config", "estimate_model_size", "refusal"]

MAX_CONFIG_BYTES = 16 * 1024 ** 2
"""Largest ``config.json`` the grader reads (InceptionV3 cut at mixed7 with its head: 0.2 MB)."""

_SAME_SHAPE = {
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
    "GaussianDropout", "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "PReLU",
    "Softmax", "Rescaling", "ActivityRegularization", "Identity", "Masking", "RandomFlip",
    "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness",
    "RandomCrop", "RandomHeight", "RandomWidth", "AutoContrast", "Solarization",
    "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear",
    "RandomColorJitter", "RandomPosterization", "RandomErasing", "RandomGaussianBlur",
    "RandomInvert", "RandomPerspective", "RandomElasticTransform", "Equalization"}
_CONTAINERS = {"Sequential", "Functional", "Model"}
_MERGE_SAME = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}


@dataclass(frozen=True)
class ModelSize:
    """What a saved model asks of the grader, worked out from its config."""

    input_shape: tuple | None
    """Its (first) input without the batch axis, e.g. ``(150, 150, 3)``; None if unknown."""
    parameters: int
    """Weights of the layers whose shapes could be worked out."""
    unknown_layers: tuple[str, ...] = ()
    """Classes of the layers it had no shape rule for (the count leaves them out)."""


def read_config(path: Path) -> dict:
    """The ``config.json`` of the ``.keras`` zip at `path`, as a dict.

    Raises:
        ValueError: if it is not a readable ``.keras`` archive, or its config is larger than
            `MAX_CONFIG_BYTES` once uncompressed (read no further: a zip bomb).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("config.json")
            if info.file_size > MAX_CONFIG_BYTES:
                raise ValueError(f"{Path(path).name}: config.json holds {info.file_size} bytes "
                                 f"(at most {MAX_CONFIG_BYTES})")
            with archive.open(info) as handle:
                document = json.loads(handle.read(MAX_CONFIG_BYTES + 1))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError, RecursionError,
            UnicodeDecodeError) as error:
        raise ValueError(f"{Path(path).name} is not a readable .keras file: {error}") from error
    if not isinstance(document, dict):
        raise ValueError(f"{Path(path).name}: config.json is not a JSON object")
    return document


def estimate_model_size(document: dict) -> ModelSize:
    """Works out the input shape and parameter count of a ``.keras`` config (`read_config`)."""
    counter = _Counter()
    shape = counter.model(document.get("class_name"), document.get("config") or {},
                          _top_input(document))
    del shape
    return ModelSize(input_shape=counter.first_input, parameters=counter.parameters,
                     unknown_layers=tuple(sorted(counter.unknown)))


def refusal(size: ModelSize, *, image_size: tuple[int, int], channels: int,
            max_parameters: int) -> str | None:
    """Why a model of `size` is too far from the week's to be graded, or None.

    Far means: a side of its input more than twice the week's image size, more than four
    channels, or more than `max_parameters` weights (the week's reference model, with room to
    spare: each week's `Rules.max_parameters` says how much).
    """
    week = f"{image_size[0]}×{image_size[1]}×{channels}"
    shape = size.input_shape
    sides = [s for s in (shape or ())[:-1] if isinstance(s, int)]
    if shape and (any(s > 2 * max(image_size) for s in sides)
                  or (isinstance(shape[-1], int) and shape[-1] > 4)):
        return (f"Your model is too large to grade: expected a model that takes {week} images, "
                f"as this week's assignment asks; found one that takes "
                f"{'×'.join(str(s) for s in shape)} inputs, which the grader would have to "
                f"resize every held-out image to. Start the model with "
                f"tf.keras.Input(shape=({image_size[0]}, {image_size[1]}, {channels})).")
    if size.parameters > max_parameters:
        return (f"Your model is too large to grade: expected a model of at most "
                f"{max_parameters:,} parameters (this week's model has far fewer); found one "
                f"whose layers ask for about {size.parameters:,}. Build the model the "
                f"assignment describes: fewer or smaller Dense layers, or pooling before "
                f"Flatten.")
    return None


def _top_input(document: dict) -> tuple | None:
    build = document.get("build_config") or {}
    return _shape(build.get("input_shape"))


def _shape(raw: Any) -> tuple | None:
    """A batch shape from the config without its batch axis; None if it is not one."""
    if not isinstance(raw, (list, tuple)) or not raw:
        return None
    if not all(v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
               for v in raw):
        return None
    return tuple(raw[1:])


def _ints(raw: Any, rank: int) -> tuple[int, ...] | None:
    values = (raw,) * rank if isinstance(raw, int) else raw
    if (not isinstance(values, (list, tuple)) or len(values) != rank
            or not all(isinstance(v, int) and v > 0 for v in values)):
        return None
    return tuple(values)


def _known(shape: tuple | None) -> bool:
    return shape is not None and all(isinstance(s, int) for s in shape)


class _Counter:
    """Walks a config's layers, working out each one's output shape and weights."""

    def __init__(self) -> None:
        self.parameters = 0
        self.unknown: set[str] = set()
        self.first_input: tuple | None = None

    def model(self, class_name: Any, config: dict, given: tuple | None) -> tuple | None:
        layers = config.get("layers") if isinstance(config, dict) else None
        if not isinstance(layers, list):
            self.unknown.add(str(class_name))
            return None
        if class_name == "Sequential":
            return self._sequential(layers, given or _shape(config.get("build_input_shape")))
        return self._functional(layers, given)

    def _sequential(self, layers: list, shape: tuple | None) -> tuple | None:
        for entry in layers:
            if not isinstance(entry, dict):
                continue
            if entry.get("class_name") == "InputLayer":
                inner = entry.get("config") or {}
                shape = _shape(inner.get("batch_shape") or inner.get("batch_input_shape"))
                self._note_input(shape)
                continue
            self._note_input(shape)
            shape = self.layer(entry, [shape])
        return shape

    def _functional(self, layers: list, given: tuple | None) -> tuple | None:
        outputs: dict[tuple[str, int], tuple | None] = {}
        last = None
        for entry in layers:
            if not isinstance(entry, dict):
                continue
            name = str(entry.get("name") or (entry.get("config") or {}).get("name"))
            if entry.get("class_name") == "InputLayer":
                inner = entry.get("config") or {}
                shape = _shape(inner.get("batch_shape") or inner.get("batch_input_shape"))
                shape = shape if shape is not None else given
                self._note_input(shape)
                outputs[(name, 0)] = last = shape
                continue
            nodes = entry.get("inbound_nodes") or [{}]
            counted = False
            for index, node in enumerate(nodes if isinstance(nodes, list) else [{}]):
                inputs = [outputs.get(key) for key in _history(node)] or [None]
                shape = self.layer(entry, inputs, count=not counted)
                counted = True
                outputs[(name, index)] = last = shape
        return last

    def _note_input(self, shape: tuple | None) -> None:
        if self.first_input is None and shape is not None:
            self.first_input = shape

    def layer(self, entry: dict, inputs: list, *, count: bool = True) -> tuple | None:
        class_name = entry.get("class_name")
        config = entry.get("config") or {}
        if class_name in _CONTAINERS:
            if not count:
                return None
            return self.model(class_name, config, inputs[0])
        try:
            shape, weights = _rule(class_name, config, inputs)
        except (TypeError, ValueError, ZeroDivisionError, KeyError, IndexError):
            shape, weights = None, 0
            self.unknown.add(str(class_name))
        if shape is _UNKNOWN:
            self.unknown.add(str(class_name))
            return None
        if count:
            self.parameters += weights
        return shape


_UNKNOWN = object()


def _history(node: Any) -> list[tuple[str, int]]:
    """The (layer, node) pairs whose outputs a functional node takes."""
    found: list[tuple[str, int]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            history = (value.get("config") or {}).get("keras_history") \
                if value.get("class_name") == "__keras_tensor__" else None
            if isinstance(history, list) and len(history) >= 2:
                found.append((str(history[0]), int(history[1]) if isinstance(history[1], int)
                              else 0))
                return
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(node.get("args", []) if isinstance(node, dict) else [])
    return found


def _rule(class_name: Any, config: dict, inputs: list):
    """``(output shape, weights)`` of one layer; ``(_UNKNOWN, 0)`` without a rule."""
    shape = inputs[0]
    if class_name in _SAME_SHAPE:
        return shape, 0
    if class_name == "Normalization" and _known(shape):
        return shape, 2 * shape[-1] + 1
    if class_name in _MERGE_SAME:
        return shape, 0
    if class_name == "Concatenate":
        return _concatenate(inputs, config.get("axis", -1)), 0
    if not _known(shape):
        return _UNKNOWN, 0
    if class_name == "Dense":
        units = int(config["units"])
        return (*shape[:-1], units), shape[-1] * units + units * bool(config.get("use_bias", True))
    if class_name == "Flatten":
        return (math.prod(shape),), 0
    if class_name in ("BatchNormalization", "LayerNormalization"):
        per = (class_name == "BatchNormalization") * 2 + bool(config.get("center", True)) \
            + bool(config.get("scale", True))  # moving mean and variance, beta, gamma
        return shape, per * shape[-1]
    if class_name == "Embedding":
        return (*shape, int(config["output_dim"])), int(config["input_dim"]) * int(config["output_dim"])
    if class_name.startswith(("GlobalAveragePooling", "GlobalMaxPooling")):
        return (shape[-1],), 0
    for rank in (1, 2, 3):
        if class_name in (f"MaxPooling{rank}D", f"AveragePooling{rank}D"):
            return _pool(shape, config, rank), 0
        if class_name in (f"Conv{rank}D", f"Conv{rank}DTranspose", "DepthwiseConv2D",
                          "SeparableConv2D") and (rank == 2 or class_name.startswith("Conv")):
            return _conv(class_name, shape, config, rank)
        if class_name == f"ZeroPadding{rank}D":
            return _padded(shape, config.get("padding", 1), rank, +1), 0
        if class_name == f"Cropping{rank}D":
            return _padded(shape, config.get("cropping", 0), rank, -1), 0
        if class_name == f"UpSampling{rank}D":
            size = _ints(config.get("size", 2), rank)
            return (*(n * s for n, s in zip(shape[:rank], size)), *shape[rank:]), 0
    if class_name in ("Resizing", "CenterCrop"):
        return (int(config["height"]), int(config["width"]), shape[-1]), 0
    if class_name == "Reshape":
        return _reshape(shape, config["target_shape"]), 0
    if class_name == "Permute":
        return tuple(shape[int(d) - 1] for d in config["dims"]), 0
    return _UNKNOWN, 0


def _concatenate(inputs: list, axis: int):
    if not inputs or not all(_known(s) for s in inputs):
        return _UNKNOWN
    first = list(inputs[0])
    axis = axis - 1 if axis > 0 else axis  # the config's axis counts the batch axis
    first[axis] = sum(s[axis] for s in inputs)
    return tuple(first)


def _out_side(n: int, kernel: int, stride: int, padding: str, dilation: int = 1) -> int:
    if padding == "same":
        return -(-n // stride)
    return max(0, (n - (kernel - 1) * dilation - 1) // stride + 1)


def _pool(shape: tuple, config: dict, rank: int) -> tuple:
    pool = _ints(config.get("pool_size", 2), rank)
    strides = _ints(config.get("strides") or pool, rank)
    padding = config.get("padding", "valid")
    return (*(_out_side(n, k, s, padding) for n, k, s in zip(shape[:rank], pool, strides)),
            *shape[rank:])


def _conv(class_name: str, shape: tuple, config: dict, rank: int):
    kernel = _ints(config["kernel_size"], rank)
    strides = _ints(config.get("strides", 1), rank)
    dilation = _ints(config.get("dilation_rate", 1), rank) or (1,) * rank
    padding = config.get("padding", "valid")
    channels, bias = shape[-1], bool(config.get("use_bias", True))
    area = math.prod(kernel)
    if class_name.endswith("Transpose"):
        filters = int(config["filters"])
        sides = [n * s if padding == "same" else (n - 1) * s + k
                 for n, k, s in zip(shape[:rank], kernel, strides)]
        return (*sides, filters), area * channels * filters + filters * bias
    sides = [_out_side(n, k, s, padding, d)
             for n, k, s, d in zip(shape[:rank], kernel, strides, dilation)]
    if class_name == "DepthwiseConv2D":
        out = channels * int(config.get("depth_multiplier", 1))
        return (*sides, out), area * out + out * bias
    filters = int(config["filters"])
    if class_name == "SeparableConv2D":
        inner = channels * int(config.get("depth_multiplier", 1))
        return (*sides, filters), area * inner + inner * filters + filters * bias
    groups = int(config.get("groups", 1))
    return (*sides, filters), area * (channels // groups) * filters + filters * bias


def _padded(shape: tuple, raw: Any, rank: int, sign: int) -> tuple:
    if isinstance(raw, int):
        pairs = [(raw, raw)] * rank
    else:
        pairs = [(p, p) if isinstance(p, int) else tuple(p) for p in raw]
    return (*(n + sign * (a + b) for n, (a, b) in zip(shape[:rank], pairs)), *shape[rank:])


def _reshape(shape: tuple, target: list) -> tuple:
    target = [int(v) for v in target]
    if -1 in target:
        known = math.prod(v for v in target if v != -1)
        target[target.index(-1)] = math.prod(shape) // max(known, 1)
    return tuple(target)
