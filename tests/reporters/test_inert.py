"""Student text stays text: in terminals and CI logs, Markdown, HTML, CSV and nbgrader cells.

The unit tests take each function of `autograder.reporters.inert` alone; the others take
every place that prints or writes a result, with one hostile result: feedback, title, data
and execution message full of escape sequences, workflow commands, Markdown and HTML.
"""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stdout

import pytest
from markdown_it import MarkdownIt

from autograder.reporters.inert import (echo, for_terminal, markdown_inline, plain,
                                        spreadsheet_cell)
from autograder.results import CheckResult, GradeResult
from tests.reporters.leaks import assert_terminal_safe

FORGED = "\x1b[2J\x1b[H\x1b[1;32mC2W1: 22 / 22 points\x1b[0m"
COMMANDS = ("::error ::Grader crashed", "  ::add-mask::C2W1", "::stop-commands::tok",
            "\t::warning file=x::y", "ok\r::notice::after a carriage return",
            "text ##[error]old form", "\x9b2J\u202eevil\u2066")
HOSTILE = "\n".join((FORGED, *COMMANDS, "<frozen runpy> | `tick` [link](http://x) *b* &amp;"))


def _hostile_result(student: str = "=HYPERLINK(\"http://x\",\"ok\")") -> GradeResult:
    checks = (CheckResult("a", "Title <b>|</b> \x1b[31m", "failed", 0, 2, False,
                          f"Expected x. Found {HOSTILE}. How to fix: {HOSTILE}", "detail"),
              CheckResult("b", "Fine", "passed", 1, 1, False))
    return GradeResult(assignment="C2W1", submission=f"submitted/{student}/C2W1/a.ipynb",
                       submission_sha256="", mode="trained", data="data " + COMMANDS[0],
                       data_origin="standin", student=student,
                       execution={"status": "cell_errors", "message": HOSTILE,
                                  "notice": FORGED}, checks=checks)


# --- the functions ------------------------------------------------------------------------

def test_plain_strips_escapes_and_controls_but_keeps_newlines_and_tabs():
    assert plain(FORGED) == "C2W1: 22 / 22 points"
    assert plain("a\tb\r\nc\rd\x07\x00e\x7f") == "a\tb\nc\nde"
    assert plain("\x1b]0;pwned title\x07after") == "after"  # OSC: window title
    assert plain("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "link"  # OSC 8 hyperlink
    assert plain("\x9b2J\u202eabc\u2069") == "2Jabc"  # 8-bit CSI, bidirectional override
    assert plain("ünïcödé ✓ 中文") == "ünïcödé ✓ 中文"


@pytest.mark.parametrize("line", COMMANDS)
def test_no_line_for_the_terminal_is_a_workflow_command(line):
    assert any(part.lstrip().startswith("::") for part in line.replace("\r", "\n").split("\n")
               ) or "##[" in line or "\x9b" in line  # the input is hostile
    assert_terminal_safe(for_terminal(line))


def test_for_terminal_escapes_visibly_and_is_idempotent():
    assert for_terminal("::error ::x\n  ::add-mask::y") == "\\::error ::x\n  \\::add-mask::y"
    assert for_terminal("a ::b") == "a ::b"  # only a line's start is a command
    assert for_terminal(for_terminal(HOSTILE)) == for_terminal(HOSTILE)


def test_echo_prints_inert_text():
    out = io.StringIO()
    with redirect_stdout(out):
        echo(HOSTILE)
    assert_terminal_safe(out.getvalue())


def _rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markdown_inline_renders_as_the_text_itself():
    text = "<frozen runpy> | `tick` [link](http://x) *b* _i_ ~~s~~ &amp; <script>x</script>"
    html = _rendered(markdown_inline(text))
    assert "<frozen" not in html and "<script" not in html and "<a " not in html
    assert "<code>" not in html and "<em>" not in html and "<strong>" not in html
    assert "&lt;frozen runpy&gt; | `tick` [link](http://x) *b* _i_ ~~s~~ &amp;amp;" in html
    assert markdown_inline("a\nb\r\nc") == "a<br>b<br>c"


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("\r=x", "'\n=x"), ("  =1+1", "'  =1+1"), ("\x1b[2J=1", "'=1"),
    ("a\x1b[2Jb", "ab"), ("-3.5", "-3.5"), ("+4", "+4"), ("-1e3", "-1e3"),
    (-2, -2), (17.0, 17.0), ("alice", "alice"), ("", ""), ("a=b", "a=b")])
