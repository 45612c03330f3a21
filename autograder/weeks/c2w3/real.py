"""Week 3 on the real files: Horse or Human (and Keras' weights file when the course has it).

``autograder data C2W3 --from <folder or zip>`` takes a folder (or a zip of one) holding
``train/{horses,humans}`` and ``validation/{horses,humans}``, as the course's two zips
unpack. A tenth of each class of the training pictures, chosen with the course's secret,
becomes the grader's held-out set; the rest and the whole validation folder are the
student's. The weights file is the real one when the folder holds
``inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5`` or ``AUTOGRADER_C2W3_WEIGHTS``
names it, else the stand-in.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from autograder.data.secret import secret_seed
from autograder.weeks.c2w3.standin import CLASSES, SPLITS, write_manifests
from autograder.weeks.c2w3.weights import WEIGHTS_FILE, provide_weights

__all__ = ["prepare_real", "HELDOUT_SHARE"]

HELDOUT_SHARE = 0.1
_PICTURES = (".png", ".jpg", ".jpeg")


def _root(folder: Path) -> Path:
    """The folder below `folder` that holds ``train/`` (zips often add a level)."""
    for candidate in (folder, *sorted(p for p in folder.iterdir() if p.is_dir())):
        if (candidate / "train").is_dir():
            return candidate
    raise FileNotFoundError(f"Expected a folder with train/{{horses,humans}} and "
                            f"validation/{{horses,humans}} in {folder}.")


def _pictures(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in _PICTURES)


def prepare_real(source: Path, *, student_dir: Path, heldout_dir: Path, seed: int = 42,
                 heldout_secret: bytes | None = None):
    """Prepares Week 3's student and held-out folders from the real Horse or Human files.

    Returns:
        ``(student manifest, held-out manifest)``.

    Raises:
        FileNotFoundError: if `source` does not hold the real layout.
    """
    with tempfile.TemporaryDirectory() as unpacked:
        folder = Path(source)
        if zipfile.is_zipfile(folder):
            zipfile.ZipFile(folder).extractall(unpacked)
            folder = Path(unpacked)
        root = _root(folder)
        rng = np.random.default_rng(secret_seed(heldout_secret, "heldout-split-c2w3")
                                    if heldout_secret else seed)
        counts, held = {c: 0 for c in CLASSES}, {c: 0 for c in CLASSES}
        for split in SPLITS:
            for name in CLASSES:
                files = _pictures(root / split / name)
                chosen = (set(rng.choice(len(files), int(len(files) * HELDOUT_SHARE),
                                         replace=False)) if split == "train" else set())
                for index, path in enumerate(files):
                    target = (Path(heldout_dir) / name if index in chosen
                              else Path(student_dir) / split / name)
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target / path.name)
                held[name] += len(chosen)
                counts[name] += len(files) - len(chosen)
        made = provide_weights(Path(student_dir) / WEIGHTS_FILE, seed=seed,
                               real_file=root / WEIGHTS_FILE)
    described = (f"Horse or Human, real pictures ({sum(counts.values()):,} for the student; "
                 f"{'Keras’ ImageNet weights' if made['origin'] == 'real' else 'stand-in weights'})")
    return write_manifests(student_dir, heldout_dir, origin="real", scale="real", seed=seed,
                           student_images=counts, heldout_images=held, described=described,
                           drawn_from_secret=heldout_secret is not None)
