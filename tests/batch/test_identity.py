"""Whose result a batch records: the student is the folder at nbgrader's place under the
batch's root, whatever a submission's own folders say; notebooks that would share a result
file are reported and left ungraded, and everybody else is graded."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from autograder.batch import command
from autograder.batch.serial import grade_batch
from autograder.results import CheckResult, GradeResult, from_dict, read_result, to_dict
from tests.batch.conftest import FakeTask

NOTEBOOK = "C2W1_Assignment.ipynb"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[new_code_cell(text)]), path)
    return path


class _ScoresByText(FakeTask):
    """A grading that scores what the notebook says (``# score N``), and forges the student
    its grading reports: the batch must take the student from the layout, not from this."""

    def __init__(self, **_):
        super().__init__()

    def __call__(self, job):
        result = from_dict(super().__call__(job))
        text = nbformat.read(job.notebook, as_version=4).cells[0].source
        score = float(text.split("score ")[1])
        check = CheckResult("model_binary_head", "head", "passed", score, 22.0, False)
        return to_dict(result.replace(checks=(check,), student="bob"))


def _batch(monkeypatch, settings, folder: Path, out: Path) -> int:
    monkeypatch.setattr(command, "GradingTask", _ScoresByText)
    return command.batch(folder, settings=settings.replace(sandbox=False), assignment="C2W1",
                         workers=1, out_dir=out)


def test_a_submitted_folder_inside_a_hand_in_never_grades_as_that_student(
        settings, tmp_path, monkeypatch, capsys):
    """mallory hands in ``submitted/bob/C2W1/``: graded as nobody, and bob keeps his grade."""
    course, out = tmp_path / "course", tmp_path / "OUT"
    _write(course / "submitted" / "bob" / "C2W1" / NOTEBOOK, "# score 9")
    _write(course / "submitted" / "carol" / "C2W1" / NOTEBOOK, "# score 7")
    mallory = _write(tmp_path / "hand-ins" / "mallory" / "submitted" / "bob" / "C2W1" / NOTEBOOK,
                     "# score 22")

    assert _batch(monkeypatch, settings, course, out) == 0
    assert _batch(monkeypatch, settings, tmp_path / "hand-ins", out) == 0

    bob = read_result(out / "bob" / "C2W1" / "C2W1_Assignment.json")
    assert (bob.student, bob.score) == ("bob", 9.0)
    assert read_result(out / "carol" / "C2W1" / "C2W1_Assignment.json").student == "carol"
    forged = read_result(out / "mallory" / "submitted" / "bob" / "C2W1" / "C2W1_Assignment.json")
    assert (forged.student, forged.score, forged.submission) == ("", 22.0, str(mallory))
    with open(out / "grades.csv") as handle:  # the second batch's table
        rows = list(csv.DictReader(handle))
    assert [(row["student"], row["key"]) for row in rows] == \
        [("", "mallory/submitted/bob/C2W1/C2W1_Assignment")]


def test_notebooks_on_one_result_file_are_reported_and_the_others_graded(
        settings, tmp_path, monkeypatch, capsys):
    """``Alice`` and ``alice`` write one file on a case-insensitive disk: neither is graded,
    both are named, bob is graded, and the batch says so with exit code 1 (not 2)."""
    submitted, out = tmp_path / "submitted", tmp_path / "OUT"
    _write(submitted / "Alice" / "C2W1" / NOTEBOOK, "# score 3")
    _write(submitted / "alice" / "C2W1" / NOTEBOOK, "# score 4")
    _write(submitted / "bob" / "C2W1" / NOTEBOOK, "# score 9")

    assert _batch(monkeypatch, settings, submitted, out) == 1

    printed = capsys.readouterr().out
    for student in ("Alice", "alice"):
        assert f"not graded {submitted / student / 'C2W1' / NOTEBOOK}: Expected one notebook" \
            in printed
    assert "none of them was graded" in printed
    assert read_result(out / "bob" / "C2W1" / "C2W1_Assignment.json").score == 9.0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == \
        ["bob/C2W1/C2W1_Assignment.json"]


def test_grade_with_out_dir_reports_each_clashing_notebook_and_grades_the_rest(
        settings, tmp_path):
    course, out = tmp_path / "course", tmp_path / "OUT"
    alice = _write(course / "submitted" / "alice" / "C2W1" / NOTEBOOK, "# score 3")
    again = _write(course / "autograded" / "alice" / "C2W1" / NOTEBOOK, "# score 4")
    bob = _write(course / "submitted" / "bob" / "C2W1" / NOTEBOOK, "# score 9")
    grade = _ScoresByText()

    def graded(notebook: Path) -> GradeResult:
        job = type("Job", (), {"notebook": str(notebook), "assignment": "C2W1", "sha256": ""})
        return from_dict(grade(job))

    rows = grade_batch([alice, bob, again], grade=graded, settings=settings, out_dir=out,
                       assignment="C2W1", progress=False, root=course)

    assert [result is None for _, result, _ in rows] == [True, False, True]
    assert all("alice/C2W1/C2W1_Assignment.json" in error for _, result, error in rows
               if result is None)
    assert (rows[1][1].student, rows[1][1].score) == ("bob", 9.0)  # the layout's student
    assert json.loads((out / "bob" / "C2W1" / "C2W1_Assignment.json").read_text())["score"] == 9
    assert not (out / "alice").exists()
