"""Week 4's dataset checks rest on the rows the datasets hold, held against the grader's own
parse of the student's files: forged facts gain nothing (issue 28), the right rows pass
(in-process, real TensorFlow, a tiny stand-in)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.data.csv_images import read_csv_images
from autograder.kernel import EXPORTERS
from autograder.kernel.rows import grey_levels, save_rows
from autograder.weeks.c2w4.standin import DATASET, FOLDER, TEST_CSV, TRAIN_CSV
from tests.weeks.c2w4_helpers import check_parts, failed, namespace, write_tiny_data

DATASETS = {"datasets_channel_axis", "datasets_keep_every_row"}


@pytest.fixture(scope="module")
def data_root(tmp_path_factory):
    return write_tiny_data(tmp_path_factory.mktemp("c2w4-rows"))


def _claims(rows: int) -> dict:
    """What a right train_val_datasets() reports for a split of `rows` rows."""
    return {"kind": "tf.data", "examples": rows, "complete": True,
            "images_shape": [32, 28, 28, 1], "labels_shape": [32], "one_hot": False,
            "label_values": [n for n in range(25) if n != 9], "rescale": None}


def _forging(data_root, rows_of):
    """An exporter rebound in the kernel: the right facts for the student's files, and the
    rows `rows_of(images, labels)` returns (or none) saved as its evidence."""
    files = {split: read_csv_images(data_root / DATASET / FOLDER / name)
             for split, name in (("train", TRAIN_CSV), ("validation", TEST_CSV))}

    def export(namespace, out_dir, **params):
        facts = {}
        for split, (images, labels) in files.items():
            facts[split] = _claims(len(labels))
            made = rows_of(images, labels)
            if made is not None:
                facts[split].update(save_rows(out_dir, split, *made))
        return facts
    return export


def _grade_forged(data_root, tmp_path, monkeypatch, rows_of) -> dict:
    monkeypatch.setitem(EXPORTERS, "array_datasets", _forging(data_root, rows_of))
    return check_parts(namespace(data_root), data_root, tmp_path, parts=("datasets",))


@pytest.mark.parametrize("rows_of, expected", [
    pytest.param(lambda images, labels: None, DATASETS, id="facts-alone"),
    pytest.param(lambda images, labels: (np.zeros((len(labels), 28, 28, 1)), labels), DATASETS,
                 id="blank-pictures-with-the-files-labels"),
    pytest.param(lambda images, labels: (images[:, :, :, None], np.roll(labels, 1)),
                 {"datasets_keep_every_row"}, id="the-files-pictures-wrong-labels"),
    pytest.param(lambda images, labels: (images[:, :, :, None] / 255.0, labels), set(),
                 id="the-files-rows-rescaled"),
])
def test_forged_facts_gain_only_what_the_rows_show(data_root, tmp_path, monkeypatch, rows_of,
                                                   expected):
    """Facts alone, or with made-up rows, get none of the 2 points; the file's rows written
    down (the right answer, computed from the file) get what they show."""
    results = _grade_forged(data_root, tmp_path, monkeypatch, rows_of)
    assert failed(results) == expected, {k: r.feedback for k, r in results.items()}


def test_forged_facts_are_told_what_was_expected(data_root, tmp_path, monkeypatch):
    blank = lambda images, labels: (np.zeros((len(labels), 28, 28, 1)), labels)  # noqa: E731
    results = _grade_forged(data_root, tmp_path, monkeypatch, blank)
    feedback = results["datasets_channel_axis"].feedback
    assert feedback.startswith("Expected the training batches to hold the pictures of "
                               "sign_mnist_train.csv"), feedback
    assert "240 of 240 pictures that are no row" in feedback


@pytest.mark.parametrize("replace, expected", [
    pytest.param({}, set(), id="reference"),
    pytest.param({".batch(32))\n    validation_dataset":
                  ".batch(32)).map(lambda x, y: (tf.image.flip_left_right(x), y))\n"
                  "    validation_dataset"}, DATASETS, id="pictures-changed-in-the-dataset"),
    pytest.param({"(validation_images, validation_labels)).batch(32)":
                  "(validation_images, np.roll(validation_labels, 1))).batch(32)"},
                 {"datasets_keep_every_row"}, id="labels-apart-from-their-pictures"),
    pytest.param({"(validation_images, validation_labels)).batch(32)":
                  "(validation_images / 255.0, validation_labels)).batch(32)"}, set(),
                 id="pixels-rescaled-in-the-dataset"),
])
def test_the_rows_are_held_against_the_file(data_root, tmp_path, replace, expected):
    results = check_parts(namespace(data_root, replace), data_root, tmp_path,
                          parts=("parsing", "datasets"))
    assert failed(results) & DATASETS == expected, {k: r.feedback for k, r in results.items()}


def test_rows_linked_to_a_host_file_are_not_read(data_root, tmp_path):
    """The kernel replaces its saved pictures by a link to a host file: refused."""
    def link(artifacts):
        saved = artifacts / "datasets" / "train_pixels.npy"
        saved.unlink()
        saved.symlink_to("/etc/passwd")
    results = check_parts(namespace(data_root), data_root, tmp_path, parts=("datasets",),
                          after_export=link)
    assert failed(results) == DATASETS
    assert "pictures your datasets hold is missing" in results["datasets_channel_axis"].feedback


def test_the_reference_saves_its_rows_as_grey_levels(data_root, tmp_path):
    check_parts(namespace(data_root), data_root, tmp_path, parts=("datasets",))
    facts = json.loads((tmp_path / "artifacts" / "artifacts.json").read_text())
    train = facts["artifacts"]["datasets"]["train"]
    pixels = np.load(tmp_path / "artifacts" / train["pixels_file"])
    assert pixels.dtype == np.uint8 and pixels.shape == (240, 28, 28, 1)
    assert train["pixel_scale"] == 1.0


@pytest.mark.parametrize("values, scale, levels", [
    pytest.param([[0.0, 17.0, 255.0]], 1.0, [0, 17, 255], id="raw"),
    pytest.param(np.float32([[0.0, 17.0, 255.0]]) / np.float32(255.0), 255.0, [0, 17, 255],
                 id="rescaled-float32"),
    pytest.param([[-1.0, 0.0, 1.0]], 127.5, [0, 128, 255], id="standardised-stretched"),
    pytest.param([[np.nan, 3.0, 255.0]], 1.0, [0, 3, 255], id="a-parsed-header"),
])
def test_grey_levels(values, scale, levels):
    found, factor = grey_levels(np.asarray(values))
    assert factor == scale and found.dtype == np.uint8 and found.tolist() == [levels]
