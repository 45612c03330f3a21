"""``autograder regrade``'s exit codes and what it prints and rewrites."""

from __future__ import annotations

import csv

import autograder.road
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
    monkeypatch.setattr(autograder.road, "grade_one",
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


def test_where_gradings_keep_their_evidence(tmp_path):
    from autograder.batch.jobs import Job
    from autograder.batch.worker import grading_command
    from autograder.commands import _evidence_keeper
    from autograder.config import load_settings

    settings = load_settings(env={}, config_path=None)
    assert _evidence_keeper(True, tmp_path / "out", settings).store.root == \
        tmp_path / "out" / ".evidence"
    assert _evidence_keeper(True, None, settings) is None  # --json alone keeps nothing
    assert _evidence_keeper(False, tmp_path / "out", settings) is None  # --no-evidence
    assert _evidence_keeper(tmp_path / "e", None, settings).store.root == tmp_path / "e"
    job = Job(notebook="/n.ipynb", key="k", assignment="C2W4", sha256="0" * 64)
    command = grading_command(job, tmp_path / "r.json", evidence="/shared/results/.evidence")
    assert command[command.index("--evidence") + 1] == "/shared/results/.evidence"
    assert "--evidence" not in grading_command(job, tmp_path / "r.json")


def test_the_evidence_options_parse():
    from pathlib import Path

    from autograder.cli import build_parser

    parse = build_parser().parse_args
    assert parse(["grade", "n.ipynb"]).evidence is None  # default: beside --out-dir's results
    assert parse(["grade", "n.ipynb", "--no-evidence"]).evidence is False
    assert parse(["grade", "n.ipynb", "--evidence", "e"]).evidence == Path("e")
    assert parse(["batch", "s", "--assignment", "C2W4"]).evidence is True
    assert parse(["batch", "s", "--assignment", "C2W4", "--no-evidence"]).evidence is False
