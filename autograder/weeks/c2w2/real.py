"""Week 2 on the real photos: Week 1's Kaggle Cats and Dogs, cleaned.

``autograder data C2W2 --from kagglecatsanddogs_5340.zip`` splits the real set as Week 1
does (the same held-out share, drawn from the course's secret) and then leaves out of the
student's copy every file Week 1's cleaning would drop: the course's Week 2 notebook reads a
folder without broken files. The real held-out photos are not posed by the grader, so on
real data the held-out bar measures generalisation to unseen photos, as the course does.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from autograder.data.manifest import MANIFEST_NAME, DataManifest, write_manifest
from autograder.weeks.c2w1.pet_images import prepare_real as prepare_week1
from autograder.weeks.c2w2.standin import DATASET, IMAGES

__all__ = ["prepare_real"]


def prepare_real(source: Path, *, student_dir: Path, heldout_dir: Path, seed: int = 42,
                 heldout_secret: bytes | None = None) -> tuple[DataManifest, DataManifest]:
    """Prepares Week 2's student (cleaned) and held-out folders from the real dataset.

    Args: as `autograder.weeks.c2w1.pet_images.prepare_real`.

    Returns:
        ``(student manifest, held-out manifest)``.
    """
    student, heldout = prepare_week1(source, student_dir=student_dir, heldout_dir=heldout_dir,
                                     seed=seed, heldout_secret=heldout_secret)
    for relative in student.bad_files:
        (Path(student_dir) / IMAGES / relative).unlink(missing_ok=True)
    student = dataclasses.replace(student, dataset=DATASET, zero_byte=(), undecodable=(),
                                  other_files=(),
                                  description=student.description + ", cleaned")
    heldout = dataclasses.replace(heldout, dataset=DATASET)
    write_manifest(student, Path(student_dir) / MANIFEST_NAME)
    write_manifest(heldout, Path(heldout_dir) / MANIFEST_NAME)
    return student, heldout
