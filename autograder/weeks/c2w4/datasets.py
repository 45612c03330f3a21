"""Checks of ``train_val_datasets(...)``: a channel axis, and every row in its split.

Both rest on the pictures and labels the kernel saved for each split, held against the
grader's own parse of the student's files (`rows`): forged facts alone gain nothing.
"""

from __future__ import annotations

from pathlib import Path

from autograder.checks.base import check, failed, passed
from autograder.weeks.c2w4.rows import split_rows
from autograder.weeks.c2w4.rules import PRESENT
from autograder.weeks.c2w4.standin import DATASET, FOLDER, TEST_CSV, TRAIN_CSV

__all__ = ["datasets_channel_axis", "datasets_keep_every_row", "student_csv", "splits"]

_NEEDS = ("datasets",)
_CLAIMS = ("datasets", "datasets.rows")
_FILES = (TRAIN_CSV, TEST_CSV)
_FIX_ROWS = ("make the datasets from the arrays parse_data_from_input() returned, changed only "
             "by the channel axis (rescale and augment pictures in the model, not in the "
             "dataset).")


def student_csv(artifacts, name: str) -> Path:
    """The student's CSV file `name`, as the grader (or a self-check) finds it."""
    data = artifacts.data
    if data is not None and data.student_images_dir is not None:
        return Path(data.student_images_dir) / name
    return Path(artifacts.settings.data_root) / DATASET / FOLDER / name


def splits(artifacts):
    """(training facts, validation facts) of the ``datasets`` artifact."""
    facts = artifacts.get("datasets")
    return facts["train"], facts["validation"]


def _rows(artifacts):
    """(name, claimed facts, saved rows) of each split."""
    return [(name, facts, split_rows(artifacts, facts, student_csv(artifacts, file)))
            for name, facts, file in zip(("training", "validation"), splits(artifacts), _FILES)]


@check("datasets_channel_axis", title="train_val_datasets() yields batches of shape "
       "(batch, 28, 28, 1)", points=1, needs=_NEEDS, claims=_CLAIMS)
def datasets_channel_axis(artifacts):
    for (name, facts, rows), file in zip(_rows(artifacts), _FILES):
        shape = facts["images_shape"]
        if len(shape) != 4 or shape[1:] != [28, 28, 1] or rows.example_shape != (28, 28, 1):
            found = (tuple(shape) if rows.example_shape == tuple(shape[1:])
                     else ("batch", *rows.example_shape))
            return failed(expected=f"{name} batches of shape (batch, 28, 28, 1)",
                          found=f"batches of shape {found}",
                          fix="add the channel axis with np.expand_dims(images, axis=-1) and "
                              "batch the dataset (.batch(32), or batch_size=32).")
        if rows.foreign or rows.examples == rows.not_finite:
            return failed(expected=f"the {name} batches to hold the pictures of {file}",
                          found=f"{rows.foreign:,} of {rows.examples:,} pictures that are no "
                                f"row of {file}", fix=_FIX_ROWS)
    return passed()


@check("datasets_keep_every_row", title="train_val_datasets() keeps every training and "
       "validation row, with all 24 letters", points=1, needs=_NEEDS, claims=_CLAIMS)
def datasets_keep_every_row(artifacts):
    for (name, facts, rows), file in zip(_rows(artifacts), _FILES):
        complete = facts["complete"] and facts["examples"] == rows.examples
        if complete and rows.every_row_once and rows.letters == len(PRESENT):
            continue
        if not facts["complete"]:
            found = "a dataset that does not end (it repeats)"
        elif rows.examples != rows.file_rows or rows.letters != len(PRESENT) or not complete:
            found = f"{rows.examples:,} pictures with {rows.letters} different labels"
        elif rows.foreign:
            found = f"{rows.foreign:,} pictures that are no row of {file}"
        else:
            found = f"{rows.missing:,} of the file's rows not held with their own label"
        return failed(expected=f"the {name} dataset to hold the {rows.file_rows:,} rows of "
                               f"{file} once, each with its label, for the {len(PRESENT)} "
                               "letters",
                      found=found, fix="make each dataset from all of its arrays, once (no "
                                       ".take(), .repeat() or filtering), keeping each "
                                       "picture with its own label.")
    return passed()
