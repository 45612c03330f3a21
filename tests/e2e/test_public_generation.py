"""Notebooks written for the public version of the course are graded on the same checks."""

from __future__ import annotations

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.compat import public_generation_c2w2 as week2
from tests.compat import public_generation_c2w3 as week3
from tests.compat.public_generation import LOSES, NOTEBOOK, build
from tests.e2e.conftest import failed_checks, grader_environment, make_data, run_grade
from tests.submissions.c2w2.scenarios import TRAINING_CHECKS


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
