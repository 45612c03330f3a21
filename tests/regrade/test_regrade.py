"""`regrade_folder` without a kernel: the checking process and a full grading stood in for,
to show which road each result takes and why."""

from __future__ import annotations

import autograder.road
from autograder.assignments import get_assignment
from autograder.regrade import (CHECKED, EXECUTED, LEFT, EvidenceKeeper, EvidenceStore,
                                regrade_folder)
from autograder.results import read_result
from tests.regrade.conftest import DATA, make_result


def _keep(course, settings=None):
    artifacts = course.results.parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "trained_model.keras").write_bytes(b"the trained model")
    EvidenceKeeper(EvidenceStore.of_results(course.results), settings or course.settings)(
        artifacts, spec=get_assignment("C2W4"), notebook=course.notebook,
        execution={"status": "completed"}, timings={"execute": 40.0}, data=DATA)


def _no_execution(*args, **kwargs):
    raise AssertionError("the notebook ran again")


def test_kept_evidence_is_checked_again_and_the_notebook_never_runs(course, monkeypatch):
    _keep(course)
    seen = {}

    def check_in_process(artifacts, spec, settings, **request):
        seen.update(model=(artifacts / "trained_model.keras").read_bytes(), **request)
        return make_result(course.notebook, 0, student="")

    monkeypatch.setattr(autograder.road, "check_in_process", check_in_process)
    monkeypatch.setattr(autograder.road, "grade_one", _no_execution)
    (row,) = regrade_folder(course.results, settings=course.settings)
    assert (row.action, row.reason, row.before.score, row.after.score) == (CHECKED, "", 3, 0)
    assert seen["model"] == b"the trained model" and seen["timings"] == {"execute": 40.0}
    assert read_result(course.file).score == 0 and read_result(course.file).student == "alice"


def test_missing_evidence_runs_the_notebook_again_and_says_why(course, monkeypatch):
    calls = []

    def grade_one(notebook, *, settings, assignment, keeper):
        calls.append((notebook, assignment))
        return make_result(course.notebook, 0, student="")

    monkeypatch.setattr(autograder.road, "grade_one", grade_one)
    (row,) = regrade_folder(course.results, settings=course.settings)
    assert row.action == EXECUTED and "no evidence was kept" in row.reason
    assert calls == [(course.notebook, "C2W4")]
    assert read_result(course.file).score == 0


def test_a_changed_execution_input_runs_it_again(course, monkeypatch):
    _keep(course)
    monkeypatch.setattr(autograder.road, "grade_one",
                        lambda *a, **k: make_result(course.notebook, 3))
    monkeypatch.setattr(autograder.road, "check_in_process", _no_execution)
    import dataclasses

    (row,) = regrade_folder(course.results, settings=dataclasses.replace(course.settings, seed=7))
    assert row.action == EXECUTED and "seed changed" in row.reason and "-> 7)" in row.reason


def test_without_evidence_or_notebook_the_result_is_left_and_said(course, monkeypatch):
    course.notebook.write_text('{"cells": [], "edited": true}')
    monkeypatch.setattr(autograder.road, "grade_one", _no_execution)
    (row,) = regrade_folder(course.results, settings=course.settings)
    assert row.action == LEFT and row.after is None
    assert "no evidence was kept" in row.reason and "has other bytes now" in row.reason
    assert read_result(course.file).score == 3  # untouched


def test_only_the_named_assignment_is_regraded(course, monkeypatch):
    monkeypatch.setattr(autograder.road, "grade_one", _no_execution)
    assert regrade_folder(course.results, settings=course.settings, assignment="C2W1") == []
