"""The execute stage: run a submitted notebook in its own kernel, within limits.

`execute_notebook` never raises for anything a submission does (errors, endless
loops, `exit()`, running out of memory, a corrupt file): it returns an
`ExecutionReport` whose `failures` name the cells for students and carry the
tracebacks for instructors.
"""

from autograder.execute.report import CellFailure, ExecutionReport
from autograder.execute.runner import execute_notebook

__all__ = ["CellFailure", "ExecutionReport", "execute_notebook"]
