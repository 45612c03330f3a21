"""A batch: every submission graded once, in parallel, each result kept as it arrives.

    jobs → reuse current results → backend (local slots or Dask) → one result file each
         → retry a lost grading once → CSV and summary at the end

Only this process writes result files (atomically, one per submission, as each grading
ends), so a killed worker or a killed batch loses no finished result, two workers never
write the same file, and a batch started again skips what is done: a result made by the
same grader from the same notebook bytes, mode and data (`autograder.results.reuse.finished_result`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from autograder.assignments import get_assignment
from autograder.batch.jobs import Job
from autograder.batch.progress import BatchProgress
from autograder.batch.summary import BatchRow, BatchSummary, summarize, write_grades_csv
from autograder.config import Settings
from autograder.results.reuse import finished_result
from autograder.pipeline import locate_data
from autograder.results import from_dict, grader_error_result, write_result

__all__ = ["BatchOutcome", "run_batch", "ATTEMPTS"]

#: Gradings a submission gets before it is recorded as a grader failure: the first, and
#: one retry (a killed worker, a machine out of memory).
ATTEMPTS = 2


@dataclass(frozen=True)
class BatchOutcome:
    """What a batch made: a row per submission (in the jobs' order) and its summary."""

    rows: tuple[BatchRow, ...]
    summary: BatchSummary


def run_batch(jobs: Sequence[Job], *, backend, settings: Settings, out_dir: Path,
              force: bool = False, progress: BatchProgress | None = None,
              csv_path: Path | None = None) -> BatchOutcome:
    """Grades `jobs` on `backend`; writes ``<out_dir>/<key>.json`` for each, then the CSV.

    Args:
        jobs: the submissions (`make_jobs`).
        backend: a `LocalBackend` or `DaskBackend` (closed by the caller).
        settings: the batch's settings (mode and data decide which results are current).
        out_dir: the folder of result files.
        force: grade again even where a current result exists.
        progress: where to report; one on stderr by default.
        csv_path: the grades table, written once at the end (default ``<out_dir>/grades.csv``).

    Returns:
        The `BatchOutcome`.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    progress = progress or BatchProgress(len(jobs), slots=backend.slots)
    rows: dict[str, BatchRow] = {}
    to_grade = []
    data = {assignment: locate_data(get_assignment(assignment), settings).student_manifest
            for assignment in {job.assignment for job in jobs}}
    for job in jobs:
        done = None if force else finished_result(
            out_dir / f"{job.key}.json", assignment=job.assignment, sha256=job.sha256,
            mode=settings.mode, data=data[job.assignment].description)
        if done is not None:
            rows[job.key] = BatchRow(key=job.key, result=done, reused=True)
            progress.reused_result(job.key)
        else:
            to_grade.append(job)
    progress.queued([job.key for job in to_grade])
    try:
        rows.update(_grade(to_grade, backend=backend, settings=settings, out_dir=out_dir,
                           progress=progress))
    finally:
        progress.close()
    ordered = tuple(rows[job.key] for job in jobs)
    write_grades_csv(ordered, csv_path or out_dir / "grades.csv")
    return BatchOutcome(rows=ordered, summary=summarize(
        ordered, seconds=time.monotonic() - started, workers=backend.slots))


def _grade(jobs: list[Job], *, backend, settings: Settings, out_dir: Path,
           progress: BatchProgress) -> dict[str, BatchRow]:
    """Submits every job, writes each result as it comes, retries a lost grading once."""
    rows: dict[str, BatchRow] = {}
    attempts = {job.key: 1 for job in jobs}
    started = {job.key: time.monotonic() for job in jobs}
    pending = {backend.submit(job, 1): job for job in jobs}
    try:
        while pending:
            done, _ = backend.wait(set(pending))
            for future in done:
                job = pending.pop(future)
                try:
                    result = from_dict(future.result())
                except Exception as error:  # noqa: BLE001 - a lost grading is retried, then a result
                    if attempts[job.key] < ATTEMPTS:
                        attempts[job.key] += 1
                        progress.retrying(job.key, _reason(error))
                        pending[backend.submit(job, attempts[job.key])] = job
                        continue
                    result = _failure(job, error, settings, time.monotonic() - started[job.key])
                    rows[job.key] = BatchRow(key=job.key, result=result, reason=_reason(error))
                else:
                    result = result.replace(student=job.student)  # the layout's, not the grading's
                    rows[job.key] = BatchRow(key=job.key, result=result)
                write_result(result, out_dir / f"{job.key}.json")
                # the grading's own time (a queued job waited for a slot before it began)
                progress.graded(job.key, result, sum(result.timings.values())
                                or time.monotonic() - started[job.key])
    finally:
        for future in pending:  # interrupted: nothing more is started
            future.cancel()
    return rows


def _failure(job: Job, error: BaseException, settings: Settings, seconds: float):
    """The `grader_error_result` of a job whose every grading was lost."""
    spec = get_assignment(job.assignment)
    data = locate_data(spec, settings).student_manifest
    return grader_error_result(
        spec, Path(job.notebook), error, mode=settings.mode, data=data.description,
        data_origin=data.origin, student=job.student,
        submission_sha256=job.sha256, seconds=seconds)


def _reason(error: BaseException) -> str:
    """Why a grading was lost, in one line, for the instructor."""
    text = str(error).strip() or type(error).__name__
    if type(error).__name__ == "KilledWorker":
        text = "the Dask worker running it died"
    return text.splitlines()[0][:300]
