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
    assert STAGES == ("prepare", "execute", "retrain", "check", "evidence")


def _probe_data(folder: Path):
    from autograder.pipeline import DataLocation
    from autograder.weeks.c2w1.standin import generate

    student, heldout = generate(student_dir=folder / "s", heldout_dir=folder / "h",
                                scale="probe", seed=3)
    return DataLocation(student_root=folder / "s", images_dir=folder / "s" / "PetImages",
                        heldout_dir=folder / "h" / "PetImages", student_manifest=student,
                        heldout_manifest=heldout)


def test_retrain_mode_is_a_stage_before_the_checks(tmp_path):
    """In the retrain mode the held-out check scores the model the retrain stage made (even
    for a notebook that exported nothing), and the checks never retrain themselves."""
    import dataclasses

    import keras

    from autograder.assignments import get_assignment
    from autograder.pipeline import check_artifacts
    from autograder.weeks.c2w1 import training

    calls = []

    def retrain(artifacts, rules, work_dir):
        calls.append(rules.max_epochs)
        model = keras.Sequential([keras.Input((150, 150, 3)), keras.layers.Flatten(),
                                  keras.layers.Dense(1, activation="sigmoid",
                                                     kernel_initializer="zeros",
                                                     bias_initializer="ones")])
        return model, "the grader's own retraining"  # says "Dog" to everything

    spec = dataclasses.replace(get_assignment("C2W1"), retrain=retrain,
                               checks=(training.heldout_accuracy,))
    (tmp_path / "artifacts").mkdir()
    settings = load_settings({"mode": "retrain", "work_root": str(tmp_path / "w")}, env={},
                             cwd=tmp_path)
    result = check_artifacts(tmp_path / "artifacts", spec, settings, fixtures={},
                             execution={"status": "completed"}, data=_probe_data(tmp_path))
    assert calls == [15] and "retrain" in result.timings
    (heldout,) = result.checks
    assert heldout.status == "failed"
    assert "0.500, 0.300 below the bar of 0.80 for the grader's own retraining" in heldout.feedback

    no_retrain = dataclasses.replace(spec, retrain=None)
    result = check_artifacts(tmp_path / "artifacts", no_retrain, settings, fixtures={},
                             execution={"status": "completed"}, data=_probe_data(tmp_path / "2"))
    assert result.checks[0].status == "grader_error"


def test_a_notebook_the_grader_could_not_run_is_a_grader_error_not_a_zero(tmp_path):
    """When the grader could not start or prepare the kernel, nothing the student wrote
    ran: every check is the grader's error (regraded, flagged), never the student's."""
    from autograder.assignments import get_assignment
    from autograder.pipeline import check_artifacts

    spec = get_assignment("C2W1")
    (tmp_path / "artifacts").mkdir()
    settings = load_settings({"work_root": str(tmp_path / "w")}, env={}, cwd=tmp_path)
    data = _probe_data(tmp_path)
    statuses = {}
    for status in ("kernel_failed_to_start", "kernel_died"):
        result = check_artifacts(tmp_path / "artifacts", spec, settings, fixtures={},
                                 execution={"status": status, "message": "stopped"}, data=data)
        statuses[status] = {check.status for check in result.checks}
    assert statuses == {"kernel_failed_to_start": {"grader_error"}, "kernel_died": {"failed"}}
