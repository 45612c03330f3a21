"""The one-paragraph, student-readable summary of a notebook run."""

from __future__ import annotations

import re
from typing import Sequence

from autograder.execute.environment import missing_package
from autograder.execute.errors import MISSING_FILE
from autograder.execute.report import CellFailure

__all__ = ["summarize"]

_RUN_ALL_HINT = ("Before submitting, check that the notebook runs from top to bottom with "
                 "Kernel > Restart Kernel and Run All Cells.")
#: Per cap (recognised by the words `autograder.sandbox.guard.Violation` uses), how to stay
#: under it.
_LIMIT_HINTS = {
    "of memory": "Use less memory: for example smaller batches and fewer images held in "
                 "memory at once.",
    "of files": "Write less: no copies of the data beyond the cleaned folder the assignment "
                "asks for, and no large files of your own.",
    "processes and threads": "Start fewer processes: no loops that start programs or "
                             "processes, and no workers beyond what the assignment uses.",
}
_LIMIT_HINT = ("Use less: for example smaller batches, fewer images held in memory at once, "
               "and no copies of the data beyond the cleaned folder the assignment asks for.")
#: Keras 2 attributes of a layer that Keras 3 (the grading environment's) no longer has, with
#: what replaces them: notebooks written for Keras 2, as the older course's were (its Week 3
#: template prints ``last_desired_layer.output_shape``), fail on them.
_KERAS2_LAYER_ONLY = {"output_shape": "`.output.shape` (for example "
                                      "`last_desired_layer.output.shape`)"}
_NO_ATTRIBUTE = re.compile(r"object has no attribute '(\w+)'")
_SPEED_HINT = ("Make it faster (for example fewer epochs or steps per epoch) and make sure "
               "no loop runs forever.")


def summarize(status: str, *, failures: Sequence[CellFailure], stopped_by: CellFailure | None,
              cells_run: int, reason: str = "") -> str:
    """Words the outcome of a run for the student.

    Args:
        status: The report's status.
        failures: Failures of the student's cells.
        stopped_by: The failure that ended the run early (student or hidden cell).
        cells_run: Code cells sent to the kernel.
        reason: Why the notebook was invalid, for "invalid_notebook".

    Returns:
        What happened, where, and how to fix it.
    """
    if status == "completed":
        return f"Your notebook ran to the end without errors ({cells_run} code cells run)."
    if status == "invalid_notebook" and reason == MISSING_FILE:
        return ("No notebook file was found where your submission should be. Submit the "
                "assignment's .ipynb file under the name it was given to you.")
    if status == "invalid_notebook":
        return (f"The submitted file could not be read as a Jupyter notebook ({reason}). Submit the "
                ".ipynb file as Jupyter saved it, without editing it by hand.")
    if status == "kernel_failed_to_start":
        return ("The grader could not start or prepare Python to run your notebook. This is "
                "not a problem with your work; please tell the course staff.")
    if status == "cell_errors":
        count = f"{len(failures)} cell{'s' if len(failures) > 1 else ''}"
        first = failures[0]
        hint = "" if missing_package(first.ename, first.evalue) else f" {_RUN_ALL_HINT}"
        return (f"{count} did not run correctly. First: {first.student_message()}"
                f"{_keras2_hint(first)}{hint}")
    cause = stopped_by.student_message() if stopped_by else "The run was stopped."
    hint = {"timed_out": _SPEED_HINT, "limit_exceeded": _limit_hint(stopped_by)}.get(
        status, _RUN_ALL_HINT)
    return f"{cause} Cells after it were not run. {hint}"


def _keras2_hint(failure: CellFailure) -> str:
    """What replaces a Keras 2 layer attribute that `failure` found missing; ``""`` else."""
    found = _NO_ATTRIBUTE.search(failure.evalue) if failure.ename == "AttributeError" else None
    if found is None or found.group(1) not in _KERAS2_LAYER_ONLY:
        return ""
    return (f" Layers have no `{found.group(1)}` in Keras 3, which runs your notebook (they "
            f"had in Keras 2): use {_KERAS2_LAYER_ONLY[found.group(1)]} instead.")


def _limit_hint(stopped_by: CellFailure | None) -> str:
    evalue = stopped_by.evalue if stopped_by else ""
    return next((hint for words, hint in _LIMIT_HINTS.items() if words in evalue), _LIMIT_HINT)
