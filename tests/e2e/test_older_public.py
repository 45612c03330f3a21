"""Notebooks of the course's older Colab edition as learners handed them in
(`tests/compat/older/`): the course's own download cells run in the sandbox against the
grader's offline copies, and the notebook is graded on its own functions as the edition its
code names.

Measured once on the 2-core AMD EPYC shared with a calibration and three helpers (load
average 12-13), 2026-12-07: Week 1, ``!wget`` of the Microsoft zip into ``/tmp``, ``zipfile``,
``!find … -exec rm``, a forum-style ``split_data``, 15 epochs at ``verbose=1``: 18/18 in
1,036 s; its ``download_history()`` cell (``from google.colab import files``) is the only cell
that fails.
"""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from tests.compat.older import c2w1
from tests.e2e.conftest import run_grade


def test_the_notebook_file_is_up_to_date():
    import nbformat

    def sources(notebook):
        return [(cell.cell_type, cell.source) for cell in notebook.cells]

    assert sources(nbformat.read(c2w1.NOTEBOOK, as_version=4)) == sources(c2w1.build()), \
        "python -m tests.compat.older.c2w1"


@pytest.mark.slow  # trains 15 epochs through ImageDataGenerator
def test_an_older_week1_notebook_fetches_its_zip_and_is_graded_on_its_own_functions(
        grader_env, tmp_path):
    code, result, output = run_grade(grader_env, c2w1.NOTEBOOK, tmp_path / "r.json")
    assert result, output
    assert result["edition"] == "colab"
    assert result["score"] == result["max_score"] == get_assignment("C2W1_colab").max_score, \
        [(c["check_id"], c["feedback"]) for c in result["checks"] if c["status"] != "passed"]
    failures = result["execution"]["failures"]
    assert [f["source_head"] for f in failures] == ["def download_history():"], failures
    assert "exists only on Google Colab" in output and "Restart Kernel" not in output
    assert code == 0, output
