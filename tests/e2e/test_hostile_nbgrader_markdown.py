"""A student's own HTML in Markdown and raw cells, and a student id that is a spreadsheet
formula, through the real ``nbgrader autograde``, ``generate_feedback`` and ``export``.

Two students of an nbgrader course hand in the untouched Week 1 release: one with a
Markdown cell holding a script, an image with an ``onerror`` handler and a frame, and a raw
cell in HTML format; one whose id, last and first names are formulas. The graded notebook
(which feedback and formgrader render) holds the student's HTML only as escaped text, the
feedback page runs none of it (parsed, and in headless Chromium its title stays
nbgrader's), the course's own Markdown renders as before, and ``grades.csv`` holds no
formula.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_raw_cell

from tests.conftest import RELEASE
from tests.e2e.conftest import nbgrader, new_course
from tests.reporters.live_html import live_html

pytestmark = pytest.mark.kernel

PWNED = "document.title='pwned'"
MARKDOWN = (f"## My notes\n\n<script>{PWNED}</script>\n\n<img src=x onerror=\"{PWNED}\">\n\n"
            f"<iframe src=\"javascript:{PWNED}\"></iframe>\n\n*Kept as Markdown:* a **bold** "
            "word and `source_dir/<class>/`.")
RAW = f"<script>{PWNED}</script><img src=y onerror=\"{PWNED}\">"
FORMULA = '=HYPERLINK("evil.example","22 of 22")'  # no "/": the id is a folder name
NAMES = ("--last-name=-2+3", "--first-name=@SUM(A1)")
NOTEBOOK = "C2W1_Assignment.ipynb"


def _with_html(folder: Path) -> Path:
    notebook = nbformat.read(RELEASE, as_version=4)
    notebook.cells[1:1] = [new_markdown_cell(MARKDOWN),
                           new_raw_cell(RAW, metadata={"raw_mimetype": "text/html"})]
    nbformat.write(notebook, folder / NOTEBOOK)
    return folder / NOTEBOOK


@pytest.fixture(scope="module")
def course(grader_env, tmp_path_factory) -> Path:
    course = new_course(tmp_path_factory.mktemp("nbgrader-markdown"))
    students = {"html": _with_html(tmp_path_factory.mktemp("html")), FORMULA: RELEASE}
    nbgrader(course, grader_env, "generate_assignment", "C2W1", "--force")
    nbgrader(course, grader_env, "db", "student", "add", "html")
    nbgrader(course, grader_env, "db", "student", "add", FORMULA, *NAMES)
    for student, notebook in students.items():
        target = course / "submitted" / student / "C2W1"
        target.mkdir(parents=True)
        shutil.copyfile(notebook, target / NOTEBOOK)
    autograde = nbgrader(course, grader_env, "autograde", "C2W1", "--force")
    (course / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    nbgrader(course, grader_env, "generate_feedback", "C2W1", "--force")
    nbgrader(course, grader_env, "export")
    return course


def _feedback(course: Path, student: str) -> Path:
    return course / "feedback" / student / "C2W1" / NOTEBOOK.replace(".ipynb", ".html")


def test_the_graded_notebook_holds_the_students_html_as_text(course):
    graded = nbformat.read(course / "autograded" / "html" / "C2W1" / NOTEBOOK, as_version=4)
    mine = [c.source for c in graded.cells if "pwned" in c.source]
    assert len(mine) == 2 and all("<script" not in source for source in mine), mine
    assert "`source_dir/<class>/`" in mine[0]  # code kept as written


def test_nbgraders_feedback_runs_none_of_it(course):
    page = _feedback(course, "html").read_text()
    neighbour = _feedback(course, FORMULA).read_text()
    assert set(live_html(page)) <= set(live_html(neighbour)), live_html(page)
    assert "&lt;script&gt;document.title=" in page  # shown, as text
    assert "<em>Kept as Markdown:</em>" in page and "<code>source_dir/&lt;class&gt;/</code>" in page


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser")
                    is None, reason="Chromium is not installed")
def test_nbgraders_feedback_runs_no_student_script_in_chromium(course, tmp_path):
    from tests.reporters.browser import open_in_chromium

    facts = open_in_chromium(_feedback(course, "html"), tmp_path / "feedback.png")
    assert facts.title and facts.title != "pwned", facts.title
    assert "<script>document.title=" in facts.text


def test_nbgraders_export_writes_no_formula(course):
    with open(course / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"html", "'" + FORMULA}
    row = rows["'" + FORMULA]
    assert (row["last_name"], row["first_name"], row["raw_score"]) == ("'-2+3", "'@SUM(A1)", "0.0")
    assert not [value for row in rows.values() for value in row.values()
                if value[:1] in ("=", "+", "-", "@", "\t", "\r")]
