"""Editions as data: which edition of a week a notebook is graded as, and how it is told."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.assignments import get_assignment
from autograder.assignments.editions import edition_for, edition_title, editions_of
from autograder.config import load_settings
from autograder.results import GradeResult, from_dict, to_dict
from tests.conftest import ROOT

CURRENT = ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb"
OLDER = ROOT / "solutions" / "C2W1_colab" / "C2W1_Assignment.ipynb"
OLDER_RELEASE = ROOT / "release" / "C2W1_colab" / "C2W1_Assignment.ipynb"


def _notebook(tmp_path, *sources: str, markdown: str = ""):
    path = tmp_path / "C2W1_Assignment.ipynb"
    cells = [new_code_cell(s) for s in sources]
    cells += [new_markdown_cell(markdown)] if markdown else []
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_week1_declares_both_editions_main_first():
    names = [spec.edition.name for spec in editions_of("C2W1")]
    assert names == ["keras3", "colab"]
    assert get_assignment("C2W1").name == "C2W1"
    assert get_assignment("c2w1_COLAB").name == "C2W1_colab"
    assert get_assignment("C2W1_colab").id == "C2W1"  # same week, data and settings table
    assert [s.edition.name for s in editions_of("C2W4")] == ["keras3"]


@pytest.mark.parametrize("notebook, edition", [(CURRENT, "keras3"), (OLDER, "colab"),
                                               (OLDER_RELEASE, "colab")])
def test_the_edition_is_read_from_the_notebooks_code(notebook, edition):
    assert edition_for(notebook, "C2W1").edition.name == edition


def test_a_notebook_of_neither_edition_and_a_tie_are_the_main_edition(tmp_path):
    assert edition_for(_notebook(tmp_path, "x = 1"), "C2W1").edition.name == "keras3"
    tie = _notebook(tmp_path, "def split_data(a, b, c, d):\n    pass",
                    "def clean_images(a, b):\n    pass")
    assert edition_for(tie, "C2W1").edition.name == "keras3"


def test_names_in_markdown_or_strings_do_not_count(tmp_path):
    path = _notebook(tmp_path, "text = 'def split_data(): create_train_val_dirs'",
                     markdown="def split_data(SOURCE_DIR, TRAINING_DIR, VALIDATION_DIR, "
                              "SPLIT_SIZE)")
    assert edition_for(path, "C2W1").edition.name == "keras3"


def test_the_course_fixes_the_edition_whatever_the_code(tmp_path):
    assert edition_for(CURRENT, "C2W1", {"C2W1": {"edition": "colab"}}).edition.name == "colab"
    assert edition_for(OLDER, "C2W1", {"C2W1": {"edition": "keras3"}}).edition.name == "keras3"
    assert edition_for(OLDER, "C2W1", {"C2W1": {"edition": "auto"}}).edition.name == "colab"
    # an assignment named with its edition (the older edition's nbgrader folder) is that one
    assert edition_for(CURRENT, "C2W1_colab").edition.name == "colab"


def test_autograder_toml_and_environment_set_the_edition(tmp_path):
    config = tmp_path / "autograder.toml"
    config.write_text('[autograder]\n[autograder.C2W1]\nedition = "colab"\n')
    assert load_settings(config_path=config, env={}).assignments["C2W1"]["edition"] == "colab"
    settings = load_settings(config_path=config, env={"AUTOGRADER_C2W1_EDITION": "keras3"})
    assert settings.assignments["C2W1"]["edition"] == "keras3"
    # an edition is no rule: the rules are the edition's own
    assert settings.rules_for(get_assignment("C2W1_colab")) == get_assignment("C2W1_colab").rules


def test_an_unknown_edition_is_refused_with_the_known_ones(tmp_path):
    config = tmp_path / "autograder.toml"
    config.write_text('[autograder]\n[autograder.C2W1]\nedition = "coursera"\n')
    with pytest.raises(ValueError, match="C2W1 has no edition 'coursera'. Known: 'keras3', "
                                         "'colab'"):
        load_settings(config_path=config, env={})
    with pytest.raises(KeyError, match="no edition"):
        get_assignment("C2W1_coursera")


def test_result_and_feedback_say_which_edition(tmp_path):
    from autograder.reporters.markdown import markdown_summary
    from autograder.reporters.text import student_feedback

    result = GradeResult(assignment="C2W1", edition="colab", submission="s.ipynb",
                         submission_sha256="", mode="trained", data="stand-in",
                         data_origin="standin", execution={"status": "completed"}, checks=())
    assert from_dict(to_dict(result)).edition == "colab"
    title = edition_title("C2W1", "colab")
    assert "older Colab edition" in title
    assert f"Graded as: {title}" in student_feedback(result)
    assert "older Colab edition" in markdown_summary(result)
    old = to_dict(result)
    del old["edition"]  # a result written before editions
    assert from_dict(old).edition == "" and "Graded as" not in student_feedback(from_dict(old))


def test_result_json_with_an_edition_matches_its_schema():
    import json

    import jsonschema

    from autograder.results.store import SCHEMA_PATH

    result = GradeResult(assignment="C2W1", edition="colab", submission="s.ipynb",
                         submission_sha256="", mode="trained", data="stand-in",
                         data_origin="standin",
                         execution={"status": "completed", "message": ""}, checks=())
    jsonschema.validate(to_dict(result), json.loads(SCHEMA_PATH.read_text()))


def test_a_notebook_of_the_other_edition_is_told_so():
    from autograder.compat.generation import generation_notice

    notice = generation_notice(CURRENT, get_assignment("C2W1_colab"))
    assert notice.startswith("This notebook is written for the current Keras 3 edition of the "
                             "course (clean_images, train_val_datasets, EarlyStoppingCallback), "
                             "but this course grades the assignment as the course's older Colab")
    assert "`split_data()`" in notice
    assert generation_notice(OLDER, get_assignment("C2W1_colab")) is None
    # graded as the current edition, an older notebook keeps the older-API notice and its fix
    assert generation_notice(OLDER, get_assignment("C2W1")).startswith(
        "This notebook uses the older `split_data` API of the course")


def test_the_older_editions_validate_check_runs_its_own_check(monkeypatch, tmp_path):
    """nbgrader's Validate button on the older edition's test cells: the edition's artifacts
    are exported from the live notebook, not the main edition's."""
    import autograder.notebook as notebook
    from autograder.notebook import CheckFailed, validate_check

    namespace: dict = {}
    monkeypatch.setattr(notebook, "_namespace", lambda: namespace)
    exec("import os\ndef create_train_val_dirs(root_path):\n"
         "    os.makedirs(os.path.join(root_path, 'training', 'cats'))\n", namespace)
    with pytest.raises(CheckFailed, match="training/dogs, validation/cats, validation/dogs "
                                          "missing"):
        validate_check("C2W1_colab", "train_val_dirs_made")
    exec("def create_train_val_dirs(root_path):\n"
         "    for split in ('training', 'validation'):\n"
         "        for animal in ('cats', 'dogs'):\n"
         "            os.makedirs(os.path.join(root_path, split, animal))\n", namespace)
    validate_check("C2W1_colab", "train_val_dirs_made")


