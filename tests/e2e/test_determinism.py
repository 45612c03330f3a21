"""Regrading the same submission gives the same score, messages and measurements.

The prelude seeds Python, NumPy and TensorFlow and turns on TensorFlow's deterministic
ops in every front-end's kernel; the grader's own measurements (held-out accuracy, the
model on the student's splits) run on fixed data in a fixed order.
"""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

from tests.conftest import SOLUTION

pytestmark = [pytest.mark.kernel, pytest.mark.slow]  # five gradings
RUNS = 5


def test_five_regrades_agree(grader_env, tmp_path):
    notebook = nbformat.read(SOLUTION, as_version=4)
    training = [c for c in notebook.cells if c.cell_type == "code" and "model.fit(" in c.source]
    assert len(training) == 1 and "epochs=15" in training[0].source
    # A short run (4 batches, 1 epoch) still trains real weights from a seeded start; the
    # grader's measurements of it must come out the same each time.
    training[0].source = training[0].source.replace("epochs=15", "epochs=1").replace(
        "    train_dataset,\n", "    train_dataset.take(4),\n")
    assert "train_dataset.take(4)" in training[0].source
    paths = []
    for run in range(RUNS):
        path = tmp_path / f"run{run}" / "C2W1_Assignment.ipynb"
        path.parent.mkdir()
        nbformat.write(notebook, path)
        paths.append(path)
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, paths), "--assignment", "C2W1",
         "--out-dir", str(tmp_path / "results"), "--quiet"],
        env=grader_env, cwd=tmp_path, capture_output=True, text=True, timeout=1800)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results = [json.loads((tmp_path / "results" / f"run{run}" / "C2W1_Assignment.json")
                          .read_text()) for run in range(RUNS)]
    graded = [[(c["check_id"], c["status"], c["points"], c["feedback"], c["detail"])
               for c in result["checks"]] for result in results]
    assert all(g == graded[0] for g in graded), "regrades disagree"
    assert len({r["execution"]["message"] for r in results}) == 1
    heldout = next(c for c in results[0]["checks"] if c["check_id"] == "heldout_accuracy")
    assert "accuracy=" in heldout["detail"]  # the measurement itself is compared, not a verdict
