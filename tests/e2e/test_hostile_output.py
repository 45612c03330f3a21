"""The hostile corpus' attacks on what the grader prints and renders, through the real CLI
and the real nbgrader.

One ``autograder batch`` grades, in nbgrader's ``submitted/<student>/C2W1/`` layout, the
honest neighbour of `tests/e2e/test_hostile.py` beside four attacks: an exception message
that forges a green full score and GitHub workflow commands
(``prints-forged-score-and-workflow-commands``), HTML and JavaScript outputs
(``displays-html-and-javascript``), a student whose id is a spreadsheet formula and one whose
id clears the screen and puts a workflow command on a line of its own. The
neighbour keeps its points; what the batch prints holds no escape sequence and no workflow
command; ``grades.csv`` holds no formula; the student files ``autograder feedback`` writes
hold the forged text only as text. Then nbgrader autogrades the two notebook attacks and
writes their feedback: the page holds no student script, and in headless Chromium its title
stays nbgrader's.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import RELEASE, ROOT
from tests.e2e.conftest import new_course, nbgrader
from tests.e2e.test_hostile import CAPS, NEIGHBOUR, NEIGHBOUR_SCORE, TIME_LIMITS
from tests.hostile.scenarios import path_of
from tests.reporters.leaks import assert_terminal_safe

pytestmark = pytest.mark.kernel

FORMULA = '=HYPERLINK("http:evil.example","22 of 22")'
#: A student folder whose name clears the screen and puts a workflow command on a line.
ESCAPES = "\x1b[2Jmallory\n::error ::forged in a folder name"
STUDENTS = {"neighbour": NEIGHBOUR,
            "forger": path_of("prints-forged-score-and-workflow-commands"),
            "html": path_of("displays-html-and-javascript"), FORMULA: RELEASE, ESCAPES: RELEASE}
NOTEBOOK = "C2W1_Assignment.ipynb"


def _submit(folder: Path, students: dict[str, Path]) -> None:
    for student, notebook in students.items():
        target = folder / "submitted" / student / "C2W1"
        target.mkdir(parents=True)
        shutil.copyfile(notebook, target / NOTEBOOK)


@pytest.fixture(scope="module")
def batch(grader_env, tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("hostile-output")
    _submit(base, STUDENTS)
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "batch", str(base / "submitted"), "--assignment",
         "C2W1", "--out-dir", str(base / "out"), "--workers", "2", *CAPS,
         *TIME_LIMITS["main"]], env=grader_env, cwd=ROOT, capture_output=True, text=True,
        timeout=3000)
    results = {student: json.loads(path.read_text()) for student in STUDENTS
               if (path := base / "out" / student / "C2W1" / "C2W1_Assignment.json").is_file()}
    return {"base": base, "completed": completed, "results": results, "env": grader_env}


def test_the_batch_grades_all_and_the_neighbour_keeps_its_points(batch):
    completed = batch["completed"]
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    results = batch["results"]
    assert results["neighbour"]["score"] == NEIGHBOUR_SCORE
    assert {results[s]["score"] for s in ("forger", "html", FORMULA)} == {0}
    assert "C2W1: 22 / 22 points" in results["forger"]["execution"]["message"]  # the record


def test_what_the_batch_prints_is_inert(batch):
    completed = batch["completed"]
    assert_terminal_safe(completed.stdout + completed.stderr)


def test_grades_csv_holds_no_formula(batch):
    with open(batch["base"] / "out" / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert {"neighbour", "forger", "html", "'" + FORMULA} <= set(rows)
    row = rows["'" + FORMULA]
    assert row["key"] == f"'{FORMULA}/C2W1/C2W1_Assignment" and row["score"] == "0"
    assert rows["neighbour"]["score"] == str(NEIGHBOUR_SCORE)
    assert not [cell for row in rows.values() for cell in row.values()
                if cell[:1] in ("=", "+", "@", "\t", "\r") or "\x1b" in cell
                or (cell[:1] == "-" and not re.fullmatch(r"-[\d.]+", cell))]


def test_the_students_feedback_files_hold_the_forged_text_as_text(batch, tmp_path):
    result = batch["base"] / "out" / "forger" / "C2W1" / "C2W1_Assignment.json"
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "feedback", str(result), "--out", str(tmp_path),
         "--summary", str(tmp_path / "step-summary.md")], env=batch["env"], cwd=ROOT,
        capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert_terminal_safe(completed.stdout + completed.stderr)
    summary = (tmp_path / "step-summary.md").read_text()
    assert "\x1b" not in summary and "22 / 22 points" in summary
    rendered = MarkdownIt("commonmark").enable("table").render(summary)
    assert "<script" not in rendered and "<a " not in rendered
    page = (tmp_path / "report.html").read_text()
    assert "\x1b" not in page and "22 / 22 points" in page
    for name in ("result.json", "results.json"):
        assert "\\u001b" not in (tmp_path / name).read_text()


@pytest.fixture(scope="module")
def feedback(grader_env, tmp_path_factory) -> dict[str, Path]:
    """nbgrader's feedback pages of the two notebook attacks (autograde, generate_feedback)."""
    course = new_course(tmp_path_factory.mktemp("nbgrader-output"))
    students = {s: STUDENTS[s] for s in ("html", "forger")}
    env = {**grader_env}
    nbgrader(course, env, "generate_assignment", "C2W1", "--force")
    for student in students:
        nbgrader(course, env, "db", "student", "add", student)
    _submit(course, students)
    autograde = nbgrader(course, env, "autograde", "C2W1", "--force")
    (course / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    nbgrader(course, env, "generate_feedback", "C2W1", "--force")
    return {student: course / "feedback" / student / "C2W1" / "C2W1_Assignment.html"
            for student in students}


def test_nbgraders_feedback_holds_no_student_script(feedback):
    page = feedback["html"].read_text()
    assert not re.search(r"<script[^>]*>[^<]*document\.title='pwned'", page)
    assert "onerror=\"document.title" not in page and "<b>student HTML</b>" not in page
    assert "not shown by the grader: text/html" in page  # the student is told
    forged = feedback["forger"].read_text()
    assert "C2W1: 22 / 22 points" in forged and 'class="ansi-green-fg"' not in forged


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser")
                    is None, reason="Chromium is not installed")
def test_nbgraders_feedback_runs_no_student_script_in_chromium(feedback, tmp_path):
    from tests.reporters.browser import open_in_chromium

    facts = open_in_chromium(feedback["html"], tmp_path / "feedback.png")
    assert facts.title and facts.title != "pwned", facts.title
    assert "not shown by the grader" in facts.text
