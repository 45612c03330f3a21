"""Preparing the real dataset from a zip or a folder (tested on a stand-in in its layout)."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder.data import is_decodable, secret_seed
from autograder.weeks.c2w1.pet_images import prepare_real
from autograder.weeks.c2w1.standin import generate
from autograder.weeks.c2w1.pet_images import _held_out


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def real_like(tmp_path_factory) -> Path:
    """A folder shaped like the unpacked Microsoft download: ``<root>/PetImages/{Cat,Dog}``."""
    base = tmp_path_factory.mktemp("real")
    generate(student_dir=base / "gen", heldout_dir=base / "unused", scale="probe", seed=3)
    shutil.copytree(base / "gen" / "PetImages", base / "download" / "PetImages")
    return base / "download"


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent))
    return target


@pytest.mark.parametrize("as_zip", [False, True])
def test_split_keeps_quirks_for_students_and_clean_images_for_the_grader(real_like, tmp_path,
                                                                         as_zip):
    before = _digest(real_like)
    source = _zip(real_like, tmp_path / "kagglecatsanddogs_5340.zip") if as_zip else real_like
    student, heldout = prepare_real(source, student_dir=tmp_path / "s", heldout_dir=tmp_path / "h",
                                    heldout_fraction=0.3, seed=1)
    assert _digest(real_like) == before  # the source is only read
    students = set(_digest(tmp_path / "s" / "PetImages"))
    held = set(_digest(tmp_path / "h" / "PetImages"))
    assert not students & held and students | held == set(before_relative(before))
    assert {"Cat/666.jpg", "Dog/11702.jpg"} == set(student.zero_byte)
    assert {"Cat/Thumbs.db", "Dog/Thumbs.db"} == set(student.other_files)
    assert len(student.undecodable) == 6
    assert sum(heldout.images.values()) == len(held) > 0
    assert student.origin == "real" and "real Kaggle Cats and Dogs" in student.description


def before_relative(digest: dict[str, str]) -> list[str]:
    return [key.removeprefix("PetImages/") for key in digest]


def test_split_is_deterministic(real_like, tmp_path):
    first = prepare_real(real_like, student_dir=tmp_path / "a", heldout_dir=tmp_path / "b", seed=5)
    again = prepare_real(real_like, student_dir=tmp_path / "c", heldout_dir=tmp_path / "d", seed=5)
    assert _digest(tmp_path / "b") == _digest(tmp_path / "d") and first == again


def test_folder_without_pet_images_says_what_was_expected(tmp_path):
    (tmp_path / "photos").mkdir()
    with pytest.raises(FileNotFoundError, match="Expected a folder holding Cat/ and Dog/"):
        prepare_real(tmp_path, student_dir=tmp_path / "s", heldout_dir=tmp_path / "h")


def test_secret_chooses_the_heldout_photos_not_the_public_seed(real_like, tmp_path):
    def held(name: str, **secret) -> set[str]:
        _, manifest = prepare_real(real_like, student_dir=tmp_path / f"{name}-s",
                                   heldout_dir=tmp_path / name, heldout_fraction=0.5, seed=42,
                                   **secret)
        assert manifest.drawn_from_secret == bool(secret)
        return set(_digest(tmp_path / name / "PetImages"))

    course = held("course", heldout_secret=bytes(32))
    assert course == held("again", heldout_secret=bytes(32))
    assert course != held("public") and course != held("other", heldout_secret=bytes([1] * 32))
    photos = real_like / "PetImages"
    decodable = [f for f in before_relative(_digest(real_like)) if f.endswith(".jpg")
                 and (photos / f).stat().st_size and is_decodable(photos / f)]
    split_seed = secret_seed(bytes(32), "heldout-split")
    assert course == {f for f in decodable if _held_out(f, split_seed, 0.5)}
    text = (tmp_path / "course" / "manifest.json").read_text()
    assert str(secret_seed(bytes(32), "heldout-split")) not in text
