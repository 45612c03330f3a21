"""The student data as the kernel sees it: the grader's layout, made of links, thrown away."""

from __future__ import annotations

import os

import pytest

from autograder.data.writable_view import writable_view


def test_the_view_has_the_graders_layout_and_links_to_its_real_files(tmp_path):
    student = tmp_path / "data" / "sign_language_mnist"
    (student / "train" / "A").mkdir(parents=True)
    (student / "train" / "A" / "0.png").write_bytes(b"png")
    (student / "sign_mnist_train.csv").write_text("label,pixel1\n")
    (student / "not-shown.txt").write_text("x")
    real = tmp_path / "real"
    student.rename(real)
    student.symlink_to(real)  # a data root reached through a link still resolves inside

    view = writable_view(student, [student / "train", student / "sign_mnist_train.csv"],
                         tmp_path / "view")

    top = view / "sign_language_mnist"
    assert sorted(p.relative_to(top).as_posix() for p in top.rglob("*")) == [
        "sign_mnist_train.csv", "train", "train/A", "train/A/0.png"]
    assert os.readlink(top / "train" / "A" / "0.png") == str(real / "train" / "A" / "0.png")
    assert not (top / "train").is_symlink() and (top / "train" / "A" / "0.png").is_symlink()
    (top / "train" / "A" / "0.png").unlink()
    assert (real / "train" / "A" / "0.png").read_bytes() == b"png"


def test_a_path_outside_the_student_data_is_refused(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "heldout").mkdir()
    with pytest.raises(ValueError):
        writable_view(tmp_path / "data", [tmp_path / "heldout"], tmp_path / "view")
