"""The fresh environment of the slow template tests: one per session, installed exactly as
the template's workflow installs it (``grade.sh install``), shared by
`test_fresh_install.py` (the workflow grades) and `test_student_notebooks.py` (the student
runs the notebooks).

Every pip setting of this machine is left out (``PIP_CONFIG_FILE`` is the null device), so
the files come from the package index alone. To run without downloading, point
``AUTOGRADER_TEST_WHEELHOUSE`` at a folder of the lock's files (``pip download
--require-hashes -r autograder/ci/templates/requirements.lock -d DIR``): pip then installs
from that folder only, as from a warm cache; the hashes are checked the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.assignments import get_assignment
from autograder.ci.template import SCRIPT_PATH, write_template
from autograder.config import load_settings
from tests.conftest import ROOT

#: The week whose template the session installs (any template installs the same grader).
SPEC = get_assignment("C2W4")
#: Where this run's timings go (seconds per step), for the README's figures.
TIMINGS: dict[str, float] = {}


def base_python() -> str:
    """The interpreter this checkout's venv was made from: nothing of the venv comes along."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    return str(Path(sys.base_prefix) / "bin" / version)


def clean_env(venv: Path, runner: Path) -> dict[str, str]:
    """The runner's environment: the fresh venv's bin first, no setting of this checkout."""
    ours = str(Path(sys.executable).parent)
    path = [str(venv / "bin")] + [p for p in os.environ.get("PATH", "").split(os.pathsep)
                                  if p and p != ours]
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("AUTOGRADER_", "PIP_", "PYTHON", "VIRTUAL_ENV", "JUPYTER"))
           and name != "HELDOUT_KEY"}
    env.update(PATH=os.pathsep.join(path), RUNNER_TEMP=str(runner), PIP_CONFIG_FILE=os.devnull,
               NOTEBOOK=SPEC.notebook, ASSIGNMENT=SPEC.id, GRADER="",
               GITHUB_STEP_SUMMARY=str(runner / "summary.md"))
    for name in ("PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PIP_INDEX_URL"):  # how to reach the index
        if name in os.environ:
            env[name] = os.environ[name]
    wheelhouse = os.environ.get("AUTOGRADER_TEST_WHEELHOUSE")
    if wheelhouse:
        env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=wheelhouse)
    return env


def step(repo: Path, env: dict, name: str, **extra: str) -> str:
    """Runs step `name` of the template's ``grade.sh``; returns its output."""
    started = time.monotonic()
    completed = subprocess.run([str(repo / SCRIPT_PATH), name], cwd=repo, env={**env, **extra},
                               capture_output=True, text=True)
    TIMINGS[f"{Path(env['RUNNER_TEMP']).name} {name}"] = round(time.monotonic() - started, 1)
    assert completed.returncode == 0, (name, completed.stdout[-3000:], completed.stderr[-3000:])
    return completed.stdout


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """(template, fresh venv, key): the template of Week 4 installed by its own install step."""
    base = tmp_path_factory.mktemp("fresh")
    grader = {"AUTOGRADER_DATA_ROOT": str(base / "grader-data"),
              "AUTOGRADER_HELDOUT_ROOT": str(base / "grader-heldout")}
    made = subprocess.run([sys.executable, "-m", "autograder", "data", SPEC.id],
                          env={**os.environ, **grader}, cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    repo = base / "repo"
    key = write_template(SPEC, repo, settings=load_settings(cwd=ROOT, env=grader)).decode()
    venv = base / "venv"
    subprocess.run([base_python(), "-m", "venv", str(venv)], check=True)
    env = clean_env(venv, base / "install")
    step(repo, env, "install")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import autograder; print(autograder.__file__)"],
                           env=env, cwd=base, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(venv)), where.stdout  # not this checkout
    return repo, venv, key
