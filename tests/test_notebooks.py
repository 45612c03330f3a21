"""The source notebook's grade cells are the assignment's checks, with the same points."""

from __future__ import annotations

import nbformat

from autograder.assignments import get_assignment
from tests.conftest import RELEASE, SOURCE

SPEC = get_assignment("C2W1")


def _grade_cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]


def test_one_grade_cell_per_check_with_its_points():
    cells = _grade_cells(SOURCE)
    assert [c.metadata.nbgrader.grade_id for c in cells] == [c.id for c in SPEC.checks]
    for cell, check in zip(cells, SPEC.checks):
        assert cell.metadata.nbgrader.points == check.points
        assert "### BEGIN HIDDEN TESTS" in cell.source
        # Nothing grades in the student's kernel: the grader fills these cells from outside.
        assert "import" not in cell.source and "autograder.notebook" not in cell.source
        assert check.title in cell.source


def test_release_hides_the_test_code():
    for cell in _grade_cells(RELEASE):
        assert "HIDDEN" not in cell.source and "Graded outside" not in cell.source


def test_every_graded_name_has_a_solution_cell():
    notebook = nbformat.read(SOURCE, as_version=4)
    solutions = {c.metadata.nbgrader.grade_id for c in notebook.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    assert solutions == {"clean_images", "train_val_datasets", "create_model", "callback"}
