"""Checks of ``train_val_datasets()``: image size, label mode, split, clean files."""

from __future__ import annotations

from autograder.checks.base import check, failed, passed
from autograder.weeks.c2w1.rules import RULES

__all__ = ["datasets_image_size", "datasets_binary_labels", "datasets_split_sizes",
           "datasets_disjoint", "datasets_exclude_dirty_files"]

IMAGE_SHAPE = [None, *RULES.image_size, 3]
CLASS_NAMES = list(RULES.class_names)
VALIDATION_SPLIT = RULES.validation_split
_FIX_CALL = ("call tf.keras.utils.image_dataset_from_directory(DATA_DIR, image_size=(150, 150), "
             "batch_size=128, label_mode='binary', validation_split=0.1, subset='both', seed=42)")


def _both(artifacts):
    facts = artifacts.get("datasets")
    return facts["train"], facts["validation"]


@check("datasets_image_size", title="train_val_datasets() yields 150×150 RGB images",
       points=1, needs=("datasets",))
def datasets_image_size(artifacts):
    for name, facts in zip(("training", "validation"), _both(artifacts)):
        shape = facts["element_spec"][0]["shape"]
        if shape[1:] != IMAGE_SHAPE[1:]:
            return failed(expected=f"{name} images of shape (batch, 150, 150, 3)",
                          found=f"shape {tuple(shape)}",
                          fix="pass image_size=(150, 150) and keep color_mode='rgb'.")
    return passed()


@check("datasets_binary_labels", title="train_val_datasets() gives binary labels for the "
       "classes Cat and Dog", points=1, needs=("datasets",))
def datasets_binary_labels(artifacts):
    for name, facts in zip(("training", "validation"), _both(artifacts)):
        legacy = facts["kind"] == "directory_iterator" and facts.get("class_mode") == "binary"
        label_spec = facts["element_spec"][1]
        batch = facts.get("first_batch") or {"label_values": [0.0, 1.0]}
        shape_ok = legacy or (label_spec["shape"][1:] == [1] and label_spec["dtype"] == "float32")
        if not (shape_ok and set(batch["label_values"]) <= {0.0, 1.0}):
            return failed(
                expected=f"{name} labels of shape (batch, 1) holding 0 (Cat) or 1 (Dog)",
                found=f"labels of shape {tuple(label_spec['shape'])} ({label_spec['dtype']}) "
                      f"with values {batch['label_values'][:6]}",
                fix="pass label_mode='binary'.")
        if facts["class_names"] and facts["class_names"] != CLASS_NAMES:
            return failed(expected=f"the classes {CLASS_NAMES}",
                          found=f"{facts['class_names']}",
                          fix="load DATA_DIR, the cleaned folder that holds Cat/ and Dog/.")
    return passed()


@check("datasets_split_sizes", title="train_val_datasets() keeps 10% of the images for "
       "validation and loses none", points=1, needs=("datasets",))
def datasets_split_sizes(artifacts):
    train, validation = _both(artifacts)
    manifest = artifacts.data.student_manifest
    images = sum(manifest.images.values())
    bad = len(manifest.zero_byte) + len(manifest.undecodable)
    n_train, n_val = len(train["file_paths"]), len(validation["file_paths"])
    total = n_train + n_val
    if not (train["has_file_paths"] and validation["has_file_paths"]):
        return failed(expected="datasets made by image_dataset_from_directory",
                      found="datasets that do not list their files", fix=_FIX_CALL + ".")
    tolerance = max(2, round(0.01 * total))
    if not images <= total <= images + bad or abs(n_val - VALIDATION_SPLIT * total) > tolerance:
        return failed(
            expected=f"about {images:,} images in all, {VALIDATION_SPLIT:.0%} of them "
                     f"(about {int(VALIDATION_SPLIT * images):,}) for validation",
            found=f"{n_train:,} training and {n_val:,} validation images",
            fix="load the whole cleaned folder once with validation_split=0.1 and "
                "subset='both'.")
    return passed(f"train={n_train} validation={n_val} expected_images={images}")


@check("datasets_disjoint", title="No image is in both the training and the validation "
       "split", points=1, needs=("datasets",))
def datasets_disjoint(artifacts):
    train, validation = _both(artifacts)
    shared = set(train["file_paths"]) & set(validation["file_paths"])
    if not shared:
        return passed()
    return failed(
        expected="training and validation splits with no image in common",
        found=f"{len(shared):,} image(s) in both, e.g. {sorted(shared)[:3]}",
        fix="make both splits in one call with subset='both' (or use the same seed for "
            "subset='training' and subset='validation').")


@check("datasets_exclude_dirty_files", title="The datasets hold no zero-length or "
       "undecodable file", points=1, needs=("datasets",))
def datasets_exclude_dirty_files(artifacts):
    train, validation = _both(artifacts)
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
