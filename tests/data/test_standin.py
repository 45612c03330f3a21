"""The offline stand-in: deterministic, in the real layout, with the real quirks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from autograder.data import is_decodable, read_manifest
from autograder.weeks.c2w1.standin import SCALES, generate


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    base = tmp_path_factory.mktemp("probe")
    manifests = generate(student_dir=base / "s", heldout_dir=base / "h", scale="probe", seed=7)
    return base, manifests


def test_same_seed_same_bytes_whatever_the_processes(probe, tmp_path):
    base, _ = probe
    generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe", seed=7,
             processes=1)
    assert _digest(tmp_path / "s") == _digest(base / "s")
    assert _digest(tmp_path / "h") == _digest(base / "h")


def test_other_seed_other_pictures(probe, tmp_path):
    base, _ = probe
    generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe", seed=8)
    assert _digest(tmp_path / "s")["PetImages/Cat/0.jpg"] != _digest(base / "s")["PetImages/Cat/0.jpg"]


def test_layout_and_quirks_match_the_real_dataset(probe):
    base, (student, heldout) = probe
    images = base / "s" / "PetImages"
    assert sorted(p.name for p in images.iterdir()) == ["Cat", "Dog"]
    assert (images / "Cat" / "666.jpg").stat().st_size == 0
    assert (images / "Dog" / "11702.jpg").stat().st_size == 0
    assert (images / "Cat" / "Thumbs.db").is_file() and (images / "Dog" / "Thumbs.db").is_file()
    assert set(student.zero_byte) == {"Cat/666.jpg", "Dog/11702.jpg"}
    assert len(student.undecodable) == 2 * SCALES["probe"].undecodable
    files = {p.relative_to(images).as_posix() for p in images.rglob("*") if p.is_file()}
    bad = {f for f in files if not is_decodable(images / f)}
    assert bad == set(student.bad_files)
    assert sum(student.images.values()) == len(files) - len(bad)
    assert all(f.endswith(".jpg") or f.endswith("Thumbs.db") for f in files)
    assert read_manifest(base / "s" / "manifest.json") == student


def test_heldout_is_clean_and_differs_from_student_images(probe):
    base, (student, heldout) = probe
    held = _digest(base / "h" / "PetImages")
    assert all(is_decodable(base / "h" / "PetImages" / f) for f in held)
    assert not set(held.values()) & set(_digest(base / "s" / "PetImages").values())
    assert heldout.split == "heldout" and not heldout.bad_files


@pytest.mark.kernel
def test_tensorflow_really_fails_on_each_undecodable_file(probe):
    import tensorflow as tf

    base, (student, _) = probe
    for relative in student.zero_byte + student.undecodable:
        data = tf.io.read_file(str(base / "s" / "PetImages" / relative))
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.io.decode_image(data, channels=3, expand_animations=False)


def test_description_says_it_is_a_stand_in(probe):
    _, (student, _) = probe
    assert "stand-in" in student.description and "not real photos" in student.description


@pytest.mark.slow
def test_full_scale_has_the_real_size(tmp_path):
    student, heldout = generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h",
                                scale="full")
    files = [p for p in (tmp_path / "s" / "PetImages" / "Cat").iterdir()]
    assert len([p for p in files if p.suffix == ".jpg"]) == 12_500
    assert sum(heldout.images.values()) == 2_500
