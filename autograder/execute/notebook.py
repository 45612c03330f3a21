"""Reading a submission and laying out the notebook the kernel actually runs."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat import NBFormatError, NotebookNode, ValidationError
from nbformat.reader import NotJSONError
from nbformat.v4 import new_code_cell

from autograder.execute._text import shorten
from autograder.execute.errors import MISSING_FILE, InvalidNotebook

__all__ = ["FIRST_STUDENT_POSITION", "read_submission", "student_notebook", "working_notebook"]

FIRST_STUDENT_POSITION = 1
"""Position of the submission's first cell in the working notebook (after the prelude)."""

_REASON_CHARS = 200


def read_submission(path: Path) -> NotebookNode:
    """Reads a submitted notebook as nbformat 4.

    Only what execution needs is checked (cells with a type and a text source): a
    notebook Jupyter opens with a metadata warning still runs.

    Args:
        path: The .ipynb file.

    Returns:
        The notebook.

    Raises:
        InvalidNotebook: With a student-readable reason, when the file cannot be read,
            is not JSON, or is not a notebook.
    """
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # why: whatever the reader trips on, the file is not a usable notebook
        raise InvalidNotebook(_reason(exc)) from exc
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise InvalidNotebook("it has no list of cells")
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or "cell_type" not in cell or not isinstance(cell.get("source"), str):
            raise InvalidNotebook(f"cell {index + 1} has no type or no source text")
    return nb


def _reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return MISSING_FILE
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, NotJSONError):
        return "it is not valid JSON"
    if isinstance(exc, (NBFormatError, ValidationError)):
        return shorten(str(exc).splitlines()[0], _REASON_CHARS)
    # TypeError, AttributeError...: JSON of the wrong shape that nbformat choked on.
    return "its JSON does not have the structure of a notebook"


def working_notebook(nb: NotebookNode, prelude: str | None, epilogue: str | None) -> NotebookNode:
    """Copies `nb` between the grader's hidden cells, with its old outputs cleared.

    Outputs are cleared so the executed notebook shows only this run, including
    for cells that were skipped or never reached.

    Args:
        nb: The submitted notebook (left untouched).
        prelude: Grader code to run first ("" or None: nothing).
        epilogue: Grader code to run last ("" or None: nothing).

    Returns:
        A notebook whose first and last cells are the prelude and epilogue and whose
        submitted cells start at `FIRST_STUDENT_POSITION`.
    """
    work = copy.deepcopy(nb)
    for cell in work.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    work.cells = [new_code_cell(prelude or ""), *work.cells, new_code_cell(epilogue or "")]
    return work


def student_notebook(work: NotebookNode) -> NotebookNode:
    """Returns the executed submission: `work` without the grader's hidden cells.

    Args:
        work: A notebook built by `working_notebook`, after execution.

    Returns:
        A copy holding the submitted cells with this run's outputs.
    """
    executed = copy.deepcopy(work)
    executed.cells = executed.cells[FIRST_STUDENT_POSITION:-1]
    return executed
