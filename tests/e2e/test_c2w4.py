"""Week 4 end to end through the CLI, on its CI-scale stand-in CSV files.

By default: the untouched release gets 0 with a message per check; the reference with its
training left out gets every point but training's (nothing trains); the reference, trained
(15 epochs on 2,400 pictures of 28×28: well under a minute on 2 cores), gets full marks with
a per-letter summary in its held-out feedback. With ``-m slow``: the same through
``nbgrader autograde``.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import failed_checks, run_grade

SPEC = get_assignment("C2W4")
SOLUTION = ROOT / "solutions" / "C2W4" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W4" / SPEC.notebook
TRAINING = ("history = model.fit(\n", "fit_arguments = dict(  # model.fit was never called\n")
TRAINING_CHECKS = {"training_reached_bars", "heldout_accuracy"}


@pytest.fixture(scope="session")
def week4_env(grader_env):
    completed = subprocess.run([sys.executable, "-m", "autograder", "data", "C2W4"],
                               env=grader_env, cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return grader_env


def edited(tmp_path, *replacements):
    """The reference solution with text replaced (each must match one cell), as C2W4/…"""
    notebook = nbformat.read(SOLUTION, as_version=4)
    for old, new in replacements:
        hits = [cell for cell in notebook.cells if old in cell.source]
        assert len(hits) == 1, old
        hits[0].source = hits[0].source.replace(old, new)
    path = tmp_path / "C2W4" / SPEC.notebook
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    return path


def grade(env, notebook, tmp_path):
    code, result, output = run_grade(env, notebook, tmp_path / "r.json", assignment="C2W4")
    assert code == 0, output
    return result, output


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(week4_env, tmp_path):
    result, output = grade(week4_env, RELEASE, tmp_path)
    assert result["score"] == 0 and result["max_score"] == SPEC.max_score == 15
    assert all(c["feedback"] for c in result["checks"]), output


@pytest.mark.kernel
def test_reference_without_training_loses_only_the_training_checks(week4_env, tmp_path):
    result, output = grade(week4_env, edited(tmp_path, TRAINING), tmp_path)
    assert failed_checks(result) == TRAINING_CHECKS, output


@pytest.mark.kernel
def test_reference_scores_full_marks_with_a_per_letter_summary(week4_env, tmp_path):
    result, output = grade(week4_env, SOLUTION, tmp_path)
    assert failed_checks(result) == set(), output
    heldout = next(c for c in result["checks"] if c["check_id"] == "heldout_accuracy")
    assert "held-out pictures" in heldout["feedback"], heldout
    assert "confusions" in heldout["feedback"] or "Every letter" in heldout["feedback"], heldout


@pytest.mark.slow  # a full training inside nbgrader autograde
@pytest.mark.kernel
def test_nbgrader_autograde_gives_the_reference_full_marks(week4_env, tmp_path):
    course = tmp_path / "course"
    for name in ("source", "nbgrader_config.py", "autograder.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, course / name)

    def nbgrader(*args):
        completed = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,
                                   env=week4_env, capture_output=True, text=True, timeout=1800)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed

    nbgrader("generate_assignment", "C2W4", "--force")
    nbgrader("db", "student", "add", "reference")
    target = course / "submitted" / "reference" / "C2W4"
    target.mkdir(parents=True)
    shutil.copy(SOLUTION, target / SPEC.notebook)
    log = nbgrader("autograde", "C2W4", "--force")
    nbgrader("export")
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)
                  if row["assignment"] == "C2W4"}
    assert scores["reference"] == SPEC.max_score, (log.stdout + log.stderr)[-6000:]
