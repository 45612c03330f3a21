"""Checks of ``train_val_datasets()``: image size, label mode, split, clean files."""

from __future__ import annotations

from autograder.checks.base import check, failed, passed
from autograder.checks.image_datasets import both_splits, dataset_checks
from autograder.weeks.c2w1.rules import RULES

__all__ = ["datasets_image_size", "datasets_binary_labels", "datasets_split_sizes",
           "datasets_disjoint", "datasets_exclude_dirty_files"]

datasets_image_size, datasets_binary_labels, datasets_split_sizes, datasets_disjoint = \
    dataset_checks(RULES)


@check("datasets_exclude_dirty_files", title="The datasets hold no zero-length or "
       "undecodable file", points=1, needs=("datasets",),
       claims=("datasets", "datasets.file_paths"))
def datasets_exclude_dirty_files(artifacts):
    train, validation = both_splits(artifacts)
    manifest = artifacts.data.student_manifest
    bad = set(manifest.zero_byte) | set(manifest.undecodable)
    found = bad & (set(train["file_paths"]) | set(validation["file_paths"]))
    if not found:
        return passed()
    return failed(
        expected="datasets built from the cleaned folder, without the dataset's broken files",
        found=f"{len(found)} broken file(s) in them, e.g. {sorted(found)[:3]}",
        fix="run clean_images(SOURCE_DIR, DATA_DIR) first, so that DATA_DIR holds the "
            "cleaned copy that train_val_datasets() loads.")
