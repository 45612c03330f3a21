"""The offline stand-in for Week 4's data: Sign Language MNIST in the Kaggle layout.

    <student_dir>/sign_mnist/sign_mnist_train.csv     <student_dir>/manifest.json
    <student_dir>/sign_mnist/sign_mnist_test.csv
    <student_dir>/sign_mnist/train/<Letter>/<row>.png       (the training rows, as PNG files)
    <student_dir>/sign_mnist/validation/<Letter>/<row>.png  (the test rows, as PNG files)
    <heldout_dir>/sign_mnist/sign_mnist_heldout.csv   <heldout_dir>/manifest.json

Each CSV has the header ``label,pixel1,…,pixel784`` and one 28×28 grey hand sign a row
(`autograder.weeks.c2w4.signs`), labels 0–25 with J (9) and Z (25) absent, every letter
equally often, rows in random order. The student's files come from the public seed; the
held-out file from the course's secret when one is given (as ``autograder data`` does).
The PNG folders are the student's two files again, row for row, in the layout of the course's
image-folder generation (`write_student_folders`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.data.csv_folders import write_png_folders
from autograder.data.csv_images import write_csv_images
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest
from autograder.data.generation import heldout_key, scale_sizes
from autograder.weeks.c2w4.rules import LETTERS, PRESENT
from autograder.weeks.c2w4.signs import draw_signs

__all__ = ["SCALES", "DATASET", "FOLDER", "TRAIN_CSV", "TEST_CSV", "HELDOUT_CSV", "TRAIN_PNG",
           "VALIDATION_PNG", "generate", "make_rows", "per_letter", "write_student_folders"]

DATASET = "sign_language_mnist"
FOLDER = "sign_mnist"
TRAIN_CSV, TEST_CSV, HELDOUT_CSV = ("sign_mnist_train.csv", "sign_mnist_test.csv",
                                    "sign_mnist_heldout.csv")
TRAIN_PNG, VALIDATION_PNG = "train", "validation"
"""Folders (below `FOLDER`) of the student's training and test rows as PNG files."""
_TRAIN, _TEST, _HELDOUT, _PROBE = 0, 1, 2, 3


@dataclass(frozen=True)
class Scale:
    train: int
    """Rows of ``sign_mnist_train.csv``."""
    test: int
    """Rows of ``sign_mnist_test.csv`` (the notebook's validation set)."""
    heldout: int
    """Rows of the grader's held-out file."""


SCALES = {
    "ci": Scale(train=2_400, test=720, heldout=720),
    "full": Scale(train=27_455, test=7_172, heldout=2_400),  # the Kaggle files' sizes
}


def make_rows(rows: int, key: int, split: int) -> tuple[np.ndarray, np.ndarray]:
    """`rows` pictures, every present letter equally often (±1), in a random order.

    Returns:
        ``(images (rows, 28, 28) uint8, labels (rows,) int64)``.
    """
    labels = np.resize(np.array(PRESENT), rows)
    np.random.default_rng(np.random.SeedSequence([key, split, 10**6])).shuffle(labels)
    return draw_signs(labels, key, split), labels.astype(np.int64)


def per_letter(labels: np.ndarray) -> dict[str, int]:
    """Rows per letter, in label order."""
    counts = Counter(int(label) for label in labels)
    return {LETTERS[label]: counts[label] for label in sorted(counts)}


def write_student_folders(folder: Path) -> None:
    """Writes the rows of `folder`'s training and test CSV files as PNG folders
    (``train/<Letter>/``, ``validation/<Letter>/``), as the image-folder generation of the
    course reads them."""
    for csv_name, png_folder in ((TRAIN_CSV, TRAIN_PNG), (TEST_CSV, VALIDATION_PNG)):
        write_png_folders(Path(folder) / csv_name, Path(folder) / png_folder, LETTERS)


def _description(scale: str, rows: str, how: str) -> str:
    return (f"offline stand-in for Sign Language MNIST ({scale} scale: {rows}; synthetic "
            f"28×28 hand signs generated {how}, not real photos)")


def generate(*, student_dir: Path, heldout_dir: Path, scale: str = "ci", seed: int = 42,
             heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Writes the student's two CSV files, the held-out CSV and their manifests.

    Args:
        student_dir: gets ``sign_mnist/sign_mnist_{train,test}.csv``, the same rows as
            ``sign_mnist/{train,validation}/<Letter>/<row>.png`` and ``manifest.json``.
        heldout_dir: gets ``sign_mnist/sign_mnist_heldout.csv`` and ``manifest.json``.
        scale: ``"ci"`` (2,400 / 720 rows) or ``"full"`` (the Kaggle files' 27,455 / 7,172).
        seed: fixes every byte of the student files, and of the held-out file when
            `heldout_secret` is None.
        heldout_secret: the course's secret; the held-out rows are drawn from it.

    Returns:
        ``(student manifest, held-out manifest)``; ``images`` counts the training rows
        per letter (student) or the held-out rows per letter.

    Raises:
        KeyError: for an unknown scale.
    """
    sizes, _ = scale_sizes(SCALES, scale, 1)
    key = heldout_key(seed, heldout_secret, "heldout-standin-c2w4")
    train = make_rows(sizes.train, seed, _TRAIN)
    write_csv_images(Path(student_dir) / FOLDER / TRAIN_CSV, *train)
    write_csv_images(Path(student_dir) / FOLDER / TEST_CSV, *make_rows(sizes.test, seed, _TEST))
    write_student_folders(Path(student_dir) / FOLDER)
    held = make_rows(sizes.heldout, key, _HELDOUT)
    write_csv_images(Path(heldout_dir) / FOLDER / HELDOUT_CSV, *held)
    common = dict(dataset=DATASET, origin="standin", scale=scale, seed=seed, classes=LETTERS)
    student = DataManifest(**common, split="student", images=per_letter(train[1]),
                           description=_description(scale, f"{sizes.train:,} training and "
                                                    f"{sizes.test:,} test rows", f"with seed {seed}"))
    heldout = DataManifest(**common, split="heldout", images=per_letter(held[1]),
                           drawn_from_secret=heldout_secret is not None,
                           description=_description(scale, f"{sizes.heldout:,} held-out rows",
                                                    "from the course's secret" if heldout_secret
                                                    else f"with seed {seed}"))
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
