"""The real nbgrader on a course folder: generate, autograde, feedback, export.

`nbgrader autograde` grades with `AutograderGrade` (see ``nbgrader_config.py``), in a
separate process: a notebook that never trains gets the points the CLI gives it, the untouched
release 0, and a submission that tries to grade itself from its kernel gets nothing from it.
The reference's full marks (a full training) are checked with ``-m slow``.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from autograder.assignments import ASSIGNMENT_IDS, get_assignment
from autograder.assignments.editions import editions_of
from autograder.results import CheckResult, GradeResult, to_dict
from tests.conftest import RELEASE, ROOT, SOLUTION
from tests.e2e.conftest import nbgrader, new_course
from tests.submissions.scenarios import HERE as CORPUS, SCENARIOS

SPEC = get_assignment("C2W1")
STUDENTS = ("untrained", "untouched", "cheater")
#: The corpus notebook that builds everything right and never trains: quick to grade, points
#: in every part of the notebook but training.
UNTRAINED = CORPUS / "untrained-model.ipynb"
UNTRAINED_SCORE = SPEC.max_score - sum(
    c.points for c in SPEC.checks if c.id in SCENARIOS["untrained-model"].loses)


@pytest.fixture(scope="module")
def course(grader_env, tmp_path_factory) -> Path:
    return new_course(tmp_path_factory.mktemp("course"))


def _cells(path: Path) -> list[tuple[str, str, dict]]:
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader", {})) for c in notebook.cells]


@pytest.mark.parametrize("assignment", [spec.name for week in ASSIGNMENT_IDS
                                        for spec in editions_of(week)])
def test_release_and_solution_are_generated_from_source(course, grader_env, assignment):
    notebook = get_assignment(assignment).notebook
    nbgrader(course, grader_env, "generate_assignment", assignment, "--force")
    generated = course / "release" / assignment / notebook
    assert _cells(generated) == _cells(ROOT / "release" / assignment / notebook), (
        f"release/ is out of date with source/: run `autograder release {assignment}`")
    from autograder.authoring import solution_notebook

    solved = solution_notebook(nbformat.read(course / "source" / assignment / notebook, 4),
                               nbformat.read(generated, 4))
    assert [c.source for c in solved.cells] == [
        c.source for c in nbformat.read(ROOT / "solutions" / assignment / notebook, 4).cells], (
        f"solutions/ is out of date with source/: run `autograder release {assignment}`")


def _full_marks() -> dict:
    """A result document giving every check full points, as a fake grader would write it."""
    checks = tuple(CheckResult(check_id=c.id, title=c.title, status="passed", points=c.points,
                               max_points=c.points, hidden=c.hidden) for c in SPEC.checks)
    return to_dict(GradeResult(assignment="C2W1", submission="", submission_sha256="",
                               mode="trained", data="", data_origin="standin",
                               execution={"status": "completed"}, checks=checks))


#: A fake grader: `python -m autograder …` run from its folder writes full marks.
FAKE_AUTOGRADER = {
    "__init__.py": "",
    "__main__.py": ("import sys\n"
                    "path = sys.argv[sys.argv.index('--json') + 1]\n"
                    f"open(path, 'w').write({json.dumps(_full_marks())!r})\n"),
    "notebook.py": ("def self_check(*args):\n    pass\n\n"
                    "def grade(assignment, check_id):\n    return 99.0\n"),
}

#: The one cell a cheating student adds to the untouched release.
CHEAT_CELL = f"""\
import os
import autograder.notebook as grading

# What the grader's hidden test cells used to read: every check passed.
grading._RESULTS = {{"C2W1": {{check["check_id"]: check
                            for check in {_full_marks()["checks"]!r}}}}}
# And a fake grader beside the notebook, for whatever imports `autograder` from here.
FAKE = {FAKE_AUTOGRADER!r}
os.makedirs("autograder", exist_ok=True)
for name, text in FAKE.items():
    with open(os.path.join("autograder", name), "w") as handle:
        handle.write(text)
