"""A batch never loses a result: grader crashes are results, a killed batch resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder import grader_fingerprint
from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.batch.serial import grade_batch
from autograder.pipeline import DataNotPrepared, locate_data
from autograder.results import (
    GRADER_ERROR_FEEDBACK, SCHEMA_PATH, CheckResult, GradeResult, read_result, submission_sha256)

#: name → its only cell; each scores 0 but is graded. "b" is the one the batch is killed in.
CHEAP = {"a": "print('hi')", "b": "import time\ntime.sleep(8)", "c": "print('hi')"}


def _notebooks(folder: Path) -> list[Path]:
    paths = []
    for name, source in CHEAP.items():
        nbformat.write(new_notebook(cells=[new_code_cell(source)]), folder / f"{name}.ipynb")
        paths.append(folder / f"{name}.ipynb")
    return paths


def _grade_command(*notebooks: str, force: bool = False) -> list[str]:
    return [sys.executable, "-m", "autograder", "grade", *notebooks, "--out-dir", "OUT",
            "--assignment", "C2W1", "--cell-timeout", "120", *(["--force"] if force else [])]


def _kill_while_second_runs(command, *, cwd: Path, env: dict, first: Path) -> None:
    """Starts `command`, waits for `first` and for the next notebook's kernel, SIGKILLs all."""
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not first.is_file():
            assert process.poll() is None, "the batch ended before its first result"
            assert time.monotonic() < deadline, "no first result after 180 s"
            time.sleep(0.2)
        while not _kernels(process.pid):  # the second notebook's kernel has started
            assert process.poll() is None, "the batch ended before the second notebook"
            assert time.monotonic() < deadline, "no kernel for the second notebook"
            time.sleep(0.2)
        time.sleep(2)
        kernels = _kernels(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    for kernel in kernels:  # kernels run in their own session: end the ones this test left
        try:
            kernel.kill()
        except psutil.NoSuchProcess:
            pass


def _kernels(pid: int) -> list[psutil.Process]:
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    return [child for child in children if "ipykernel" in " ".join(_cmdline(child))]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return []


@pytest.mark.kernel
def test_a_killed_batch_resumes_without_regrading(grader_env, tmp_path):
    notebooks = [path.name for path in _notebooks(tmp_path)]
    out = tmp_path / "OUT"
    first = out / "a.json"

    _kill_while_second_runs(_grade_command(*notebooks), cwd=tmp_path, env=grader_env,
                            first=first)
    assert not (out / "b.json").exists() and not (out / "c.json").exists()
    before = (json.loads(first.read_text())["created_at"], first.stat().st_mtime_ns)

    again = subprocess.run(_grade_command(*notebooks), cwd=tmp_path, env=grader_env,
                           capture_output=True, text=True, timeout=300)
    output = again.stdout + again.stderr
    assert again.returncode == 0, output
    assert "skipped a (already graded)" in output
    assert "graded b: 0/22" in output and "graded c: 0/22" in output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.relative_to(out).parts[0] != ".evidence") == \
        ["a.json", "b.json", "c.json"]  # one file each, no leftovers (beside the evidence)
    assert (json.loads(first.read_text())["created_at"], first.stat().st_mtime_ns) == before
    for name in CHEAP:
        result = read_result(out / f"{name}.json")
        assert result.execution["status"] == "completed", (name, result.execution)
        assert result.submission_sha256 == submission_sha256(tmp_path / f"{name}.ipynb")
        assert result.grader_version == grader_fingerprint()

    forced = subprocess.run(_grade_command("a.ipynb", force=True), cwd=tmp_path,
                            env=grader_env, capture_output=True, text=True, timeout=300)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "graded a: 0/22" in forced.stderr
    assert first.stat().st_mtime_ns != before[1]


def _settings(env: dict, **changes):
    return load_settings({}, env=env).replace(**changes)


def _fake_grade(settings, calls: list, *, crash_on: str = ""):
    """A `grade` callable that records its calls, raises for `crash_on`, else scores 1/1."""
    data = locate_data(get_assignment("C2W1"), settings).student_manifest

    def grade(notebook: Path) -> GradeResult:
        calls.append(notebook.name)
        if notebook.stem == crash_on:
            raise ZeroDivisionError("a grader bug")
        return GradeResult(
            assignment="C2W1", submission=str(notebook),
            submission_sha256=submission_sha256(notebook), mode=settings.mode,
            data=data.description, data_origin=data.origin,
            execution={"status": "completed", "message": "ran"},
            checks=(CheckResult("model_binary_head", "head", "passed", 1.0, 1.0, False),),
            created_at="2026-01-01T00:00:00+00:00", grader_version=grader_fingerprint())

    return grade


