"""Tiny notebooks for the execute stage's tests, built with nbformat in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """The kernel's working directory, separate from where the notebook lives."""
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture
def make_notebook(tmp_path: Path) -> Callable[..., Path]:
    """Writes a notebook whose first cell is markdown and the rest are code cells.

    The markdown cell makes sure failures count every cell, not only code cells:
    the first code source passed is cell index 1.
    """

    def make(*sources: str, name: str = "submission.ipynb") -> Path:
        cells = [new_markdown_cell("# Week 1 assignment"), *(new_code_cell(s) for s in sources)]
        path = tmp_path / name
        nbformat.write(new_notebook(cells=cells), str(path))
        return path

    return make
