"""nbgrader's Validate tells the truth: the real ``nbgrader validate`` on the course's notebooks.

Each test cell's visible line, ``validate_check("C2W4", "<check id>")``, runs that check on the
live notebook and raises with its feedback when it fails (`autograder.notebook.validate_check`);
the grader itself skips test cells, so none of this decides a grade. Validation runs as a
student's would: in a course folder (this project's ``nbgrader_config.py``: its cell time
limit), on a copy of the notebook, with the student's own data (``autograder data WEEK
--student``) and no held-out images.

Fast: every week's untouched release fails on every test cell, with the checks' messages
(its functions raise NotImplementedError, so nothing trains), and a Week 4 notebook with one
mistake fails on exactly the checks the grader takes its points for. Slow (``-m slow``):
every week's reference passes (it trains).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS, get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import new_course
from tests.submissions.c2w4.scenarios import HERE as C2W4_CORPUS, SCENARIOS as C2W4_SCENARIOS

pytestmark = pytest.mark.kernel

PASSED = "Success! Your notebook passes all the tests."
#: How a failed test cell shows in nbgrader's report: its source, with the check's id.
FAILED_CELL = re.compile(r'validate_check\("C2W\d", "(\w+)"\)')
#: Seconds each validation took, printed for the README's figures (``-s``).
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return new_course(tmp_path_factory.mktemp("validate-course"))


@pytest.fixture(scope="module")
def student_data(tmp_path_factory):
    """Returns ``data_root(week)``: the student's data of `week`, made once per module with
    ``autograder data WEEK --student`` (no held-out images, no key)."""
    root = tmp_path_factory.mktemp("student-data")
    made: set[str] = set()

    def data_root(week: str) -> Path:
        if week not in made:
            completed = subprocess.run(
                [sys.executable, "-m", "autograder", "data", week, "--student", str(root)],
                cwd=root, env=_env(root), capture_output=True, text=True)
            assert completed.returncode == 0, completed.stderr[-3000:]
            made.add(week)
        assert not list(root.rglob("*heldout*"))
        return root

    return data_root


def _env(data_root: Path) -> dict[str, str]:
    """A student's environment: the data root, nothing else of the grader's settings."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("AUTOGRADER_") and name != "HELDOUT_KEY"}
    return {**env, "AUTOGRADER_DATA_ROOT": str(data_root), "TF_CPP_MIN_LOG_LEVEL": "3",
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])}


def validate(course: Path, notebook: Path, data_root: Path, label: str) -> str:
    """Runs ``nbgrader validate`` on a copy of `notebook` in `course`; returns its report."""
    folder = course / "student" / label
    folder.mkdir(parents=True)
    shutil.copy(notebook, folder / notebook.name)
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", str(folder / notebook.name)],
        cwd=course, env=_env(data_root), capture_output=True, text=True, timeout=3000)
    TIMINGS[label] = round(time.monotonic() - started, 1)
    print(f"nbgrader validate {label}: {TIMINGS[label]} s")
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def failed_cells(report: str) -> list[str]:
    """Grade ids of the test cells nbgrader's report says failed, in order."""
    return FAILED_CELL.findall(report)


@pytest.fixture(scope="module")
def release_report(course, student_data):
    """Returns ``report(week)``: nbgrader's report on the untouched release of `week`."""
    reports: dict[str, str] = {}

    def report(week: str) -> str:
        if week not in reports:
            notebook = ROOT / "release" / week / get_assignment(week).notebook
            reports[week] = validate(course, notebook, student_data(week), f"{week}-release")
        return reports[week]

    return report


@pytest.mark.parametrize("week", ASSIGNMENT_IDS)
def test_untouched_release_fails_every_test_cell_with_the_checks_messages(release_report, week):
    spec = get_assignment(week)
    report = release_report(week)
    assert PASSED not in report
    assert f"VALIDATION FAILED ON {len(spec.checks)} CELL(S)!" in report, report[-3000:]
    assert failed_cells(report) == [check.id for check in spec.checks]
    # the student's words, never the grader's traceback
    assert report.count("CheckFailed:") == len(spec.checks)
    assert "Traceback" not in report and "autograder/" not in report, report[-3000:]
    assert "Found the placeholder: it still raises NotImplementedError." in report
    functions = {dict(a.params).get("function") for a in spec.artifacts}
    said = set(re.findall(r"How to fix: complete (\w+)\(\) above", report))
    assert said and said <= functions, said


def test_untouched_week4_names_the_function_to_complete(release_report):
    report = release_report("C2W4")
    first = report.split("The following cell failed:")[1]
    assert 'validate_check("C2W4", "parse_data_types")' in first
    assert "✗ parse_data_from_input() returns float64 arrays" in first
    assert "How to fix: complete parse_data_from_input() above" in first
    assert "No training history was found." in report  # training_reached_bars: fit never ran


def test_week4_with_one_mistake_fails_where_the_grader_takes_points(course, student_data,
                                                                     tmp_path):
    """The corpus's Dense(10) head, in create_model() only (Validate refuses a notebook whose
    locked cells changed): its test cell says why, and so do training's two (fit crashes on
    the first label above 9); every other test cell passes."""
    scenario = C2W4_SCENARIOS["dense-10-head"]
    notebook = nbformat.read(ROOT / "solutions" / "C2W4" / "C2W4_Assignment.ipynb", 4)
    cell = next(c for c in notebook.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "create_model")
    for old, new in scenario.edits["create_model"].items():
        assert old in cell.source
        cell.source = cell.source.replace(old, new)
    nbformat.write(notebook, tmp_path / "C2W4_Assignment.ipynb")
    report = validate(course, tmp_path / "C2W4_Assignment.ipynb", student_data("C2W4"),
                      "C2W4-dense-10-head")
    assert set(failed_cells(report)) == set(scenario.loses), report[-4000:]
    head = report.split('validate_check("C2W4", "model_softmax_head")')[1].split("=====")[0]
    assert "✗ The last layer is Dense(24, 25 or 26, activation='softmax')" in head
    assert "Dense(10" in head, head  # what was found, from the check's feedback
    assert "NotImplementedError" not in report and "Traceback" not in report


# Each trains the week's reference. nbgrader validate on the shared 2-core AMD EPYC, 2026-12-07
# (load 5-17): Week 1 412 s, Week 2 545 s, Week 3 800 s, Week 4 89 s.
@pytest.mark.slow
@pytest.mark.parametrize("week", ASSIGNMENT_IDS)
def test_reference_passes_validate(course, student_data, week):
    spec = get_assignment(week)
    report = validate(course, ROOT / "solutions" / week / spec.notebook, student_data(week),
                      f"{week}-reference")
    assert PASSED in report, report[-4000:]


def test_validate_lines_never_run_when_grading():
    """The grader skips test cells: their line decides nothing (the grade comes from outside
    the kernel)."""
    from autograder.pipeline import is_grader_test_cell

    for week in ASSIGNMENT_IDS:
        notebook = nbformat.read(ROOT / "release" / week / get_assignment(week).notebook, 4)
        calling = [c for c in notebook.cells
                   if any(line.startswith("validate_check(") for line in c.source.splitlines())]
        assert calling and all(is_grader_test_cell(c) for c in calling), week
