"""Describing a student's datasets as plain facts (inside the student's kernel).

Accepts what the course's generations return: ``tf.data.Dataset`` objects from
``image_dataset_from_directory`` (Keras 3) and legacy ``DirectoryIterator`` objects from
``ImageDataGenerator.flow_from_directory``.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from autograder.kernel.capture import Guarded, quietly

__all__ = ["describe_datasets", "describe_dataset", "first_batch_facts"]

_MAX_LABEL_VALUES = 32
#: ImageDataGenerator's attributes that change images at random, with their "off" values.
_GENERATOR_AUGMENTATION = {
    "rotation_range": 0, "width_shift_range": 0.0, "height_shift_range": 0.0,
    "shear_range": 0.0, "zoom_range": [1.0, 1.0], "channel_shift_range": 0.0,
    "horizontal_flip": False, "vertical_flip": False, "brightness_range": None,
}


def _generator_augmentation(generator) -> dict:
    """The legacy generator's random transformations that are on, as plain values."""
    found = {}
    for name, off in _GENERATOR_AUGMENTATION.items():
        value = getattr(generator, name, off)
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, tuple):
            value = list(value)
        if value != off and value is not None and value != [] and value != 0:
            found[name] = value if isinstance(value, (bool, int, float, list)) else repr(value)
    return found


def _relative(paths) -> list[str]:
    """Keeps "<class folder>/<file>" of each path: enough to compare splits and files."""
    return [PurePath(str(p)).parent.name + "/" + PurePath(str(p)).name for p in paths]


def _batch_facts(images, labels) -> dict:
    import numpy as np

    images, labels = np.asarray(images), np.asarray(labels)
    return {
        "images_shape": list(images.shape), "images_dtype": str(images.dtype),
        "images_min": float(images.min()) if images.size else None,
        "images_max": float(images.max()) if images.size else None,
        "labels_shape": list(labels.shape), "labels_dtype": str(labels.dtype),
        "label_values": sorted({float(v) for v in labels.reshape(-1)[:4096]})[:_MAX_LABEL_VALUES],
    }


def first_batch_facts(read, name: str) -> dict:
    """Facts about the first batch; a broken file there is recorded, not fatal.

    The structure of a dataset (shapes, files, classes) is known without reading it, so a
    dataset that still holds a broken image is described all the same.
    """
    try:
        (images, labels), _ = quietly(f"reading the first batch of the {name} dataset", read)
    except Guarded as error:
        return {"first_batch": None, "first_batch_error": error.feedback}
    return {"first_batch": _batch_facts(images, labels)}


def _describe_tf_data(dataset, name: str) -> dict:
    spec = dataset.element_spec
    if not isinstance(spec, tuple) or len(spec) != 2:
        raise Guarded(f"Expected the {name} dataset to yield (images, labels) pairs. "
                      f"Found elements of the form {spec}. Use label_mode='binary'.")
    facts = {"kind": "tf.data",
             "element_spec": [{"shape": [d if d is None else int(d) for d in s.shape],
                               "dtype": s.dtype.name} for s in spec],
             "file_paths": _relative(getattr(dataset, "file_paths", None) or []),
             "has_file_paths": getattr(dataset, "file_paths", None) is not None,
             "class_names": list(getattr(dataset, "class_names", None) or [])}
    facts.update(first_batch_facts(lambda: next(iter(dataset.take(1))), name))
    return facts


def _describe_iterator(iterator, name: str) -> dict:
    generator = getattr(iterator, "image_data_generator", None)
    facts = {"kind": "directory_iterator",
             "element_spec": [{"shape": [None, *map(int, iterator.image_shape)], "dtype": "float32"},
                              {"shape": [None], "dtype": "float32"}],
             "file_paths": _relative(iterator.filepaths), "has_file_paths": True,
             "class_names": sorted(iterator.class_indices, key=iterator.class_indices.get),
             "class_mode": iterator.class_mode, "batch_size": int(iterator.batch_size),
             "rescale": float(generator.rescale) if generator and generator.rescale else None,
             "augmentation": _generator_augmentation(generator) if generator else {}}
    facts.update(first_batch_facts(lambda: iterator[0], name))
    return facts


def describe_dataset(value: Any, name: str) -> dict:
    """Returns plain facts about one dataset (training or validation).

    Raises:
        Guarded: if `value` is neither a tf.data.Dataset nor a DirectoryIterator, or reading
            its first batch fails.
    """
    import tensorflow as tf

    if isinstance(value, tf.data.Dataset):
        return _describe_tf_data(value, name)
    if hasattr(value, "filepaths") and hasattr(value, "class_indices"):
        return _describe_iterator(value, name)
    raise Guarded(f"Expected the {name} dataset to be a tf.data.Dataset (from "
                  f"tf.keras.utils.image_dataset_from_directory). Found {type(value).__name__}.")


def describe_datasets(value: Any, *, call: str) -> dict:
    """Describes the ``(train, validation)`` pair a student's function returned."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise Guarded(f"Expected {call} to return two datasets, (train_dataset, "
                      f"validation_dataset). Found {type(value).__name__}"
                      + (f" of length {len(value)}" if hasattr(value, "__len__") else "") + ".")
    train, validation = value
    return {"train": describe_dataset(train, "training"),
            "validation": describe_dataset(validation, "validation")}
