"""End-to-end fixtures and helpers: CI-scale stand-in data in a temporary course, CLI and
nbgrader runners, and the reference solution with a few edits."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT


def grader_environment(base: Path) -> dict[str, str]:
    """Environment for grader commands: data, held-out and scratch folders under `base`,
    quiet TensorFlow, this project's configuration."""
    return {**os.environ, "AUTOGRADER_DATA_ROOT": str(base / "data"),
            "AUTOGRADER_HELDOUT_ROOT": str(base / "heldout"),
            "AUTOGRADER_WORK_ROOT": str(base / "work"), "TF_CPP_MIN_LOG_LEVEL": "3",
            "AUTOGRADER_CONFIG": str(ROOT / "autograder.toml"),
            # nbgrader runs the `alembic` script of this environment to create its database
            "PATH": os.pathsep.join([str(Path(sys.executable).parent),
                                     os.environ.get("PATH", "")])}


def make_data(env: dict[str, str], assignment: str) -> dict[str, str]:
    """Runs ``autograder data ASSIGNMENT`` (CI-scale stand-in data) in `env`; returns `env`."""
    completed = subprocess.run([sys.executable, "-m", "autograder", "data", assignment],
                               env=env, cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return env


@pytest.fixture(scope="session")
def grader_env(tmp_path_factory) -> dict[str, str]:
    """Environment for grader commands with fresh CI-scale Week 1 data."""
    return make_data(grader_environment(tmp_path_factory.mktemp("grader")), "C2W1")


@pytest.fixture(scope="module")
def week2_env(grader_env) -> dict[str, str]:
    """`grader_env` with Week 2's CI-scale stand-in data made too."""
    return make_data(grader_env, "C2W2")


@pytest.fixture(scope="session")
def week4_env(grader_env) -> dict[str, str]:
    """`grader_env` with Week 4's CI-scale stand-in CSV files made too."""
    return make_data(grader_env, "C2W4")


def run_grade(env: dict, notebook: Path, out: Path, *extra: str,
              assignment: str = "C2W1") -> tuple[int, dict, str]:
    """Runs ``autograder grade NOTEBOOK --json OUT``; returns (exit code, result, output)."""
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(notebook), "--json", str(out),
         "--assignment", assignment, *extra], env=env, cwd=ROOT, capture_output=True, text=True)
    result = json.loads(out.read_text()) if out.is_file() else {}
    return completed.returncode, result, completed.stdout + completed.stderr


def grade(env: dict, notebook: Path, folder: Path, *, assignment: str) -> tuple[dict, str]:
    """`run_grade` into ``folder/r.json``, which must exit 0; returns (result, output)."""
    code, result, output = run_grade(env, notebook, folder / "r.json", assignment=assignment)
    assert code == 0, output
    return result, output


def failed_checks(result: dict) -> set[str]:
    return {c["check_id"] for c in result["checks"] if c["status"] != "passed"}


def edited_solution(assignment: str, folder: Path, *replacements: tuple[str, str]) -> Path:
    """The reference solution of `assignment` with text replaced, written as
    ``folder/ASSIGNMENT/NOTEBOOK``; each ``(old, new)`` must match exactly one cell."""
    notebook_name = get_assignment(assignment).notebook
    notebook = nbformat.read(ROOT / "solutions" / assignment / notebook_name, as_version=4)
    for old, new in replacements:
        hits = [cell for cell in notebook.cells if old in cell.source]
        assert len(hits) == 1, old
        hits[0].source = hits[0].source.replace(old, new)
    path = folder / assignment / notebook_name
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    return path


def new_course(course: Path) -> Path:
    """A course folder with this project's source/, nbgrader_config.py and autograder.toml."""
    course.mkdir(parents=True, exist_ok=True)
    for name in ("source", "nbgrader_config.py", "autograder.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, course / name)
    return course


def nbgrader(course: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """Runs ``nbgrader ARGS`` in `course`, which must exit 0."""
    completed = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                               capture_output=True, text=True, timeout=3000)
    assert completed.returncode == 0, f"nbgrader {args}:\n{completed.stdout}\n{completed.stderr}"
    return completed


def autograde_reference(course: Path, env: dict, assignment: str) -> tuple[float, str]:
    """Generates `assignment` in a new `course`, submits its reference solution as student
    ``reference``, autogrades and exports; returns (its raw score, autograde's output)."""
    notebook = get_assignment(assignment).notebook
    new_course(course)
    nbgrader(course, env, "generate_assignment", assignment, "--force")
    nbgrader(course, env, "db", "student", "add", "reference")
    target = course / "submitted" / "reference" / assignment
    target.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / assignment / notebook, target / notebook)
    autograde = nbgrader(course, env, "autograde", assignment, "--force")
    nbgrader(course, env, "export")
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)
                  if row["assignment"] == assignment}
    return scores["reference"], autograde.stdout + autograde.stderr


def grade_beside_neighbour(env: dict, assignment: str, attacks: dict, neighbour: Path,
                           folder: Path, *, timeout: float) -> dict[str, dict]:
    """Grades the `attacks` (name → notebook) and the honest `neighbour` notebook through the
    CLI in one batch (``autograder grade … --out-dir``), which must exit 0; returns each
    result by name, the neighbour's under ``"neighbour"``, and prints the scores."""
    from autograder.results import result_key

    submissions = folder / assignment
    submissions.mkdir(parents=True)
    notebooks = {}
    for name, notebook in attacks.items():
        notebooks[name] = submissions / f"{name}.ipynb"
        nbformat.write(notebook, notebooks[name])
    notebooks["neighbour"] = submissions / neighbour.name
    notebooks["neighbour"].write_bytes(neighbour.read_bytes())
    out = folder / "results"
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks.values()),
         "--assignment", assignment, "--out-dir", str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]
    results = {name: json.loads((out / f"{result_key(path, root=ROOT)}.json").read_text())
               for name, path in notebooks.items()}
    print("\n".join(f"  {name:45} {r['score']:>4g}/{r['max_score']:g}"
                    for name, r in results.items()))
    return results
