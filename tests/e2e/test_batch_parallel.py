"""`autograder batch`: real submissions graded in parallel, locally and (-m slow) on a real
Dask scheduler with two worker processes, with the same scores; a worker killed mid-batch
loses nothing and duplicates nothing; a batch started again re-executes nothing."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from distributed import Client
from nbformat.v4 import new_code_cell, new_notebook

from autograder.assignments import get_assignment
from autograder.reporters.classreport import CLASS_COLUMNS
from autograder.results import read_result
from tests.conftest import RELEASE
from tests.e2e.test_nbgrader import UNTRAINED, UNTRAINED_SCORE

pytestmark = pytest.mark.kernel

#: student → the notebook they hand in: quick to grade (nothing trains to the end).
STUDENTS = {"untrained": UNTRAINED, "untouched": RELEASE, "crasher": None}
KEY = "{}/C2W1/C2W1_Assignment"


def _hand_in(root: Path, student: str, source: Path | None = None, cells=()) -> Path:
    folder = root / "submitted" / student / "C2W1"
    folder.mkdir(parents=True)
    path = folder / "C2W1_Assignment.ipynb"
    if source is not None:
        shutil.copyfile(source, path)
    else:
        nbformat.write(new_notebook(cells=[new_code_cell(c) for c in cells]), path)
    return path


def _batch(env: dict, cwd: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", "batch", "submitted",
                           "--assignment", "C2W1", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _scores(out: Path) -> dict[str, tuple]:
    """Per result file: score, execution status and every check's verdict."""
    return {path.relative_to(out).with_suffix("").as_posix(): (
        result.score, result.execution["status"],
        tuple((c.check_id, c.status, c.points) for c in result.checks))
        for path in sorted(out.rglob("*.json"))
        if not path.relative_to(out).parts[0].startswith(".")  # .evidence: kept files
        for result in [read_result(path)]}


