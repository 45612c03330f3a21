"""Checks of ``train_val_datasets(...)``: a channel axis, and every row in its split."""

from __future__ import annotations

from pathlib import Path

from autograder.checks.base import check, failed, passed
from autograder.data.csv_images import count_rows
from autograder.weeks.c2w4.rules import PRESENT
from autograder.weeks.c2w4.standin import DATASET, FOLDER, TEST_CSV, TRAIN_CSV

__all__ = ["datasets_channel_axis", "datasets_keep_every_row", "student_csv", "splits"]

_NEEDS = ("datasets",)


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


@check("datasets_channel_axis", title="train_val_datasets() yields batches of shape "
       "(batch, 28, 28, 1)", points=1, needs=_NEEDS)
def datasets_channel_axis(artifacts):
    for name, facts in zip(("training", "validation"), splits(artifacts)):
        shape = facts["images_shape"]
        if len(shape) != 4 or shape[1:] != [28, 28, 1]:
            return failed(expected=f"{name} batches of shape (batch, 28, 28, 1)",
                          found=f"batches of shape {tuple(shape)}",
                          fix="add the channel axis with np.expand_dims(images, axis=-1) and "
                              "batch the dataset (.batch(32), or batch_size=32).")
    return passed()


@check("datasets_keep_every_row", title="train_val_datasets() keeps every training and "
       "validation row, with all 24 letters", points=1, needs=_NEEDS)
def datasets_keep_every_row(artifacts):
    for (name, facts), file in zip(zip(("training", "validation"), splits(artifacts)),
                                   (TRAIN_CSV, TEST_CSV)):
        rows = count_rows(student_csv(artifacts, file))
        letters = len(facts["label_values"])
        if facts["complete"] and facts["examples"] == rows and letters == len(PRESENT):
            continue
        found = ("a dataset that does not end (it repeats)" if not facts["complete"]
                 else f"{facts['examples']:,} pictures with {letters} different labels")
        return failed(expected=f"the {name} dataset to hold the {rows:,} rows of {file} once, "
                               f"with labels for the {len(PRESENT)} letters",
                      found=found, fix="make each dataset from all of its arrays, once (no "
                                       ".take(), .repeat() or filtering).")
    return passed()
