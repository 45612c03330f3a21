"""The rows a dataset of pictures holds, saved as evidence (inside the student's kernel).

Facts about a dataset (how many pictures, which labels, the batch shape) cost nothing to
write down, so the exporter also saves what it read: every picture as grey levels 0–255
(``uint8``, one array per split) and every label (``float64``, one-hot labels as their
class index, a parsed header's NaN kept). The grader holds those arrays against its own
parse of the student's file, row by row, outside the kernel.

Pixels rescaled by the dataset (to 0–1) are mapped back to 0–255 here, so rows compare
exactly; the pictures an ``ImageDataGenerator().flow(x, y)`` holds are its ``x`` (what it
draws augmented batches from), not the augmented batches.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROWS_FOLDER", "MAX_EVIDENCE_BYTES", "RowCollector", "class_indices", "grey_levels",
           "save_rows"]

ROWS_FOLDER = "datasets"
"""Folder of the artifacts folder that holds each split's pictures and labels."""
MAX_EVIDENCE_BYTES = 64 * 1024 ** 2
"""A split's pictures are saved up to this size (the grader reads no more)."""


def grey_levels(images):
    """`images` as ``uint8`` grey levels, and the factor that took them there.

    Pictures whose values all lie in [0, 1] were rescaled by the dataset: times 255. Values
    in [0, 255] stay as they are. Anything else (standardised pixels) is stretched from its
    own minimum and maximum onto 0–255, which matches no row of the file exactly.
    """
    import numpy as np

    values = np.asarray(images, dtype=np.float64)
    finite = values[np.isfinite(values)]
    low = float(finite.min()) if finite.size else 0.0
    high = float(finite.max()) if finite.size else 0.0
    if low >= 0.0 and high <= 1.0 + 1e-6:
        scale, offset = 255.0, 0.0
    elif low >= 0.0 and high <= 255.0 + 1e-6:
        scale, offset = 1.0, 0.0
    else:
        scale, offset = 255.0 / max(high - low, 1e-12), low
    levels = np.where(np.isfinite(values), (values - offset) * scale, 0.0)
    return np.clip(np.rint(levels), 0, 255).astype(np.uint8), scale


class RowCollector:
    """Collects the batches of one split (up to `MAX_EVIDENCE_BYTES` of pictures)."""

    def __init__(self) -> None:
        self.images: list = []
        self.labels: list = []
        self.bytes = 0
        self.full = False

    def add(self, images, labels, batched: bool) -> None:
        """Adds one batch (or one unbatched element) as read from the dataset."""
        import numpy as np

        if self.full:
            return
        images, labels = np.asarray(images), np.asarray(labels)
        if not batched:
            images, labels = images[None], labels.reshape(1, -1)
        size = images.size * 4
        if self.bytes + size > MAX_EVIDENCE_BYTES * 4:
            self.full = True
            return
        self.bytes += size
        self.images.append(images.astype(np.float32))
        self.labels.append(class_indices(labels, len(images)))

    def save(self, folder: Path, split: str) -> dict:
        """Writes the split's pictures and labels; returns their file names (or nothing
        when the batches' pictures differ in shape and cannot form one array)."""
        import numpy as np

        if not self.images:
            return {}
        try:
            images = np.concatenate(self.images)
            labels = np.concatenate(self.labels)
        except ValueError:
            return {}
        return save_rows(folder, split, images, labels)


def class_indices(labels, examples: int):
    """One label per picture: a one-hot row as its class index, NaN kept."""
    import numpy as np

    labels = np.asarray(labels, dtype=np.float64)
    if labels.ndim == 2 and labels.shape[-1] > 1:
        index = labels.argmax(axis=-1).astype(np.float64)
        return np.where(np.isfinite(labels).all(axis=-1), index, np.nan)
    flat = labels.reshape(-1)
    return flat if flat.size == examples else np.full(examples, np.nan)


def save_rows(folder: Path, split: str, images, labels) -> dict:
    """Saves `images` as grey levels and `labels` as ``<split>_pixels.npy`` and
    ``<split>_labels.npy`` in the ``datasets`` folder of `folder`."""
    import numpy as np

    levels, scale = grey_levels(images)
    keep = max(1, MAX_EVIDENCE_BYTES // max(1, levels[0].size if len(levels) else 1))
    target = Path(folder) / ROWS_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    names = {"pixels_file": f"{ROWS_FOLDER}/{split}_pixels.npy",
             "labels_file": f"{ROWS_FOLDER}/{split}_labels.npy"}
    np.save(Path(folder) / names["pixels_file"], levels[:keep], allow_pickle=False)
    np.save(Path(folder) / names["labels_file"],
            np.asarray(labels, dtype=np.float64)[:keep], allow_pickle=False)
    return {**names, "pixel_scale": float(scale)}
