"""End-to-end fixtures: CI-scale stand-in data in a temporary course, and CLI runners."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="session")
def grader_env(tmp_path_factory) -> dict[str, str]:
    """Environment for grader commands: fresh CI-scale data, scratch, quiet TensorFlow."""
    base = tmp_path_factory.mktemp("grader")
    env = {**os.environ, "AUTOGRADER_DATA_ROOT": str(base / "data"),
           "AUTOGRADER_HELDOUT_ROOT": str(base / "heldout"),
           "AUTOGRADER_WORK_ROOT": str(base / "work"), "TF_CPP_MIN_LOG_LEVEL": "3",
           "AUTOGRADER_CONFIG": str(ROOT / "autograder.toml"),
           # nbgrader runs the `alembic` script of this environment to create its database
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    completed = subprocess.run([sys.executable, "-m", "autograder", "data", "C2W1"], env=env,
                               cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return env


@pytest.fixture(scope="module")
def week2_env(grader_env) -> dict[str, str]:
    """`grader_env` with Week 2's CI-scale stand-in data made too."""
    completed = subprocess.run([sys.executable, "-m", "autograder", "data", "C2W2"],
                               env=grader_env, cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return grader_env


def run_grade(env: dict, notebook: Path, out: Path, *extra: str,
              assignment: str = "C2W1") -> tuple[int, dict, str]:
    """Runs ``autograder grade NOTEBOOK --json OUT``; returns (exit code, result, output)."""
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(notebook), "--json", str(out),
         "--assignment", assignment, *extra], env=env, cwd=ROOT, capture_output=True, text=True)
    result = json.loads(out.read_text()) if out.is_file() else {}
    return completed.returncode, result, completed.stdout + completed.stderr


def failed_checks(result: dict) -> set[str]:
    return {c["check_id"] for c in result["checks"] if c["status"] != "passed"}
