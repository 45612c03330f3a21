"""The offline stand-in for Week 2's data: cats and dogs in the layout of the real set.

    <student_dir>/PetImages/Cat/0.jpg …   <student_dir>/manifest.json
    <heldout_dir>/PetImages/Dog/0.jpg …   <heldout_dir>/manifest.json

Week 2 trains on the cats and dogs of Week 1, already cleaned (the course's Week 2 notebook
reads a folder with no broken files). The student's pictures show each animal in one pose;
the held-out pictures pose it at random, turned, mirrored, a little shifted and zoomed
(`autograder.weeks.c2w2.pose.HELDOUT`), as a sound augmentation prepares a model for. Every file
is derived from ``SeedSequence([key, split, class, index])``: byte-identical for a key and
scale however it is generated. The held-out key comes from the course's secret when one is
given (as ``autograder data`` always does).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from autograder.data.generation import heldout_key, keyed_rng, scale_sizes, write_files
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest
from autograder.weeks.c2w2.pose import (HELDOUT, UPRIGHT, PoseRanges, draw_posed,
                                        random_pose)

__all__ = ["SCALES", "CLASSES", "IMAGES", "DATASET", "STUDENT", "HELDOUT_SPLIT", "picture",
           "GENERATOR", "generate"]

CLASSES = ("Cat", "Dog")
IMAGES = "PetImages"
DATASET = "cats_and_dogs_augmentation"
STUDENT, HELDOUT_SPLIT, _POSE = 0, 1, 2
_QUALITY = 85
GENERATOR = "3"
"""Version of the drawing (`DataSpec.standin_generator`). 2: held-out poses within what both
course generations' augmentation covers; 3: within what every sound augmentation covers,
translation or not (`pose.HELDOUT`, from the Week 2 calibration)."""


@dataclass(frozen=True)
class Scale:
    files: int
    """Images per class of the student data."""
    heldout: int
    """Held-out images per class."""


SCALES = {
    "ci": Scale(files=1000, heldout=250),
    "full": Scale(files=11_217, heldout=1_250),  # the cleaned Kaggle set: 22,434 images
}


def picture(key: int, split: int, label: int, index: int,
            ranges: PoseRanges = HELDOUT) -> bytes:
    """The JPEG bytes of one picture: `split` is `STUDENT` (the one pose) or `HELDOUT_SPLIT`
    (posed at random within `ranges`)."""
    pose = UPRIGHT if split == STUDENT else random_pose(keyed_rng(key, _POSE, label, index),
                                                         ranges)
    buffer = io.BytesIO()
    image = draw_posed(keyed_rng(key, split, label, index), label, pose)
    image.save(buffer, "JPEG", quality=_QUALITY)
    return buffer.getvalue()


def _write(task: tuple[str, int, int, int, int]) -> None:
    path, key, split, label, index = task
    Path(path).write_bytes(picture(key, split, label, index))


def _folder(folder: Path, key: int, split: int, per_class: int, processes: int) -> None:
    tasks = []
    for label, name in enumerate(CLASSES):
        directory = folder / IMAGES / name
        directory.mkdir(parents=True, exist_ok=True)
        tasks += [(str(directory / f"{i}.jpg"), key, split, label, i) for i in range(per_class)]
    write_files(_write, tasks, processes)


def _description(scale: str, split: str, images: int, how: str) -> str:
    what = ("held-out images, posed at random" if split == "heldout"
            else f"{images:,} images, every animal in the same pose")
    return (f"offline stand-in for the cleaned Kaggle Cats and Dogs ({scale} scale: {what}; "
            f"synthetic cartoon cats and dogs generated {how}, not real photos)")


def generate(*, student_dir: Path, heldout_dir: Path, scale: str = "ci", seed: int = 42,
             processes: int | None = None,
             heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Generates the student and held-out folders and their manifests.

    Args:
        student_dir: gets ``PetImages/{Cat,Dog}`` and ``manifest.json``.
        heldout_dir: gets ``PetImages/{Cat,Dog}`` and ``manifest.json``.
        scale: ``"ci"`` (1,000 images per class) or ``"full"`` (the cleaned real set's size).
        seed: fixes every byte of the student data, and of the held-out images when
            `heldout_secret` is None.
        processes: worker processes (default: CPU count); the output does not depend on it.
        heldout_secret: the course's secret; when given, the held-out images are drawn from
            it and the public seed cannot regenerate them.

    Returns:
        ``(student manifest, held-out manifest)``.

    Raises:
        KeyError: for an unknown scale.
    """
    sizes, processes = scale_sizes(SCALES, scale, processes)
    key = heldout_key(seed, heldout_secret, "heldout-standin-c2w2")
    _folder(Path(student_dir), seed, STUDENT, sizes.files, processes)
    _folder(Path(heldout_dir), key, HELDOUT_SPLIT, sizes.heldout, processes)
    common = dict(dataset=DATASET, origin="standin", scale=scale, seed=seed, classes=CLASSES,
                  generator=GENERATOR)
    student = DataManifest(**common, split="student", images={c: sizes.files for c in CLASSES},
                           description=_description(scale, "student", sizes.files * 2,
                                                    f"with seed {seed}"))
    heldout = DataManifest(**common, split="heldout", images={c: sizes.heldout for c in CLASSES},
                           drawn_from_secret=heldout_secret is not None,
                           description=_description(scale, "heldout", sizes.heldout * 2,
                                                    "from the course's secret"
                                                    if heldout_secret else f"with seed {seed}"))
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
