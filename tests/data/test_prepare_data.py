"""`autograder data`: held-out data always drawn from the course's secret, old data rebuilt."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.data.prepare import prepare_data
from autograder.data import read_manifest
from autograder.weeks.c2w1.standin import generate


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course(tmp_path):
    """(assignment, settings, student folder, held-out folder) in an empty course."""
    settings = load_settings({"data_root": str(tmp_path / "data"),
                              "heldout_root": str(tmp_path / "heldout"), "seed": 42},
                             env={}, cwd=tmp_path)
    spec = get_assignment("C2W1")
    return (spec, settings, settings.data_root / spec.data.dataset,
            settings.heldout_root / spec.data.dataset)


def _prepare(course, **options) -> str:
    spec, settings, _, _ = course
    return prepare_data(spec, settings, scale="probe", **options)


def test_first_run_creates_the_secret_and_draws_the_heldout_data_from_it(course):
    _, settings, student, heldout = course
    assert _prepare(course).startswith("Prepared:")
    secret = (settings.heldout_root / "secret.key").read_bytes()
    assert len(secret) == 32 and read_manifest(heldout / "manifest.json").drawn_from_secret
    assert secret.hex() not in (heldout / "manifest.json").read_text()
    before = _digest(heldout), _digest(student)
    assert _prepare(course).startswith("Data already prepared:")
    assert (_digest(heldout), _digest(student)) == before
    assert (settings.heldout_root / "secret.key").read_bytes() == secret


def test_heldout_data_made_without_the_secret_is_regenerated(course):
    _, settings, student, heldout = course
    _prepare(course)  # the course's secret exists; now put back data from an older grader
    shutil.rmtree(heldout)
    generate(student_dir=student, heldout_dir=heldout, scale="probe", seed=42)
    old = json.loads((heldout / "manifest.json").read_text())
    del old["drawn_from_secret"]  # as written before the field existed
    (heldout / "manifest.json").write_text(json.dumps(old))
    public, student_bytes = _digest(heldout / "PetImages"), _digest(student / "PetImages")
    assert _prepare(course).startswith("Prepared:")
    assert read_manifest(heldout / "manifest.json").drawn_from_secret
    assert not set(public.values()) & set(_digest(heldout / "PetImages").values())
    assert _digest(student / "PetImages") == student_bytes  # the student data never changes


def test_a_new_secret_regenerates_the_heldout_data(course):
    _, settings, _, heldout = course
    _prepare(course)
    first = _digest(heldout / "PetImages")
    (settings.heldout_root / "secret.key").unlink()
    assert _prepare(course).startswith("Prepared:")
    assert not set(first.values()) & set(_digest(heldout / "PetImages").values())


def test_force_rebuilds_with_the_same_secret(course):
    _, _, _, heldout = course
    _prepare(course)
    first = _digest(heldout)
    assert _prepare(course, force=True).startswith("Prepared:")
    assert _digest(heldout) == first


def test_real_data_is_split_with_the_secret(course, tmp_path):
    _, settings, student, heldout = course
    generate(student_dir=tmp_path / "gen", heldout_dir=tmp_path / "unused", scale="probe", seed=3)
    shutil.copytree(tmp_path / "gen" / "PetImages", tmp_path / "download" / "PetImages")
    assert _prepare(course, source=tmp_path / "download").startswith("Prepared:")
    for folder in (student, heldout):
        manifest = read_manifest(folder / "manifest.json")
        assert manifest.origin == "real" and manifest.drawn_from_secret
        assert "course's secret" in manifest.description
    assert _prepare(course, source=tmp_path / "download").startswith("Data already prepared:")


def test_a_standin_drawn_by_an_older_generator_is_rebuilt(tmp_path, monkeypatch):
    from autograder.weeks.c2w2 import standin

    monkeypatch.setitem(standin.SCALES, "tiny", standin.Scale(files=2, heldout=2))
    settings = load_settings({"data_root": str(tmp_path / "data"),
                              "heldout_root": str(tmp_path / "heldout"), "seed": 42},
                             env={}, cwd=tmp_path)
    spec = get_assignment("C2W2")
    heldout = settings.heldout_root / spec.data.dataset / "manifest.json"
    assert prepare_data(spec, settings, scale="tiny").startswith("Prepared:")
    assert read_manifest(heldout).generator == spec.data.standin_generator == standin.GENERATOR
    assert prepare_data(spec, settings, scale="tiny").startswith("Data already prepared:")
    old = json.loads(heldout.read_text())
    del old["generator"]  # as written by the first generator, with poses Week 2 no longer draws
    heldout.write_text(json.dumps(old))
    assert prepare_data(spec, settings, scale="tiny").startswith("Prepared:")
    assert read_manifest(heldout).generator == standin.GENERATOR
