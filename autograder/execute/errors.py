"""Exceptions used inside the execute stage, shaped like nbclient's.

`execute_notebook` turns every one of them into an `ExecutionReport`; they exist
so that the code running one cell can say *how* it failed and the code running the
notebook can decide what to do next in one place.
"""

from __future__ import annotations

from autograder.execute.report import CellFailure

__all__ = [
    "MISSING_FILE",
    "CellFailed",
    "CellRaised",
    "CellTimedOut",
    "ExecutionError",
    "InvalidNotebook",
    "KernelDied",
    "KernelStartFailed",
]


class ExecutionError(Exception):
    """Base of everything that stops a notebook, or one of its cells, from running."""


class InvalidNotebook(ExecutionError):
    """The submitted file cannot be read as a notebook; the message says why."""


MISSING_FILE = "the file was not found"
"""`InvalidNotebook` reason when there is no file at all (worded apart for the student)."""


class KernelStartFailed(ExecutionError):
    """No kernel could be started (unknown kernel name, start-up timeout, crash)."""


class CellFailed(ExecutionError):
    """A cell did not run to completion.

    Args:
        failure: What happened, for students and instructors.
    """

    def __init__(self, failure: CellFailure) -> None:
        super().__init__(failure.student_message())
        self.failure = failure

    def __str__(self) -> str:
        # Like nbclient's CellExecutionError, carry the cell's traceback along.
        message = self.failure.student_message()
        return f"{message}\n{self.failure.traceback}" if self.failure.traceback else message


class CellRaised(CellFailed):
    """The cell raised an exception; the kernel is fine and later cells can run."""


class CellTimedOut(CellFailed):
    """The cell ran past its time limit and was interrupted.

    Args:
        failure: What happened.
        kernel_recovered: Whether the kernel answered again after the interrupt;
            if not, it is stuck and must be killed.
    """

    def __init__(self, failure: CellFailure, *, kernel_recovered: bool) -> None:
        super().__init__(failure)
        self.kernel_recovered = kernel_recovered


class KernelDied(CellFailed):
    """The kernel process died while the cell ran (out of memory, exit(), segfault)."""
