"""``pytest autograder --submission`` gives the same points as the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SOLUTION, RELEASE


def _run_pytest(env, submission, out):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "autograder", "--submission", str(submission),
         "--result-json", str(out), "-p", "no:cacheprovider", "-q"],
        env=env, cwd=ROOT, capture_output=True, text=True)


@pytest.mark.slow  # a full training; the release run below exercises the same path
@pytest.mark.kernel
def test_reference_passes_every_check_with_full_points(grader_env, tmp_path):
    completed = _run_pytest(grader_env, SOLUTION, tmp_path / "r.json")
    assert completed.returncode == 0, completed.stdout[-3000:]
    result = json.loads((tmp_path / "r.json").read_text())
    assert f"{len(result['checks'])} passed" in completed.stdout
    assert f"C2W1: {result['max_score']:g} / {result['max_score']:g} points" in completed.stdout


def test_without_submission_every_check_is_skipped(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "pytest", "autograder", "-q",
                                "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True,
                               text=True)
    assert completed.returncode == 0, completed.stdout
    assert "1 skipped" in completed.stdout


@pytest.mark.kernel
def test_untouched_release_fails_every_check_with_the_students_message(grader_env, tmp_path):
    completed = _run_pytest(grader_env, RELEASE, tmp_path / "r.json")
    assert completed.returncode == 1
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["score"] == 0
    assert f"{len(result['checks'])} failed" in completed.stdout
    assert "create_model() raised NotImplementedError" in completed.stdout
    assert "C2W1: 0 / 22 points" in completed.stdout


@pytest.mark.kernel
def test_the_older_editions_release_fails_every_check_of_its_own_rubric(grader_env, tmp_path):
    """``--assignment C2W1_colab`` grades the older edition's rubric (18 points)."""
    release = ROOT / "release" / "C2W1_colab" / "C2W1_Assignment.ipynb"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "autograder", "--submission", str(release),
         "--assignment", "C2W1_colab", "--result-json", str(tmp_path / "r.json"),
         "-p", "no:cacheprovider", "-q"], env=grader_env, cwd=ROOT, capture_output=True,
        text=True)
    assert completed.returncode == 1, completed.stdout[-3000:]
    result = json.loads((tmp_path / "r.json").read_text())
    assert (result["edition"], result["score"], result["max_score"]) == ("colab", 0, 18)
    assert f"{len(result['checks'])} failed" in completed.stdout
    assert "C2W1: 0 / 18 points" in completed.stdout
