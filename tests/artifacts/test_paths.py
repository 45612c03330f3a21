"""Reading below the artifacts folder: no link is followed in any part of a path."""

from __future__ import annotations

import os

import pytest

from autograder.artifacts.paths import UnsafePath, checked_path, open_below


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "artifacts"
    (root / "parsing").mkdir(parents=True)
    (root / "parsing" / "parsed.npy").write_bytes(b"12345")
    host = tmp_path / "host"
    host.mkdir()
    (host / "parsed.npy").write_bytes(b"secret")
    (root / "linked").symlink_to(host, target_is_directory=True)
    (root / "file-link.npy").symlink_to(host / "parsed.npy")
    return root


def test_a_plain_file_below_the_folder_is_read(folder):
    assert checked_path(folder, "parsing/parsed.npy") == folder / "parsing" / "parsed.npy"
    with open_below(folder, "parsing/parsed.npy", max_bytes=5) as handle:
        assert handle.read() == b"12345"
    assert checked_path(folder, "parsing", directory=True) == folder / "parsing"


@pytest.mark.parametrize("relative", ["linked/parsed.npy", "file-link.npy", "linked",
                                      "../host/parsed.npy", "/etc/passwd", "parsing/../linked/x",
                                      "parsing/parsed.npy/x"])
def test_links_and_paths_that_leave_the_folder_are_refused(folder, relative):
    with pytest.raises(UnsafePath):
        checked_path(folder, relative)
    with pytest.raises(UnsafePath):
        open_below(folder, relative, max_bytes=100).close()


def test_a_linked_folder_on_the_way_is_refused_though_its_target_is_a_plain_file(folder):
    assert os.path.isfile(folder / "linked" / "parsed.npy")  # what a last-part check sees
    with pytest.raises(UnsafePath, match="a link is never followed"):
        checked_path(folder, "linked/parsed.npy")


def test_sizes_and_kinds_are_checked(folder):
    with pytest.raises(UnsafePath, match="at most 4"):
        checked_path(folder, "parsing/parsed.npy", max_bytes=4)
    with pytest.raises(UnsafePath):
        open_below(folder, "parsing/parsed.npy", max_bytes=4)
    with pytest.raises(UnsafePath):
        checked_path(folder, "parsing")  # a folder where a file is expected
    with pytest.raises(UnsafePath) as missing:
        checked_path(folder, "parsing/none.npy")
    assert missing.value.missing
