"""``autograder batch``: a folder of submissions graded in parallel (the CLI's command)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Mapping

from autograder import grader_fingerprint
from autograder.assignments import get_assignment
from autograder.batch.backends import DaskBackend, GradingTask, LocalBackend
from autograder.batch.jobs import find_submissions, make_jobs, settings_environment, \
    threads_per_submission
from autograder.batch.run import run_batch
from autograder.config import Settings, grading_timeout
from autograder.pipeline import DataNotPrepared, locate_data
from autograder.regrade.store import EVIDENCE_FOLDER
from autograder.reporters.inert import echo
from autograder.sandbox import SandboxUnavailable, check_sandbox

__all__ = ["batch"]

def batch(folder: Path, *, settings: Settings, assignment: str, workers: int = 2,
          out_dir: Path = Path("results"), backend: str = "local", scheduler: str | None = None,
          threads: int | None = None, resources: Mapping[str, float] | None = None,
          force: bool = False, csv_path: Path | None = None, html: Path | None = None,
          evidence: bool = True) -> int:
    """Grades every submission of `assignment` under `folder`, `workers` at a time.

    Args:
        folder: the batch's root: a course folder (its ``submitted/{student}/
            {assignment}/*.ipynb``), nbgrader's ``submitted/`` itself, or any folder of
            notebooks (keyed by their path relative to it, no student). Only a notebook at
            that place right under `folder` is a student's (`autograder.results.keys`).
        settings: resolved `Settings`, the same for every grading.
        assignment: assignment id.
        workers: gradings at once (local slots, or local Dask worker processes).
        out_dir: the folder of result files (one per submission) and ``grades.csv``.
        backend: ``"local"`` or ``"dask"``.
        scheduler: an existing Dask scheduler's address (implies ``backend="dask"``).
        threads: TensorFlow threads per grading (default: cores over workers).
        resources: Dask worker resources each grading needs. With the ``gpu`` setting, the
            assignment's ``worker_resources`` (Week 3: a GPU) are asked for as well wherever
            some worker has them.
        force: grade again even where a current result exists.
        csv_path: where the grades table goes (default ``<out_dir>/grades.csv``).
        html: a folder for each student's HTML report (``<html>/<key>.html``, the layout of
            `out_dir`); none written when None. The class report (``class.html``,
            ``class.csv``) always goes to `out_dir`.
        evidence: keep each grading's evidence in ``<out_dir>/.evidence`` for `autograder
            regrade` (on a cluster `out_dir` must then be a path every worker shares).

    Returns:
        0 when every submission was graded, 3 when the grader failed on one (a
        ``grader_error``), 1 when notebooks that would share a result file were left
        ungraded (the others are graded), 2 for a setup error.
    """
    try:
        spec = get_assignment(assignment)
        locate_data(spec, settings)  # refuse before anything runs, not once per submission
        if settings.sandbox:
            check_sandbox()
        notebooks = find_submissions(folder, spec.id)
        if not notebooks:
            raise FileNotFoundError(f"Expected notebooks under {folder} ({{student}}/{spec.id}/"
                                    f"*.ipynb, or any *.ipynb). Found none.")
        jobs, clashes = make_jobs(notebooks, assignment=spec.id, root=Path(folder))
    except (KeyError, DataNotPrepared, SandboxUnavailable, FileNotFoundError) as error:
        echo(f"autograder: {error.args[0] if error.args else error}", file=sys.stderr)
        return 2
    remote = scheduler is not None
    task = GradingTask(environment=settings_environment(settings),
                       timeout=grading_timeout(settings),
                       threads=threads or (None if remote else threads_per_submission(workers)),
                       grader_version=grader_fingerprint(),
                       evidence=str(Path(out_dir).resolve() / EVIDENCE_FOLDER) if evidence else "")
    try:
        runner = (DaskBackend(task, workers=workers, scheduler=scheduler,
                              resources=resources,
                              preferred=spec.worker_resources if settings.gpu else None)
                  if remote or backend == "dask" else LocalBackend(task, slots=workers))
    except (OSError, RuntimeError) as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 2
    try:
        outcome = run_batch(jobs, backend=runner, settings=settings, out_dir=out_dir,
                            force=force, csv_path=csv_path)
    finally:
        runner.close()
    print(outcome.summary.render())
    for row in outcome.rows:
        if row.reason:
            echo(f"  failed {row.key}: {row.reason}")
    for clash in clashes:
        for notebook in clash.notebooks:
            echo(f"  not graded {notebook}: {clash.message}")
    print(f"Results: one file per submission in {out_dir}; table: "
          f"{csv_path or Path(out_dir) / 'grades.csv'}")
    _write_reports(outcome.rows, out_dir=Path(out_dir), html=html, clashes=clashes)
    if any(row.result.grader_errors for row in outcome.rows):
        return 3
    return 1 if clashes else 0


def _write_reports(rows, *, out_dir: Path, html: Path | None, clashes=()) -> None:
    """The class report of the batch's rows in `out_dir` (the notebooks left ungraded listed
    with the reason), and with `html` each student's page, linked from it."""
    from autograder.reporters.classreport import Entry, Unreadable, write_class_files
    from autograder.reporters.html import write_html_report

    pages = {}
    if html is not None:
        pages = {row.key: write_html_report(row.result, Path(html) / f"{row.key}.html")
                 for row in rows}
        echo(f"Student reports: {len(rows)} pages in {html} (<key>.html, as the results)")
    write_class_files([Entry(key=row.key, result=row.result) for row in rows],
                      html=out_dir / "class.html", csv=out_dir / "class.csv",
                      unreadable=[Unreadable(str(notebook), f"not graded: {clash.message}")
                                  for clash in clashes for notebook in clash.notebooks],
                      source=str(out_dir), pages=pages)
    echo(f"Class report: {out_dir / 'class.html'}; a column per check: "
         f"{out_dir / 'class.csv'}")
