"""Week 4's CSV rows as PNG folders (the course's image-folder generation), and the data
folder that must hold them."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil

import numpy as np
import pytest
from PIL import Image

from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.data.prepare import prepare_data
from autograder.data.csv_folders import png_name, write_png_folders
from autograder.data.csv_images import write_csv_images
from autograder.pipeline import DataNotPrepared, locate_data, missing_public_files
from autograder.weeks.c2w4.rules import LETTERS, PRESENT
from autograder.weeks.c2w4.standin import (FOLDER, TEST_CSV, TRAIN_CSV, TRAIN_PNG, make_rows,
                                           write_student_folders)

SPEC = get_assignment("C2W4")


@pytest.fixture
def rows(tmp_path):
    images, labels = make_rows(60, 42, 0)
    write_csv_images(tmp_path / "rows.csv", images, labels)
    return tmp_path / "rows.csv", images, labels


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.png"))}


def test_each_row_becomes_one_png_in_its_letters_folder(rows, tmp_path):
    csv_path, images, labels = rows
    counts = write_png_folders(csv_path, tmp_path / "train", LETTERS)
    folders = sorted(p.name for p in (tmp_path / "train").iterdir())
    assert folders == [LETTERS[label] for label in PRESENT]  # 24 letters, no J, no Z
    assert sum(counts.values()) == len(labels) == len(list((tmp_path / "train").rglob("*.png")))
    for row in (0, 17, len(labels) - 1):
        path = tmp_path / "train" / LETTERS[labels[row]] / png_name(row)
        picture = np.asarray(Image.open(path))
        assert picture.dtype == np.uint8 and picture.shape == (28, 28)
        assert np.array_equal(picture, images[row])  # lossless, grey


def test_the_folders_are_the_same_bytes_every_time(rows, tmp_path):
    csv_path, _, _ = rows
    write_png_folders(csv_path, tmp_path / "one", LETTERS)
    write_png_folders(csv_path, tmp_path / "two", LETTERS)
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")


def test_a_label_without_a_class_name_is_refused(tmp_path):
    images, _ = make_rows(2, 42, 0)
    write_csv_images(tmp_path / "bad.csv", images, np.array([0, 26]))
    with pytest.raises(ValueError, match="Expected labels 0–25"):
        write_png_folders(tmp_path / "bad.csv", tmp_path / "out", LETTERS)


def test_image_dataset_from_directory_reads_the_rows_with_labels_reindexed(rows, tmp_path):
    """What the image-folder generation's notebook gets: the CSV's pixels, labels 0–23."""
    import tensorflow as tf

    csv_path, images, labels = rows
    write_png_folders(csv_path, tmp_path / "train", LETTERS)
    dataset = tf.keras.utils.image_dataset_from_directory(
        tmp_path / "train", image_size=(28, 28), color_mode="grayscale", batch_size=64,
        shuffle=False)
    assert dataset.class_names == [LETTERS[label] for label in PRESENT]
    pictures, indices = next(iter(dataset))
    rows_read = [int(p.rsplit("/", 1)[1].removesuffix(".png")) for p in dataset.file_paths]
    assert np.array_equal(pictures.numpy()[..., 0], images[rows_read].astype("float32"))
    assert [PRESENT[i] for i in indices.numpy()] == labels[rows_read].tolist()


def _tiny_standin(*, student_dir, heldout_dir, scale, seed, heldout_secret):
    """Week 4's stand-in at a few rows a split (the real layout and manifests)."""
    from autograder.data.manifest import DataManifest, write_manifest
    from autograder.weeks.c2w4.standin import HELDOUT_CSV, per_letter

    folder = student_dir / FOLDER
    for name, split in ((TRAIN_CSV, 0), (TEST_CSV, 1)):
        write_csv_images(folder / name, *make_rows(48, seed, split))
    write_csv_images(heldout_dir / FOLDER / HELDOUT_CSV, *make_rows(24, seed, 2))
    write_student_folders(folder)
    manifests = []
    for split, directory in (("student", student_dir), ("heldout", heldout_dir)):
        manifest = DataManifest(dataset=SPEC.data.dataset, origin="standin", scale=scale,
                                seed=seed, split=split, classes=LETTERS,
                                images=per_letter(np.array(PRESENT)),
                                drawn_from_secret=split == "heldout")
        write_manifest(manifest, directory / "manifest.json")
        manifests.append(manifest)
    return tuple(manifests)


def test_data_without_the_png_folders_is_rebuilt_and_refused_for_grading(tmp_path):
    spec = dataclasses.replace(SPEC, data=dataclasses.replace(SPEC.data, standin=_tiny_standin))
    settings = load_settings({"data_root": str(tmp_path / "data"),
                              "heldout_root": str(tmp_path / "heldout"), "seed": 42},
                             env={}, cwd=tmp_path)
    student = settings.data_root / spec.data.dataset
    assert prepare_data(spec, settings).startswith("Prepared:")
    assert missing_public_files(spec, student) == []
    locate_data(spec, settings)
    assert prepare_data(spec, settings).startswith("Data already prepared:")

    shutil.rmtree(student / FOLDER / TRAIN_PNG)  # as an older grader left it
    assert missing_public_files(spec, student) == [TRAIN_PNG]
    with pytest.raises(DataNotPrepared, match="Run `autograder data C2W4` again"):
        locate_data(spec, settings)
    assert prepare_data(spec, settings).startswith("Prepared:")
    assert (student / FOLDER / TRAIN_PNG / "A").is_dir()


def test_real_files_get_the_png_folders_of_the_students_rows(tmp_path):
    """`autograder data C2W4 --from <folder>`: the student's training file and what is left
    of the test file (the held-out rows are not among the PNG files)."""
    from autograder.weeks.c2w4.real import prepare_real
    from autograder.weeks.c2w4.standin import VALIDATION_PNG

    source = tmp_path / "kaggle"
    write_csv_images(source / "sign_mnist_train" / TRAIN_CSV, *make_rows(48, 1, 0))
    write_csv_images(source / "sign_mnist_test" / TEST_CSV, *make_rows(30, 1, 1))
    student, heldout = tmp_path / "student", tmp_path / "heldout"
    prepare_real(source, student_dir=student, heldout_dir=heldout, seed=3)
    folder = student / FOLDER
    assert len(list((folder / TRAIN_PNG).rglob("*.png"))) == 48
    assert len(list((folder / VALIDATION_PNG).rglob("*.png"))) == 30 - 6  # a fifth held out
    assert not list(heldout.rglob("*.png"))
