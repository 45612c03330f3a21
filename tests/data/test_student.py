"""`autograder data C2W4 --student OUT/`: the student's files only, the same bytes as the
grader's student data for the course's seed, and nothing of the held-out set or the secret."""

from __future__ import annotations

import hashlib
from pathlib import Path

from autograder.assignments import get_assignment
from autograder.cli import main
from autograder.config import load_settings
from autograder.data.prepare import prepare_data
from autograder.data.manifest import read_manifest
from tests.conftest import ROOT

SPEC = get_assignment("C2W4")


def _files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def _held_out_or_secret(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*")
            if "heldout" in p.name or p.name == "secret.key"
            or (p.name == "manifest.json" and read_manifest(p).split != "student")]


def test_student_data_is_the_graders_student_data_without_held_out_or_secret(
        tmp_path, monkeypatch, capsys):
    for name in ("AUTOGRADER_DATA_ROOT", "AUTOGRADER_HELDOUT_ROOT", "AUTOGRADER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no autograder.toml here: the built-in seed, as for a student
    out = tmp_path / "student"
    assert main(["data", "C2W4", "--student", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    mine = out / SPEC.data.dataset
    assert read_manifest(mine / "manifest.json").split == "student"
    assert _held_out_or_secret(tmp_path) == []
    settings = load_settings(cwd=ROOT, env={"AUTOGRADER_DATA_ROOT": str(tmp_path / "grader"),
                                            "AUTOGRADER_HELDOUT_ROOT": str(tmp_path / "held")})
    prepare_data(SPEC, settings)
    assert _files(mine) == _files(tmp_path / "grader" / SPEC.data.dataset)
    assert _held_out_or_secret(tmp_path / "held") != []  # the check sees what the grader has
    # a second call finds it there and leaves it alone
    assert main(["data", "C2W4", "--student", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Already there")


def test_student_data_refuses_the_real_files(tmp_path, capsys):
    assert main(["data", "C2W4", "--student", str(tmp_path), "--from", str(tmp_path)]) == 2
    assert "--student writes the offline stand-in" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
