"""Course-level jobs: prepare data, generate release notebooks, grade a batch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable

from autograder.assignments import Assignment
from autograder.authoring import write_solution
from autograder.config import Settings
from autograder.pipeline import DataNotPrepared
from autograder.results import GradeResult, write_result

__all__ = ["prepare_data", "generate_release", "grade_batch"]


def prepare_data(spec: Assignment, settings: Settings, *, scale: str = "ci",
                 source: Path | None = None, force: bool = False) -> str:
    """Prepares the student and held-out data of `spec`; returns what was done, in words.

    Args:
        spec: the assignment.
        settings: where the data roots are.
        scale: stand-in size, ``"ci"`` or ``"full"`` (ignored with `source`).
        source: the real dataset (zip or folder); None builds the offline stand-in.
        force: rebuild even if matching data is already there.
    """
    from autograder.data.manifest import read_manifest
    from autograder.data.pet_images import prepare_real
    from autograder.data.standin import generate

    student = settings.data_root / spec.dataset
    heldout = settings.heldout_root / spec.dataset
    wanted = ("real", "real") if source else ("standin", scale)
    if not force and (student / "manifest.json").is_file() and (heldout / "manifest.json").is_file():
        manifest = read_manifest(student / "manifest.json")
        if (manifest.origin, manifest.scale) == wanted and manifest.seed == settings.seed:
            return f"Data already prepared: {manifest.description}"
    for folder in (student, heldout):
        shutil.rmtree(folder, ignore_errors=True)
    if source:
        manifest, _ = prepare_real(Path(source), student_dir=student, heldout_dir=heldout,
                                   seed=settings.seed)
    else:
        manifest, _ = generate(student_dir=student, heldout_dir=heldout, scale=scale,
                               seed=settings.seed)
    return f"Prepared: {manifest.description}"


def generate_release(course_root: Path, spec: Assignment) -> None:
    """Regenerates ``release/<id>/`` (nbgrader) and ``solutions/<id>/`` from ``source/<id>/``.

    Raises:
        RuntimeError: with nbgrader's output if it fails.
    """
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", spec.id, "--force",
               "--no-db", f"--CourseDirectory.root={course_root}"]
    completed = subprocess.run(command, cwd=course_root, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment {spec.id} failed:\n"
                           f"{completed.stdout}\n{completed.stderr}")
    write_solution(course_root, spec.id, spec.notebook)


def grade_batch(notebooks: Iterable[Path], *, grade: Callable[[Path], GradeResult],
                out_dir: Path | None, progress: bool = True) -> list[tuple[str, GradeResult | None, str]]:
    """Grades each notebook with `grade`; one that cannot be graded never stops the batch.

    Returns:
        ``(notebook, result or None, error message)`` per notebook, in order.
    """
    from tqdm import tqdm

    rows = []
    notebooks = list(notebooks)
    # disable=None: tqdm draws the bar only on a terminal, not into logs.
    for notebook in tqdm(notebooks, desc="grading", unit="notebook",
                         disable=None if progress else True, file=sys.stderr):
        try:
            result = grade(Path(notebook))
        except DataNotPrepared:
            raise  # the grader's setup, not a submission: every other one would fail too
        except Exception as error:  # noqa: BLE001 - one bad submission never stops a batch
            rows.append((_display_name(notebook), None, f"{type(error).__name__}: {error}"))
            continue
        if out_dir is not None:
            write_result(result, Path(out_dir) / f"{_result_name(Path(notebook))}.json")
        rows.append((_display_name(notebook), result, ""))
    return rows


def _display_name(notebook) -> str:
    """The notebook's path relative to the working folder when inside it, else as given."""
    try:
        return str(Path(notebook).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(notebook)


def _result_name(notebook: Path) -> str:
    """A file name that tells submissions apart: ``<parent folder>-<notebook stem>``."""
    return f"{notebook.parent.name}-{notebook.stem}"
