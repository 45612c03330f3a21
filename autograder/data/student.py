"""The student's own copy of a week's data: ``autograder data C2W1 --student OUT/``.

It writes what the notebook reads and nothing of the grader's: the stand-in's student files
(the same bytes as the grader's student data for the same public seed) and their manifest.
No held-out image, no course secret and no held-out manifest ever lands in `OUT`: the week's
generator draws its held-out part from the public seed into a scratch folder that is deleted,
so no secret is read or created either.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from autograder.assignments import Assignment
from autograder.data.manifest import MANIFEST_NAME, DataManifest, read_manifest

__all__ = ["write_student_data"]


def _current(manifest_path: Path, spec: Assignment, *, scale: str, seed: int) -> bool:
    """Whether `manifest_path` describes the student stand-in this call would write."""
    if not manifest_path.is_file():
        return False
    try:
        manifest = read_manifest(manifest_path)
    except (ValueError, TypeError, KeyError):
        return False
    return ((manifest.origin, manifest.scale, manifest.seed, manifest.split)
            == ("standin", scale, seed, "student")
            and manifest.generator == spec.data.standin_generator)


def write_student_data(spec: Assignment, out: Path, *, seed: int, scale: str = "ci",
                       force: bool = False) -> tuple[DataManifest, bool]:
    """Writes the student's stand-in data of `spec` to ``out/<dataset>/``.

    Args:
        spec: the assignment.
        out: the student's data root (what ``AUTOGRADER_DATA_ROOT`` names for the notebook).
        seed: the course's public seed (``seed`` of ``autograder.toml``).
        scale: stand-in size, one of ``spec.data.scales``.
        force: write it again even when the same data is already there.

    Returns:
        ``(student manifest, written)``; `written` is False when the data was already there.

    Raises:
        KeyError: for an unknown scale.
    """
    if scale not in spec.data.scales:
        raise KeyError(f"Unknown stand-in scale {scale!r}. Known: {list(spec.data.scales)}.")
    target = Path(out) / spec.data.dataset
    manifest_path = target / MANIFEST_NAME
    if not force and _current(manifest_path, spec, scale=scale, seed=seed):
        return read_manifest(manifest_path), False
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="discarded-heldout-") as scratch:
        # heldout_secret=None: nothing secret is read; the scratch folder goes with `with`.
        manifest, _ = spec.data.standin(student_dir=target, heldout_dir=Path(scratch) / "h",
                                        scale=scale, seed=seed, heldout_secret=None)
    return manifest, True
