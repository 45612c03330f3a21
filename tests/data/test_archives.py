"""A folder of course data zipped as the course publishes it, made once and cached."""

from __future__ import annotations

import os
import zipfile

import pytest

from autograder.data.archives import archive_key, folder_zip


@pytest.fixture
def pets(tmp_path):
    images = tmp_path / "PetImages"
    for name in ("Cat", "Dog"):
        (images / name).mkdir(parents=True)
        (images / name / "1.jpg").write_bytes(b"picture of a " + name.encode())
        (images / name / "Thumbs.db").write_bytes(b"thumbs")
    (images / "Cat" / "666.jpg").write_bytes(b"")
    return images


def test_members_keep_the_layout_and_the_quirks(pets, tmp_path):
    archive = folder_zip(pets, prefix="PetImages/", cache=tmp_path / "cache")
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == ["PetImages/", "PetImages/Cat/", "PetImages/Dog/",
                                     "PetImages/Cat/1.jpg", "PetImages/Cat/666.jpg",
                                     "PetImages/Cat/Thumbs.db", "PetImages/Dog/1.jpg",
                                     "PetImages/Dog/Thumbs.db"]
        assert opened.read("PetImages/Cat/666.jpg") == b""
        assert opened.read("PetImages/Dog/1.jpg") == b"picture of a Dog"
        opened.extractall(tmp_path / "out")
    assert (tmp_path / "out" / "PetImages" / "Cat" / "1.jpg").read_bytes() == b"picture of a Cat"


def test_members_at_the_top_without_a_prefix(pets, tmp_path):
    archive = folder_zip(pets / "Cat", cache=tmp_path / "cache")
    assert zipfile.ZipFile(archive).namelist() == ["1.jpg", "666.jpg", "Thumbs.db"]


def test_made_once_then_reused_and_remade_when_a_file_changes(pets, tmp_path):
    cache = tmp_path / "cache"
    first = folder_zip(pets, prefix="PetImages/", cache=cache)
    made = first.stat().st_mtime_ns
    assert folder_zip(pets, prefix="PetImages/", cache=cache) == first
    assert first.stat().st_mtime_ns == made  # not written again
    assert folder_zip(pets, prefix="", cache=cache) != first  # another layout, another file
    (pets / "Dog" / "1.jpg").write_bytes(b"another dog")
    os.utime(pets / "Dog" / "1.jpg", ns=(made + 10**9, made + 10**9))
    changed = folder_zip(pets, prefix="PetImages/", cache=cache)
    assert changed != first and not first.exists()  # the old files' archive is removed
    assert zipfile.ZipFile(changed).read("PetImages/Dog/1.jpg") == b"another dog"
    assert len(list(cache.glob("*.zip"))) == 2  # this layout's and the other layout's


def test_same_bytes_in_every_cache(pets, tmp_path):
    one = folder_zip(pets, prefix="PetImages/", cache=tmp_path / "one")
    two = folder_zip(pets, prefix="PetImages/", cache=tmp_path / "two")
    assert one.read_bytes() == two.read_bytes()
    assert one.name.endswith(f"-{archive_key(pets, 'PetImages/')}.zip")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="Expected a folder to zip"):
        folder_zip(tmp_path / "absent", cache=tmp_path / "cache")


def test_files_left_out_are_not_members_and_name_another_archive(pets, tmp_path):
    cache = tmp_path / "cache"
    every = folder_zip(pets, prefix="PetImages/", cache=cache)
    assert archive_key(pets, "PetImages/", frozenset()) in every.name  # key as before
    fewer = folder_zip(pets, prefix="PetImages/", cache=cache, exclude={"Dog/Thumbs.db"})
    assert fewer != every
    names = zipfile.ZipFile(fewer).namelist()
    assert "PetImages/Dog/Thumbs.db" not in names and "PetImages/Cat/Thumbs.db" in names
    assert (pets / "Dog" / "Thumbs.db").is_file()  # the folder itself is untouched
