"""The checking process: its memory cap, its time limit, and what the student is told.

A small Python program stands in for the real checking process (`command=`): it waits for
the parent's go-ahead as the real one does, then allocates, sleeps, dies or writes a result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.grading_process import CheckingFailed, check_in_process, run_checking_process
from autograder.grading_process.memory_cap import MemoryCap
from autograder.results import CheckResult, GradeResult, to_dict
from tests.conftest import ROOT

#: The stand-in's behaviour per run, read from the request: first run, then the second.
STAND_IN = r"""
import json, os, signal, sys, time
request_file, result_file = sys.argv[1:]
sys.stdin.readline()
request = json.load(open(request_file))
plan = json.load(open(os.path.join(os.path.dirname(request_file), "plan.json")))
what = plan["second" if request["refused_models"] else "first"]
if what == "allocate":
    blocks = []
    while True:
        blocks.append(b"x" * (64 * 1024 ** 2))
elif what == "sleep":
    time.sleep(600)
elif what == "crash":
    os.kill(os.getpid(), signal.SIGSEGV)
elif what == "error":
    raise SystemExit("a grader bug")
result = plan["result"]
result["checks"][0]["feedback"] = request["refused_models"] or "fine"
result["timings"] = request["timings"]
json.dump(result, open(result_file, "w"))
"""


def _result() -> dict:
    check = CheckResult(check_id="heldout_accuracy", title="held-out", status="failed",
                        points=0.0, max_points=4.0, feedback="", hidden=False)
    return to_dict(GradeResult(assignment="C2W1", submission="s.ipynb", submission_sha256="",
                               mode="trained", data="d", data_origin="standin", execution={"status": "completed"},
                               checks=(check,), timings={}, created_at="", grader_version=""))


@pytest.fixture
def settings(tmp_path):
    return load_settings({"check_memory_limit": 0.25, "check_timeout": 3.0}, env={},
                         cwd=ROOT).replace(work_root=tmp_path)


def _stand_in(tmp_path: Path, first: str, second: str = "result"):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    (tmp_path / "check").mkdir(exist_ok=True)
    (tmp_path / "check" / "plan.json").write_text(json.dumps(
        {"first": first, "second": second, "result": _result()}))
    return lambda request, result: [sys.executable, str(script), str(request), str(result)]


def _grade(tmp_path, settings, first, second="result"):
    return check_in_process(tmp_path / "artifacts", get_assignment("C2W1"), settings,
                            folder=tmp_path / "check", execution={"status": "completed"},
                            command=_stand_in(tmp_path, first, second))


def test_a_result_comes_back_as_json(tmp_path, settings):
    result = _grade(tmp_path, settings, "result")
    assert result.checks[0].feedback == "fine"


def test_past_the_memory_cap_the_model_is_too_large_to_grade(tmp_path, settings):
    result = _grade(tmp_path, settings, "allocate")
    feedback = result.checks[0].feedback
    assert feedback.startswith("Your model is too large to grade: expected a model about the "
                               "size of this week's (150×150×3 images, at most 100,000,000 "
                               "parameters)")
    assert "needed more than 256 MiB" in feedback and "fewer or smaller layers" in feedback


def test_past_the_time_limit_the_model_takes_too_long(tmp_path, settings):
    result = _grade(tmp_path, settings, "sleep")
    assert result.checks[0].feedback.startswith(
        "Your model takes too long to grade: expected the grader to load and score it within "
        "3 s")
    assert 3 <= result.timings["stopped_check"] < 30  # the stopped run's time is kept


def test_a_crash_while_scoring_is_the_models_and_a_bug_is_the_graders(tmp_path, settings):
    assert "could not be graded" in _grade(tmp_path, settings, "crash").checks[0].feedback
    with pytest.raises(CheckingFailed, match="a grader bug"):
        _grade(tmp_path, settings, "error")
    with pytest.raises(CheckingFailed, match="with no model loaded"):
        _grade(tmp_path, settings, "sleep", "sleep")


def test_the_outcome_says_how_and_how_much(tmp_path, settings):
    command = _stand_in(tmp_path, "allocate")
    request = {"refused_models": "", "assignment": "C2W1"}
    outcome = run_checking_process(request, tmp_path / "check", settings, timeout_s=30,
                                   command=command)
    assert (outcome.ended, outcome.result) == ("memory", None)
    assert outcome.enforced_by in ("cgroup v1", "cgroup v2", "watchdog")
    assert 0.2 * 1024 ** 3 < outcome.peak_bytes < 0.6 * 1024 ** 3


def test_the_watchdog_alone_also_holds_the_cap(monkeypatch):
    import subprocess

    from autograder.grading_process import memory_cap

    monkeypatch.setattr(memory_cap, "_make_group", lambda limit: (None, "watchdog"))
    with MemoryCap(256 * 1024 ** 2) as cap:
        process = subprocess.Popen([sys.executable, "-c", "import time\nblocks = []\n"
                                    "while True:\n    blocks.append(b\"x\" * (32 * 1024 ** 2))"
                                    "\n    time.sleep(0.01)"])
        cap.join(process.pid)
        assert process.wait(timeout=60) == -9
    assert cap.hit and cap.enforced_by == "watchdog"
    assert cap.peak_rss < 0.5 * 1024 ** 3


def test_a_grading_whose_checking_process_is_killed_leaves_no_scratch_folder(tmp_path, settings):
    from autograder.grading_process import scratch_folder

    work = tmp_path / "work"
    with pytest.raises(CheckingFailed):
        with scratch_folder(work, "C2W1") as scratch:
            check_in_process(scratch / "artifacts", get_assignment("C2W1"), settings,
                             folder=scratch / "check", execution={"status": "completed"},
                             command=_stand_in(scratch, "crash", "crash"))
    assert list(work.iterdir()) == []


def test_a_second_run_in_the_same_folders_starts_afresh(tmp_path):
    """After a first run past the time limit or the cap, the second run (no model loaded)
    finds the first's fixtures and scratch files in its folders; it starts afresh instead
    of failing on them."""
    from autograder.grading_process.child import clear_previous_run
    from autograder.pipeline import place_fixtures

    settings = load_settings({}, env={}, cwd=ROOT).replace(heldout_root=tmp_path / "heldout")
    spec, keys, artifacts = get_assignment("C2W1"), tmp_path / "check", tmp_path / "artifacts"
    clean_view = tmp_path / "grader" / "student-clean" / "Cat"
    for _ in range(2):
        clear_previous_run(artifacts, keys)
        assert not (tmp_path / "grader").exists()
        fixtures = place_fixtures(spec, keys / "fixtures-key", keys / "fixtures-copy", settings)
        clean_view.mkdir(parents=True)  # as the first run's split scoring leaves it
        (clean_view / "1.jpg").symlink_to(tmp_path / "heldout")
    assert fixtures.keys() == {"cleaning", "callback"}
    copied = keys / "fixtures-copy" / "cleaning" / "source" / "PetImages"
    assert {p.name for p in copied.iterdir()} == {"Cat", "Dog"}
    assert (tmp_path / "heldout").is_dir()  # a link in the scratch folder is never followed