def test_a_grader_crash_is_a_result_and_the_batch_goes_on(grader_env, tmp_path, capsys):
    notebooks, calls = _notebooks(tmp_path), []
    settings = _settings(grader_env)
    rows = grade_batch(notebooks, grade=_fake_grade(settings, calls, crash_on="b"),
                       settings=settings, out_dir=tmp_path / "OUT", root=tmp_path,
                       assignment="C2W1")

    assert calls == ["a.ipynb", "b.ipynb", "c.ipynb"]
    assert [result.score for _, result, _ in rows] == [1.0, 0.0, 1.0]
    crashed = json.loads((tmp_path / "OUT" / "b.json").read_text())
    jsonschema.validate(crashed, json.loads(SCHEMA_PATH.read_text()))
    assert crashed["execution"]["status"] == "grader_error"
    assert len(crashed["checks"]) == len(get_assignment("C2W1").checks)
    assert all(c["status"] == "grader_error" and c["points"] == 0
               and c["feedback"] == GRADER_ERROR_FEEDBACK and "ZeroDivisionError" in c["detail"]
               for c in crashed["checks"])
    assert rows[1][1].grader_errors
    assert "grader error b: ZeroDivisionError" in capsys.readouterr().err


def test_resume_reuses_only_what_the_same_grading_would_make(grader_env, tmp_path, capsys):
    notebooks, out = _notebooks(tmp_path), tmp_path / "OUT"
    settings, calls = _settings(grader_env), []
    grade_batch(notebooks, grade=_fake_grade(settings, calls, crash_on="b"), settings=settings,
                out_dir=out, root=tmp_path, assignment="C2W1")
    (tmp_path / "c.ipynb").write_text((tmp_path / "c.ipynb").read_text() + "\n")  # resubmitted

    calls.clear()
    rows = grade_batch(notebooks, grade=_fake_grade(settings, calls), settings=settings,
                       out_dir=out, root=tmp_path, assignment="C2W1")
    assert calls == ["b.ipynb", "c.ipynb"]  # the crash is tried again, the changed file too
    assert "skipped a (already graded)" in capsys.readouterr().err
    assert [result.score for _, result, _ in rows] == [1.0, 1.0, 1.0]

    calls.clear()
    retrain = settings.replace(mode="retrain")
    grade_batch(notebooks, grade=_fake_grade(retrain, calls), settings=retrain, out_dir=out,
                root=tmp_path, assignment="C2W1")
    assert calls == ["a.ipynb", "b.ipynb", "c.ipynb"]  # another mode scores differently

    calls.clear()
    grade_batch(notebooks, grade=_fake_grade(retrain, calls), settings=retrain, out_dir=out,
                root=tmp_path, assignment="C2W1", force=True)
    assert calls == ["a.ipynb", "b.ipynb", "c.ipynb"]


def test_two_students_keep_their_own_results(grader_env, tmp_path):
    notebooks = []
    for student in ("alice", "bob"):
        folder = tmp_path / "submitted" / student / "C2W1"
        folder.mkdir(parents=True)
        nbformat.write(new_notebook(cells=[new_code_cell(f"# {student}")]),
                       folder / "C2W1_Assignment.ipynb")
        notebooks.append(folder / "C2W1_Assignment.ipynb")
    settings, out = _settings(grader_env), tmp_path / "OUT"

    grade_batch(notebooks, grade=_fake_grade(settings, []), settings=settings, out_dir=out,
                progress=False, root=tmp_path)

    for student, notebook in zip(("alice", "bob"), notebooks):
        result = read_result(out / student / "C2W1" / "C2W1_Assignment.json")
        assert (result.student, result.submission) == (student, str(notebook))


def test_missing_data_still_stops_the_batch(grader_env, tmp_path):
    settings = _settings(grader_env)
    calls = []

    def no_data(notebook):
        calls.append(notebook)
        raise DataNotPrepared("no data")

    with pytest.raises(DataNotPrepared):
        grade_batch(_notebooks(tmp_path), grade=no_data, settings=settings,
                    out_dir=tmp_path / "OUT", assignment="C2W1")
    assert len(calls) == 1 and not (tmp_path / "OUT").exists()
