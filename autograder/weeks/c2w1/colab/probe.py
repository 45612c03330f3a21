"""The hidden ``split_data`` probe of the older edition: a small ``PetImages`` folder.

Each class folder holds good JPEGs and one zero-length file (as the real zip has), nothing
else: the edition asks ``split_data`` to skip zero-length files only, so a function that
also skips files it cannot read, or files that are not ``.jpg``, is judged the same. It is
drawn from the course's secret; the kernel gets a copy in its artifacts folder, the grader
keeps an untouched copy and the answer key. The split sizes are part of the draw: the
course's 0.9 for ``Cat`` and another for ``Dog``, so a split that ignores ``SPLIT_SIZE``
shows.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from autograder.kernel import SPLITTING_FOLDER
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS, SPLIT_SIZE

__all__ = ["SplitProbe", "SplitKey", "OTHER_SIZES", "make_split_probe"]

OTHER_SIZES = (0.6, 0.7, 0.75, 0.8)
"""Split sizes the second class is probed with (one per grading, from the secret)."""


@dataclass(frozen=True)
class SplitKey:
    """What the split checks know and the kernel never sees."""

    pristine: Path
    """The grader's untouched copy of the probe (``<class>/<file>``)."""
    sizes: tuple[float, ...]
    """The ``SPLIT_SIZE`` of each class's call, in `CLASS_FOLDERS` order."""
    zero_length: frozenset[str] = field(default_factory=frozenset)
    """The probe's zero-length files, ``"Cat/666.jpg"``."""

    @property
    def kernel_params(self) -> Mapping[str, Any]:
        """What the kernel's exporter is given: the split size of each call."""
        return {"sizes": list(self.sizes)}


def make_split_probe(folder: Path, seed: int) -> frozenset[str]:
    """Writes the probe into ``folder/<class>/`` and returns its zero-length files."""
    from autograder.weeks.c2w1.standin import generate

    work = Path(folder) / "drawn"
    manifest, _ = generate(student_dir=work, heldout_dir=work / "unused-heldout",
                           scale="split-probe", seed=seed, processes=1)
    images = work / "PetImages"
    for relative in set(manifest.undecodable) | set(manifest.other_files):
        (images / relative).unlink()
    for name in manifest.classes:
        shutil.move(str(images / name), str(Path(folder) / name))
    shutil.rmtree(work)
    return frozenset(manifest.zero_byte)


@dataclass(frozen=True)
class SplitProbe:
    """The `Fixture` of the ``split`` artifact."""

    artifact: str = "split"

    def place(self, grader_dir: Path, artifacts_dir: Path, seed: int) -> SplitKey:
        folder = Path(grader_dir) / "split-probe"
        zero_length = make_split_probe(folder, seed)
        for source, _ in CLASS_FOLDERS:
            shutil.copytree(folder / source,
                            Path(artifacts_dir) / SPLITTING_FOLDER / "source" / source)
        other = random.Random(seed).choice(OTHER_SIZES)
        return SplitKey(pristine=folder, sizes=(SPLIT_SIZE, other), zero_length=zero_length)
