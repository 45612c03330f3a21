"""Week 4 on the real Kaggle files: ``sign_mnist_train.csv`` and ``sign_mnist_test.csv``.

``autograder data C2W4 --from <zip or folder>`` finds the two files anywhere below the
source (the Kaggle zip keeps each in a folder of its own). The training file goes to the
student as it is; a fifth of the test file's rows, chosen with the course's secret,
becomes the grader's held-out file and the rest the student's test file, line for line.
The student's two files are also written as PNG folders (``train/<Letter>/``,
``validation/<Letter>/``) for the course's image-folder generation.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from autograder.data.csv_images import csv_header, read_csv_images
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest
from autograder.data.secret import secret_seed
from autograder.weeks.c2w4.rules import LETTERS
from autograder.weeks.c2w4.standin import (DATASET, FOLDER, HELDOUT_CSV, TEST_CSV, TRAIN_CSV,
                                           per_letter, write_student_folders)

__all__ = ["prepare_real", "HELDOUT_SHARE"]

HELDOUT_SHARE = 0.2
"""Share of the real test file's rows kept back as the grader's held-out file."""


def _read_source(source: Path) -> dict[str, bytes]:
    """The bytes of the two Kaggle files, from a zip or a folder."""
    wanted, found = (TRAIN_CSV, TEST_CSV), {}
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for name in archive.namelist():
                if Path(name).name in wanted and "__MACOSX" not in name:
                    found.setdefault(Path(name).name, archive.read(name))
    else:
        for name in wanted:
            hits = sorted(Path(source).rglob(name))
            if hits:
                found[name] = hits[0].read_bytes()
    missing = [name for name in wanted if name not in found]
    if missing:
        raise FileNotFoundError(f"Expected {' and '.join(wanted)} in {source}. Missing: "
                                f"{', '.join(missing)}.")
    for name, data in found.items():
        if not data.startswith(csv_header().encode()):
            raise ValueError(f"Expected {name} to start with the header 'label,pixel1,…,"
                             f"pixel784'. Received: {data[:40]!r}.")
    return found


def _write(path: Path, header: bytes, lines: list[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\n".join([header, *lines]) + b"\n")


def prepare_real(source: Path, *, student_dir: Path, heldout_dir: Path, seed: int = 42,
                 heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Prepares Week 4's student and held-out CSV files from the real dataset.

    Args:
        source: the Kaggle zip, or a folder holding the two CSV files (at any depth).
        student_dir: gets ``sign_mnist/sign_mnist_{train,test}.csv``, the same rows as
            ``sign_mnist/{train,validation}/<Letter>/<row>.png`` and ``manifest.json``.
        heldout_dir: gets ``sign_mnist/sign_mnist_heldout.csv`` and ``manifest.json``.
        seed: recorded in the manifests; chooses the held-out rows without a secret.
        heldout_secret: the course's secret, which chooses the held-out rows.

    Returns:
        ``(student manifest, held-out manifest)``.

    Raises:
        FileNotFoundError: if a file is missing; ValueError: if one is not in the format.
    """
    files = _read_source(Path(source))
    header, *test_lines = [line for line in files[TEST_CSV].splitlines() if line.strip()]
    choice = seed if heldout_secret is None else secret_seed(heldout_secret, "heldout-split-c2w4")
    order = np.random.default_rng(choice).permutation(len(test_lines))
    held = set(order[:round(HELDOUT_SHARE * len(test_lines))].tolist())
    student_root, heldout_root = Path(student_dir) / FOLDER, Path(heldout_dir) / FOLDER
    student_root.mkdir(parents=True, exist_ok=True)
    (student_root / TRAIN_CSV).write_bytes(files[TRAIN_CSV])
    _write(student_root / TEST_CSV, header, [l for i, l in enumerate(test_lines) if i not in held])
    _write(heldout_root / HELDOUT_CSV, header, [l for i, l in enumerate(test_lines) if i in held])
    write_student_folders(student_root)
    train_labels = read_csv_images(student_root / TRAIN_CSV)[1]
    heldout_labels = read_csv_images(heldout_root / HELDOUT_CSV)[1]
    common = dict(dataset=DATASET, origin="real", scale="real", seed=seed, classes=LETTERS)
    student = DataManifest(**common, split="student", images=per_letter(train_labels),
                           description=f"the real Sign Language MNIST ({len(train_labels):,} "
                                       f"training and {len(test_lines) - len(held):,} test rows)")
    heldout = DataManifest(**common, split="heldout", images=per_letter(heldout_labels),
                           drawn_from_secret=heldout_secret is not None,
                           description=f"the real Sign Language MNIST ({len(held):,} held-out "
                                       "rows of its test file)")
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