def test_nbgrader_grades_the_edition_of_its_release_folder(tmp_path):
    """An older notebook handed in to the nbgrader assignment C2W1 is graded as the edition
    whose test cells it holds (the main one), C2W1_colab's as the older one."""
    from autograder.assignments.editions import with_edition
    from autograder.nbgrader_preprocessor import grader_command

    assert with_edition("C2W1") == "C2W1_keras3" and with_edition("c2w1_colab") == "c2w1_colab"
    assert with_edition("ps1") == "ps1"
    assert edition_for(OLDER, with_edition("C2W1")).edition.name == "keras3"
    command = grader_command(tmp_path / "nb.ipynb", assignment="C2W1_colab",
                             result=tmp_path / "r", executed=tmp_path / "e")
    assert command[command.index("--assignment") + 1] == "C2W1_colab"
    command = grader_command(tmp_path / "nb.ipynb", assignment="C2W1", result=tmp_path / "r",
                             executed=tmp_path / "e")
    assert command[command.index("--assignment") + 1] == "C2W1_keras3"


@pytest.mark.parametrize("notebook, edition", [
    (ROOT / "solutions" / "C2W3" / "C2W3_Assignment.ipynb", "keras3"),
    (ROOT / "solutions" / "C2W3_colab" / "C2W3_Assignment.ipynb", "colab"),
    (ROOT / "release" / "C2W3_colab" / "C2W3_Assignment.ipynb", "colab"),
    (ROOT / "tests" / "compat" / "C2W3_older_generation.ipynb", "colab")])
def test_week3_declares_both_editions_and_reads_each_from_its_code(notebook, edition):
    assert [s.edition.name for s in editions_of("C2W3")] == ["keras3", "colab"]
    assert get_assignment("C2W3_colab").id == "C2W3"
    assert edition_for(notebook, "C2W3").edition.name == edition
