"""The road: `grade_one` takes the five stages in order, and writes and reports only what it
is asked for."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import autograder.road as road
from autograder.config import load_settings


def test_grade_one_takes_every_stage_in_order(tmp_path, monkeypatch):
    taken = []
    notebook = tmp_path / "C2W4" / "C2W4_Assignment.ipynb"
    notebook.parent.mkdir()
    notebook.write_text("{}")
    settings = dataclasses.replace(load_settings(env={}, config_path=None), sandbox=False,
                                   work_root=tmp_path / "work")
    monkeypatch.setattr(road, "locate_data", lambda spec, settings: "data")

    def stage(name, returns=None):
        def record(*args, **kwargs):
            taken.append(name)
            return returns(*args, **kwargs) if returns else None
        monkeypatch.setattr(road, name, record)

    stage("execute", lambda notebook, spec, settings, **kw: road.Executed(
        notebook=notebook, spec=spec, data=kw["data"], artifacts=kw["scratch"] / "artifacts",
        execution={}, timings={}, sha256="x"))
    stage("keep")
    stage("grade", lambda spec, settings, **kw: f"result of {spec.name} from {kw['sha256']}")
    stage("write")
    stage("report")

    result = road.grade_one(notebook, settings=settings)

    assert result == "result of C2W4 from x"
    assert taken == list(road.STAGES) == ["execute", "keep", "grade", "write", "report"]
    assert not any((tmp_path / "work").glob("*")), "the scratch folder is removed"


def test_write_and_report_only_where_asked(tmp_path, monkeypatch):
    written = []
    monkeypatch.setattr(road, "write_result", lambda result, path: written.append(path))
    road.write("result", None)
    assert road.report("result", None) is None
    road.write("result", tmp_path / "r.json")
    assert written == [tmp_path / "r.json"]


def test_an_unknown_assignment_is_named(tmp_path):
    with pytest.raises(KeyError, match="Cannot tell the assignment"):
        road.identify(Path(tmp_path / "notebook.ipynb"), load_settings(env={}, config_path=None))
