"""The rows Week 4's datasets hold, held against the grader's own parse of the student's file.

The kernel saved each split's pictures (grey levels) and labels (`autograder.kernel.rows`);
that they are the datasets' is a claim, but a forger who writes them has to write the file's
rows: each saved picture is compared, byte for byte, with the grader's own parse of the CSV
file (`read_csv_images`). The datasets are made from what the student's parser returned, so
the file is read the way that parser reads it: the grader's parsing probe shows whether it
takes the 784 columns after the label (right) or the first 784 (the label read as a pixel, a
mistake the parsing checks already count). Labels may be renumbered (0–23, or one-hot class
indices of the image-folder generation): the i-th smallest label of a dataset stands for the
file's i-th letter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from autograder.checks.base import MissingArtifact
from autograder.data.csv_images import read_csv_images
from autograder.weeks.c2w4 import parsing

__all__ = ["SplitRows", "split_rows", "PIXELS"]

PIXELS = 784
_MAX_PIXELS_BYTES = 64 * 1024 ** 2 + 4096
_MAX_LABELS_BYTES = 8 * 1024 ** 2


@dataclass(frozen=True)
class SplitRows:
    """What one split's saved rows are, next to the file's rows."""

    example_shape: tuple[int, ...]
    """The shape of one saved picture, e.g. ``(28, 28, 1)``."""
    examples: int
    """Pictures saved."""
    file_rows: int
    """Rows of the student's file, as the grader parses it."""
    not_finite: int
    """Saved pictures whose label is not a number (a parsed header)."""
    foreign: int
    """Saved pictures (with a label) that are no row of the file."""
    missing: int
    """Rows of the file the dataset does not hold (counted with repeats)."""
    letters: int
    """Different labels among the saved ones."""
    labels_match: bool
    """Whether each picture's label is its row's letter (up to a renumbering)."""

    @property
    def every_row_once(self) -> bool:
        """The dataset holds each row of the file once, with its letter, and nothing else."""
        return (self.examples == self.file_rows and not self.not_finite and not self.foreign
                and not self.missing and self.labels_match)


def _load(artifacts, facts, key: str, max_bytes: int) -> np.ndarray:
    name = facts.get(key)
    if not name:
        raise MissingArtifact("The pictures your datasets hold could not be read back.",
                              f"no {key} in the datasets entry")
    try:
        with artifacts.open_file(name, max_bytes=max_bytes,
                                 what="The file of the pictures your datasets hold") as handle:
            return np.load(handle, allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        raise MissingArtifact("The pictures your datasets hold could not be read back.",
                              repr(error)) from None


def _pixel_window(artifacts) -> int:
    """Where the student's parser takes its 784 pixels from in a row (label first): column 1
    (right) or column 0 (the label read as a pixel), as the parsing probe shows; 1 when the
    probe tells nothing."""
    try:
        images, labels, key = parsing.parsed(artifacts)
    except MissingArtifact:
        return 1
    rows = len(key.labels)
    full = np.concatenate([key.labels[:, None].astype(np.float64),
                           key.images.reshape(rows, PIXELS).astype(np.float64)], axis=1)
    if images.size != rows * PIXELS:
        return 1
    mine = np.asarray(images, dtype=np.float64).reshape(rows, PIXELS)
    return 0 if np.array_equal(mine, full[:, :PIXELS]) else 1


def _file_rows(artifacts, path) -> tuple[np.ndarray, np.ndarray]:
    """(pixels (N, 784) uint8 as the student's parser reads them, labels (N,)) of `path`."""
    def read():
        images, labels = read_csv_images(path)
        full = np.concatenate([labels[:, None], images.reshape(len(labels), PIXELS)], axis=1)
        start = _pixel_window(artifacts)
        return full[:, start:start + PIXELS].astype(np.uint8), labels
    return artifacts.cached(f"c2w4-file-rows:{path}", read)


def _saved(artifacts, facts) -> tuple[np.ndarray, np.ndarray]:
    pixels = _load(artifacts, facts, "pixels_file", _MAX_PIXELS_BYTES)
    labels = _load(artifacts, facts, "labels_file", _MAX_LABELS_BYTES)
    if pixels.dtype != np.uint8 or labels.ndim != 1 or len(labels) != len(pixels):
        raise MissingArtifact("The pictures your datasets hold could not be read back.",
                              f"pixels {pixels.shape} {pixels.dtype}, labels {labels.shape}")
    return pixels, labels.astype(np.float64)


def _grey_rows(pixels: np.ndarray) -> np.ndarray | None:
    """Each saved picture as 784 grey levels (a channel axis dropped), or None when a
    picture does not hold 28×28 of them."""
    if pixels.ndim < 3 or pixels.shape[1:3] != (28, 28):
        return pixels.reshape(len(pixels), -1) if pixels[0].size == PIXELS else None
    return pixels.reshape(len(pixels), 28, 28, -1)[..., 0].reshape(len(pixels), PIXELS)


def _renumbered(labels: np.ndarray, file_labels: np.ndarray) -> np.ndarray | None:
    """`labels` as the file's letters (the i-th smallest for the i-th), or None when they
    have another number of different values."""
    mine, theirs = np.unique(labels), np.unique(file_labels)
    if len(mine) != len(theirs):
        return None
    return theirs[np.searchsorted(mine, labels)]


def split_rows(artifacts, facts, path) -> SplitRows:
    """Holds the rows saved for one split (`facts`) against the file at `path`.

    Raises:
        MissingArtifact: when the saved rows cannot be read back.
    """
    pixels, labels = artifacts.cached(f"c2w4-saved:{facts.get('pixels_file')}",
                                      lambda: _saved(artifacts, facts))
    file_pixels, file_labels = _file_rows(artifacts, path)
    finite = np.isfinite(labels)
    grey = _grey_rows(pixels) if len(pixels) else np.zeros((0, PIXELS), np.uint8)
    known = {row.tobytes() for row in file_pixels}
    if grey is None:
        foreign, renumbered = int(finite.sum()), None
    else:
        foreign = sum(row.tobytes() not in known for row in grey[finite])
        renumbered = _renumbered(labels[finite], file_labels)
    wanted = Counter(zip(file_labels.tolist(), (row.tobytes() for row in file_pixels)))
    held = Counter() if grey is None or renumbered is None else Counter(
        zip(renumbered.tolist(), (row.tobytes() for row in grey[finite])))
    return SplitRows(example_shape=tuple(pixels.shape[1:]), examples=len(pixels),
                     file_rows=len(file_labels), not_finite=int((~finite).sum()),
                     foreign=int(foreign), missing=sum((wanted - held).values()),
                     letters=len(np.unique(labels[finite])),
                     labels_match=renumbered is not None and not (held - wanted))
