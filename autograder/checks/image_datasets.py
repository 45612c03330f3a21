"""Checks of a week's ``train_val_datasets()`` on an image folder, made from its rules.

`dataset_checks(rules)` returns the four checks every image-folder week grades (image
size, binary labels of its classes, the split's sizes, disjoint splits), with the week's
numbers in their titles and messages.
"""

from __future__ import annotations

from autograder.checks.base import Check, check, failed, passed

__all__ = ["dataset_checks", "both_splits", "fix_call"]


def both_splits(artifacts):
    """(training facts, validation facts) of the ``datasets`` artifact."""
    facts = artifacts.get("datasets")
    return facts["train"], facts["validation"]


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
           "images", points=1, needs=("datasets",))
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
           f"classes {' and '.join(classes)}", points=1, needs=("datasets",))
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
           "for validation and loses none", points=1, needs=("datasets",))
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
           "split", points=1, needs=("datasets",))
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
