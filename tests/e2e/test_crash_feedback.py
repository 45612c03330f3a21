"""Feedback after a crash, graded through the CLI: a Week 4 notebook whose head is
``Dense(10)`` while its labels go up to 23 (``tests/submissions/c2w4/dense-10-head.ipynb``).

Its training cell raises TensorFlow's ``InvalidArgumentError`` with a 4,500-character message
whose explaining line (``indices[1] = 21 is not in [0, 10)``) comes last, behind frames of
``File "<frozen runpy>"`` and the grader's virtual environment. The student must read the
exception, that line, the cell and the line of it that raised, and no path of the grader; the
training and held-out checks, whose input ``fit`` never made, must say they were not graded
because that cell failed first, never give advice about the model; every reporter must show
the text as text.
"""

from __future__ import annotations

import re

import pytest

from autograder.reporters.html import render_html_report
from autograder.reporters.markdown import markdown_summary
from autograder.reporters.text import student_feedback
from autograder.results import from_dict
from tests.e2e.conftest import grade
from tests.submissions.c2w4.scenarios import HERE as CORPUS

NAME = "dense-10-head"
CAUSE = "InvalidArgumentError at line 7 (`history = model.fit(`): indices[1] = 21 is not in [0, 10)"
NOT_GRADED = re.compile(r"^Not graded: cell (\d+) failed first \(InvalidArgumentError: "
                        r"indices\[1\] = 21 is not in \[0, 10\)\)")
NEVER_MADE = ("training_reached_bars", "heldout_accuracy")
#: The words of `autograder.checks.advice` and of the week's bar-miss feedback.
ADVICE = ("memorises", "small CNN", "How to fix", "below the bar", "train longer", "Found")
GRADER_PATHS = ("<frozen runpy>", "site-packages", ".venv", "/autograder/", "File \"")


@pytest.fixture(scope="module")
def crashed(week4_env, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "C2W4"
    folder.mkdir()
    notebook = folder / f"{NAME}.ipynb"
    notebook.write_bytes((CORPUS / f"{NAME}.ipynb").read_bytes())
    result, output = grade(week4_env, notebook, folder, assignment="C2W4")
    return result, output, str(week4_env["AUTOGRADER_WORK_ROOT"])


@pytest.mark.kernel
def test_the_student_reads_the_cause_the_cell_and_no_path_of_the_grader(crashed):
    result, output, work_root = crashed
    message = result["execution"]["message"]

    assert result["execution"]["status"] == "cell_errors", output
    first = result["execution"]["failures"][0]
    assert f"Cell {first['cell_index'] + 1} (`{first['source_head']}`) raised {CAUSE}." \
           in message, message
    assert not [part for part in (*GRADER_PATHS, work_root) if part in message], message


@pytest.mark.kernel
def test_checks_whose_input_fit_never_made_are_not_graded_and_give_no_advice(crashed):
    result, output, _ = crashed
    checks = {c["check_id"]: c for c in result["checks"]}
    cell = result["execution"]["failures"][0]["cell_index"] + 1

    for check_id in NEVER_MADE:
        check = checks[check_id]
        found = NOT_GRADED.match(check["feedback"])
        assert found and int(found.group(1)) == cell, check
        assert check["status"] == "failed" and check["points"] == 0, check
        assert not [word for word in ADVICE if word in check["feedback"]], check
    # the head's own check still judges create_model()'s model, as before the crash
    assert "Found Dense(10, activation='softmax')" in checks["model_softmax_head"]["feedback"]
    assert result["score"] == 10, output


@pytest.mark.kernel
def test_every_reporter_shows_the_cause_as_text(crashed):
    result = from_dict(crashed[0])

    markdown = markdown_summary(result)
    assert r"indices\[1\] = 21 is not in \[0, 10)" in markdown
    assert "frozen runpy" not in markdown
    html = render_html_report(result)
    assert "indices[1] = 21 is not in [0, 10)" in html and "frozen runpy" not in html
    assert "history = model.fit(" in html
    text = student_feedback(result)
    assert "Not graded: cell" in text and "indices[1] = 21 is not in [0, 10)" in text
