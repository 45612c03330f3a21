"""What a batch leaves for people: the class report always, each student's page with
``--html``, and a bar that names the submission being graded and the last score."""

from __future__ import annotations

import dataclasses
import io
from types import SimpleNamespace

from autograder.batch import BatchProgress, LocalBackend
from autograder.batch import command
from autograder.cli import build_parser
from tests.batch.conftest import FakeTask, submitted


def test_batch_writes_the_class_report_and_with_html_every_students_page(
        settings, tmp_path, monkeypatch, capsys):
    submitted(tmp_path, "alice", "bob", "Carol", "carol")  # the last two: one result file
    monkeypatch.setattr(command, "LocalBackend",
                        lambda task, slots: LocalBackend(FakeTask(), slots=slots))
    code = command.batch(tmp_path / "submitted", settings=dataclasses.replace(
        settings, sandbox=False), assignment="C2W1", out_dir=tmp_path / "OUT",
        html=tmp_path / "pages")
    assert code == 1  # graded but for the clash
    for student in ("alice", "bob"):
        page = (tmp_path / f"pages/{student}/C2W1/C2W1_Assignment.html").read_text()
        assert "C2W1: 1 / 1 points" in page
    report = (tmp_path / "OUT/class.html").read_text()
    assert "2 submissions of 1 assignment" in report
    assert ('<a href="../pages/alice/C2W1/C2W1_Assignment.html">alice/C2W1/C2W1_Assignment</a>'
            in report)
    assert "Left out of this report" in report
    assert report.count("not graded: Expected one notebook per result file") == 2
    assert (tmp_path / "OUT/class.csv").read_text().splitlines()[1].startswith(
        "alice,C2W1,alice/C2W1/C2W1_Assignment,")
    out = capsys.readouterr().out
    assert f"Class report: {tmp_path / 'OUT/class.html'}" in out
    assert f"Student reports: 2 pages in {tmp_path / 'pages'}" in out


def test_batch_takes_html_on_the_command_line():
    args = build_parser().parse_args(["batch", "submitted", "--assignment", "C2W1",
                                      "--html", "pages"])
    assert str(args.html) == "pages"
    assert build_parser().parse_args(["batch", "s", "--assignment", "C2W1"]).html is None


def _bar(keys, slots=2):
    stream = io.StringIO()
    progress = BatchProgress(len(keys), slots=slots, stream=stream, bar=True)
    progress.queued(keys)
    return progress, stream


def _last_frame(stream) -> str:
    return stream.getvalue().split("\r")[-1]


def _graded(score, status="completed"):
    return SimpleNamespace(execution={"status": status}, score=score, max_score=22)


def test_the_bar_names_what_runs_from_the_start_and_then_the_last_score():
    keys = ["alice/C2W1/C2W1_Assignment", "bob/C2W1/C2W1_Assignment",
            "carol/C2W1/C2W1_Assignment"]
    progress, stream = _bar(keys)
    assert _last_frame(stream).startswith("alice/C2W1/C2W1_Assignment +1:   0%")
    progress.graded(keys[0], _graded(17), 40.0)
    frame = _last_frame(stream)
    assert frame.startswith("bob/C2W1/C2W1_Assignment +1:  33%")
    assert "last=alice/C2W1/C2W1_Assignment 17/22" in frame
    progress.retrying(keys[1], "the worker died")  # bob waits behind carol now
    assert _last_frame(stream).startswith("carol/C2W1/C2W1_Assignment +1:")
    progress.graded(keys[2], _graded(0, "grader_error"), 3.0)
    assert "last=carol/C2W1/C2W1_Assignment failed" in _last_frame(stream)
    progress.close()


def test_the_bar_shows_a_hostile_key_inert_on_one_line():
    progress, stream = _bar(["\x1b[2J::error ::x\n" + "m" * 80 + "/C2W1/n"], slots=1)
    frame = _last_frame(stream)
    assert "\x1b" not in stream.getvalue() and "\n" not in frame
    assert frame.startswith("\\::error ::x…mmm")  # no workflow command; cut in the middle
    assert "m/C2W1/n:   0%" in frame
    progress.close()
