"""`bench/grading_modes.py`: which modes each week runs, and what it refuses before grading."""

from __future__ import annotations

import json
import sys

import pytest

from autograder.assignments import get_assignment
from bench import grading_modes


def test_week1_runs_every_mode_but_the_bare_saved_model_scoring():
    assert grading_modes.modes_of(get_assignment("C2W1")) == [
        mode for mode in grading_modes.MODES if mode != "bare-load-predict"]


def test_week3_scores_its_saved_model_bare_after_grading_and_never_retrains():
    modes = grading_modes.modes_of(get_assignment("C2W3"))
    assert modes.index("autograder-trained") < modes.index("bare-load-predict")
    assert "autograder-retrain" not in modes


@pytest.mark.parametrize("argv, says", [
    (["--assignment", "C2W1", "--only", "autograder-trained", "bare-load-predict"],
     "no bare scoring script for C2W1"),
    (["--assignment", "C2W3", "--only", "bare-load-predict", "autograder-trained"],
     "name autograder-trained before it"),
])
def test_bare_load_predict_is_refused_before_anything_runs(monkeypatch, capsys, argv, says):
    monkeypatch.setattr(sys, "argv", ["grading_modes.py", *argv])
    with pytest.raises(SystemExit) as stopped:
        grading_modes.main()
    assert stopped.value.code == 2
    assert says in capsys.readouterr().err


def test_bare_load_predict_without_a_kept_model_says_so(tmp_path):
    row = grading_modes._bare_load_predict(tmp_path / "work", "C2W3", {})
    assert row["exit_code"] is None and "no trained_model.keras" in row["output_tail"]


def test_a_graded_mode_reports_the_score_and_the_graders_timings(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"score": 12.0, "max_score": 15.0, "timings": {"execute": 3.5}}))
    assert grading_modes._graded(path) == {"score": "12/15", "timings": {"execute": 3.5},
                                           "phase_s": None}
    assert grading_modes._graded(tmp_path / "missing.json") == {"score": "-"}


def test_the_breakdown_splits_the_wall_time_into_the_students_and_the_graders_parts():
    row = {"seconds": 100.0, "timings": {"prepare": 1.0, "execute": 90.0, "check": 5.0,
                                         "evidence": 1.0},
           "phase_s": {"start": 2.0, "prelude": 3.0, "cells": 80.0, "export": 4.0,
                       "shutdown": 1.0}}
    assert grading_modes.breakdown(row) == (
        "student cells 80.0 s, kernel start+prelude+shutdown 6.0 s, export cell 4.0 s, "
        "prepare 1.0 s, checks 5.0 s, evidence 1.0 s, rest 3.0 s")
    assert grading_modes.breakdown({"seconds": 1.0, "score": "-"}) == ""


def test_several_weeks_run_only_the_named_modes_each_has():
    only = ["autograder-trained", "bare-load-predict", "autograder-retrain", "nbgrader-autograde"]
    assert grading_modes.week_modes(get_assignment("C2W1"), only, several=True) == [
        "autograder-trained", "autograder-retrain", "nbgrader-autograde"]
    assert grading_modes.week_modes(get_assignment("C2W3"), only, several=True) == [
        "autograder-trained", "bare-load-predict", "nbgrader-autograde"]
    assert grading_modes.week_modes(get_assignment("C2W1"), only, several=False) == only


def test_a_submission_is_refused_with_several_weeks(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "argv", ["grading_modes.py", "--assignment", "C2W1", "C2W2",
                                      "--submission", str(tmp_path / "x.ipynb")])
    with pytest.raises(SystemExit) as stopped:
        grading_modes.main()
    assert stopped.value.code == 2
    assert "name one --assignment" in capsys.readouterr().err


def test_repeated_rounds_give_each_modes_median_and_its_overhead_over_the_floor():
    runs = {"plain-execution": [{"seconds": 100.0}, {"seconds": 80.0}, {"seconds": 90.0}],
            "autograder-trained": [{"seconds": 110.0}, {"seconds": 100.0}, {"seconds": 90.0}]}
    summary = grading_modes.overheads(runs)
    assert summary["plain-execution"] == {"median_s": 90.0, "seconds": [100.0, 80.0, 90.0]}
    # each round's ratio: +10 %, +25 %, +0 %; their median, not the ratio of the medians
    assert summary["autograder-trained"]["overheads"] == [0.1, 0.25, 0.0]
    assert summary["autograder-trained"]["overhead"] == 0.1
    assert summary["autograder-trained"]["median_s"] == 100.0
    assert "overhead" not in grading_modes.overheads({"nbgrader-autograde": [{"seconds": 1.0}]}
                                                     )["nbgrader-autograde"]


def test_rounds_alternate_the_modes_each_in_a_folder_of_its_own(monkeypatch, tmp_path):
    calls = []

    def fake_run(mode, submission, assignment, scratch, env, *, keep_work=False):
        calls.append((mode, scratch.name))
        (scratch / mode).mkdir()  # a second round in the same folder would fail here
        return {"seconds": 10.0 if mode == "plain-execution" else 12.0, "peak_rss_mib": 1,
                "exit_code": 0, "score": "-"}

    monkeypatch.setattr(grading_modes, "prepare_data", lambda assignment, env: (env, 0.0))
    monkeypatch.setattr(grading_modes, "run_mode", fake_run)
    document = grading_modes.bench_week(get_assignment("C2W1"),
                                        ["plain-execution", "autograder-trained"],
                                        tmp_path / "x.ipynb", {}, repeat=2)
    assert calls == [("plain-execution", "round-1"), ("autograder-trained", "round-1"),
                     ("plain-execution", "round-2"), ("autograder-trained", "round-2")]
    assert document["summary"]["autograder-trained"]["overhead"] == 0.2
    assert len(document["rounds"]["plain-execution"]) == 2
