"""The Dask backend on a local cluster of two worker processes: tasks reach the workers,
lost gradings come back as failures, are retried once, then recorded with their reason.

The gradings here end at once (a time limit nothing can meet), so this needs no kernel;
`tests/e2e/test_batch_parallel.py` grades real notebooks on a real scheduler (-m slow).
"""

from __future__ import annotations

import io
import json

from autograder import grader_fingerprint
from autograder.batch import ATTEMPTS, BatchProgress, DaskBackend, GradingTask, make_jobs, run_batch
from autograder.batch.jobs import settings_environment
from tests.batch.conftest import submitted


def test_gradings_lost_on_dask_workers_are_retried_then_recorded(settings, tmp_path):
    jobs, _ = make_jobs(submitted(tmp_path, "alice", "bob"), assignment="C2W1",
                     root=tmp_path / "submitted")
    task = GradingTask(environment=settings_environment(settings), timeout=0.01, threads=1,
                       grader_version=grader_fingerprint())
    stream = io.StringIO()
    backend = DaskBackend(task, workers=2)
    try:
        assert backend.slots == 2
        outcome = run_batch(jobs, backend=backend, settings=settings, out_dir=tmp_path / "OUT",
                            progress=BatchProgress(2, slots=2, stream=stream, bar=False))
    finally:
        backend.close()

    lines = stream.getvalue()
    assert lines.count("retrying ") == 2 * (ATTEMPTS - 1), lines
    assert [row.reason for row in outcome.rows] == ["the grading process ran past 0.01 s and "
                                                    "was stopped without a result"] * 2
    for student in ("alice", "bob"):
        result = json.loads((tmp_path / f"OUT/{student}/C2W1/C2W1_Assignment.json").read_text())
        assert (result["student"], result["execution"]["status"]) == (student, "grader_error")
    assert outcome.summary.failed == 2 and outcome.summary.graded == 0
