"""``nbgrader export`` through `DefusedCsvExportPlugin`: nbgrader's columns and rows, no cell
a spreadsheet evaluates, no comma or line break that shifts a row (a real gradebook)."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from nbgrader.plugins import CsvExportPlugin

from autograder.nbgrader_export import COLUMNS, DefusedCsvExportPlugin

FORMULA = '=HYPERLINK("http://evil.example","22 of 22")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(autouse=True)
def _alembic_on_path(monkeypatch):
    """nbgrader runs this environment's `alembic` script to create a gradebook."""
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent),
                                                os.environ.get("PATH", "")]))


def _gradebook(path) -> Gradebook:
    gradebook = Gradebook(f"sqlite:///{path}")
    gradebook.add_assignment("C2W1")
    gradebook.add_student(FORMULA, last_name="-2+3", first_name="@SUM(A1)", email="a,b\nc")
    gradebook.add_student("alice", last_name="Smith", first_name="Alice", email=None)
    return gradebook


def _rows(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_nbgraders_own_export_writes_formulas_and_shifts_rows(tmp_path):
    with _gradebook(tmp_path / "gradebook.db") as gradebook:
        CsvExportPlugin(to=str(tmp_path / "grades.csv")).export(gradebook)
    rows = _rows(tmp_path / "grades.csv")
    assert any(value.startswith(STARTS) for row in rows for value in row.values() if value)
    assert len(rows) != 2 or any(None in row for row in rows)  # the email's comma and line


def test_the_defused_export_keeps_the_columns_and_defuses_every_cell(tmp_path):
    with _gradebook(tmp_path / "gradebook.db") as gradebook:
        DefusedCsvExportPlugin(to=str(tmp_path / "grades.csv")).export(gradebook)
    rows = _rows(tmp_path / "grades.csv")
    assert [tuple(row) for row in rows] == [COLUMNS, COLUMNS]
    by_id = {row["student_id"]: row for row in rows}
    assert set(by_id) == {"'" + FORMULA, "alice"}
    row = by_id["'" + FORMULA]
    assert (row["last_name"], row["first_name"], row["email"]) == ("'-2+3", "'@SUM(A1)", "a,b\nc")
    assert row["raw_score"] == "0.0" and row["score"] == "0.0" and row["timestamp"] == ""
    assert by_id["alice"]["email"] == "" and by_id["alice"]["assignment"] == "C2W1"
    assert not [value for row in rows for value in row.values() if value.startswith(STARTS)]


def test_the_export_honours_nbgraders_student_and_assignment_options(tmp_path):
    with _gradebook(tmp_path / "gradebook.db") as gradebook:
        gradebook.add_assignment("C2W2")
        DefusedCsvExportPlugin(to=str(tmp_path / "grades.csv"), student=["alice"],
                               assignment=["C2W2"]).export(gradebook)
    rows = _rows(tmp_path / "grades.csv")
    assert [(r["assignment"], r["student_id"]) for r in rows] == [("C2W2", "alice")]
