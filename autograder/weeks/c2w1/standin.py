"""The offline stand-in for Kaggle Cats and Dogs: same layout, same quirks, generated.

    <student_dir>/PetImages/Cat/0.jpg …   <student_dir>/manifest.json
    <heldout_dir>/PetImages/Dog/0.jpg …   <heldout_dir>/manifest.json

Like the real set, each class folder holds numbered JPEGs of varied sizes, a zero-byte
file (``Cat/666.jpg``, ``Dog/11702.jpg``), a ``Thumbs.db`` and files named ``.jpg`` that
TensorFlow cannot decode (an HTML page, a truncated JPEG, random bytes). The held-out
images are drawn from a separate random stream and are all clean. Every file is derived
from ``SeedSequence([key, split, class, index])``, so the output is byte-identical for a
key and scale however it is generated. The key of the student data is the public seed; the
key of the held-out images is the public seed too unless a secret is given (as
``autograder data`` always does), in which case it is ``secret_entropy(secret,
"heldout-standin")`` and the public seed alone cannot reproduce them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from autograder.weeks.c2w1.cartoon import draw_animal
from autograder.data.generation import heldout_key, keyed_rng, scale_sizes, write_files
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest

__all__ = ["SCALES", "Scale", "generate", "CLASSES", "ZERO_BYTE"]

CLASSES = ("Cat", "Dog")
ZERO_BYTE = {"Cat": "666.jpg", "Dog": "11702.jpg"}
_STUDENT, _HELDOUT, _BROKEN = 0, 1, 2
_QUALITY = 85


@dataclass(frozen=True)
class Scale:
    """Sizes of one stand-in scale, per class."""

    files: int
    """Files named ``<n>.jpg`` in each class folder of the student data (bad ones included)."""
    undecodable: int
    """How many of those are not decodable images (besides the zero-byte file)."""
    heldout: int
    """Clean held-out images per class."""


SCALES = {
    "ci": Scale(files=1000, undecodable=3, heldout=250),
    "full": Scale(files=12_500, undecodable=124, heldout=1_250),
    "probe": Scale(files=16, undecodable=3, heldout=2),
    # the older edition's split_data probe: enough files per class that a split size other
    # than the one asked for shows by more than a file (autograder/weeks/c2w1/colab/probe.py)
    "split-probe": Scale(files=40, undecodable=1, heldout=1),
}


def _jpeg(seed: int, split: int, label: int, index: int) -> bytes:
    buffer = io.BytesIO()
    draw_animal(keyed_rng(seed, split, label, index), label).save(buffer, "JPEG", quality=_QUALITY)
    return buffer.getvalue()


def _broken(seed: int, label: int, index: int, kind: int) -> bytes:
    """Bytes of a file TensorFlow cannot decode, of one of three kinds."""
    if kind == 0:
        return b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n"
    if kind == 1:  # a real JPEG cut short after its headers
        return _jpeg(seed, _BROKEN, label, index)[:700]
    noise = keyed_rng(seed, _BROKEN, label, index).bytes(4096)
    return b"\x00" + noise[1:]


def _write(task: tuple[str, int, int, int, int]) -> None:
    path, seed, split, label, index = task
    Path(path).write_bytes(_jpeg(seed, split, label, index))


def _layout(scale: Scale, seed: int, label: int) -> tuple[list[int], list[int], str]:
    """Returns (good indices, undecodable indices, zero-byte name) of one class folder."""
    zero = ZERO_BYTE[CLASSES[label]]
    indices = [i for i in range(scale.files) if f"{i}.jpg" != zero]
    indices = indices[: scale.files - 1]  # the zero-byte file takes one of the slots
    broken = sorted(keyed_rng(seed, _BROKEN, label).choice(indices, scale.undecodable,
                                                           replace=False))
    good = [i for i in indices if i not in set(broken)]
    return good, [int(i) for i in broken], zero


def _description(origin_scale: str, split: str, files: int, images: int, seed: int,
                 from_secret: bool = False) -> str:
    what = "held-out images" if split == "heldout" else f"{files:,} files, {images:,} of them images"
    how = "from the course's secret" if from_secret else f"with seed {seed}"
    return (f"offline stand-in for Kaggle Cats and Dogs ({origin_scale} scale: {what}; "
            f"synthetic cartoon cats and dogs generated {how}, not real photos)")


def _student(folder: Path, scale: Scale, scale_name: str, seed: int, processes: int):
    tasks, images, zero_byte, undecodable, other = [], {}, [], [], []
    for label, name in enumerate(CLASSES):
        directory = folder / "PetImages" / name
        directory.mkdir(parents=True, exist_ok=True)
        good, broken, zero = _layout(scale, seed, label)
        tasks += [(str(directory / f"{i}.jpg"), seed, _STUDENT, label, i) for i in good]
        for kind, index in enumerate(broken):
            (directory / f"{index}.jpg").write_bytes(_broken(seed, label, index, kind % 3))
            undecodable.append(f"{name}/{index}.jpg")
        (directory / zero).write_bytes(b"")
        (directory / "Thumbs.db").write_bytes(keyed_rng(seed, _BROKEN, label, 99).bytes(512))
        zero_byte.append(f"{name}/{zero}")
        other.append(f"{name}/Thumbs.db")
        images[name] = len(good)
    write_files(_write, tasks, processes)
    files = sum(images.values()) + len(undecodable) + len(zero_byte) + len(other)
    return DataManifest(dataset="cats_and_dogs", origin="standin", scale=scale_name, seed=seed,
                        split="student", classes=CLASSES, images=images,
                        zero_byte=tuple(zero_byte), undecodable=tuple(undecodable),
                        other_files=tuple(other),
                        description=_description(scale_name, "student", files,
                                                 sum(images.values()), seed))


def _heldout(folder: Path, scale: Scale, scale_name: str, seed: int, processes: int,
             secret: bytes | None):
    key = heldout_key(seed, secret, "heldout-standin")
    tasks = []
    for label, name in enumerate(CLASSES):
        directory = folder / "PetImages" / name
        directory.mkdir(parents=True, exist_ok=True)
        tasks += [(str(directory / f"{i}.jpg"), key, _HELDOUT, label, i)
                  for i in range(scale.heldout)]
    write_files(_write, tasks, processes)
    total, from_secret = scale.heldout * len(CLASSES), secret is not None
    return DataManifest(dataset="cats_and_dogs", origin="standin", scale=scale_name, seed=seed,
                        split="heldout", classes=CLASSES,
                        images={name: scale.heldout for name in CLASSES},
                        description=_description(scale_name, "heldout", total, total, seed,
                                                 from_secret),
                        drawn_from_secret=from_secret)


def generate(*, student_dir: Path, heldout_dir: Path, scale: str = "ci", seed: int = 42,
             processes: int | None = None,
             heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Generates the stand-in's student and held-out folders and their manifests.

    Args:
        student_dir: gets ``PetImages/{Cat,Dog}`` (with quirks) and ``manifest.json``.
        heldout_dir: gets clean ``PetImages/{Cat,Dog}`` and ``manifest.json``.
        scale: ``"ci"`` (≈ 1,000 files per class), ``"full"`` (12,500, like the real set) or
            ``"probe"`` (a tiny dirty folder for testing a cleaning function).
        seed: fixes every byte of the student data, and of the held-out images when
            `heldout_secret` is None. Any non-negative int works, so a folder nobody can
            regenerate from public values (the hidden cleaning probe) takes
            ``seed=secret_seed(secret, "probe")`` (see `autograder.data.secret`).
        processes: worker processes (default: CPU count); the output does not depend on it.
        heldout_secret: the course's secret (`load_or_create_secret`). When given, the
            held-out images are drawn from it instead of `seed` and their manifest says so
            (``drawn_from_secret``) without recording anything derived from it; the student
            data is the same either way. None (benchmarks, tests) keeps them public.

    Returns:
        ``(student manifest, held-out manifest)``.

    Raises:
        KeyError: for an unknown scale.
    """
    sizes, processes = scale_sizes(SCALES, scale, processes)
    student = _student(Path(student_dir), sizes, scale, seed, processes)
    heldout = _heldout(Path(heldout_dir), sizes, scale, seed, processes, heldout_secret)
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
