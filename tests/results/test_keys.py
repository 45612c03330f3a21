"""Result keys and identity: the student is the folder at nbgrader's place under the batch's
root, never a ``submitted/`` found deeper; one result file per notebook, clashes set apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder import grader_fingerprint
from autograder.results import place_all, result_key, student_of

NOTEBOOK = "C2W1_Assignment.ipynb"


@pytest.mark.parametrize("folder", ["submitted", "autograded"])
def test_nbgrader_layout_under_the_course_root_is_keyed_by_student(tmp_path, folder):
    notebook = tmp_path / "course" / folder / "alice" / "C2W1" / NOTEBOOK
    root = tmp_path / "course"
    assert result_key(notebook, root=root) == "alice/C2W1/C2W1_Assignment"
    assert student_of(notebook, root=root) == "alice"


def test_the_root_may_be_submitted_itself(tmp_path):
    root = tmp_path / "course" / "submitted"
    notebook = root / "alice" / "C2W1" / NOTEBOOK
    assert (result_key(notebook, root=root), student_of(notebook, root=root)) == \
        ("alice/C2W1/C2W1_Assignment", "alice")
    # a folder of another name is not nbgrader's: no student
    other = tmp_path / "hand-ins"
    assert student_of(other / "alice" / "C2W1" / NOTEBOOK, root=other) == ""


def test_a_submitted_folder_inside_a_submission_is_just_a_folder(tmp_path):
    """mallory's hand-in holds ``submitted/bob/C2W1/``: it is nobody's, and never bob's."""
    mallory = tmp_path / "hand-ins" / "mallory" / "submitted" / "bob" / "C2W1" / NOTEBOOK
    assert student_of(mallory, root=tmp_path) == ""
    assert result_key(mallory, root=tmp_path) == \
        "hand-ins/mallory/submitted/bob/C2W1/C2W1_Assignment"
    # nor inside nbgrader's own layout: a student's folder holding another submitted/
    nested = tmp_path / "submitted" / "mallory" / "C2W1" / "submitted" / "bob" / "C2W1" / NOTEBOOK
    assert student_of(nested, root=tmp_path) == ""
    assert not result_key(nested, root=tmp_path).startswith("bob/")
    # and from the root of submitted/ itself
    root = tmp_path / "submitted"
    assert student_of(nested, root=root) == ""


def test_outside_the_root_nobody_is_a_student(tmp_path):
    notebook = tmp_path / "course" / "submitted" / "alice" / "C2W1" / NOTEBOOK
    assert student_of(notebook, root=tmp_path / "elsewhere") == ""


def test_two_students_same_assignment_get_different_keys(tmp_path):
    course = tmp_path / "course" / "submitted"
    alice, bob = (course / name / "C2W1" / NOTEBOOK for name in ("alice", "bob"))
    placements = place_all([alice, bob], root=course)
    assert [p.key for p in placements.placed] == ["alice/C2W1/C2W1_Assignment",
                                                  "bob/C2W1/C2W1_Assignment"]
    assert [p.student for p in placements.placed] == ["alice", "bob"]
    assert placements.clashes == ()


def test_relative_nbgrader_path_is_recognised_from_the_working_folder(tmp_path, monkeypatch):
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
    placements = place_all([tmp_path / "carol" / NOTEBOOK, tmp_path / "dan" / NOTEBOOK],
                           root=tmp_path)
    assert [p.key for p in placements.placed] == ["carol/C2W1_Assignment",
                                                  "dan/C2W1_Assignment"]


def test_outside_the_working_folder_the_absolute_path_is_kept(tmp_path):
    notebook = tmp_path / "elsewhere" / "C2W1" / NOTEBOOK
    key = result_key(notebook, root=tmp_path / "cwd")
    assert key == (notebook.resolve().relative_to(notebook.resolve().anchor)
                   .with_suffix("").as_posix())
    assert not key.startswith("/") and ".." not in key.split("/")


def test_dot_dot_in_a_path_never_escapes_the_output_folder(tmp_path):
    key = result_key(tmp_path / "a" / ".." / ".." / "b.ipynb", root=tmp_path)
    assert ".." not in key.split("/") and not key.startswith("/")


def test_the_same_notebook_twice_shares_its_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    placements = place_all([Path("a.ipynb"), tmp_path / "a.ipynb"])
    assert [p.key for p in placements.placed] == ["a", "a"] and placements.clashes == ()


def test_notebooks_on_one_key_are_set_apart_and_the_others_kept(tmp_path):
    course = tmp_path / "course"
    student = course / "submitted" / "alice" / "C2W1" / NOTEBOOK
    loose = course / "alice" / "C2W1" / NOTEBOOK          # same key, nobody's
    autograded = course / "autograded" / "alice" / "C2W1" / NOTEBOOK  # same key again
    bob = course / "submitted" / "bob" / "C2W1" / NOTEBOOK
    placements = place_all([student, bob, loose, autograded], root=course)
    assert [p.notebook for p in placements.placed] == [bob]
    (clash,) = placements.clashes
    assert clash.key == "alice/C2W1/C2W1_Assignment"
    assert clash.notebooks == (student, loose, autograded)
    assert "alice/C2W1/C2W1_Assignment.json" in clash.message
    assert "none of them was graded" in clash.message
    assert [p.clash is clash for p in placements.all] == [True, False, True, True]


def test_keys_that_differ_only_in_case_clash(tmp_path):
    """A case-insensitive disk would write both into one file."""
    root = tmp_path / "submitted"
    placements = place_all([root / "Alice" / "C2W1" / NOTEBOOK,
                            root / "alice" / "C2W1" / NOTEBOOK], root=root)
    assert placements.placed == () and len(placements.clashes) == 1


def test_grader_fingerprint_names_the_version_and_the_code():
    version, _, digest = grader_fingerprint().partition("+")
    from autograder import __version__

    assert version == __version__
    assert len(digest) == 12 and int(digest, 16) >= 0
    assert grader_fingerprint() is grader_fingerprint()  # computed once per process