@pytest.fixture(scope="module")
def course(grader_env, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batch-course")
    for student, source in STUDENTS.items():
        _hand_in(root, student, source, cells=["import os", "os._exit(1)"])
    return root


@pytest.fixture(scope="module")
def local(grader_env, course) -> tuple[subprocess.CompletedProcess, float]:
    """The three submissions graded by two local workers (not on a terminal: lines)."""
    started = time.monotonic()
    completed = _batch(grader_env, course, "--workers", "2", "--out-dir", "local",
                       "--html", "pages")
    return completed, time.monotonic() - started


def test_local_workers_grade_with_progress_and_summary(local, course):
    completed, _ = local
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    scores = _scores(course / "local")
    assert {key: value[:2] for key, value in scores.items()} == {
        KEY.format("crasher"): (0, "kernel_died"), KEY.format("untouched"): (0, "cell_errors"),
        KEY.format("untrained"): (UNTRAINED_SCORE, "cell_errors")}
    lines = [line for line in completed.stderr.splitlines() if line.startswith("graded ")]
    assert len(lines) == 3, output
    assert all(" 0 failed" in line and line.endswith("left]") for line in lines), output
    assert lines[-1].startswith("graded ") and "[3/3 done, 0 running, 0 failed" in lines[-1]
    assert "graded 3 (0 already graded before), failed 0, timed out 0" in completed.stdout
    assert f"scores out of 22: min 0, median 0, mean {UNTRAINED_SCORE / 3:.1f}, " \
           f"max {UNTRAINED_SCORE:g}" in completed.stdout
    table = list(csv.DictReader((course / "local" / "grades.csv").open()))
    assert sorted((row["student"], float(row["score"])) for row in table) == [
        ("crasher", 0), ("untouched", 0), ("untrained", UNTRAINED_SCORE)]


def test_the_batch_writes_the_class_report_and_each_students_page(local, course):
    page = (course / "local" / "class.html").read_text(encoding="utf-8")
    assert "3 submissions of 1 assignment" in page and "kernel_died" in page
    table = list(csv.DictReader((course / "local" / "class.csv").open()))
    checks = [name for name in table[0] if name not in CLASS_COLUMNS]
    assert len(table) == 3 and len(checks) == len(get_assignment("C2W1").checks)
    for row in table:  # a column per check: the points add up to the score
        assert sum(float(row[name]) for name in checks) == float(row["score"])
    assert 'href="../pages/untrained/C2W1/C2W1_Assignment.html"' in page
    for student in STUDENTS:
        report = (course / "pages" / f"{KEY.format(student)}.html").read_text(encoding="utf-8")
        assert "<h1>C2W1: " in report


def test_a_batch_started_again_executes_nothing(local, grader_env, course):
    _, first = local
    stamps = {p: p.stat().st_mtime_ns for p in (course / "local").rglob("*.json")}
    started = time.monotonic()
    again = _batch(grader_env, course, "--workers", "2", "--out-dir", "local")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stderr.count("(already graded)") == 3, again.stderr
    assert "graded 3 (3 already graded before)" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert time.monotonic() - started < first / 2


@pytest.fixture(scope="module")
def dask_cluster(grader_env, tmp_path_factory):
    """A real Dask scheduler and two single-slot worker processes on localhost."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    env = {**grader_env, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen(
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(scheduler_file)], env=env, cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        _wait_for(scheduler_file.is_file, "the scheduler's file")
        for _ in range(2):
            processes.append(subprocess.Popen(
                [*dask, "worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                 "--memory-limit", "0", "--no-dashboard"], env=env, cwd=folder,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        address = json.loads(scheduler_file.read_text())["address"]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, processes[1:]
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def _wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {timeout:g} s"
        time.sleep(0.2)


@pytest.mark.slow  # about 2 minutes on a loaded 2-core machine (tests/batch/test_dask.py is default)
def test_a_dask_cluster_gives_the_local_scores_and_a_killed_worker_loses_nothing(
        local, dask_cluster, grader_env, course, tmp_path):
    """The course's three submissions and a slow one on the cluster; the worker grading the
    slow one is killed mid-batch: it is retried, nothing is lost, nothing is duplicated."""
    address, _ = dask_cluster
    shutil.copytree(course / "submitted", tmp_path / "submitted")
    _hand_in(tmp_path, "slow", cells=["import time\ntime.sleep(15)"])
    batch = subprocess.Popen(
        [sys.executable, "-m", "autograder", "batch", "submitted", "--assignment", "C2W1",
         "--scheduler", address, "--out-dir", "OUT"], cwd=tmp_path, env=grader_env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        grading = _wait_for_grading(tmp_path / "submitted" / "slow")
        worker = grading.parent()
        time.sleep(3)  # the kernel is running the student's cells
        worker.kill()
        stdout, stderr = batch.communicate(timeout=600)
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
    assert batch.returncode == 0, stdout + stderr
    assert "retrying slow/C2W1/C2W1_Assignment: the Dask worker running it died" in stderr
    assert "with 2 workers" in stdout and "graded 4 (0 already graded before), failed 0" in stdout
    assert not grading.is_running() or grading.status() == psutil.STATUS_ZOMBIE
    files = sorted(p.relative_to(tmp_path / "OUT").as_posix()
                   for p in (tmp_path / "OUT").rglob("*") if p.is_file()
                   and ".evidence" not in p.relative_to(tmp_path / "OUT").parts)  # regrade's
    students = ("crasher", "slow", "untouched", "untrained")
    assert files == sorted(["grades.csv"] + [f"{KEY.format(s)}.json" for s in students])
    table = list(csv.DictReader((tmp_path / "OUT" / "grades.csv").open()))
    assert sorted(row["student"] for row in table) == list(students)
    slow = _scores(tmp_path / "OUT").pop(KEY.format("slow"))
    assert slow[:2] == (0, "completed")
    on_dask = _scores(tmp_path / "OUT")
    del on_dask[KEY.format("slow")]
    assert on_dask == _scores(course / "local")


def _wait_for_grading(folder: Path, timeout: float = 300) -> psutil.Process:
    """The grading process of the notebook in `folder` (a Dask worker's, not the batch's child)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in psutil.process_iter():
            try:
                command = process.cmdline()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            if "grade" in command and any(part.startswith(f"{folder}/") for part in command):
                return process
        time.sleep(0.2)
    raise AssertionError(f"no grading of {folder} after {timeout:g} s")
