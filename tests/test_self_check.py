"""`self_check`, the line of each self-check cell, in-process on a notebook's namespace (the
whole notebooks run in a kernel in tests/ci/test_student_notebooks.py)."""

from __future__ import annotations

import os
import shutil

import pytest

import autograder.notebook as notebook
from autograder.notebook import self_check
from tests.conftest import solution_code

PLACEHOLDER = ("def clean_images(source_dir, clean_dir):\n"
               "    # YOUR CODE HERE\n"
               "    raise NotImplementedError()\n")


@pytest.fixture
def live(monkeypatch):
    """Returns ``run(code)``: a notebook namespace after `code`, which self_check reads."""
    namespace: dict = {"os": os, "shutil": shutil}
    monkeypatch.setattr(notebook, "_namespace", lambda: namespace)

    def run(code: str) -> dict:
        exec(code, namespace)  # noqa: S102 - the test's own notebook cell
        return namespace

    return run


def test_a_hidden_part_with_a_placeholder_says_which_function_to_complete(live, capsys):
    """Week 1's cleaning checks are all hidden: the self-check still says what is missing."""
    live(PLACEHOLDER)
    self_check("C2W1", "cleaning")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "✗ clean_images() runs"
    assert lines[1].startswith("    Expected clean_images() to be written. Found the placeholder")
    assert "How to fix: complete clean_images() above" in lines[1]
    assert lines[2].startswith("0 of 1 self-checks passed. Fix the ✗ item")
    assert lines[3] == ("2 more check(s) of this part are hidden: the grader runs them when "
                        "you submit.")


def test_a_hidden_part_with_a_crashing_function_shows_the_crash(live, capsys):
    live(PLACEHOLDER.replace("raise NotImplementedError()", "return 1 / 0"))
    self_check("C2W1", "cleaning")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✗ ") and "ZeroDivisionError" in lines[1], lines


def test_a_hidden_part_whose_function_runs_passes(live, capsys):
    live(solution_code("clean_images"))
    self_check("C2W1", "cleaning")
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["✓ clean_images() runs", "1 of 1 self-checks passed."], lines
