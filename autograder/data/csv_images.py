"""Image sets kept as CSV files in the Kaggle Sign Language MNIST format.

One header line ``label,pixel1,…,pixel784``, then one row per image: its label and its
grey values 0–255, row by row. `write_csv_images` and `read_csv_images` are the only
readers and writers of that format in the grader (stand-in, real data, held-out scoring).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["csv_header", "write_csv_images", "read_csv_images", "count_rows"]


def csv_header(pixels: int = 784) -> str:
    """The header line: ``label,pixel1,…,pixel<pixels>``."""
    return ",".join(["label", *(f"pixel{i}" for i in range(1, pixels + 1))])


def write_csv_images(path: Path, images: np.ndarray, labels: np.ndarray) -> None:
    """Writes (N, H, W) uint8 `images` and their (N,) integer `labels` to `path`."""
    rows = np.concatenate([np.asarray(labels, dtype=np.int64)[:, None],
                           np.asarray(images, dtype=np.int64).reshape(len(images), -1)], axis=1)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="ascii", newline="\n") as file:
        file.write(csv_header(rows.shape[1] - 1) + "\n")
        for start in range(0, len(rows), 4096):
            block = rows[start:start + 4096]
            file.write("\n".join(",".join(map(str, row)) for row in block.tolist()) + "\n")


def read_csv_images(path: Path, *, side: int = 28) -> tuple[np.ndarray, np.ndarray]:
    """Reads a CSV written in the Kaggle format.

    Returns:
        ``(images, labels)``: (N, side, side) uint8 and (N,) int64.

    Raises:
        ValueError: if the header or a row does not have the format's shape.
    """
    with open(path, encoding="ascii") as file:
        header = file.readline().strip()
        if header != csv_header(side * side):
            raise ValueError(f"Expected the header 'label,pixel1,…,pixel{side * side}' in {path}. "
                             f"Received: {header[:60]!r}.")
        rows = np.loadtxt(file, delimiter=",", dtype=np.int64, ndmin=2)
    if rows.shape[1] != side * side + 1:
        raise ValueError(f"Expected {side * side + 1} columns in {path}. Received: {rows.shape[1]}.")
    return rows[:, 1:].reshape(-1, side, side).astype(np.uint8), rows[:, 0]


def count_rows(path: Path) -> int:
    """Rows below the header of a CSV file."""
    with open(path, "rb") as file:
        return max(sum(1 for line in file if line.strip()) - 1, 0)
