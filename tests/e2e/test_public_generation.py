"""Notebooks written for the public version of the course are graded on the same checks.

Week 4 has two public versions: the CSV one must keep full marks (its trained run with
``-m slow``, one epoch by default), the image-folder one loses only the parsing it lacks
(trained, by default)."""

from __future__ import annotations

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.compat import public_generation_c2w2 as week2
from tests.compat import public_generation_c2w3 as week3
from tests.compat import public_generation_c2w4 as week4
from tests.compat.public_generation import LOSES, NOTEBOOK, build
from tests.e2e.conftest import failed_checks, grader_environment, make_data, run_grade
from tests.submissions.c2w2.scenarios import TRAINING_CHECKS
from tests.submissions.c2w4.scenarios import TRAINED as WEEK4_TRAINING_CHECKS


def test_public_notebook_is_up_to_date():
    assert nbformat.read(NOTEBOOK, as_version=4) == build(), \
        "run: python -m tests.compat.public_generation"


@pytest.mark.slow  # trains to the end
@pytest.mark.kernel
def test_public_generation_notebook_loses_only_what_it_lacks(grader_env, tmp_path):
    code, result, output = run_grade(grader_env, NOTEBOOK, tmp_path / "r.json")
    assert code == 0, output
    assert result["execution"]["status"] == "completed", result["execution"]
    assert failed_checks(result) == set(LOSES), output
    lost = [c for c in result["checks"] if c["status"] != "passed"]
    assert all("clean_images" in c["feedback"] for c in lost), lost
    assert result["score"] == result["max_score"] - sum(c["max_points"] for c in lost)


def test_public_week2_notebook_is_up_to_date():
    assert nbformat.read(week2.NOTEBOOK, as_version=4) == week2.build(), \
        "run: python -m tests.compat.public_generation_c2w2"


@pytest.mark.kernel
@pytest.mark.parametrize("epochs", [pytest.param(1, id="one-epoch"),
                                    pytest.param(35, id="trained", marks=pytest.mark.slow)])
def test_public_week2_notebook_keeps_every_point_it_can(week2_env, tmp_path, epochs):
    """After one epoch only the training checks may be lost; trained, nothing."""
    notebook = week2.build()
    for cell in notebook.cells:
        cell.source = cell.source.replace("epochs=35", f"epochs={epochs}")
    path = tmp_path / "C2W2" / week2.NOTEBOOK.name
    path.parent.mkdir()
    nbformat.write(notebook, path)
    code, result, output = run_grade(week2_env, path, tmp_path / "r.json", assignment="C2W2")
    assert code == 0, output
    assert result["execution"]["status"] == "completed", result["execution"]
    allowed = week2.LOSES | (TRAINING_CHECKS if epochs == 1 else frozenset())
    assert failed_checks(result) <= allowed, output


def test_public_week4_notebooks_are_up_to_date():
    assert nbformat.read(week4.NOTEBOOK, as_version=4) == week4.build(), \
        "run: python -m tests.compat.public_generation_c2w4"
    assert nbformat.read(week4.FOLDERS_NOTEBOOK, as_version=4) == week4.build_folders(), \
        "run: python -m tests.compat.public_generation_c2w4"


def _grade_week4(env, notebook, tmp_path, epochs: int = 15):
    notebook = nbformat.read(notebook, as_version=4)
    for cell in notebook.cells:
        cell.source = cell.source.replace("epochs=15", f"epochs={epochs}")
    path = tmp_path / "C2W4" / "C2W4_Assignment.ipynb"
    path.parent.mkdir()
    nbformat.write(notebook, path)
    code, result, output = run_grade(env, path, tmp_path / "r.json", assignment="C2W4")
    assert code == 0, output
    assert result["execution"]["status"] == "completed", result["execution"]
    return result, output


@pytest.mark.kernel
@pytest.mark.parametrize("epochs", [pytest.param(1, id="one-epoch"),
                                    pytest.param(15, id="trained", marks=pytest.mark.slow)])
def test_public_week4_csv_notebook_keeps_full_marks(week4_env, tmp_path, epochs):
    """The CSV version (parse_data_from_input, augmenting ImageDataGenerators from
    train_val_generators, Dense(26)): 15/15 trained, 2 to 3 minutes on 2 cores (its
    generators transform every picture on the CPU); after one epoch only the training
    checks may be lost."""
    result, output = _grade_week4(week4_env, week4.NOTEBOOK, tmp_path, epochs)
    assert "notice" not in result["execution"], result["execution"]
    if epochs == 15:
        assert failed_checks(result) == week4.LOSES, output
        assert (result["score"], result["max_score"]) == (15, 15), output
    else:
        assert failed_checks(result) <= WEEK4_TRAINING_CHECKS, output
        assert result["score"] >= 10, output


@pytest.mark.kernel
def test_public_week4_image_folder_notebook_loses_only_parsing(week4_env, tmp_path):
    """The image-folder version (train_val_datasets() on data/train and data/validation,
    one-hot labels, Dense(24), categorical_crossentropy) trained to the end: 12/15, the three
    parsing points it has no function for, and a notice saying why (about 80 s on 2 cores)."""
    result, output = _grade_week4(week4_env, week4.FOLDERS_NOTEBOOK, tmp_path)
    assert failed_checks(result) == week4.FOLDERS_LOSES, output
    assert (result["score"], result["max_score"]) == (12, 15), output
    assert "has no `parse_data_from_input()`" in result["execution"]["notice"]
    heldout = next(c for c in result["checks"] if c["check_id"] == "heldout_accuracy")
    assert heldout["status"] == "passed" and "held-out pictures" in heldout["feedback"]


@pytest.fixture(scope="module")
def week3_env(tmp_path_factory):
    """CI-scale Week 3 pictures and the stand-in weights (pretrained once per machine)."""
    env = grader_environment(tmp_path_factory.mktemp("week3"))
    env.pop("AUTOGRADER_C2W3_WEIGHTS", None)
    return make_data(env, "C2W3")


@pytest.mark.slow  # trains to the end (the structure is graded in-process by default:
@pytest.mark.kernel  # tests/compat/test_c2w3_generations.py)
def test_public_week3_notebook_keeps_full_marks(week3_env, tmp_path):
    """Its pictures in ./data, its weights in ./model, its preprocessing mapped just before
    fit, trained until its callback stops: every point."""
    code, result, output = run_grade(week3_env, week3.NOTEBOOK, tmp_path / "r.json",
                                     assignment="C2W3")
    assert code == 0, output
    assert result["execution"]["status"] == "completed", result["execution"]
    assert "notice" not in result["execution"], result["execution"]["notice"]
    assert failed_checks(result) == set(week3.LOSES), output
    assert result["score"] == result["max_score"] == get_assignment("C2W3").max_score == 21
