"""The template works as generated, outside this checkout's environment: a fresh virtual
environment gets the grader exactly as the workflow's install step does (`grade.sh install`:
the hashed pins from the package index, then the template's own wheel, offline), and the
workflow's script grades Week 4's notebook with it: the reference scores full marks, the
untouched release 0. Then the student's loop in the same environment: the student data
command and the reference's self-check in a kernel of that environment, with no traceback.

Slow (a fresh install downloads TensorFlow): ``pytest -m slow tests/ci/test_fresh_install.py -s``.
The fresh environment (and ``AUTOGRADER_TEST_WHEELHOUSE``, to install without downloading)
comes from ``tests/ci/conftest.py``; the notebooks of every week run in it in
`test_student_notebooks.py`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.ci.conftest import SPEC, TIMINGS, clean_env, step
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.kernel]

SOLUTION = ROOT / "solutions" / SPEC.id / SPEC.notebook


def _grade(repo: Path, venv: Path, key: str, runner: Path) -> dict:
    env = clean_env(venv, runner)
    for name in ("prepare", "run"):
        step(repo, env, name)
    step(repo, env, "decrypt", HELDOUT_KEY=key)
    step(repo, env, "score")
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
    env = clean_env(venv, tmp_path / "unused")
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
