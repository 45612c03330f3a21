"""The batch around gradings: results kept as they come, a lost grading retried once, then
recorded with its reason; a batch started again skips what is done; progress, summary, CSV."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from autograder.batch import (
    ATTEMPTS, BatchProgress, GradingFailed, LocalBackend, make_jobs, run_batch)
from autograder.results import GRADER_ERROR_FEEDBACK, SCHEMA_PATH, read_result
from tests.batch.conftest import FakeTask, submitted


def _batch(tmp_path, settings, task, *students, slots=2, force=False):
    notebooks = submitted(tmp_path, *students) if students else sorted(
        (tmp_path / "submitted").glob("*/C2W1/*.ipynb"))
    jobs, _ = make_jobs(notebooks, assignment="C2W1", root=tmp_path / "submitted")
    stream = io.StringIO()
    backend = LocalBackend(task, slots=slots)
    try:
        outcome = run_batch(jobs, backend=backend, settings=settings, out_dir=tmp_path / "OUT",
                            force=force, progress=BatchProgress(len(jobs), slots=slots,
                                                                stream=stream, bar=False))
    finally:
        backend.close()
    return outcome, stream.getvalue()


def test_a_lost_grading_is_retried_once_and_nothing_is_duplicated(settings, tmp_path):
    task = FakeTask(failures={"bob": [GradingFailed("the grading process was killed (SIGKILL) "
                                                    "without a result")]})
    outcome, lines = _batch(tmp_path, settings, task, "alice", "bob", "carol")

    assert sorted(task.calls) == ["alice", "bob", "bob", "carol"]
    assert [row.result.score for row in outcome.rows] == [1.0, 1.0, 1.0]
    assert "retrying bob/C2W1/C2W1_Assignment: the grading process was killed (SIGKILL)" in lines
    files = sorted(p.relative_to(tmp_path / "OUT").as_posix()
                   for p in (tmp_path / "OUT").rglob("*") if p.is_file())
    assert files == [f"{s}/C2W1/C2W1_Assignment.json" for s in ("alice", "bob", "carol")] + \
        ["grades.csv"]
    assert read_result(tmp_path / "OUT/bob/C2W1/C2W1_Assignment.json").student == "bob"


def test_a_grading_lost_twice_is_a_grader_error_with_its_reason(settings, tmp_path):
    lost = [GradingFailed(f"the grading process was killed (SIGKILL) without a result, try {i}")
            for i in range(ATTEMPTS)]
    task = FakeTask(failures={"bob": lost})
    outcome, lines = _batch(tmp_path, settings, task, "alice", "bob")

    assert task.calls.count("bob") == ATTEMPTS == 2
    failed = json.loads((tmp_path / "OUT/bob/C2W1/C2W1_Assignment.json").read_text())
    jsonschema.validate(failed, json.loads(SCHEMA_PATH.read_text()))
    assert failed["execution"]["status"] == "grader_error" and failed["score"] == 0
    assert failed["student"] == "bob"
    assert all(c["feedback"] == GRADER_ERROR_FEEDBACK and "try 1" in c["detail"]
               for c in failed["checks"])
    assert outcome.rows[1].reason.endswith("try 1")
    assert "failed bob/C2W1/C2W1_Assignment: the grader could not grade it" in lines
    summary = outcome.summary
    assert (summary.total, summary.graded, summary.failed) == (2, 1, 1)
    table = list(csv.DictReader((tmp_path / "OUT/grades.csv").open()))
    assert [(r["student"], r["score"], r["status"]) for r in table] == [
        ("alice", "1", "completed"), ("bob", "0", "grader_error")]
    assert table[1]["failure"].endswith("try 1") and table[0]["failure"] == ""


def test_a_batch_started_again_grades_only_what_is_not_done(settings, tmp_path):
    _batch(tmp_path, settings, FakeTask(failures={"bob": [GradingFailed("lost")] * ATTEMPTS}),
           "alice", "bob", "carol")
    carol = tmp_path / "submitted/carol/C2W1/C2W1_Assignment.ipynb"
    carol.write_text(carol.read_text() + "\n")  # resubmitted
    before = (tmp_path / "OUT/alice/C2W1/C2W1_Assignment.json").stat().st_mtime_ns

    task = FakeTask()
    outcome, lines = _batch(tmp_path, settings, task)
    assert sorted(task.calls) == ["bob", "carol"]  # the failure is tried again, the change too
    assert "skipped alice/C2W1/C2W1_Assignment (already graded)" in lines
    assert (tmp_path / "OUT/alice/C2W1/C2W1_Assignment.json").stat().st_mtime_ns == before
    assert [row.reused for row in outcome.rows] == [True, False, False]
    assert outcome.summary.reused == 1 and outcome.summary.graded == 3

    task = FakeTask()
    _batch(tmp_path, settings, task, force=True)
    assert sorted(task.calls) == ["alice", "bob", "carol"]


def test_each_line_says_done_running_failed_and_time_left(settings, tmp_path):
    outcome, lines = _batch(tmp_path, settings, FakeTask(), "a", "b", "c", slots=2)
    graded = [line for line in lines.splitlines() if line.startswith("graded ")]
    assert len(graded) == 3
    assert graded[0].endswith("[1/3 done, 2 running, 0 failed, about 0 s left]")
    assert graded[-1].endswith("[3/3 done, 0 running, 0 failed, about 0 s left]")
    text = outcome.summary.render()
    assert "Batch: 3 submissions in 0 s with 2 workers" in text
    assert "graded 3 (0 already graded before), failed 0, timed out 0" in text
    assert "scores out of 1: min 1, median 1, mean 1.0, max 1" in text
    assert "0.8–1  ### 3" in text


def test_an_interrupted_batch_keeps_what_finished(settings, tmp_path):
    class Interrupt(FakeTask):
        def __call__(self, job):
            if "carol" in job.notebook:
                raise KeyboardInterrupt
            return super().__call__(job)

    with pytest.raises(KeyboardInterrupt):
        _batch(tmp_path, settings, Interrupt(), "alice", "carol", slots=1)
    assert (tmp_path / "OUT/alice/C2W1/C2W1_Assignment.json").is_file()
    assert not (tmp_path / "OUT/carol").exists()
