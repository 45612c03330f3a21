"""`autograder.nbgrader_preprocessor`: what nbgrader reads from the test cells it fills.

No kernel here: the filled cells are graded by nbgrader's own `determine_grade`, as
`SaveAutoGrades` does; one test starts the real grader process on missing data.
"""

from __future__ import annotations

import logging

import nbformat
import pytest
from nbformat.v4 import new_output
from nbgrader.utils import determine_grade

from autograder.assignments import get_assignment
from autograder.nbgrader_preprocessor import (
    GRADER_ERROR, NO_CHECK, NOT_GRADED, AutograderGrade, copy_outputs, fill_test_cells,
    grader_command)
from autograder.notebook import visible_checks
from autograder.pipeline import is_grader_test_cell
from autograder.results import CheckResult, GradeResult
from tests.conftest import RELEASE, SOURCE

SPEC = get_assignment("C2W1")
LOG = logging.getLogger("test-autograder-grade")
SECRET = "Traceback: heldout/cats_and_dogs/secret.jpg"


def _check(check, status: str, points: float, feedback: str = "") -> CheckResult:
    return CheckResult(check_id=check.id, title=check.title, status=status, points=points,
                       max_points=check.points, hidden=check.hidden, feedback=feedback,
                       detail=SECRET)


def _result(*checks: CheckResult, execution: dict | None = None) -> GradeResult:
    return GradeResult(assignment="C2W1", submission="C2W1_Assignment.ipynb",
                       submission_sha256="", mode="trained", data="the offline stand-in",
                       data_origin="standin", execution=execution or {"status": "completed"},
                       checks=checks)


def _mixed_result() -> tuple[GradeResult, dict[str, float]]:
    """Every check of C2W1: passed, failed, half a point, or a grader error, in turn."""
    checks, expected = [], {}
    for index, check in enumerate(SPEC.checks):
        kind = index % 4
        if kind == 0:
            checks.append(_check(check, "passed", check.points))
        elif kind == 1:
            checks.append(_check(check, "failed", 0.0, "Expected X. Found Y. How to fix: Z"))
        elif kind == 2:
            checks.append(_check(check, "failed", check.points / 2, "Half of it."))
        else:
            checks.append(_check(check, "grader_error", 0.0, "internal"))
        expected[check.id] = checks[-1].points
    return _result(*checks), expected


def _test_cells(nb) -> dict:
    return {c.metadata.nbgrader.grade_id: c for c in nb.cells if is_grader_test_cell(c)}


def _text(cell) -> str:
    return "".join(o.get("text", "") + str(o.get("data", "")) for o in cell.outputs)


def test_nbgrader_reads_each_checks_points():
    nb = nbformat.read(SOURCE, as_version=4)
    result, expected = _mixed_result()
    fill_test_cells(nb, result, LOG)
    nbformat.validate(nb)
    cells = _test_cells(nb)
    assert {grade_id: determine_grade(cell, LOG)[0] for grade_id, cell in cells.items()} == expected
    for check in result.checks:
        text = _text(cells[check.check_id])
        assert f"{check.title} ({check.points:g} of {check.max_points:g} points)" in text
        assert SECRET not in text and "grade(" not in text


def test_verdicts_show_student_feedback_and_say_grader_errors_are_not_the_students_fault():
    nb = nbformat.read(SOURCE, as_version=4)
    result, _ = _mixed_result()
    fill_test_cells(nb, result, LOG)
    cells = _test_cells(nb)
    passed, failed, _, broken = (cells[c.check_id] for c in result.checks[:4])
    assert _text(passed).startswith("Graded on: the offline stand-in\n")
    assert "✓ " in _text(passed) and "How to fix" not in _text(passed)
    assert "✗ " in _text(failed) and "    Expected X. Found Y. How to fix: Z" in _text(failed)
    assert "! " in _text(broken) and GRADER_ERROR in _text(broken)
    assert "Graded on" not in _text(failed)  # said once, in the first test cell


def test_no_result_gives_every_test_cell_zero_and_says_it_is_not_the_students_fault():
    nb = nbformat.read(SOURCE, as_version=4)
    fill_test_cells(nb, None, LOG)
    for cell in _test_cells(nb).values():
        assert determine_grade(cell, LOG)[0] == 0
        assert NOT_GRADED in _text(cell)


def test_a_test_cell_without_a_check_gets_zero_and_a_warning(caplog):
    nb = nbformat.read(SOURCE, as_version=4)
    cell = next(iter(_test_cells(nb).values()))
    cell.metadata.nbgrader.grade_id = "not_a_check"
    result = _result(*(_check(c, "passed", c.points) for c in SPEC.checks))
    with caplog.at_level(logging.WARNING, logger=LOG.name):
        fill_test_cells(nb, result, LOG)
    assert determine_grade(cell, LOG)[0] == 0 and NO_CHECK in _text(cell)
    assert "not_a_check" in caplog.text


