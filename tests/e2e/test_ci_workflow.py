"""The template's workflow steps, run locally by the same script the workflow calls
(``.github/grading/grade.sh``), on the untouched release notebook: the held-out images exist
only after the run step, the key is given to the decrypt step alone, and the score step writes
the job summary, the HTML report and every result format."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.assignments import get_assignment
from autograder.ci.template import SCRIPT_PATH, write_template
from autograder.config import load_settings
from tests.conftest import ROOT

SPEC = get_assignment("C2W1")


def _step(repo: Path, env: dict, step: str, **extra: str) -> tuple[float, str]:
    started = time.monotonic()
    completed = subprocess.run([str(repo / SCRIPT_PATH), step], cwd=repo,
                               env={**env, **extra}, capture_output=True, text=True)
    assert completed.returncode == 0, (step, completed.stdout + completed.stderr)
    return time.monotonic() - started, completed.stdout


@pytest.mark.kernel
def test_workflow_steps_grade_the_release_locally(grader_env, tmp_path):
    settings = load_settings(cwd=ROOT, env={
        "AUTOGRADER_HELDOUT_ROOT": grader_env["AUTOGRADER_HELDOUT_ROOT"]})
    repo = tmp_path / "repo"
    key = write_template(SPEC, repo, settings=settings).decode()
    runner = tmp_path / "runner"
    # the student data, as a cache would restore it (generating it is tested elsewhere)
    shutil.copytree(Path(grader_env["AUTOGRADER_DATA_ROOT"]) / SPEC.data.dataset,
                    runner / "data" / SPEC.data.dataset, symlinks=True)
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("AUTOGRADER_") and name != "HELDOUT_KEY"}
    env.update(RUNNER_TEMP=str(runner), GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
               NOTEBOOK=SPEC.notebook, ASSIGNMENT=SPEC.id,
               PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]))
    seconds = {"prepare": _step(repo, env, "prepare")[0], "run": _step(repo, env, "run")[0]}
    assert not (runner / "heldout" / SPEC.data.dataset).exists()  # nothing to leak yet
    seconds["decrypt"] = _step(repo, env, "decrypt", HELDOUT_KEY=key)[0]
    assert (runner / "heldout" / SPEC.data.dataset / "manifest.json").is_file()
    seconds["score"] = _step(repo, env, "score")[0]
    print("workflow steps (s):", {k: round(v, 1) for k, v in seconds.items()})

    feedback = runner / "feedback"
    result = json.loads((feedback / "grade-result.json").read_text())
    assert result["score"] == 0 and result["max_score"] == SPEC.max_score
    assert all(check["feedback"] for check in result["checks"])
    for name in ("report.html", "result.json", "results.json", "autograding-reporter.b64"):
        assert (feedback / name).stat().st_size > 0, name
    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith(f"## {SPEC.id}: 0 / 22 points") and "How to fix" not in summary
    assert "| ✗ |" in summary and "offline stand-in data" in summary


def test_decrypt_step_refuses_without_the_key(tmp_path):
    repo = tmp_path / "repo"
    heldout = tmp_path / "heldout" / SPEC.data.dataset
    heldout.mkdir(parents=True)
    (heldout / "manifest.json").write_text("{}")
    write_template(SPEC, repo, settings=load_settings(
        cwd=ROOT, env={"AUTOGRADER_HELDOUT_ROOT": str(tmp_path / "heldout")}))
    env = {**{k: v for k, v in os.environ.items() if k != "HELDOUT_KEY"},
           "RUNNER_TEMP": str(tmp_path / "runner"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    for key in ("", "c29tZSBvdGhlciBrZXkgdGhhdCBpcyBub3QgaXQ="):
        completed = subprocess.run([str(repo / SCRIPT_PATH), "decrypt"], cwd=repo,
                                   env={**env, "HELDOUT_KEY": key}, capture_output=True, text=True)
        assert completed.returncode == 2, completed.stderr
        assert "HELDOUT_KEY" in completed.stderr
    assert not (tmp_path / "runner" / "heldout" / SPEC.data.dataset).exists()
