"""Each week's source notebook: its grade cells are its checks, with the same points; its
release hides the tests; its graded names have solution cells."""

from __future__ import annotations

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS, get_assignment
from autograder.assignments.editions import editions_of
from tests.conftest import ROOT

#: Every notebook folder: each week's editions by `Assignment.name` ("C2W1", "C2W1_colab").
NOTEBOOKS = tuple(spec.name for week in ASSIGNMENT_IDS for spec in editions_of(week))

SPEC = get_assignment("C2W1")
SOURCE = ROOT / "source" / "C2W1" / SPEC.notebook
#: The graded names (solution cells) of each week.
SOLUTIONS = {"C2W1": {"clean_images", "train_val_datasets", "create_model", "callback"},
             "C2W2": {"train_val_datasets", "create_augmentation_model", "create_model",
                      "callback"},
             "C2W3": {"train_val_datasets", "create_pre_trained_model", "output_of_last_layer",
                      "create_final_model", "callback"},
             "C2W4": {"parse_data_from_input", "train_val_datasets", "create_model"},
             "C2W1_colab": {"create_train_val_dirs", "split_data", "train_val_generators",
                            "create_model"},
             "C2W2_colab": {"create_train_val_dirs", "split_data", "train_val_generators",
                            "create_model"},
             "C2W3_colab": {"train_val_generators", "create_pre_trained_model",
                            "output_of_last_layer", "create_final_model", "callback"}}


def _path(folder: str, assignment: str):
    return ROOT / folder / assignment / get_assignment(assignment).notebook


def _grade_cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]


def test_every_week_is_listed_here():
    assert set(SOLUTIONS) == set(NOTEBOOKS)


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_one_grade_cell_per_check_with_its_points(assignment):
    spec = get_assignment(assignment)
    cells = _grade_cells(_path("source", assignment))
    assert [c.metadata.nbgrader.grade_id for c in cells] == [c.id for c in spec.checks]
    for cell, check in zip(cells, spec.checks):
        assert cell.metadata.nbgrader.points == check.points
        assert "### BEGIN HIDDEN TESTS" in cell.source
        # Nothing grades in the student's kernel: the grader fills these cells from outside.
        assert "import" not in cell.source and "autograder.notebook" not in cell.source
        assert check.title in cell.source
        # What nbgrader's Validate runs: the visible line, the check's student-side self-check
        visible = cell.source.split("### BEGIN HIDDEN TESTS")[0].strip().splitlines()
        assert visible[1:] == [f'validate_check("{assignment}", "{check.id}")']


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_import_guard_defines_validate_check_without_the_course_package(
        assignment, monkeypatch, capsys):
    """In a kernel without the course package, the first cell says in one line how to get
    self-checks, and the test cells' line prints one line."""
    import sys

    notebook = nbformat.read(_path("source", assignment), as_version=4)
    imports = next(c for c in notebook.cells if c.cell_type == "code").source
    assert "from autograder.notebook import self_check, validate_check" in imports
    guard = imports[imports.index("try:"):]
    namespace: dict = {}
    exec(guard, namespace)  # noqa: S102 - with the course package: the cell says nothing
    assert capsys.readouterr().out == ""
    monkeypatch.setitem(sys.modules, "autograder.notebook", None)  # import raises ImportError
    exec(guard, namespace)  # noqa: S102 - the notebook's own first cell
    said = capsys.readouterr().out.splitlines()
    assert len(said) == 1 and "'Run it yourself' says how to install it" in said[0], said
    namespace["validate_check"](assignment, get_assignment(assignment).checks[0].id)
    assert capsys.readouterr().out.startswith("Self-check skipped: the course package is not ")


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_source_test_cells_are_the_authoring_commands_output(assignment):
    from autograder.authoring import test_cells

    source = nbformat.read(_path("source", assignment), as_version=4)
    assert test_cells(get_assignment(assignment), source) == source, \
        f"run: autograder author {assignment}"


def test_authoring_adds_moves_and_removes_test_cells_with_the_checks():
    import dataclasses

    from autograder.authoring import test_cells
    from autograder.checks.base import check, passed

    @check("model_has_dropout", title="create_model() has a Dropout layer", points=2,
           needs=("created_model",))
    def new_check(artifacts):
        return passed()

    checks = list(SPEC.checks)
    checks.insert(checks.index(SPEC.check("model_three_conv_layers")) + 1, new_check)
    checks.remove(SPEC.check("model_accuracy_metric"))
    changed = dataclasses.replace(SPEC, checks=tuple(checks))
    authored = test_cells(changed, nbformat.read(SOURCE, as_version=4))
    cells = [c for c in authored.cells if c.metadata.get("nbgrader", {}).get("grade")
             and not c.metadata.nbgrader.get("solution")]
    assert [c.metadata.nbgrader.grade_id for c in cells] == [c.id for c in checks]
    added = cells[[c.id for c in checks].index("model_has_dropout")]
    assert added.metadata.nbgrader.points == 2.0 and added.metadata.nbgrader.locked
    assert added.source.startswith("# create_model() has a Dropout layer (2 points)\n")
    assert test_cells(changed, authored) == authored  # a second run changes nothing


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_release_hides_the_test_code(assignment):
    for cell, check in zip(_grade_cells(_path("release", assignment)),
                           get_assignment(assignment).checks):
        assert "HIDDEN" not in cell.source and "Graded outside" not in cell.source
        assert cell.source.splitlines()[-1] == f'validate_check("{assignment}", "{check.id}")'


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_every_graded_name_has_a_solution_cell(assignment):
    notebook = nbformat.read(_path("source", assignment), as_version=4)
    solutions = {c.metadata.nbgrader.grade_id for c in notebook.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    assert solutions == SOLUTIONS[assignment]
