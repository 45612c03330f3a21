"""A results folder with one result (alice's Week 4 notebook) and no data to prepare."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

import autograder.pipeline
from autograder.config import load_settings
from autograder.results import CheckResult, GradeResult, write_result

DATA = SimpleNamespace(student_manifest=SimpleNamespace(description="stand-in"))


def make_result(notebook, score: float, student="alice") -> GradeResult:
    return GradeResult(
        assignment="C2W4", submission=str(notebook),
        submission_sha256=hashlib.sha256(notebook.read_bytes()).hexdigest(), mode="trained",
        data="stand-in", data_origin="standin", execution={"status": "completed"},
        checks=(CheckResult("heldout_accuracy", "Held-out", "passed" if score else "failed",
                            score, 3, True, "" if score else "Expected more."),),
        student=student, timings={"execute": 40.0, "check": 20.0})


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A results folder with alice's result, her notebook, and no data needed."""
    monkeypatch.setattr(autograder.pipeline, "locate_data", lambda spec, settings: DATA)
    notebook = tmp_path / "alice.ipynb"
    notebook.write_text('{"cells": []}')
    results = tmp_path / "results"
    write_result(make_result(notebook, 3), results / "alice" / "C2W4" / "alice.json")
    return SimpleNamespace(notebook=notebook, results=results,
                           file=results / "alice" / "C2W4" / "alice.json",
                           settings=load_settings(env={"AUTOGRADER_WORK_ROOT":
                                                       str(tmp_path / "work")},
                                                  config_path=None))
