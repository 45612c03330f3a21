"""The template works as generated, outside this checkout's environment: a fresh virtual
environment gets the grader exactly as the workflow's install step does (`grade.sh install`:
the hashed pins from the package index, then the template's own wheel, offline), and the
workflow's script grades Week 4's notebook with it: the reference scores full marks, the
untouched release 0. Then the student's loop in the same environment: the student data
command and the reference's self-check in a kernel of that environment, with no traceback.

Slow (a fresh install downloads TensorFlow): ``pytest -m slow tests/ci/test_fresh_install.py -s``.
Every pip setting of this machine is left out (``PIP_CONFIG_FILE`` is the null device), so
the files come from the package index alone. To run it again without downloading, point
``AUTOGRADER_TEST_WHEELHOUSE`` at a folder of the lock's files (``pip download
--require-hashes -r .github/grading/requirements.lock -d DIR``): pip then installs from that
folder only, as from a warm cache; the hashes are checked the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import get_assignment
from autograder.ci.template import SCRIPT_PATH, write_template
from autograder.config import load_settings
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.kernel]

SPEC = get_assignment("C2W4")
SOLUTION = ROOT / "solutions" / SPEC.id / SPEC.notebook
#: Where this run's timings go (seconds per step), for the README's figures.
TIMINGS: dict[str, float] = {}


def _base_python() -> str:
    """The interpreter this checkout's venv was made from: nothing of the venv comes along."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    return str(Path(sys.base_prefix) / "bin" / version)


def _clean_env(venv: Path, runner: Path) -> dict[str, str]:
    """The runner's environment: the fresh venv's bin first, no setting of this checkout."""
    ours = str(Path(sys.executable).parent)
    path = [str(venv / "bin")] + [p for p in os.environ.get("PATH", "").split(os.pathsep)
                                  if p and p != ours]
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("AUTOGRADER_", "PIP_", "PYTHON", "VIRTUAL_ENV"))
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


def _step(repo: Path, env: dict, step: str, **extra: str) -> str:
    started = time.monotonic()
    completed = subprocess.run([str(repo / SCRIPT_PATH), step], cwd=repo, env={**env, **extra},
                               capture_output=True, text=True)
    TIMINGS[f"{Path(env['RUNNER_TEMP']).name} {step}"] = round(time.monotonic() - started, 1)
    assert completed.returncode == 0, (step, completed.stdout[-3000:], completed.stderr[-3000:])
    return completed.stdout


@pytest.fixture(scope="module")
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
    subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True)
    env = _clean_env(venv, base / "install")
    _step(repo, env, "install")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import autograder; print(autograder.__file__)"],
                           env=env, cwd=base, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(venv)), where.stdout  # not this checkout
    return repo, venv, key


def _grade(repo: Path, venv: Path, key: str, runner: Path) -> dict:
    env = _clean_env(venv, runner)
    for step in ("prepare", "run"):
        _step(repo, env, step)
    _step(repo, env, "decrypt", HELDOUT_KEY=key)
    _step(repo, env, "score")
    return json.loads((runner / "feedback" / "grade-result.json").read_text())


def test_release_scores_0_and_reference_full_marks(installed, tmp_path):
    repo, venv, key = installed
    release = _grade(repo, venv, key, tmp_path / "release")
    assert (release["score"], release["max_score"]) == (0, SPEC.max_score)
    assert (tmp_path / "release" / "feedback" / "report.html").stat().st_size > 0
    shutil.copyfile(SOLUTION, repo / SPEC.notebook)
    reference = _grade(repo, venv, key, tmp_path / "reference")
    failed = [c["check_id"] for c in reference["checks"] if c["points"] != c["max_points"]]
    assert reference["score"] == SPEC.max_score, failed
    print("fresh-install timings (s):", json.dumps(TIMINGS))


def _first_self_check_cells(notebook: Path) -> nbformat.NotebookNode:
    """The reference's cells up to its first self-check: imports, data, the parsing function."""
    source = nbformat.read(notebook, as_version=4)
    cells = [cell for cell in source.cells if cell.cell_type == "code"]
    end = next(i for i, cell in enumerate(cells) if cell.source.startswith("self_check("))
    source.cells = cells[:end + 1]
    return source


def test_student_loop_in_the_fresh_environment(installed, tmp_path):
    """What the template's README tells a student to do, then the reference's self-check."""
    _, venv, _ = installed
    env = _clean_env(venv, tmp_path / "unused")
    made = subprocess.run(["autograder", "data", SPEC.id, "--student", "data"], cwd=tmp_path,
                          env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert not list((tmp_path / "data").rglob("*heldout*"))
    nbformat.write(_first_self_check_cells(SOLUTION), tmp_path / "check.ipynb")
    script = ("import nbformat, nbclient\n"
              "nb = nbformat.read('check.ipynb', as_version=4)\n"
              "nbclient.NotebookClient(nb, timeout=600, kernel_name='python3').execute()\n"
              "nbformat.write(nb, 'checked.ipynb')\n")
    ran = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=tmp_path,
                         env={**env, "AUTOGRADER_DATA_ROOT": "data"},
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr[-3000:]
    outputs = [output for cell in nbformat.read(tmp_path / "checked.ipynb", 4).cells
               for output in cell.get("outputs", [])]
    text = "".join(output.get("text", "") for output in outputs)
    assert not [o for o in outputs if o.output_type == "error"] and "Traceback" not in text
    assert "✓" in text and "✗" not in text and "self-checks passed." in text, text
