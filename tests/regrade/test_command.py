"""``autograder regrade``'s exit codes and what it prints and rewrites."""

from __future__ import annotations

import csv

import autograder.pipeline
from autograder.cli import main
from autograder.regrade.command import regrade
from tests.regrade.conftest import make_result


def test_no_folder_or_no_results_is_a_setup_error(tmp_path, capsys):
    assert main(["regrade", str(tmp_path / "nowhere")]) == 2
    assert "Found no folder" in capsys.readouterr().err
    assert main(["regrade", str(tmp_path)]) == 2
    assert "Found none" in capsys.readouterr().err


def test_each_submission_gets_a_line_and_the_tables_are_rewritten(course, capsys,
                                                                  monkeypatch):
    monkeypatch.setattr(autograder.pipeline, "grade_submission",
                        lambda *a, **k: make_result(course.notebook, 0, student=""))
    (course.results / "grades.csv").write_text("stale\n")
    assert regrade(course.results, settings=course.settings, workers=1) == 0
    out = capsys.readouterr().out
    assert "executed again alice/C2W4/alice: 3/3 -> 0/3" in out
    assert "because no evidence was kept" in out
    assert "autograder gradebook" in out and "--db" in out
    (row,) = csv.DictReader((course.results / "grades.csv").open())
    assert (row["student"], row["score"]) == ("alice", "0")


def test_a_result_left_as_is_exits_1(course, capsys):
    course.notebook.unlink()
    assert regrade(course.results, settings=course.settings, workers=1) == 1
    assert "left as is" in capsys.readouterr().out
