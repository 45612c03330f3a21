"""The hostile corpus through the real ``nbgrader autograde`` (slow: the reference trains).

Each scenario is a student of an nbgrader course (``submitted/<scenario>/C2W1/``); the
short-time-limit scenarios go to a course of their own with the CLI test's short limits.
nbgrader grades through `AutograderGrade`, so every scenario must get no more points in
``nbgrader export`` than the CLI allows it (`tests/hostile/scenarios.py`), the reference
22 after the attacks and the untouched release 0. Files that are not notebooks at all are
refused by nbgrader itself, which says so and goes on with the others.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.assignments import get_assignment
from autograder.config import OPTIONS
from tests.conftest import RELEASE, SOLUTION
from tests.e2e.conftest import new_course
from tests.e2e.test_hostile import CAPS, TIME_LIMITS
from tests.hostile.scenarios import SCENARIOS, path_of

pytestmark = [pytest.mark.kernel, pytest.mark.slow]

SPEC = get_assignment("C2W1")
#: Scenarios whose file is not a notebook: nbgrader refuses them before any grading.
NOT_NOTEBOOKS = {name for name, s in SCENARIOS.items() if s.base == "file"}
TIMESTAMP = "2026-11-26 09:00:00.000000 UTC"


def _env(base: dict, flags: tuple[str, ...]) -> dict:
    """`base` with the CLI test's caps and limits as ``AUTOGRADER_*`` variables."""
    by_flag = {option.flag: option.env for option in OPTIONS}
    return {**base, **{by_flag[flag]: value for flag, value in zip(flags[::2], flags[1::2])}}


def _autograde(course: Path, env: dict, students: dict[str, Path]) -> subprocess.CompletedProcess:
    new_course(course)
    run = [sys.executable, "-m", "nbgrader"]
    subprocess.run([*run, "generate_assignment", "C2W1", "--force"], cwd=course, env=env,
                   check=True, capture_output=True)
    for student, notebook in students.items():
        subprocess.run([*run, "db", "student", "add", student], cwd=course, env=env, check=True,
                       capture_output=True)
        target = course / "submitted" / student / "C2W1"
        target.mkdir(parents=True)
        shutil.copyfile(notebook, target / SPEC.notebook)
        # as `nbgrader collect` leaves it (export lists undated rows for no one handed in)
        (target / "timestamp.txt").write_text(TIMESTAMP)
    autograde = subprocess.run([*run, "autograde", "C2W1", "--force"], cwd=course, env=env,
                               capture_output=True, text=True, timeout=5400)
    (course / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    subprocess.run([*run, "export"], cwd=course, env=env, check=True, capture_output=True)
    return autograde


def _scores(course: Path) -> dict[str, float]:
    """Raw scores of the students handed in (a refused file's score is 0; nbgrader's log
    names it)."""
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)
                if row["timestamp"] and row["assignment"] == "C2W1"}


@pytest.fixture(scope="module")
def graded(grader_env, tmp_path_factory) -> dict:
    scores, logs = {}, {}
    for batch in ("limits", "main"):
        students = {name: path_of(name) for name, s in SCENARIOS.items() if s.batch == batch}
        if batch == "main":
            students.update(reference=SOLUTION, release=RELEASE)
        course = tmp_path_factory.mktemp(f"nbgrader-{batch}")
        env = _env(grader_env, CAPS + TIME_LIMITS[batch])
        autograde = _autograde(course, env, students)
        logs[batch] = (course / "autograde.log").read_text()
        scores.update(_scores(course))
        assert autograde.returncode == 0 or NOT_NOTEBOOKS & set(students), logs[batch][-5000:]
    return {"scores": scores, "logs": logs}


def test_every_notebook_is_graded_and_files_that_are_not_are_refused(graded):
    notebooks = {name for name in SCENARIOS if name not in NOT_NOTEBOOKS}
    assert notebooks | {"reference", "release"} <= set(graded["scores"]), graded["logs"]
    refused = {name for name in set(SCENARIOS) | {"reference", "release"}
               if any(f"for student '{name}'" in log for log in graded["logs"].values())}
    assert refused == NOT_NOTEBOOKS, graded["logs"]
    for name in NOT_NOTEBOOKS:
        assert graded["scores"].get(name, 0.0) == 0.0


@pytest.mark.parametrize("name", sorted(set(SCENARIOS) - NOT_NOTEBOOKS))
def test_no_scenario_gets_more_than_the_cli_allows(graded, name):
    scenario, score = SCENARIOS[name], graded["scores"][name]
    if scenario.points is not None:
        assert score == scenario.points
    else:
        assert score <= scenario.max_points


def test_reference_keeps_full_marks_and_release_gets_none(graded):
    assert graded["scores"]["reference"] == SPEC.max_score, graded["logs"]["main"][-5000:]
    assert graded["scores"]["release"] == 0.0