print("pre-filled the results and planted a fake grader")
"""


def _submit(course: Path, student: str, assignment: str = "C2W1") -> None:
    target = course / "submitted" / student / assignment
    target.mkdir(parents=True, exist_ok=True)
    if assignment != "C2W1":  # another edition: its own reference or release
        kind = {"reference": "solutions", "untouched": "release"}[student]
        shutil.copy(ROOT / kind / assignment / SPEC.notebook, target / SPEC.notebook)
    elif student == "cheater":
        notebook = nbformat.read(RELEASE, as_version=4)
        notebook.cells.insert(2, new_code_cell(CHEAT_CELL))  # right after the imports
        nbformat.write(notebook, target / SPEC.notebook)
        (target / "autograder").mkdir(exist_ok=True)
        for name, text in FAKE_AUTOGRADER.items():
            (target / "autograder" / name).write_text(text)
    else:
        source = {"reference": SOLUTION, "untrained": UNTRAINED, "untouched": RELEASE}[student]
        shutil.copy(source, target / SPEC.notebook)


def _autograde(course: Path, env: dict, students: tuple[str, ...],
               assignment: str = "C2W1") -> Path:
    """The course after autograde, generate_feedback and export of `students`."""
    nbgrader(course, env, "generate_assignment", assignment, "--force")
    for student in students:
        nbgrader(course, env, "db", "student", "add", student)
        _submit(course, student, assignment)
    autograde = nbgrader(course, env, "autograde", assignment, "--force")
    (course / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    nbgrader(course, env, "generate_feedback", assignment, "--force")
    nbgrader(course, env, "export")
    return course


@pytest.fixture(scope="module")
def graded(course, grader_env) -> Path:
    return _autograde(course, grader_env, STUDENTS)


def _scores(course: Path, assignment: str = "C2W1") -> dict[str, float]:
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)
                if row["assignment"] == assignment}


def _feedback(course: Path, student: str, assignment: str = "C2W1") -> str:
    return (course / "feedback" / student / assignment / "C2W1_Assignment.html").read_text()


@pytest.mark.kernel
def test_autograde_gives_the_clis_points(graded):
    scores = _scores(graded)
    log = (graded / "autograde.log").read_text()[-6000:]  # AutograderGrade logs why
    assert scores["untrained"] == UNTRAINED_SCORE, log
    assert scores["untouched"] == 0.0, log


@pytest.mark.slow  # a full training inside nbgrader autograde
@pytest.mark.kernel
def test_autograde_gives_the_reference_full_marks(grader_env, tmp_path):
    graded = _autograde(new_course(tmp_path), grader_env, ("reference",))
    log = (graded / "autograde.log").read_text()[-6000:]
    assert _scores(graded)["reference"] == SPEC.max_score, log
    assert "(4 of 4 points)" in _feedback(graded, "reference")


@pytest.mark.kernel
def test_feedback_shows_verdicts_and_student_messages_never_hidden_tests(graded):
    untouched, untrained = _feedback(graded, "untouched"), _feedback(graded, "untrained")
    assert "create_model() raised NotImplementedError" in untouched
    assert "(2 of 2 points)" in untrained and "Graded on:" in untrained
    assert "(0 of 4 points)" in untrained  # held-out accuracy of a model that never trained
    for page in (untouched, untrained):
        assert "BEGIN HIDDEN TESTS" not in page
        assert "Graded outside your notebook" not in page  # the hidden region's text
        assert "AutograderGrade" not in page


@pytest.mark.kernel
def test_a_submission_cannot_grade_itself_from_its_kernel(graded):
    assert _scores(graded)["cheater"] == 0.0
    autograded = nbformat.read(graded / "autograded" / "cheater" / "C2W1" / SPEC.notebook, 4)
    outputs = json.dumps([c.get("outputs", []) for c in autograded.cells])
    assert "pre-filled the results and planted a fake grader" in outputs  # the cheat did run


@pytest.mark.kernel
def test_autograde_grades_the_older_editions_release_zero(grader_env, tmp_path):
    """nbgrader's C2W1_colab folder is graded on the older edition's rubric (its test cells'
    points), whatever the course's setting says."""
    graded = _autograde(new_course(tmp_path), grader_env, ("untouched",), "C2W1_colab")
    log = (graded / "autograde.log").read_text()[-6000:]
    assert _scores(graded, "C2W1_colab")["untouched"] == 0.0, log
    page = _feedback(graded, "untouched", "C2W1_colab")
    assert "Graded as: the course" in page and "older Colab edition" in page, page[-3000:]
    assert "BEGIN HIDDEN TESTS" not in page


@pytest.mark.slow  # a full training (15 epochs through ImageDataGenerator) inside autograde
@pytest.mark.kernel
def test_autograde_gives_the_older_editions_reference_full_marks(grader_env, tmp_path):
    graded = _autograde(new_course(tmp_path), grader_env, ("reference",), "C2W1_colab")
    log = (graded / "autograde.log").read_text()[-6000:]
    assert _scores(graded, "C2W1_colab")["reference"] == \
        get_assignment("C2W1_colab").max_score == 18, log
