"""``autograder regrade`` on real Week 4 gradings: after a bar change, the checks run again on
each grading's kept evidence (the notebook never runs) and give the verdicts a full grading
under the same change gives; a grading whose evidence is gone runs again, and says why.

By default one corpus notebook, checked again (about two minutes on 2 loaded cores); with
``-m slow`` three, whose verdicts change with the bar, compared with a full re-grading.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import grader_environment, make_data
from tests.submissions.c2w4.scenarios import HERE

CHANGED_BAR = {"AUTOGRADER_C2W4_HELDOUT_THRESHOLD": "0.99"}


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """Week 4's CI-scale stand-in data, alone."""
    return make_data(grader_environment(tmp_path_factory.mktemp("regrade")), "C2W4")


def _autograder(env: dict, *args: str) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "autograder", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def _submissions(folder: Path, *names: str) -> Path:
    for name in names:
        target = folder / name / "C2W4" / "C2W4_Assignment.ipynb"
        target.parent.mkdir(parents=True)
        shutil.copyfile(HERE / f"{name}.ipynb", target)
    return folder


def _statuses(result: dict) -> dict[str, str]:
    return {check["check_id"]: check["status"] for check in result["checks"]}


def _verdicts(results: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(results.glob("*/C2W4/*.json")):
        result = json.loads(path.read_text())
        found[path.parent.parent.name] = {"score": result["score"], **_statuses(result)}
    return found


@pytest.mark.kernel
def test_a_grading_is_checked_again_from_its_kept_evidence(env, tmp_path):
    notebooks = _submissions(tmp_path / "submitted", "dense-10-head")  # the quickest to run
    notebook = notebooks / "dense-10-head" / "C2W4" / "C2W4_Assignment.ipynb"
    results = tmp_path / "results"
    code, output = _autograder(env, "grade", str(notebook), "--assignment", "C2W4",
                               "--out-dir", str(results), "--quiet")
    assert code == 0, output
    (result_file,) = results.rglob("C2W4_Assignment.json")
    first = json.loads(result_file.read_text())
    (record,) = (results / ".evidence" / "runs" / "C2W4").glob("*.json")
    assert json.loads(record.read_text())["submission_sha256"] == first["submission_sha256"]
    code, output = _autograder({**env, **CHANGED_BAR}, "regrade", str(results))
    assert code == 0, output
    assert "  checked again " in output and "  executed again " not in output, output
    again = json.loads(result_file.read_text())
    assert _statuses(again) == _statuses(first) and again["score"] == first["score"] == 10
    assert again["timings"]["execute"] == first["timings"]["execute"]  # the kept run's
    assert again["created_at"] >= first["created_at"]
    assert "autograder gradebook" in output


@pytest.mark.kernel
@pytest.mark.slow
def test_regrade_verdicts_equal_a_full_grading_and_missing_evidence_runs_again(env, tmp_path):
    names = ("dense-10-head", "label-read-as-pixel", "valid-parses-csv-with-pandas")
    submitted = _submissions(tmp_path / "submitted", *names)
    results, full = tmp_path / "results", tmp_path / "full"
    batch = ("batch", str(submitted), "--assignment", "C2W4", "--workers", "2")
    code, output = _autograder(env, *batch, "--out-dir", str(results))
    assert code == 0, output
    before = _verdicts(results)
    code, regraded = _autograder({**env, **CHANGED_BAR}, "regrade", str(results))
    assert code == 0 and regraded.count("  checked again ") == 3, regraded
    assert "grades.csv" in regraded and "class.html" in regraded  # the batch's tables, again
    code, output = _autograder({**env, **CHANGED_BAR}, *batch, "--out-dir", str(full),
                               "--no-evidence")
    assert code == 0, output
    assert not (full / ".evidence").exists()
    assert _verdicts(results) == _verdicts(full) != before
    assert _verdicts(results)["label-read-as-pixel"]["heldout_accuracy"] == "failed"
    assert before["label-read-as-pixel"]["heldout_accuracy"] == "passed"

    # the evidence of one grading lost: that notebook runs again, and the line says why
    for record in (results / ".evidence" / "runs" / "C2W4").glob("*.json"):
        if json.loads(record.read_text())["submission"].endswith(
                "dense-10-head/C2W4/C2W4_Assignment.ipynb"):
            record.unlink()
    code, output = _autograder({**env, **CHANGED_BAR}, "regrade", str(results))
    assert code == 0, output
    line = next(line for line in output.splitlines() if "dense-10-head" in line)
    assert "executed again" in line and "no evidence was kept" in line, output
    assert output.count("  checked again ") == 2, output
    assert _verdicts(results) == _verdicts(full)
