"""`autograder data`: a week's student and held-out data, prepared once per course."""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.assignments import Assignment
from autograder.config import Settings
from autograder.pipeline import missing_public_files

__all__ = ["prepare_data"]


def prepare_data(spec: Assignment, settings: Settings, *, scale: str = "ci",
                 source: Path | None = None, force: bool = False) -> str:
    """Prepares the student and held-out data of `spec`; returns what was done, in words.

    The held-out data is drawn from the course's secret (``<heldout_root>/secret.key``,
    created here on first use), never from the public seed alone, so that nobody can
    regenerate it from this package. Held-out data made without that secret (by an older
    grader, or before the secret file was deleted) is rebuilt, and so is student data that
    lacks files an older grader did not make (Week 4's PNG folders), and a stand-in drawn by
    an older version of the week's generator (`DataSpec.standin_generator`).

    Args:
        spec: the assignment.
        settings: where the data roots are.
        scale: stand-in size, one of ``spec.data.scales`` (ignored with `source`).
        source: the real dataset (zip or folder); None builds the offline stand-in.
        force: rebuild even if matching data is already there (the secret is kept).
    """
    from autograder.data.manifest import read_manifest
    from autograder.data.secret import load_or_create_secret, secret_path

    student = settings.data_root / spec.data.dataset
    heldout = settings.heldout_root / spec.data.dataset
    # A secret made now did not draw the held-out data already there (if any).
    new_secret = not secret_path(settings.heldout_root).is_file()
    secret = load_or_create_secret(settings.heldout_root)
    wanted = ("real", "real") if source else ("standin", scale)
    manifests = (student / "manifest.json", heldout / "manifest.json")
    if not (force or new_secret) and all(path.is_file() for path in manifests):
        manifest, held = (read_manifest(path) for path in manifests)
        if ((manifest.origin, manifest.scale) == wanted and manifest.seed == settings.seed
                and held.drawn_from_secret and not missing_public_files(spec, student)
                and (source or manifest.generator == held.generator
                     == spec.data.standin_generator)):
            return f"Data already prepared: {manifest.description}"
    for folder in (student, heldout):
        shutil.rmtree(folder, ignore_errors=True)
    if source:
        manifest, _ = spec.data.real(Path(source), student_dir=student, heldout_dir=heldout,
                                     seed=settings.seed, heldout_secret=secret)
    else:
        manifest, _ = spec.data.standin(student_dir=student, heldout_dir=heldout, scale=scale,
                                        seed=settings.seed, heldout_secret=secret)
    return f"Prepared: {manifest.description}"
