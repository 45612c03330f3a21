"""Course-level jobs: prepare data, generate release notebooks, grade a batch."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from autograder import grader_fingerprint
from autograder.assignments import Assignment, detect_assignment, get_assignment
from autograder.authoring import write_solution
from autograder.config import Settings
from autograder.pipeline import DataNotPrepared, locate_data, missing_public_files
from autograder.reporters.inert import echo
from autograder.sandbox import SandboxUnavailable
from autograder.results import (
    GradeResult, Placement, grader_error_result, place_all, read_result,
    submission_sha256, write_result)

__all__ = ["prepare_data", "generate_release", "grade_batch", "finished_result"]


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


def generate_release(course_root: Path, spec: Assignment) -> None:
    """Regenerates ``release/<name>/`` (nbgrader) and ``solutions/<name>/`` from
    ``source/<name>/`` (`Assignment.name`: ``C2W1``, or ``C2W1_colab`` for another edition).

    Raises:
        RuntimeError: with nbgrader's output if it fails.
    """
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", spec.name, "--force",
               "--no-db", f"--CourseDirectory.root={course_root}"]
    completed = subprocess.run(command, cwd=course_root, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment {spec.name} failed:\n"
                           f"{completed.stdout}\n{completed.stderr}")
    write_solution(course_root, spec.name, spec.notebook)


def grade_batch(notebooks: Iterable[Path], *, grade: Callable[[Path], GradeResult],
                settings: Settings, out_dir: Path | None, assignment: str | None = None,
                force: bool = False, progress: bool = True,
                root: Path | None = None) -> list[tuple[str, GradeResult | None, str]]:
    """Grades each notebook with `grade`; one that cannot be graded never stops the batch.

    Each result goes to ``<out_dir>/<result_key>.json`` as soon as it is made, so a batch
    that is killed and started again goes on where it stopped: a result file made by the
    same grader (`autograder.grader_fingerprint`) from the same notebook bytes, assignment,
    mode and data is reused instead of grading again, unless `force`. When `grade` raises
    (a grader bug), the submission gets a `grader_error_result`, never a missing file; such
    a result is not a grade, so a batch started again tries that submission again.

    Args:
        notebooks: the submissions.
        grade: grades one notebook (`autograder.pipeline.grade_submission` with settings).
        settings: the grader's settings (mode and data, for reuse and for grader errors).
        out_dir: the folder for result files; None writes none (and reuses none).
        assignment: assignment id; detected from each notebook's path when None.
        force: grade again even when a matching result file exists.
        progress: a bar on a terminal; elsewhere one line per submission (stderr).
        root: the batch's root: result keys are relative to it, and a notebook at
            ``<root>/submitted/<student>/<assignment>/`` is that student's
            (`autograder.results.keys`; default: the working folder).

    Returns:
        ``(notebook, result or None, error message)`` per notebook, in order; None for a
        notebook whose assignment is unknown, and for each of the different notebooks that
        would write one result file (none of those is graded; the others are).

    Raises:
        DataNotPrepared: if the grader's data is missing (every submission would fail).
        SandboxUnavailable: if the sandbox is asked for and cannot run here.
    """
    from tqdm import tqdm

    notebooks = [Path(notebook) for notebook in notebooks]
    placements = place_all(notebooks, root=root).all
    batch = _Batch(grade=grade, settings=settings, out_dir=out_dir, assignment=assignment,
                   force=force)
    rows = []
    # disable=None: tqdm draws the bar only on a terminal, not into logs.
    with tqdm(total=len(notebooks), desc="grading", unit="notebook",
              disable=None if progress else True, file=sys.stderr) as bar:
        lines = progress and bar.disable  # no terminal: a line per submission instead
        for placement in placements:
            if placement.clash is not None and out_dir is not None:  # no files, no clash
                row = (_display_name(placement.notebook), None, placement.clash.message)
                line = f"not graded {placement.key}: its result file clashes"
            else:
                row, line = _grade_one(placement, batch)
            rows.append(row)
            bar.update()
            if lines:
                echo(line, file=sys.stderr)
    return rows


@dataclass(frozen=True)
class _Batch:
    """What every submission of one batch is graded with."""

    grade: Callable[[Path], GradeResult]
    settings: Settings
    out_dir: Path | None
    assignment: str | None
    force: bool


def _grade_one(placement: Placement, batch: _Batch):
    """Grades, reuses or fails one submission; returns its batch row and its progress line."""
    notebook, key = placement.notebook, placement.key
    name = _display_name(notebook)
    try:
        spec = _assignment_of(notebook, batch.assignment)
    except KeyError as error:
        message = str(error.args[0]) if error.args else repr(error)
        return (name, None, message), f"not graded {key}: {message}"
    data = locate_data(spec, batch.settings).student_manifest
    path = None if batch.out_dir is None else Path(batch.out_dir) / f"{key}.json"
    sha256 = submission_sha256(notebook)
    if path is not None and not batch.force:
        done = finished_result(path, assignment=spec.id, sha256=sha256,
                                mode=batch.settings.mode, data=data.description)
        if done is not None:
            return (name, done, ""), f"skipped {key} (already graded)"
    result, line = _graded(placement, spec, data, sha256, batch)
    if path is not None:
        write_result(result, path)
    return (name, result, ""), line


def _graded(placement: Placement, spec: Assignment, data, sha256: str, batch: _Batch):
    """Grades one submission; a grader crash becomes a `grader_error_result`; the student is
    the layout's (`Placement.student`), whatever the grading reported.

    Returns:
        The result and its progress line.
    """
    notebook, key = placement.notebook, placement.key
    started = time.monotonic()
    try:
        result = batch.grade(notebook)
    except (DataNotPrepared, SandboxUnavailable):
        raise  # the grader's setup, not a submission: every other one would fail too
    except Exception as error:  # noqa: BLE001 - a grader bug is a result, never a lost file
        result = grader_error_result(
            spec, notebook, error, mode=batch.settings.mode, data=data.description,
            data_origin=data.origin, student=placement.student, submission_sha256=sha256,
            seconds=time.monotonic() - started)
        return result, f"grader error {key}: {type(error).__name__}"
    result = result.replace(student=placement.student)
    return result, (f"graded {key}: {result.score:g}/{result.max_score:g} "
                    f"in {time.monotonic() - started:.1f} s")


def _assignment_of(notebook: Path, assignment: str | None) -> Assignment:
    """The assignment `notebook` is graded as.

    Raises:
        KeyError: if it is unknown or cannot be told from the path.
    """
    assignment = assignment or detect_assignment(notebook)
    if assignment is None:
        raise KeyError(f"Cannot tell the assignment of {notebook}; pass --assignment.")
    return get_assignment(assignment)


def finished_result(path: Path, *, assignment: str, sha256: str, mode: str,
                     data: str) -> GradeResult | None:
    """The result at `path` if this grader would make the same one now, else None.

    Same grader code, notebook bytes, assignment, mode and data. A file that cannot be read
    (another schema, edited by hand) is graded again, and so is a submission the grader
    failed on as a whole (the failure may have been the machine's, e.g. memory); a check's
    grader error is kept: the same code would fail the same way (`--force` tries anyway).
    """
    try:
        result = read_result(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    same = (result.grader_version, result.submission_sha256, result.assignment, result.mode,
            result.data) == (grader_fingerprint(), sha256, assignment, mode, data)
    return result if same and result.execution.get("status") != "grader_error" else None


def _display_name(notebook) -> str:
    """The notebook's path relative to the working folder when inside it, else as given."""
    try:
        return str(Path(notebook).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(notebook)
