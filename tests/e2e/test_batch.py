"""A batch with broken, endless and kernel-killing notebooks: each is graded, none stops it."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.results import result_key
from tests.conftest import ROOT

#: name → (cells, execution status it must be graded with)
BAD = {
    # the kernel survives the interrupt, so the notebook goes on after the stopped cell
    "endless-loop": (["x = 1", "while True:\n    pass", "print('after')"], "cell_errors"),
    "kills-its-kernel": (["import os", "os._exit(1)"], "kernel_died"),
    "runs-out-of-notebook-time": ([f"import time\ntime.sleep(4)  # cell {i}" for i in range(6)],
                                  "timed_out"),
}


def _write(folder, cells):
    folder.mkdir()
    path = folder / "C2W1_Assignment.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(c) for c in cells]), path)
    return path


@pytest.mark.kernel
def test_bad_notebooks_are_graded_and_the_batch_goes_on(grader_env, tmp_path):
    notebooks = [_write(tmp_path / name, cells) for name, (cells, _) in BAD.items()]
    (tmp_path / "not-json").mkdir()
    (tmp_path / "not-json" / "C2W1_Assignment.ipynb").write_text("{ not json")
    notebooks.append(tmp_path / "not-json" / "C2W1_Assignment.ipynb")
    notebooks.append(tmp_path / "missing" / "C2W1_Assignment.ipynb")
    out = tmp_path / "results"

    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks), "--assignment",
         "C2W1", "--out-dir", str(out), "--cell-timeout", "5", "--notebook-timeout", "15"],
        env=grader_env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    output = completed.stdout + completed.stderr

    # every notebook got a grade; the missing file "could not be graded" (exit 1), never 0 points
    assert completed.returncode == 1, output
    assert "no such notebook file" in output
    assert "Traceback" not in output
    assert elapsed < 240, f"the batch took {elapsed:.0f} s"
    expected = {name: status for name, (_, status) in BAD.items()}
    expected["not-json"] = "invalid_notebook"
    missing = notebooks.pop()
    assert not (out / f"{result_key(missing, root=ROOT)}.json").exists()
    results = {path.parent.name: json.loads(
        (out / f"{result_key(path, root=ROOT)}.json").read_text()) for path in notebooks}
    for name, status in expected.items():
        result = results[name]
        assert result["execution"]["status"] == status, (name, result["execution"])
        assert result["score"] == 0
        assert result["execution"]["message"], name
        assert all(c["feedback"] and ".." not in c["feedback"].replace("...", "")
                   for c in result["checks"]), name
    endless = results["endless-loop"]
    assert "ran for more than 5 s and was stopped" in endless["execution"]["message"]
