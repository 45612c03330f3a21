"""The real nbgrader on a course folder: generate, autograde, feedback, export.

The reference must get full marks and the untouched release 0, the same points as the CLI:
the test cells call the same checks.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.conftest import RELEASE, ROOT, SOLUTION

SPEC = get_assignment("C2W1")


def _nbgrader(course: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    completed = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                               capture_output=True, text=True, timeout=3000)
    assert completed.returncode == 0, f"nbgrader {args}:\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def course(grader_env, tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    for name in ("source", "nbgrader_config.py", "autograder.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, course / name)
    return course


def _cells(path: Path) -> list[tuple[str, str, dict]]:
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader", {})) for c in notebook.cells]


def test_release_and_solution_are_generated_from_source(course, grader_env):
    _nbgrader(course, grader_env, "generate_assignment", "C2W1", "--force")
    generated = course / "release" / "C2W1" / SPEC.notebook
    assert _cells(generated) == _cells(RELEASE), (
        "release/ is out of date with source/: run `autograder release C2W1`")
    from autograder.authoring import solution_notebook

    solved = solution_notebook(nbformat.read(course / "source" / "C2W1" / SPEC.notebook, 4),
                               nbformat.read(generated, 4))
    assert [c.source for c in solved.cells] == [
        c.source for c in nbformat.read(SOLUTION, as_version=4).cells], (
        "solutions/ is out of date with source/: run `autograder release C2W1`")


@pytest.mark.kernel
def test_autograde_feedback_export_give_the_clis_points(course, grader_env):
    _nbgrader(course, grader_env, "generate_assignment", "C2W1", "--force")
    for student, notebook in (("reference", SOLUTION), ("untouched", RELEASE)):
        _nbgrader(course, grader_env, "db", "student", "add", student)
        target = course / "submitted" / student / "C2W1"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, target / SPEC.notebook)
    _nbgrader(course, grader_env, "autograde", "C2W1", "--force")
    _nbgrader(course, grader_env, "generate_feedback", "C2W1", "--force")
    _nbgrader(course, grader_env, "export")
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    assert scores == {"reference": SPEC.max_score, "untouched": 0.0}
    feedback = (course / "feedback" / "untouched" / "C2W1" / "C2W1_Assignment.html").read_text()
    assert "create_model() raised NotImplementedError" in feedback
    assert "### BEGIN HIDDEN TESTS" not in feedback
