"""The CI score step makes the fixtures' answer keys again instead of carrying them over from
the run step: that is only right if the same seed makes the same fixture, byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

from autograder.assignments import get_assignment
from autograder.checks.callbacks import CallbackProbes


def _files(root: Path) -> list[tuple[str, str]]:
    return sorted((str(path.relative_to(root)), hashlib.sha256(path.read_bytes()).hexdigest())
                  for path in root.rglob("*") if path.is_file())


def test_fixtures_made_again_from_the_same_seed_are_identical(tmp_path):
    for fixture in get_assignment("C2W1").fixtures:
        if isinstance(fixture, CallbackProbes):
            continue  # drawn per grading from the OS's randomness: never made again by design
        first = fixture.place(tmp_path / "key1", tmp_path / "copy1", 1234)
        again = fixture.place(tmp_path / "key2", tmp_path / "copy2", 1234)
        other = fixture.place(tmp_path / "key3", tmp_path / "copy3", 4321)
        assert _files(tmp_path / "copy1") == _files(tmp_path / "copy2") != []
        assert first.manifest == again.manifest
        assert _files(tmp_path / "copy3") != _files(tmp_path / "copy1")  # the seed matters
