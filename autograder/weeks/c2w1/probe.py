"""The hidden cleaning probe: a small dirty ``PetImages`` folder ``clean_images()`` is run on.

It has the real dataset's quirks (a zero-byte file, files that are not images, a
``Thumbs.db``), drawn from the course's secret. The kernel gets a copy in its artifacts
folder; the grader keeps the manifest (the answer key) and an untouched copy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.kernel import CLEANING_FOLDER

__all__ = ["CleaningProbe", "ProbeKey", "IMAGES", "make_probe"]

IMAGES = "PetImages"
"""The folder the notebook's cleaning function is given, as in the real dataset."""


@dataclass(frozen=True)
class ProbeKey:
    """What the cleaning checks know and the kernel never sees."""

    manifest: Any
    """`DataManifest` of the probe: which files are good, zero-length, not images."""
    pristine: Path
    """The grader's untouched copy of the probe's images folder."""


def make_probe(folder: Path, seed: int):
    """Writes the probe into `folder` (``PetImages/{Cat,Dog}``); returns its manifest."""
    from autograder.weeks.c2w1.standin import generate

    manifest, _ = generate(student_dir=folder, heldout_dir=folder / "unused-heldout",
                           scale="probe", seed=seed)
    shutil.rmtree(folder / "unused-heldout", ignore_errors=True)
    return manifest


@dataclass(frozen=True)
class CleaningProbe:
    """The `Fixture` of the ``cleaning`` artifact."""

    artifact: str = "cleaning"

    def place(self, grader_dir: Path, artifacts_dir: Path, seed: int) -> ProbeKey:
        folder = Path(grader_dir) / "cleaning-probe"
        manifest = make_probe(folder, seed)
        shutil.copytree(folder / IMAGES, Path(artifacts_dir) / CLEANING_FOLDER / "source" / IMAGES)
        return ProbeKey(manifest=manifest, pristine=folder / IMAGES)
