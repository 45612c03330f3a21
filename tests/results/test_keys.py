"""Result keys: one result file per student and assignment, never shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder import grader_fingerprint
from autograder.results import ResultKeyClash, result_key, result_keys, student_of


@pytest.mark.parametrize("folder", ["submitted", "autograded"])
def test_nbgrader_layout_is_keyed_by_student_and_assignment(tmp_path, folder):
    notebook = tmp_path / "course" / folder / "alice" / "C2W1" / "C2W1_Assignment.ipynb"
    assert result_key(notebook, root=tmp_path) == "alice/C2W1/C2W1_Assignment"
    assert student_of(notebook) == "alice"


def test_two_students_same_assignment_get_different_keys(tmp_path):
    course = tmp_path / "course" / "submitted"
    alice = course / "alice" / "C2W1" / "C2W1_Assignment.ipynb"
    bob = course / "bob" / "C2W1" / "C2W1_Assignment.ipynb"
    assert result_key(alice, root=tmp_path) != result_key(bob, root=tmp_path)
    assert result_keys([alice, bob], root=tmp_path) == ["alice/C2W1/C2W1_Assignment",
                                                       "bob/C2W1/C2W1_Assignment"]


def test_relative_nbgrader_path_is_recognised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notebook = Path("submitted/bob/C2W1/C2W1_Assignment.ipynb")
    assert result_key(notebook) == "bob/C2W1/C2W1_Assignment"
    assert student_of(notebook) == "bob"


def test_other_layouts_keep_every_folder_below_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert result_key(Path("hand-ins/carol/C2W1/C2W1_Assignment.ipynb")) == \
        "hand-ins/carol/C2W1/C2W1_Assignment"
    assert result_key(tmp_path / "a.ipynb") == "a"
    assert result_key(Path("hand-ins/dan/notes.txt")) == "hand-ins/dan/notes.txt"
    assert student_of(Path("hand-ins/carol/C2W1/C2W1_Assignment.ipynb")) == ""


def test_the_same_name_in_two_folders_never_collides(tmp_path):
    keys = result_keys([tmp_path / "carol" / "C2W1_Assignment.ipynb",
                        tmp_path / "dan" / "C2W1_Assignment.ipynb"], root=tmp_path)
    assert keys == ["carol/C2W1_Assignment", "dan/C2W1_Assignment"]


def test_outside_the_working_folder_the_absolute_path_is_kept(tmp_path):
    notebook = tmp_path / "elsewhere" / "C2W1" / "C2W1_Assignment.ipynb"
    key = result_key(notebook, root=tmp_path / "cwd")
    assert key == (notebook.resolve().relative_to(notebook.resolve().anchor)
                   .with_suffix("").as_posix())
    assert not key.startswith("/") and ".." not in key.split("/")


def test_dot_dot_in_a_path_never_escapes_the_output_folder(tmp_path):
    key = result_key(tmp_path / "a" / ".." / ".." / "b.ipynb", root=tmp_path)
    assert ".." not in key.split("/") and not key.startswith("/")


def test_the_same_notebook_twice_shares_its_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert result_keys([Path("a.ipynb"), tmp_path / "a.ipynb"]) == ["a", "a"]


def test_two_notebooks_on_one_key_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nbgrader = tmp_path / "course" / "submitted" / "alice" / "C2W1" / "C2W1_Assignment.ipynb"
    plain = tmp_path / "alice" / "C2W1" / "C2W1_Assignment.ipynb"
    with pytest.raises(ResultKeyClash, match="alice/C2W1/C2W1_Assignment.json"):
        result_keys([nbgrader, plain])


def test_grader_fingerprint_names_the_version_and_the_code():
    version, _, digest = grader_fingerprint().partition("+")
    from autograder import __version__

    assert version == __version__
    assert len(digest) == 12 and int(digest, 16) >= 0
    assert grader_fingerprint() is grader_fingerprint()  # computed once per process
