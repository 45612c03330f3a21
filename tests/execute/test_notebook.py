"""Reading submissions and laying out the notebook the kernel runs (no kernel needed)."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.execute import execute_notebook
from autograder.execute.errors import InvalidNotebook
from autograder.execute.notebook import FIRST_STUDENT_POSITION, read_submission, student_notebook, working_notebook

LIMITS = {"cell_timeout": 30, "notebook_timeout": 60}


@pytest.mark.parametrize("content, reason", [
    ("this is not json", "(it is not valid JSON)"),
    ("", "(it is not valid JSON)"),
    ('{"cells": 3, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "(its JSON does not have the structure"),
    ('{"nbformat": 4}', "missing an expected key: cells"),
    ('{"nbformat": 9}', "(Unsupported nbformat version 9)"),
])
def test_unreadable_notebook_is_reported_without_a_kernel(tmp_path, workdir, content, reason):
    path = tmp_path / "submission.ipynb"
    path.write_text(content)

    report = execute_notebook(path, workdir=workdir, **LIMITS)

    assert report.status == "invalid_notebook"
    assert (report.cells_total, report.cells_run, report.epilogue_ran) == (0, 0, False)
    assert report.message.startswith("The submitted file could not be read as a Jupyter notebook (")
    assert reason in report.message


def test_missing_notebook_is_reported(tmp_path, workdir):
    report = execute_notebook(tmp_path / "absent.ipynb", workdir=workdir, **LIMITS)

    assert report.status == "invalid_notebook" and "No notebook file was found" in report.message


def test_cell_without_source_is_invalid(tmp_path):
    path = tmp_path / "submission.ipynb"
    path.write_text('{"cells": [{"cell_type": "code", "id": "c1", "metadata": {}}], "metadata": {}, '
                    '"nbformat": 4, "nbformat_minor": 5}')

    with pytest.raises(InvalidNotebook, match="cell 1 has no type or no source"):
        read_submission(path)


@pytest.mark.parametrize("bad", [{"cell_timeout": 0}, {"notebook_timeout": -1},
                                 {"epilogue_timeout": float("nan")}])
def test_limits_must_be_positive(make_notebook, workdir, bad):
    with pytest.raises(ValueError, match="positive number of seconds"):
        execute_notebook(make_notebook("x = 1"), workdir=workdir, **{**LIMITS, **bad})


def test_workdir_must_exist(make_notebook, tmp_path):
    with pytest.raises(ValueError, match="existing folder"):
        execute_notebook(make_notebook("x = 1"), workdir=tmp_path / "absent", **LIMITS)


def test_working_notebook_wraps_a_cleared_copy_between_hidden_cells():
    cell = new_code_cell("x = 1", outputs=[{"output_type": "stream", "name": "stdout", "text": "old\n"}],
                         execution_count=7)
    nb = new_notebook(cells=[cell])

    work = working_notebook(nb, "SEED = 1", None)

    assert [c.source for c in work.cells] == ["SEED = 1", "x = 1", ""]
    assert work.cells[FIRST_STUDENT_POSITION].outputs == [] and work.cells[1].execution_count is None
    assert nb.cells[0].outputs and nb.cells[0].execution_count == 7  # the submission is untouched
    assert [c.source for c in student_notebook(work).cells] == ["x = 1"]
