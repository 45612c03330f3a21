"""The real Week 1 dataset: Microsoft's Kaggle Cats and Dogs, prepared from a local copy.

The grader cannot download it; an instructor who has the zip (or its unpacked folder)
runs ``autograder data C2W1 --from kagglecatsanddogs_5340.zip``. A deterministic 10 % of
the decodable images becomes the grader's held-out set, chosen with the course's secret
(``secret_seed(secret, "heldout-split")``) so that the public seed does not tell which
photos they are; everything else — zero-byte files, ``Thumbs.db``, undecodable files —
stays in the student copy, because cleaning it is the week's lesson. The source is only
read, never changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from tqdm import tqdm

from autograder.data.decodable import is_decodable
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest
from autograder.data.secret import secret_seed

__all__ = ["REAL_DATASET", "prepare_real", "find_pet_images"]

REAL_DATASET = {
    "name": "Kaggle Cats and Dogs (Microsoft)",
    "url": "https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
           "kagglecatsanddogs_5340.zip",
    "archive": "kagglecatsanddogs_5340.zip",
    "archive_megabytes": 787,
    "layout": "PetImages/Cat/*.jpg, PetImages/Dog/*.jpg",
    "files_per_class": 12_500,
    "quirks": "zero-byte Cat/666.jpg and Dog/11702.jpg; a Thumbs.db per folder; hundreds of "
              "files TensorFlow cannot decode",
}
CLASSES = ("Cat", "Dog")


def find_pet_images(root: Path) -> Path:
    """Returns the folder below `root` that holds ``Cat/`` and ``Dog/``.

    Raises:
        FileNotFoundError: saying what was expected and what was found.
    """
    for folder in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        if all((folder / name).is_dir() for name in CLASSES):
            return folder
    found = sorted(p.name for p in root.iterdir())[:10]
    raise FileNotFoundError(f"Expected a folder holding Cat/ and Dog/ (PetImages) in {root}. "
                            f"Found: {found}.")


def _held_out(relative: str, seed: int, fraction: float) -> bool:
    digest = hashlib.sha256(f"{seed}:{relative}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # same disk: no copy needed, the source stays untouched
    except OSError:
        shutil.copyfile(source, target)


def _split(pet_images: Path, student: Path, heldout: Path, seed: int, fraction: float):
    counts = {"images": {c: 0 for c in CLASSES}, "heldout": {c: 0 for c in CLASSES}}
    zero, undecodable, other = [], [], []
    files = sorted(p for name in CLASSES for p in (pet_images / name).iterdir() if p.is_file())
    for path in tqdm(files, desc="preparing", unit="file"):
        relative = f"{path.parent.name}/{path.name}"
        good = path.stat().st_size > 0 and path.suffix.lower() == ".jpg" and is_decodable(path)
        if good and _held_out(relative, seed, fraction):
            _place(path, heldout / "PetImages" / relative)
            counts["heldout"][path.parent.name] += 1
            continue
        _place(path, student / "PetImages" / relative)
        if good:
            counts["images"][path.parent.name] += 1
        elif path.stat().st_size == 0:
            zero.append(relative)
        elif path.suffix.lower() == ".jpg":
            undecodable.append(relative)
        else:
            other.append(relative)
    return counts, tuple(zero), tuple(undecodable), tuple(other)


def _manifests(source_name: str, seed: int, split, from_secret: bool):
    """Returns the (student, held-out) manifests of a `_split` result."""
    counts, zero, undecodable, other = split
    how = "the course's secret" if from_secret else f"seed {seed}"
    described = f"the real Kaggle Cats and Dogs photos ({source_name}, split with {how})"
    student = DataManifest(dataset="cats_and_dogs", origin="real", scale="real", seed=seed,
                           split="student", classes=CLASSES, images=counts["images"],
                           zero_byte=zero, undecodable=undecodable, other_files=other,
                           description=described, drawn_from_secret=from_secret)
    heldout = DataManifest(dataset="cats_and_dogs", origin="real", scale="real", seed=seed,
                           split="heldout", classes=CLASSES, images=counts["heldout"],
                           description=described + ", held-out part",
                           drawn_from_secret=from_secret)
    return student, heldout


def prepare_real(source: Path, *, student_dir: Path, heldout_dir: Path,
                 heldout_fraction: float = 0.1, seed: int = 42,
                 heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Prepares the student and held-out folders from the real dataset.

    Args:
        source: the zip, or a folder with ``PetImages`` (at any depth).
        student_dir: gets ``PetImages/{Cat,Dog}`` (quirks kept) and ``manifest.json``.
        heldout_dir: gets clean ``PetImages/{Cat,Dog}`` and ``manifest.json``.
        heldout_fraction: share of decodable images held out.
        seed: the public seed; fixes which images are held out when `heldout_secret` is None.
        heldout_secret: the course's secret (`load_or_create_secret`); when given, it fixes
            which images are held out instead of `seed`, and the manifests record only that
            it did (``drawn_from_secret``).

    Returns:
        ``(student manifest, held-out manifest)``.
    """
    from_secret = heldout_secret is not None
    split_seed = secret_seed(heldout_secret, "heldout-split") if from_secret else seed
    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="pet-images-") as scratch:
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                archive.extractall(scratch)
            root = Path(scratch)
        else:
            root = source
        split = _split(find_pet_images(root), Path(student_dir), Path(heldout_dir), split_seed,
                       heldout_fraction)
    student, heldout = _manifests(source.name, seed, split, from_secret)
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
