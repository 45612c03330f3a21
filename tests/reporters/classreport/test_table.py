"""The class CSV: grades.csv's columns then a column per check, no cell a spreadsheet runs."""

from __future__ import annotations

import csv
import io

import pandas

from autograder.batch.summary import CSV_COLUMNS
from autograder.reporters.classreport import CLASS_COLUMNS, class_csv, write_class_csv
from tests.reporters.classreport.classes import made

HEAD = "model_binary_head"


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_grades_columns_then_one_column_per_check_with_the_points_earned():
    entries = [made("bob", failed={HEAD: "Expected Dense(1). Found Dense(2)."}, student="bob"),
               made("alice", student="alice")]
    header, *_ = class_csv(entries).splitlines()
    checks = [c.check_id for c in entries[0].result.checks]
    assert header.split(",") == [*CSV_COLUMNS, *checks]
    assert CLASS_COLUMNS == CSV_COLUMNS  # one layout with the batch's grades.csv
    rows = _rows(class_csv(entries))
    assert [(r["student"], r["score"], r[HEAD], r["clean_images_drops_bad_files"])
            for r in rows] == [("alice", "22", "1", "2"), ("bob", "21", "0", "2")]


def test_a_grader_error_names_its_reason_in_the_failure_column():
    rows = _rows(class_csv([made("carol", status="grader_error"), made("dan")]))
    assert [(r["key"], r["status"], r["failure"]) for r in rows] == [
        ("carol", "grader_error", "RuntimeError: the grader broke"), ("dan", "completed", "")]
    assert rows[0]["grader_errors"] == str(len(made("x").result.checks))


def test_several_assignments_name_each_column_by_assignment_and_leave_others_empty():
    rows = _rows(class_csv([made("a", assignment="C2W4"), made("b")]))
    assert rows[0]["C2W1:model_binary_head"] == "1" and rows[0]["assignment"] == "C2W1"
    assert rows[1]["C2W1:model_binary_head"] == "" and rows[1]["assignment"] == "C2W4"
    assert rows[1]["score"] == "15"


def test_no_cell_is_a_formula_and_numbers_stay_numbers(tmp_path):
    hostile = made("=HYPERLINK(\"http://x\")/C2W1/n", student="=HYPERLINK(\"http://x\")",
                   failed={HEAD: "Found Dense(2)."})
    path = write_class_csv([hostile], tmp_path / "class.csv")
    table = pandas.read_csv(path)  # as a spreadsheet imports it
    assert table.loc[0, "student"] == "'=HYPERLINK(\"http://x\")"
    assert table.loc[0, "key"].startswith("'=")
    assert table.loc[0, "score"] == 21 and table.loc[0, HEAD] == 0
    assert not [cell for cell in table.to_numpy().ravel()
                if str(cell).startswith(("=", "+", "-", "@"))]
