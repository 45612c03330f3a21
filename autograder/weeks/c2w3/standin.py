"""The offline stand-in for Week 3's data: Horse or Human, in the real set's layout.

    <student_dir>/train/horses/0.png …        <student_dir>/validation/humans/0.png …
    <student_dir>/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5
    <student_dir>/manifest.json
    <heldout_dir>/horses/0.png …  <heldout_dir>/humans/0.png …  <heldout_dir>/manifest.json

Cartoon horses and humans (`autograder.weeks.c2w3.figures`), 300×300 RGB PNG like the real
pictures. Every file is derived from ``SeedSequence([key, split, class, index])``: the same
bytes for a key however it is generated. The held-out key comes from the course's secret
when one is given (as ``autograder data`` always does), so the held-out pictures cannot be
regenerated from the package and its public seed. The weights file the notebook loads
sits next to the pictures (`autograder.weeks.c2w3.weights`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from autograder.data.generation import heldout_key, keyed_rng, scale_sizes, write_files
from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest

__all__ = ["SCALES", "CLASSES", "DATASET", "GENERATOR", "IMAGES", "SPLITS", "generate",
           "write_manifests"]

CLASSES = ("horses", "humans")
DATASET = "horse_or_human"
IMAGES = ""
"""The student's folder holds ``train/`` and ``validation/`` itself (and the weights)."""
SPLITS = ("train", "validation")
GENERATOR = "3"
"""Version of the drawing and of the stand-in weights it ships (`DataSpec.standin_generator`).
2: each figure stands out from the background under it (`figures.FIGURE_CONTRAST`), and the
weights' ``mixed7`` features are sparse (`weights.RECIPE`'s ``mixed7_threshold``). 3: the
weights are the same file on every CPU (`autograder.weeks.c2w3.pretrain`)."""
_TRAIN, _VALIDATION, _HELDOUT = 0, 1, 2


@dataclass(frozen=True)
class Scale:
    train: tuple[int, int]
    """Training pictures of horses and of humans."""
    validation: tuple[int, int]
    heldout: tuple[int, int]


SCALES = {
    # 160 validation pictures: 5 batches of 32, so that the public notebook's test split
    # (a fifth of the validation batches, as on the real set's 8) keeps one batch
    "ci": Scale(train=(192, 192), validation=(80, 80), heldout=(64, 64)),
    "full": Scale(train=(500, 527), validation=(128, 128), heldout=(128, 128)),  # the real set
}


def _png(key: int, split: int, label: int, index: int) -> bytes:
    from autograder.weeks.c2w3.figures import draw_figure

    rng = keyed_rng(key, split, label, index)
    buffer = io.BytesIO()
    draw_figure(rng, label).save(buffer, "PNG", compress_level=1)  # fast; size as the real set
    return buffer.getvalue()


def _write(task: tuple[str, int, int, int, int]) -> None:
    path, key, split, label, index = task
    Path(path).write_bytes(_png(key, split, label, index))


def _folder(folder: Path, key: int, split: int, counts: tuple[int, int], processes: int) -> None:
    tasks = []
    for label, name in enumerate(CLASSES):
        directory = folder / name
        directory.mkdir(parents=True, exist_ok=True)
        tasks += [(str(directory / f"{i}.png"), key, split, label, i) for i in range(counts[label])]
    write_files(_write, tasks, processes, parallel_from=200, chunksize=16)


def write_manifests(student_dir: Path, heldout_dir: Path, *, origin: str, scale: str, seed: int,
                    student_images: dict, heldout_images: dict, described: str,
                    drawn_from_secret: bool) -> tuple[DataManifest, DataManifest]:
    """Writes the student's and the held-out manifests; returns them."""
    common = dict(dataset=DATASET, origin=origin, scale=scale, seed=seed, classes=CLASSES,
                  generator=GENERATOR if origin == "standin" else "")
    student = DataManifest(**common, split="student", images=student_images,
                           description=described)
    heldout = DataManifest(**common, split="heldout", images=heldout_images,
                           drawn_from_secret=drawn_from_secret,
                           description=described + ", held-out pictures")
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout


def generate(*, student_dir: Path, heldout_dir: Path, scale: str = "ci", seed: int = 42,
             processes: int | None = None, heldout_secret: bytes | None = None,
             weights: bool = True) -> tuple[DataManifest, DataManifest]:
    """Generates the student and held-out folders, their manifests and the weights file.

    Args:
        student_dir: gets ``train/``, ``validation/``, the weights file and ``manifest.json``.
        heldout_dir: gets ``horses/``, ``humans/`` and ``manifest.json``.
        scale: ``"ci"`` (192 + 192 training pictures) or ``"full"`` (the real set's 1,027 /
            256).
        seed: fixes every byte of the student data (and of the held-out pictures when
            `heldout_secret` is None).
        processes: worker processes (default: CPU count); the output does not depend on it.
        heldout_secret: the course's secret; the held-out pictures are drawn from it.
        weights: also provide the InceptionV3 weights file (the stand-in's first run takes
            a few minutes; it is cached).

    Raises:
        KeyError: for an unknown scale.
    """
    from autograder.weeks.c2w3.weights import WEIGHTS_FILE, provide_weights

    sizes, processes = scale_sizes(SCALES, scale, processes)
    key = heldout_key(seed, heldout_secret, "heldout-standin-c2w3")
    _folder(Path(student_dir) / "train", seed, _TRAIN, sizes.train, processes)
    _folder(Path(student_dir) / "validation", seed, _VALIDATION, sizes.validation, processes)
    _folder(Path(heldout_dir), key, _HELDOUT, sizes.heldout, processes)
    made = provide_weights(Path(student_dir) / WEIGHTS_FILE, seed=seed) if weights else {}
    what = ("Keras' ImageNet InceptionV3 weights" if made.get("origin") == "real"
            else "a stand-in InceptionV3 pretrained offline on synthetic glyphs")
    described = (f"offline stand-in for Horse or Human ({scale} scale: "
                 f"{sum(sizes.train):,} training and {sum(sizes.validation):,} validation "
                 f"pictures of synthetic cartoon horses and humans, not real renders; {what})")
    return write_manifests(
        student_dir, heldout_dir, origin="standin", scale=scale, seed=seed,
        student_images={c: sizes.train[i] + sizes.validation[i] for i, c in enumerate(CLASSES)},
        heldout_images={c: sizes.heldout[i] for i, c in enumerate(CLASSES)},
        described=described, drawn_from_secret=heldout_secret is not None)
