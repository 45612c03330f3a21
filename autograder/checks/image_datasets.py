"""Checks of a week's ``train_val_datasets()`` on an image folder, made from its rules.

`dataset_checks(rules)` returns the four checks every image-folder week grades (image
size, binary labels of its classes, the split's sizes, disjoint splits), with the week's
numbers in their titles and messages.

The file names the kernel reports are a claim: `both_splits` holds them against the student
data on disk (`unknown_files`): a name that is no file of the student data, or that sits
under another class folder, voids the whole report, so no dataset check passes on it.
"""

from __future__ import annotations

import os
from pathlib import Path

from autograder.checks.base import Check, MissingArtifact, check, failed, passed

__all__ = ["dataset_checks", "both_splits", "fix_call", "unknown_files"]

_SEEN = "datasets.file_paths"


def unknown_files(images_dir: Path, classes, paths) -> list[str]:
    """The ``<class>/<file>`` names of `paths` that are not a regular file (links not
    followed) in `images_dir`'s folder of that class, one of `classes`."""
    names: dict[str, set[str]] = {}
    for label in classes:
        try:
            with os.scandir(Path(images_dir) / label) as entries:
                names[label] = {e.name for e in entries if e.is_file(follow_symlinks=False)}
        except OSError:
            names[label] = set()
    unknown = []
    for path in paths:
        label, _, name = str(path).partition("/")
        if name not in names.get(label, ()):
            unknown.append(str(path))
    return unknown


def _verified(artifacts, train, validation) -> None:
    """Raises `MissingArtifact` (the student's failure) when the reported file names are not
    the student data's; self-checks without the student's data folder are not verified."""
    data = artifacts.data
    if data is None or data.student_images_dir is None or data.student_manifest is None:
        return
    if _SEEN not in artifacts._cache:
        artifacts._cache[_SEEN] = unknown_files(
            Path(data.student_images_dir), data.student_manifest.classes,
            [*train.get("file_paths", ()), *validation.get("file_paths", ())])
    unknown = artifacts._cache[_SEEN]
    if unknown:
        raise MissingArtifact(
            f"Expected the datasets to list the pictures of the course's data, each under its "
            f"class folder. Found {len(unknown):,} name(s) that are no such picture, e.g. "
            f"{unknown[:3]}. How to fix: build the datasets from the data folder with "
            f"image_dataset_from_directory and leave the grader's export alone.",
            f"unknown files: {unknown[:20]}")


def both_splits(artifacts):
    """(training facts, validation facts) of the ``datasets`` artifact, their file names
    verified against the student data.

    Raises:
        MissingArtifact: if the datasets were not exported, or name files that are not the
            student data's.
    """
    facts = artifacts.get("datasets")
    train, validation = facts["train"], facts["validation"]
    _verified(artifacts, train, validation)
    return train, validation


def fix_call(rules) -> str:
    """The one call that makes the course's datasets, as a hint."""
    height, width = rules.image_size
    return (f"call tf.keras.utils.image_dataset_from_directory(DATA_DIR, image_size=({height}, "
            f"{width}), batch_size={rules.batch_size}, label_mode='{rules.label_mode}', "
            f"validation_split={rules.validation_split:g}, subset='both', "
            f"seed={rules.split_seed})")


def dataset_checks(rules) -> tuple[Check, Check, Check, Check]:
    """The image-size, label, split-size and disjointness checks of `rules`' week.

    Returns:
        ``(datasets_image_size, datasets_binary_labels, datasets_split_sizes,
        datasets_disjoint)``.
    """
    height, width = rules.image_size
    classes = list(rules.class_names)
    split = rules.validation_split

    @check("datasets_image_size", title=f"train_val_datasets() yields {height}×{width} RGB "
           "images", points=1, needs=("datasets",),
           claims=("datasets", "datasets.file_paths"))
    def datasets_image_size(artifacts):
        for name, facts in zip(("training", "validation"), both_splits(artifacts)):
            shape = facts["element_spec"][0]["shape"]
            if shape[1:] != [height, width, 3]:
                return failed(expected=f"{name} images of shape (batch, {height}, {width}, 3)",
                              found=f"shape {tuple(shape)}",
                              fix=f"pass image_size=({height}, {width}) and keep "
                                  f"color_mode='rgb'.")
        return passed()

    @check("datasets_binary_labels", title="train_val_datasets() gives binary labels for the "
           f"classes {' and '.join(classes)}", points=1, needs=("datasets",),
           claims=("datasets", "datasets.file_paths"))
    def datasets_binary_labels(artifacts):
        for name, facts in zip(("training", "validation"), both_splits(artifacts)):
            legacy = facts["kind"] == "directory_iterator" and facts.get("class_mode") == "binary"
            label_spec = facts["element_spec"][1]
            batch = facts.get("first_batch") or {"label_values": [0.0, 1.0]}
            shape_ok = legacy or (label_spec["shape"][1:] == [1]
                                  and label_spec["dtype"] == "float32")
            if not (shape_ok and set(batch["label_values"]) <= {0.0, 1.0}):
                return failed(
                    expected=f"{name} labels of shape (batch, 1) holding 0 ({classes[0]}) or "
                             f"1 ({classes[1]})",
                    found=f"labels of shape {tuple(label_spec['shape'])} ({label_spec['dtype']}) "
                          f"with values {batch['label_values'][:6]}",
                    fix="pass label_mode='binary'.")
            if facts["class_names"] and facts["class_names"] != classes:
                return failed(expected=f"the classes {classes}",
                              found=f"{facts['class_names']}",
                              fix=f"load DATA_DIR, the cleaned folder that holds "
                                  f"{'/ and '.join(classes)}/.")
        return passed()

    @check("datasets_split_sizes", title=f"train_val_datasets() keeps {split:.0%} of the images "
           "for validation and loses none", points=1, needs=("datasets",),
           claims=("datasets", "datasets.file_paths"))
    def datasets_split_sizes(artifacts):
        train, validation = both_splits(artifacts)
        manifest = artifacts.data.student_manifest
        images = sum(manifest.images.values())
        bad = len(manifest.zero_byte) + len(manifest.undecodable)
        n_train, n_val = len(train["file_paths"]), len(validation["file_paths"])
        total = n_train + n_val
        if not (train["has_file_paths"] and validation["has_file_paths"]):
            return failed(expected="datasets made by image_dataset_from_directory",
                          found="datasets that do not list their files",
                          fix=fix_call(rules) + ".")
        tolerance = max(2, round(0.01 * total))
        if not images <= total <= images + bad or abs(n_val - split * total) > tolerance:
            return failed(
                expected=f"about {images:,} images in all, {split:.0%} of them "
                         f"(about {int(split * images):,}) for validation",
                found=f"{n_train:,} training and {n_val:,} validation images",
                fix=f"load the whole cleaned folder once with validation_split={split:g} and "
                    "subset='both'.")
        return passed(f"train={n_train} validation={n_val} expected_images={images}")

    @check("datasets_disjoint", title="No image is in both the training and the validation "
           "split", points=1, needs=("datasets",),
           claims=("datasets", "datasets.file_paths"))
    def datasets_disjoint(artifacts):
        train, validation = both_splits(artifacts)
        shared = set(train["file_paths"]) & set(validation["file_paths"])
        if not shared:
            return passed()
        return failed(
            expected="training and validation splits with no image in common",
            found=f"{len(shared):,} image(s) in both, e.g. {sorted(shared)[:3]}",
            fix="make both splits in one call with subset='both' (or use the same seed for "
                "subset='training' and subset='validation').")

    return datasets_image_size, datasets_binary_labels, datasets_split_sizes, datasets_disjoint