def test_spreadsheet_cell_defuses_formulas_and_keeps_numbers(value, cell):
    assert spreadsheet_cell(value) == cell


# --- every place a result is printed or written -----------------------------------------

def test_text_reports_are_terminal_safe():
    from autograder.reporters import batch_table, score_table, student_feedback

    result = _hostile_result()
    for text in (student_feedback(result), score_table(result),
                 batch_table([(HOSTILE, result, ""), (HOSTILE, None, HOSTILE)])):
        assert_terminal_safe(text)
    assert "C2W1: 22 / 22 points" in student_feedback(result)  # the text stays, inert


def test_markdown_summary_renders_student_text_as_text():
    from autograder.reporters import markdown_summary

    summary = markdown_summary(_hostile_result())
    html = _rendered(summary)
    assert "<frozen" not in html and "<b>" not in html and "<a " not in html
    assert "&lt;frozen runpy&gt;" in html and "\x1b" not in summary
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert len(rows) == 3 and html.count("<tr>") == 3  # header and two checks, nothing split


def test_html_report_escapes_student_text():
    from autograder.reporters import render_html_report

    html = render_html_report(_hostile_result())
    assert "<frozen" not in html and "<b>|</b>" not in html and "\x1b" not in html
    assert "&lt;frozen runpy&gt;" in html


def test_ci_formats_hold_plain_text_and_the_reporters_no_command():
    import base64
    import json

    from autograder.reporters import classroom_result, gradescope_results, reporter_base64

    result = _hostile_result()
    payload = json.loads(base64.b64decode(reporter_base64(result)))
    for test in payload["tests"]:
        assert_terminal_safe(test["message"] + "\n" + test["name"])
    for text in (json.dumps(classroom_result(result)), json.dumps(gradescope_results(result))):
        assert "\\u001b" not in text and "\\r" not in text


def test_gradescope_shows_every_text_as_text_not_markup():
    from autograder.reporters import gradescope_results

    results = gradescope_results(_hostile_result())

    assert results["output_format"] == results["test_output_format"] == "text"
    assert results["test_name_format"] == "text"


def _read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_grades_csv_of_a_batch_defuses_formulas(tmp_path):
    from autograder.batch.summary import BatchRow, write_grades_csv

    write_grades_csv([BatchRow(key="=cmd|' /C calc'!A0/C2W1/a", result=_hostile_result(),
                               reason="@SUM(1)")], tmp_path / "grades.csv")
    (row,) = _read_csv(tmp_path / "grades.csv")
    assert row["student"] == "'=HYPERLINK(\"http://x\",\"ok\")"
    assert row["key"].startswith("'=") and row["failure"] == "'@SUM(1)"
    assert row["score"] == "1" and row["max_score"] == "3"


def test_gradebook_csv_defuses_formulas(tmp_path):
    from autograder.gradebook import write_grades_csv

    write_grades_csv([_hostile_result("+1-2"), _hostile_result("-7")], tmp_path / "all.csv")
    rows = _read_csv(tmp_path / "all.csv")
    assert [row["student"] for row in rows] == ["'+1-2", "-7"]
    assert rows[0]["score"] == "1"


def test_nbgrader_test_cells_hold_no_escape_sequence():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from autograder.nbgrader_preprocessor import fill_test_cells

    notebook = new_notebook(cells=[new_code_cell("pass", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": "a", "points": 2}})])
    fill_test_cells(notebook, _hostile_result())
    text = nbformat.writes(notebook)
    assert "\\u001b" not in text and "C2W1: 22 / 22 points" in text
