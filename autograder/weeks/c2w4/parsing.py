"""Checks of ``parse_data_from_input(filename)``, run by the grader on its probe file.

The kernel called the student's function on a CSV the grader wrote (`probe`) and saved the
arrays it returned; they are read here, outside the kernel, and compared with the key.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.base import MissingArtifact, check, failed, passed

__all__ = ["parse_data_types", "parse_data_skips_header", "parse_data_values_intact"]

_NEEDS = ("parsing",)
_MAX_NPY_BYTES = 64 * 1024 ** 2
_FIX_HEADER = ("skip the first line before reading the rows (e.g. next(reader) with "
               "csv.reader, or np.loadtxt(file, delimiter=',', skiprows=1)).")


def _load(artifacts, name: str) -> np.ndarray:
    """One saved array, read without following a link in any part of its path (a linked
    ``parsing`` folder would lead the grader to a host path)."""
    what = "What parse_data_from_input() returned"
    file = artifacts.get("parsing")[name]  # a failed export says why, in its own words
    try:
        with artifacts.open_file(file, max_bytes=_MAX_NPY_BYTES, what=what) as handle:
            return np.load(handle, allow_pickle=False)
    except MissingArtifact as missing:
        raise MissingArtifact(f"{what} could not be read back.", missing.detail) from None
    except (ValueError, OSError, EOFError) as error:
        raise MissingArtifact("What parse_data_from_input() returned could not be read back.",
                              repr(error)) from None


def parsed(artifacts):
    """(images, labels, key) of the probe: the student's arrays and the grader's key."""
    key = (artifacts.data.fixtures or {}).get("parsing") if artifacts.data else None
    if key is None:
        raise MissingArtifact("This check runs only in the grader.", grader_error=True)
    return artifacts.cached("parsed", lambda: (_load(artifacts, "images"),
                                               _load(artifacts, "labels"), key))


@check("parse_data_types", title="parse_data_from_input() returns float64 arrays of shape "
       "(N, 28, 28) and (N,)", points=1, needs=_NEEDS)
def parse_data_types(artifacts):
    images, labels, _ = parsed(artifacts)
    shapes_ok = (images.ndim == 3 and images.shape[1:] == (28, 28) and labels.ndim == 1
                 and len(images) == len(labels))
    if shapes_ok and images.dtype == np.float64 and labels.dtype == np.float64:
        return passed()
    return failed(expected="images of shape (N, 28, 28) and labels of shape (N,), both float64",
                  found=f"images {images.shape} {images.dtype} and labels {labels.shape} "
                        f"{labels.dtype}",
                  fix="collect the rows into NumPy arrays of floats (np.array(..., "
                      "dtype=np.float64)) and reshape the pixels with .reshape(-1, 28, 28).")


@check("parse_data_skips_header", title="parse_data_from_input() reads one picture per row "
       "below the header", points=1, needs=_NEEDS)
def parse_data_skips_header(artifacts):
    images, labels, key = parsed(artifacts)
    rows = len(key.labels)
    if len(labels) == rows and len(images) == rows:
        return passed()
    found = f"{len(images)} pictures and {len(labels)} labels"
    if len(labels) == rows + 1:
        found += ": the header line was read as a picture"
    return failed(expected=f"{rows} pictures and {rows} labels from a file of {rows} rows "
                           "below its header", found=found,
                  fix=_FIX_HEADER if len(labels) == rows + 1 else
                  "read every row of the file `filename` you are given, once, and skip only "
                  "the header.")


def _aligned(images: np.ndarray, labels: np.ndarray, rows: int):
    """The student's rows as (rows, 784) and (rows,), with a parsed header dropped."""
    if labels.size in (rows, rows + 1) and images.size == labels.size * 784:
        skip = labels.size - rows
        return images.reshape(labels.size, 784)[skip:], labels.reshape(-1)[skip:]
    return None


@check("parse_data_values_intact", title="parse_data_from_input() keeps each row's label "
       "apart from its 784 pixels", points=1, needs=_NEEDS)
def parse_data_values_intact(artifacts):
    images, labels, key = parsed(artifacts)
    pixels = key.images.reshape(len(key.labels), 784).astype(np.float64)
    aligned = _aligned(images, labels, len(key.labels))
    if aligned is None:
        return failed(expected=f"{len(key.labels)} labels and 784 pixels for each of them",
                      found=f"images {images.shape} and labels {labels.shape}",
                      fix="take column 0 of each row as its label and the other 784 columns "
                          "as its pixels.")
    mine, my_labels = aligned
    labels_ok = np.array_equal(my_labels.astype(np.float64), key.labels.astype(np.float64))
    if labels_ok and np.array_equal(mine.astype(np.float64), pixels):
        return passed()
    if np.array_equal(mine[:, 0], key.labels) and np.array_equal(mine[:, 1:], pixels[:, :-1]):
        found = "the label column read as the first pixel (every picture is shifted by one)"
    elif not labels_ok:
        found = f"labels {my_labels[:5].tolist()} for rows whose labels are {key.labels[:5].tolist()}"
    else:
        found = "pixels that differ from the file's"
    return failed(expected="row[0] as the label and row[1:] (784 values) as the pixels",
                  found=found, fix="split each row as label = row[0], pixels = row[1:], then "
                                   "reshape the pixels to 28×28.")
