"""The form of every exported artifact, checked before any check reads it.

Everything in ``artifacts.json`` was written by code running in the student's kernel,
after the student's own code: it is a claim, and a claim is validated before use. Each
exporter has a JSON Schema with size limits; an entry that does not match becomes a
failed artifact with a student message, so checks only ever see well-formed facts.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ENTRY_SCHEMAS", "MAX_ARTIFACTS_BYTES", "invalid_reason", "MALFORMED_FEEDBACK"]

MAX_ARTIFACTS_BYTES = 64 * 1024 ** 2
"""Largest ``artifacts.json`` the grader reads."""

MALFORMED_FEEDBACK = ("The grader could not read what your notebook produced for this part: it "
                      "was not in the form the grader's own export writes. Do not change or "
                      "replace the grader's code from your notebook; run it from top to bottom.")

_TEXT = {"type": "string", "maxLength": 20_000}
_NUMBER = {"type": "number"}
_SHAPE = {"type": "array", "maxItems": 8, "items": {"type": ["integer", "null"]}}
_FILE = {"type": "string", "pattern": r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,80}\.keras$"}
_BATCH = {"type": ["object", "null"], "properties": {
    "images_shape": _SHAPE, "labels_shape": _SHAPE, "images_dtype": _TEXT, "labels_dtype": _TEXT,
    "images_min": {"type": ["number", "null"]}, "images_max": {"type": ["number", "null"]},
    "label_values": {"type": "array", "maxItems": 64, "items": _NUMBER}}}
_DATASET = {"type": "object", "required": ["kind", "element_spec", "file_paths", "has_file_paths",
                                            "class_names"], "properties": {
    "kind": {"enum": ["tf.data", "directory_iterator"]},
    "element_spec": {"type": "array", "minItems": 2, "maxItems": 2, "items": {
        "type": "object", "required": ["shape", "dtype"],
        "properties": {"shape": _SHAPE, "dtype": _TEXT}}},
    "file_paths": {"type": "array", "maxItems": 500_000, "items": {"type": "string",
                                                                   "maxLength": 300}},
    "has_file_paths": {"type": "boolean"},
    "class_names": {"type": "array", "maxItems": 100, "items": _TEXT},
    "class_mode": {"type": ["string", "null"]}, "batch_size": {"type": "integer"},
    "rescale": {"type": ["number", "null"]}, "first_batch": _BATCH, "first_batch_error": _TEXT,
    "augmentation": {"type": "object", "maxProperties": 16, "additionalProperties": {
        "type": ["number", "boolean", "array", "string"], "maxItems": 4, "maxLength": 200}}}}
_PROBE = {"type": "object", "required": ["accuracy", "val_accuracy"], "properties": {
    "accuracy": _NUMBER, "val_accuracy": _NUMBER, "stopped": {"type": "boolean"},
    "printed": _TEXT, "error": _TEXT}}

_FIT_INPUT = {"type": "object", "required": ["kind"], "properties": {
    "kind": {"enum": ["none", "tf.data", "directory_iterator", "other"]},
    "graph": {"type": "string", "pattern": r"^fit_(train|validation)\.pb$"},
    "rescale": {"type": ["number", "null"]}, "type": _TEXT,
    "augmentation": _DATASET["properties"]["augmentation"], "first_batch": _BATCH,
    "first_batch_error": _TEXT}}
_NPY = {"type": "string", "pattern": r"^parsing/parsed_(images|labels)\.npy$"}
_ROWS_NPY = {"type": "string", "pattern": r"^datasets/(train|validation)_(pixels|labels)\.npy$"}
_ARRAY_SPLIT = {"type": "object", "required": [
    "kind", "examples", "complete", "images_shape", "labels_shape", "one_hot", "label_values"],
    "properties": {
        "kind": {"enum": ["tf.data", "array_iterator"]}, "examples": {"type": "integer"},
        "complete": {"type": "boolean"}, "images_shape": _SHAPE, "labels_shape": _SHAPE,
        "images_dtype": _TEXT, "labels_dtype": _TEXT, "one_hot": {"type": "boolean"},
        "label_values": {"type": "array", "maxItems": 64, "items": {"type": "integer"}},
        "pixel_min": _NUMBER, "pixel_max": _NUMBER, "rescale": {"type": ["number", "null"]},
        "pixels_file": _ROWS_NPY, "labels_file": _ROWS_NPY, "pixel_scale": _NUMBER}}

ENTRY_SCHEMAS: dict[str, dict[str, Any]] = {
    "cleaning": {"properties": {"printed": _TEXT}},
    "train_val_dirs": {"properties": {"printed": _TEXT}},
    "split_data": {"properties": {"printed": _TEXT}},
    "datasets": {"required": ["train", "validation"],
                 "properties": {"train": _DATASET, "validation": _DATASET, "printed": _TEXT}},
    "model": {"required": ["file"], "properties": {"file": _FILE, "printed": _TEXT}},
    "model_if_trainable": {"required": ["frozen"], "properties": {
        "frozen": {"type": "boolean"}, "file": _FILE, "printed": _TEXT}},
    "trained_model": {"required": ["file"], "properties": {
        "file": _FILE, "source": _TEXT, "fit_finished": {"type": "boolean"}}},
    "history": {"required": ["history"], "properties": {
        "history": {"type": "object", "maxProperties": 64, "additionalProperties": {
            "type": "array", "maxItems": 10_000, "items": _NUMBER}},
        "params": {"type": "object", "maxProperties": 64}}},
    "callback": {"required": ["is_keras_callback", "probes"], "properties": {
        "is_keras_callback": {"type": "boolean"},
        "probes": {"type": "array", "maxItems": 64, "items": _PROBE}}},
    "fit_data": {"required": ["train", "validation"],
                 "properties": {"train": _FIT_INPUT, "validation": _FIT_INPUT}},
    "parsed_csv": {"required": ["images", "labels"], "properties": {
        "images": _NPY, "labels": _NPY, "printed": _TEXT}},
    "array_datasets": {"required": ["train", "validation"], "properties": {
        "train": _ARRAY_SPLIT, "validation": _ARRAY_SPLIT, "printed": _TEXT}},
}
"""Schema of a successful entry (``"ok": true``) per exporter."""

_FAILED = {"type": "object", "required": ["ok", "feedback"], "properties": {
    "ok": {"const": False}, "feedback": _TEXT, "detail": {"type": "string", "maxLength": 200_000}}}
"""A failed entry; any other key it holds (a ``"grader_error"`` claim) is ignored."""


def invalid_reason(exporter: str, entry: Any) -> str | None:
    """Returns why `entry` is not a well-formed artifact of `exporter`, or None if it is.

    Args:
        exporter: the exporter's key, e.g. ``"datasets"``.
        entry: the entry read from ``artifacts.json``.
    """
    import jsonschema

    if not isinstance(entry, dict):
        return f"expected an object, found {type(entry).__name__}"
    if entry.get("ok") is True:
        schema = {"type": "object", **ENTRY_SCHEMAS.get(exporter, {})}
    else:
        schema = _FAILED
    try:
        jsonschema.validate(entry, schema)
    except jsonschema.ValidationError as error:
        return f"{'/'.join(map(str, error.absolute_path)) or 'entry'}: {error.message[:300]}"
    return None
