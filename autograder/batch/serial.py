"""The batch of ``autograder grade`` with several notebooks: one after another in this process.

`autograder.batch.run` is the parallel one (``autograder batch``: local slots or Dask); both
keep a finished result instead of grading again (`autograder.results.reuse`).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from autograder.assignments import Assignment, detect_assignment, get_assignment
from autograder.config import Settings
from autograder.pipeline import DataNotPrepared, locate_data
from autograder.reporters.inert import echo
from autograder.results import (
    GradeResult, Placement, grader_error_result, place_all, submission_sha256, write_result)
from autograder.results.reuse import finished_result
from autograder.sandbox import SandboxUnavailable

__all__ = ["grade_batch"]


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
        grade: grades one notebook (`autograder.road.grade_one` with settings).
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


def _display_name(notebook) -> str:
    """The notebook's path relative to the working folder when inside it, else as given."""
    try:
        return str(Path(notebook).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(notebook)
