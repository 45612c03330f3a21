"""Batch fixtures: settings over a data folder that has only its manifests (no images), and
a fake grading task, for what the batch does around gradings (no kernel, no TensorFlow)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder import grader_fingerprint
from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.data.manifest import DataManifest, write_manifest
from autograder.results import CheckResult, GradeResult, to_dict


@pytest.fixture
def settings(tmp_path):
    """Settings whose C2W1 data is two manifests (enough for results and their reuse)."""
    spec = get_assignment("C2W1")
    for root, split in (("data", "student"), ("heldout", "heldout")):
        write_manifest(DataManifest(dataset=spec.dataset, origin="standin", scale="ci", seed=42,
                                    split=split, classes=("Cat", "Dog"), images={"Cat": 1},
                                    description="Offline stand-in (test)."),
                       tmp_path / root / spec.dataset / "manifest.json")
    return load_settings({"data_root": tmp_path / "data", "heldout_root": tmp_path / "heldout",
                          "work_root": tmp_path / "work"}, env={}, cwd=tmp_path)


def submitted(root: Path, *students: str, assignment: str = "C2W1") -> list[Path]:
    """nbgrader's ``submitted/{student}/{assignment}/`` with a one-cell notebook each."""
    paths = []
    for student in students:
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(new_notebook(cells=[new_code_cell(f"# {student}")]),
                       folder / f"{assignment}_Assignment.ipynb")
        paths.append(folder / f"{assignment}_Assignment.ipynb")
    return paths


class FakeTask:
    """Grades a job with score 1/1, or raises `failures[student]` errors first; records calls."""

    def __init__(self, *, failures: dict[str, list[BaseException]] | None = None):
        self.calls: list[str] = []
        self.failures = failures or {}

    def __call__(self, job):
        student = Path(job.notebook).parts[-3]
        self.calls.append(student)
        pending = self.failures.get(student)
        if pending:
            raise pending.pop(0)
        return to_dict(GradeResult(
            assignment=job.assignment, submission=job.notebook, submission_sha256=job.sha256,
            mode="trained", data="Offline stand-in (test).", data_origin="standin",
            execution={"status": "completed", "message": "ran"},
            checks=(CheckResult("model_binary_head", "head", "passed", 1.0, 1.0, False),),
            timings={"execute": 1.0}, created_at="2026-01-01T00:00:00+00:00",
            grader_version=grader_fingerprint()))
