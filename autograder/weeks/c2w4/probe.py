"""The hidden parsing probe: a small CSV in the Kaggle format that ``parse_data_from_input``
is called on.

Its rows are drawn from the course's secret (2 per letter, random order), so the answer
key cannot be known in advance. The kernel gets the file in its artifacts folder; the
grader keeps the key (the pictures and labels it wrote).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.kernel import PARSING_FOLDER
from autograder.data.csv_images import write_csv_images
from autograder.weeks.c2w4.standin import make_rows

__all__ = ["ParsingProbe", "ParsingKey", "PROBE_FILE", "PROBE_ROWS"]

PROBE_FILE = "sign_mnist_probe.csv"
PROBE_ROWS = 48
_PROBE_SPLIT = 3


@dataclass(frozen=True)
class ParsingKey:
    """What the parsing checks know and the kernel never sees."""

    images: np.ndarray
    """(rows, 28, 28) uint8: the pictures written to the probe file."""
    labels: np.ndarray
    """(rows,) int64: their labels."""


@dataclass(frozen=True)
class ParsingProbe:
    """The `Fixture` of the ``parsing`` artifact."""

    artifact: str = "parsing"

    def place(self, grader_dir: Path, artifacts_dir: Path, seed: int) -> ParsingKey:
        images, labels = make_rows(PROBE_ROWS, seed, _PROBE_SPLIT)
        write_csv_images(Path(artifacts_dir) / PARSING_FOLDER / PROBE_FILE, images, labels)
        return ParsingKey(images=images, labels=labels)
