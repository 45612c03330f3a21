"""Exporters of a CSV week (Sign Language MNIST), run inside the student's kernel.

- ``parsed_csv``: calls the student's parsing function on the grader's probe file (placed
  by the week's fixture before the kernel started) and saves what it returns as ``.npy``
  files; the grader compares them with its answer key outside the kernel.
- ``array_datasets``: calls the student's dataset function with the notebook's arrays (or
  with none, where it takes none) and describes both splits by reading them to the end: shapes, how many pictures, which
  labels, one-hot or not, the pixel range; and saves the pictures and labels it read
  (`autograder.kernel.rows`), which the grader holds against its own parse of the file.
"""

from __future__ import annotations

from pathlib import Path

from autograder.kernel.capture import Guarded, call_in, fitting_arguments, function_in, quietly
from autograder.kernel.rows import RowCollector, class_indices, save_rows

__all__ = ["export_parsed_csv", "export_array_datasets", "PARSING_FOLDER", "PARSED_FILES",
           "MAX_EXAMPLES"]

PARSING_FOLDER = "parsing"
"""Folder of the artifacts folder that holds the probe file and the parsed arrays."""
PARSED_FILES = ("parsed_images.npy", "parsed_labels.npy")
MAX_EXAMPLES = 200_000
"""A dataset is read this far at most (a repeating dataset never ends)."""
_MAX_LABELS = 64


def export_parsed_csv(namespace, out_dir: Path, *, function: str, file: str) -> dict:
    """Runs ``function(<probe file>)`` and saves the (images, labels) it returns."""
    import numpy as np

    parse = function_in(namespace, function)
    folder = Path(out_dir) / PARSING_FOLDER
    if not (folder / file).is_file():
        raise Guarded(f"The grader's test file for {function}() was not found; run the "
                      "notebook unchanged from top to bottom.")
    value, printed = quietly(f"{function}(filename)", parse, str(folder / file))
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise Guarded(f"Expected {function}() to return two arrays, (images, labels). Found "
                      f"{type(value).__name__}. End the function with `return images, labels`.")
    for array, name in zip(value, PARSED_FILES):
        try:
            np.save(folder / name, np.asarray(array), allow_pickle=False)
        except (ValueError, TypeError) as error:
            raise Guarded(f"Expected {function}() to return NumPy arrays of numbers. Found "
                          f"something NumPy cannot store as numbers ({type(error).__name__}).",
                          repr(error)) from None
    return {"images": f"{PARSING_FOLDER}/{PARSED_FILES[0]}",
            "labels": f"{PARSING_FOLDER}/{PARSED_FILES[1]}", "printed": printed}


def _batches(value, name: str):
    """(kind, an iterator over (images, labels) batches, legacy rescale, the pictures and
    labels a legacy iterator draws its batches from, or None) of one split."""
    import tensorflow as tf

    if isinstance(value, tf.data.Dataset):
        spec = value.element_spec
        if not isinstance(spec, tuple) or len(spec) not in (2, 3):
            raise Guarded(f"Expected the {name} dataset to yield (images, labels) pairs. Found "
                          f"elements of the form {spec}.")
        return "tf.data", ((batch[0], batch[1]) for batch in value), None, None
    if hasattr(value, "x") and hasattr(value, "image_data_generator") and hasattr(value, "__len__"):
        generator = value.image_data_generator
        rescale = float(generator.rescale) if generator and generator.rescale else None
        source = (value.x, value.y) if getattr(value, "y", None) is not None else None
        return ("array_iterator", (value[i][:2] for i in range(len(value))), rescale,
                source)
    raise Guarded(f"Expected the {name} dataset to be a tf.data.Dataset (or the older course's "
                  f"ImageDataGenerator().flow(...)). Found {type(value).__name__}.")


def _read(batches, rows: RowCollector | None = None) -> dict:
    """Reads the batches to the end (or to `MAX_EXAMPLES`) and sums up what they hold;
    `rows` collects them."""
    import numpy as np

    facts = {"examples": 0, "complete": True}
    labels_seen: set[int] = set()
    low, high = np.inf, -np.inf
    for images, labels in batches:
        images, labels = np.asarray(images), np.asarray(labels)
        if "images_shape" not in facts:
            facts.update(images_shape=list(images.shape), images_dtype=str(images.dtype),
                         labels_shape=list(labels.shape), labels_dtype=str(labels.dtype))
        one_hot = labels.ndim == 2 and labels.shape[-1] > 1
        values = labels.argmax(axis=-1) if one_hot else labels.reshape(-1)
        values = values[np.isfinite(values)]  # a parsed header is a row of NaNs
        labels_seen.update(int(v) for v in np.unique(values)[:_MAX_LABELS])
        low, high = min(low, float(np.nanmin(images))), max(high, float(np.nanmax(images)))
        batched = images.ndim == 4 or (images.ndim == 3 and images.shape[1:] == (28, 28))
        facts["examples"] += int(images.shape[0]) if batched else 1
        if rows is not None:
            rows.add(images, labels, batched)
        if facts["examples"] >= MAX_EXAMPLES:
            facts["complete"] = False
            break
    facts.update(label_values=sorted(labels_seen)[:_MAX_LABELS], pixel_min=float(low),
                 pixel_max=float(high))
    return facts


def _describe_split(value, name: str, out_dir: Path, split: str) -> dict:
    kind, batches, rescale, source = _batches(value, name)
    rows = RowCollector() if source is None else None
    facts, _ = quietly(f"reading the {name} dataset to the end", _read, batches, rows)
    if "images_shape" not in facts:
        raise Guarded(f"Expected the {name} dataset to hold pictures. Found an empty dataset.")
    shape = facts["labels_shape"]
    evidence = _saved_source(out_dir, split, *source) if source else rows.save(out_dir, split)
    return {"kind": kind, "rescale": rescale, **facts,
            "one_hot": len(shape) == 2 and shape[-1] > 1, **evidence}


def _saved_source(out_dir: Path, split: str, images, labels) -> dict:
    """Saves the pictures and labels a legacy iterator was given (its batches are drawn,
    augmented, from them)."""
    import numpy as np

    images = np.asarray(images)
    return save_rows(out_dir, split, images, class_indices(labels, len(images)))


def export_array_datasets(namespace, out_dir: Path, *, function: str,
                          args: tuple[str, ...] = (), aliases: tuple[str, ...] = ()) -> dict:
    """Calls the student's dataset function with the notebook's arrays; describes both splits.

    Args:
        function: the function's name, e.g. ``"train_val_datasets"``.
        args: the notebook's variables it is called with, when it takes them.
        aliases: the names other generations of the course give the same function
            (``"train_val_generators"``), used when `function` is not defined.
    """
    function = next((n for n in (function, *aliases) if callable(namespace.get(n))), function)
    make = namespace.get(function)
    value, printed = call_in(namespace, function,
                           fitting_arguments(make, args) if callable(make) else args)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise Guarded(f"Expected {function}() to return two datasets, (train_dataset, "
                      f"validation_dataset). Found {type(value).__name__}.")
    train, validation = value
    return {"train": _describe_split(train, "training", Path(out_dir), "train"),
            "validation": _describe_split(validation, "validation", Path(out_dir), "validation"),
            "printed": printed}
