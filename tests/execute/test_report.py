"""CellFailure and ExecutionReport: student wording and JSON round trips (no kernel)."""

from __future__ import annotations

import json

import pytest

from autograder.execute import CellFailure, ExecutionReport
from autograder.execute.report import HIDDEN_CELL, SCHEMA_VERSION

ERROR = CellFailure(11, "error", "ValueError", "Input 0 of layer conv2d is incompatible", "Traceback...",
                    "history = model.fit(train_generator, epochs=15, validation_data=validation_generator)")
TIMEOUT = CellFailure(6, "timeout", "", "ran for more than 600 s and was stopped", "", "while True:")
DEAD = CellFailure(8, "dead_kernel", "", "", "", "model.fit(x, y)")


def _report(**changes) -> ExecutionReport:
    values = dict(status="cell_errors", message="1 cell did not run correctly.", duration_s=12.5, cells_total=14,
                  cells_run=14, failures=(ERROR, TIMEOUT), prelude_failure=None, epilogue_ran=True,
                  epilogue_failure=CellFailure(HIDDEN_CELL, "error", "NameError", "name 'model' is not defined",
                                               "Traceback...", ""))
    return ExecutionReport(**{**values, **changes})


def test_error_message_names_the_cell_by_position_and_first_line():
    assert ERROR.student_message() == (
        "Cell 12 (`history = model.fit(train_generator, epochs=15, validatio...`) "
        "raised ValueError: Input 0 of layer conv2d is incompatible.")


def test_timeout_and_dead_kernel_messages():
    assert TIMEOUT.student_message() == "Cell 7 (`while True:`) ran for more than 600 s and was stopped."
    assert DEAD.student_message() == (
        "The notebook's kernel died while running cell 9 (`model.fit(x, y)`): this usually means it ran out "
        "of memory or called exit().")


def test_hidden_cells_are_never_quoted():
    failure = CellFailure.for_cell(HIDDEN_CELL, "export_artifacts('/secret/heldout')", kind="error",
                                   ename="NameError", evalue="name 'model' is not defined")

    assert failure.source_head == ""
    assert failure.student_message() == (
        "The grader's code that runs with your notebook raised NameError: name 'model' is not defined.")


def test_long_exception_messages_are_shortened_for_students():
    failure = CellFailure(1, "error", "ValueError", "x" * 1000, "", "f()")

    assert len(failure.student_message()) < 400 and failure.evalue == "x" * 1000


def test_for_cell_takes_the_first_non_blank_line():
    failure = CellFailure.for_cell(3, "\n\n   # Build the model\nmodel = ...", kind="error", ename="E")

    assert failure.source_head == "# Build the model"


def test_report_round_trips_through_json():
    report = _report(prelude_failure=DEAD)

    d = json.loads(json.dumps(report.to_dict()))

    assert d["schema_version"] == SCHEMA_VERSION and isinstance(d["failures"], list)
    assert ExecutionReport.from_dict(d) == report


def test_failures_are_stored_as_a_tuple():
    assert _report(failures=[ERROR]).failures == (ERROR,)


@pytest.mark.parametrize("change, match", [
    ({"schema_version": 99}, "schema_version 1. Received: 99"),
    ({"schema_version": None}, "Received: None"),
])
def test_from_dict_rejects_other_schema_versions(change, match):
    with pytest.raises(ValueError, match=match):
        ExecutionReport.from_dict({**_report().to_dict(), **change})


def test_from_dict_names_missing_keys():
    d = _report().to_dict()
    del d["cells_run"]

    with pytest.raises(ValueError, match=r"Missing: \['cells_run'\]"):
        ExecutionReport.from_dict(d)


def test_unknown_status_and_kind_are_rejected():
    with pytest.raises(ValueError, match="Received: 'crashed'"):
        _report(status="crashed")
    with pytest.raises(ValueError, match="Received: 'oom'"):
        CellFailure(1, "oom", "", "", "", "")
