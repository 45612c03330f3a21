"""A CSV image set (Sign Language MNIST) as one folder of PNG files per class.

The course's image-folder generation of Week 4 ships the same pictures as the CSV files, one
28×28 grey PNG each, in ``train/<Letter>/`` and ``validation/<Letter>/`` (one folder per
letter that occurs, so ``image_dataset_from_directory`` numbers them 0–23). The grader makes
those folders from the student's own CSV files, row for row, so both generations of the
notebook train on the same pictures and are measured on the same files.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

import numpy as np

from autograder.data.csv_images import read_csv_images

__all__ = ["png_bytes", "write_png_folders", "png_name"]


def png_name(row: int) -> str:
    """File name of the picture of CSV row `row` (0 is the first row below the header)."""
    return f"{row:05d}.png"


def png_bytes(image: np.ndarray) -> bytes:
    """A (H, W) uint8 grey picture as PNG bytes (lossless, no metadata: same bytes every run)."""
    from PIL import Image

    buffer = io.BytesIO()
    # a 2-D uint8 array is a grey ("L") picture
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8)).save(buffer, "PNG",
                                                                      compress_level=1)
    return buffer.getvalue()


def write_png_folders(csv_path: Path, target: Path, class_names: Sequence[str]) -> dict[str, int]:
    """Writes each row of `csv_path` as ``<target>/<class name>/<row>.png``.

    Only classes that occur get a folder, so the folders' sorted order is the order of the
    labels that occur (Sign Language MNIST: A–Y without J, labels 0–23 once re-indexed).

    Args:
        csv_path: a file in the Kaggle format (`autograder.data.csv_images`).
        target: folder to fill (created; must not hold other pictures).
        class_names: folder name of each label, in label order (``"A"`` … ``"Z"``).

    Returns:
        Pictures written per class folder.

    Raises:
        ValueError: if the file is not in the format, or a label has no class name.
    """
    images, labels = read_csv_images(csv_path)
    if len(labels) and (labels.min() < 0 or labels.max() >= len(class_names)):
        raise ValueError(f"Expected labels 0–{len(class_names) - 1} in {csv_path}. "
                         f"Received: {int(labels.min())}–{int(labels.max())}.")
    counts: dict[str, int] = {}
    for row, (image, label) in enumerate(zip(images, labels.tolist())):
        folder = Path(target) / class_names[label]
        if class_names[label] not in counts:
            folder.mkdir(parents=True, exist_ok=True)
            counts[class_names[label]] = 0
        (folder / png_name(row)).write_bytes(png_bytes(image))
        counts[class_names[label]] += 1
    return dict(sorted(counts.items()))
