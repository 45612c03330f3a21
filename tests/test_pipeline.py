"""Pipeline wiring: what the student's kernel is given, which cells the grader skips."""

from __future__ import annotations

from pathlib import Path

from nbformat.v4 import new_code_cell

from autograder.config import load_settings
from autograder.pipeline import STAGES, is_grader_test_cell, kernel_environment, prelude_code


def test_kernel_gets_student_data_but_not_the_heldout_location(tmp_path):
    settings = load_settings({"data_root": str(tmp_path / "d"), "heldout_root": str(tmp_path / "h")},
                             env={}, cwd=tmp_path)
    env = kernel_environment(settings)
    assert env["AUTOGRADER_DATA_ROOT"] == str(tmp_path / "d")
    assert not env.get("AUTOGRADER_HELDOUT_ROOT") and not env.get("AUTOGRADER_CONFIG")
    assert str(tmp_path / "h") not in " ".join(env.values())


def test_kernel_environment_is_an_allow_list(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_HELDOUT_ROOT", str(tmp_path / "h"))
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    settings = load_settings({"data_root": str(tmp_path / "d")}, env={}, cwd=tmp_path)
    env = kernel_environment(settings)
    assert "GITHUB_TOKEN" not in env and "secret-token" not in " ".join(env.values())
    assert str(tmp_path / "h") not in " ".join(env.values())


def test_default_scratch_is_outside_the_course_folder():
    settings = load_settings(env={}, cwd=Path(__file__).parent)
    assert Path(__file__).parent.parent not in settings.work_root.parents


def test_only_nbgrader_test_cells_are_skipped():
    test_cell = new_code_cell("grade()", metadata={"nbgrader": {"grade": True, "solution": False}})
    answer = new_code_cell("x", metadata={"nbgrader": {"grade": True, "solution": True}})
    assert is_grader_test_cell(test_cell)
    assert not is_grader_test_cell(answer) and not is_grader_test_cell(new_code_cell("y"))


def test_prelude_seeds_python_numpy_and_tensorflow():
    code = prelude_code(7)
    assert "_r.seed(7)" in code and "_np.random.seed(7)" in code and "set_random_seed(7)" in code
    assert STAGES == ("prepare", "execute", "check")
