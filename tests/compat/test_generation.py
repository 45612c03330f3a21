"""Telling a student the notebook is of the course's older generation or of another week."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.assignments import get_assignment
from autograder.compat.generation import defined_names, generation_notice, graded_names
from autograder.reporters import student_feedback
from autograder.results import CheckResult, GradeResult
from tests.compat import public_generation_c2w4 as week4
from tests.compat.public_generation import NOTEBOOK as PUBLIC
from tests.conftest import RELEASE, ROOT, SOLUTION

SPEC = get_assignment("C2W1")

OLDER = ("def create_train_val_dirs(root_path):\n    pass",
         "def split_data(SOURCE_DIR, TRAINING_DIR, VALIDATION_DIR, SPLIT_SIZE):\n    pass",
         "def train_val_generators(TRAINING_DIR, VALIDATION_DIR):\n    pass",
         "def create_model():\n    pass")
WEEKS = {
    "Week 2 (image augmentation)": ("def train_val_datasets():\n    pass",
                                    "def create_augmentation_model():\n    pass",
                                    "def create_model():\n    pass",
                                    "class EarlyStoppingCallback:\n    pass"),
    "Week 3 (transfer learning)": ("def create_pre_trained_model():\n    pass",
                                   "def output_of_last_layer(pre_trained_model):\n    pass",
                                   "def create_final_model(pre_trained_model, last_output):\n"
                                   "    pass"),
    "Week 4 (multiclass classification)": ("def parse_data_from_input(filename):\n    pass",
                                           "def create_model():\n    pass"),
}


@pytest.fixture
def notebook(tmp_path):
    def write(*sources: str):
        path = tmp_path / "C2W1_Assignment.ipynb"
        cells = [new_markdown_cell("# def split_data(): in a markdown cell does not count")]
        nbformat.write(new_notebook(cells=cells + [new_code_cell(s) for s in sources]), path)
        return path

    return write


def test_older_generation_is_named_with_how_to_fix(notebook):
    notice = generation_notice(notebook(*OLDER), SPEC)
    assert notice.startswith("This notebook uses the older `split_data` API of the course")
    assert "`create_train_val_dirs()`, `split_data()` and `train_val_generators()`" in notice
    assert "`clean_images()`, `train_val_datasets()`, `create_model()` and " \
           "`EarlyStoppingCallback`" in notice
    assert "How to fix:" in notice and "image_dataset_from_directory" in notice


def test_an_older_week2_notebook_is_told_where_its_augmentation_goes(notebook):
    notice = generation_notice(notebook(OLDER[2], OLDER[3]), get_assignment("C2W2"))
    assert notice.startswith("This notebook uses the older `train_val_generators` API of the "
                             "course")
    assert "`train_val_generators()`" in notice and "validation_split=0.15" in notice
    assert "create_augmentation_model()" in notice and "clean_images" not in notice


def test_older_helpers_beside_the_current_api_are_fine(notebook):
    assert generation_notice(notebook(*OLDER, "def train_val_datasets():\n    pass"), SPEC) \
        is None


@pytest.mark.parametrize("week", sorted(WEEKS))
def test_another_weeks_notebook_is_named(notebook, week):
    notice = generation_notice(notebook(*WEEKS[week]), SPEC)
    assert notice.startswith(f"This notebook looks like the {week} assignment")
    assert "none of `clean_images()`" in notice
    assert "This is the Week 1 (cats vs dogs) assignment" in notice
    assert "submit your Week 1 notebook here" in notice


def test_a_week_1_notebook_with_another_weeks_helper_is_fine(notebook):
    sources = (*WEEKS["Week 2 (image augmentation)"], "def clean_images(a, b):\n    pass")
    assert generation_notice(notebook(*sources), SPEC) is None


@pytest.mark.parametrize("path", [SOLUTION, RELEASE, PUBLIC], ids=["solution", "release",
                                                                   "public-generation"])
def test_this_weeks_notebooks_get_no_notice(path):
    assert generation_notice(path, SPEC) is None


def test_unreadable_files_get_no_notice(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{ not json")
    assert generation_notice(tmp_path / "broken.ipynb", SPEC) is None
    assert generation_notice(tmp_path / "missing.ipynb", SPEC) is None


def test_names_are_read_past_magics_and_broken_cells():
    sources = ["%matplotlib inline\n!ls\ndef split_data(a, b, c, d):\n    return 1\nsplit_data?",
               "def create_train_val_dirs(root_path:\n    pass\nx = 1",
               "model: object = None\nasync def later():\n    pass\nclass Callback:\n    pass",
               "if True:\n    def nested():\n        pass"]
    assert defined_names(sources) == {"split_data", "create_train_val_dirs", "x", "model",
                                      "later", "Callback"}


def test_graded_names_are_written_as_a_student_calls_them():
    assert graded_names(SPEC) == ("clean_images()", "train_val_datasets()", "create_model()",
                                  "EarlyStoppingCallback")


def test_student_feedback_shows_the_notice_before_the_checks():
    check = CheckResult(check_id="model_input_shape", title="Input", status="failed",
                        points=0.0, max_points=1.0, hidden=False, feedback="Expected …")
    result = GradeResult(assignment="C2W1", submission="x.ipynb", submission_sha256="",
                         mode="trained", data="stand-in", data_origin="standin",
                         execution={"status": "completed", "message": "ran",
                                    "notice": "This notebook uses the older API."},
                         checks=(check,))
    lines = student_feedback(result).splitlines()
    assert lines[2] == "About your notebook: This notebook uses the older API."
    assert lines.index(lines[2]) < next(i for i, line in enumerate(lines) if "Input" in line)


WEEK4 = get_assignment("C2W4")


def test_week4_image_folder_version_is_told_what_it_lacks():
    notice = generation_notice(week4.FOLDERS_NOTEBOOK, WEEK4)
    assert notice.startswith("This notebook follows the course's image-folder version of this "
                             "assignment")
    assert "has no `parse_data_from_input()`" in notice and "its 3 points are lost" in notice
    assert "How to fix: add `parse_data_from_input(filename)`" in notice
    assert "(N, 28, 28) and (N,)" in notice


@pytest.mark.parametrize("path", [ROOT / "solutions" / "C2W4" / WEEK4.notebook,
                                  ROOT / "release" / "C2W4" / WEEK4.notebook, week4.NOTEBOOK],
                         ids=["solution", "release", "csv-version"])
def test_week4_notebooks_with_a_parser_get_no_notice(path):
    """The CSV version's `train_val_generators` is its name for our `train_val_datasets`,
    not the older generation's folder helper."""
    assert generation_notice(path, WEEK4) is None


def test_week4_notebooks_sent_to_week1_are_named(notebook):
    for path in (week4.NOTEBOOK, week4.FOLDERS_NOTEBOOK):
        notice = generation_notice(path, SPEC)
        if path == week4.NOTEBOOK:
            assert notice.startswith("This notebook looks like the Week 4"), notice
        else:  # train_val_datasets() and create_model() are Week 1's names too
            assert notice is None