def test_executed_outputs_go_to_student_cells_only():
    nb = nbformat.read(RELEASE, as_version=4)
    executed = nbformat.read(RELEASE, as_version=4)
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = [new_output("stream", name="stdout", text="ran\n")]
            cell.execution_count = 7
    assert copy_outputs(nb, executed, LOG)
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        ran = not is_grader_test_cell(cell)
        assert (cell.outputs != []) == ran and (cell.execution_count == 7) == ran
    executed.cells.pop()
    assert not copy_outputs(nbformat.read(RELEASE, as_version=4), executed, LOG)


def test_the_grader_runs_isolated_with_the_course_settings(tmp_path):
    command = grader_command(tmp_path / "nb.ipynb", assignment="C2W1", result=tmp_path / "r",
                             executed=tmp_path / "e", config="/course/autograder.toml")
    assert command[1:5] == ["-I", "-m", "autograder", "grade"]
    assert command[command.index("--config") + 1] == "/course/autograder.toml"


def _resources() -> dict:
    return {"nbgrader": {"notebook": "C2W1_Assignment", "assignment": "C2W1",
                         "student": "someone"}}


def test_a_grader_that_gives_no_result_logs_why_and_gives_zero(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("AUTOGRADER_DATA_ROOT", str(tmp_path / "no-data"))
    nb = nbformat.read(RELEASE, as_version=4)
    with caplog.at_level(logging.ERROR):
        nb, _ = AutograderGrade().preprocess(nb, _resources())
    assert "No prepared data" in caplog.text  # the grader's stderr, for the instructor
    for cell in _test_cells(nb).values():
        assert determine_grade(cell)[0] == 0 and NOT_GRADED in _text(cell)
        assert "No prepared data" not in _text(cell)


def test_a_grader_past_its_time_is_stopped(caplog):
    nb = nbformat.read(RELEASE, as_version=4)
    with caplog.at_level(logging.ERROR):
        nb, _ = AutograderGrade(timeout=0).preprocess(nb, _resources())
    assert "stopped after 0 s" in caplog.text
    assert all(determine_grade(c)[0] == 0 for c in _test_cells(nb).values())


@pytest.mark.parametrize("artifacts", [("cleaning",), ("datasets",), ("created_model",),
                                       ("callback",), ("history",)])
def test_self_checks_never_run_hidden_checks(artifacts):
    checks = visible_checks(SPEC, artifacts)
    assert not any(c.hidden or c.needs_heldout for c in checks)
    assert [c.id for c in checks] == [c.id for c in SPEC.checks if set(c.needs) <= set(artifacts)
                                      and not c.hidden]


def _student_copy_with_bad_metadata() -> nbformat.NotebookNode:
    """The release as a student may hand it in: a locked cell copied, one cell's metadata
    set to another schema version, one emptied."""
    import copy

    nb = nbformat.read(RELEASE, as_version=4)
    locked = next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("locked"))
    nb.cells.insert(nb.cells.index(locked) + 1, copy.deepcopy(locked))
    graded = [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id")]
    graded[-1].metadata.nbgrader["schema_version"] = 1
    graded[-2].metadata.nbgrader = {}
    return nb


def test_nbgraders_own_deduplication_stops_the_whole_batch():
    """Why `StudentMetadata` replaces `DeduplicateIds`: nbgrader's leaves version 0 behind,
    which `autograde` answers by stopping for every later student."""
    from nbgrader.nbgraderformat import SchemaTooOldError
    from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds

    nb = _student_copy_with_bad_metadata()
    nb, _ = DeduplicateIds().preprocess(nb, {})
    with pytest.raises(SchemaTooOldError):
        CheckCellMetadata().preprocess(nb, {})


def test_student_metadata_keeps_the_batch_going():
    from nbgrader.preprocessors import CheckCellMetadata

    from autograder.nbgrader_preprocessor import StudentMetadata

    nb = _student_copy_with_bad_metadata()
    cells = len(nb.cells)
    nb, _ = StudentMetadata().preprocess(nb, {})
    CheckCellMetadata().preprocess(nb, {})  # no SchemaTooOldError: nbgrader goes on
    assert len(nb.cells) == cells  # the student's copy stays, as an ordinary cell
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells
           if "nbgrader" in cell.metadata]
    assert len(ids) == len(set(ids))
    assert {cell.metadata["nbgrader"]["schema_version"] for cell in nb.cells
            if "nbgrader" in cell.metadata} == {3}
