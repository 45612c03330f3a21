"""The student's one-paragraph summary of a run names the cap that stopped it and how to stay under it."""

from __future__ import annotations

import pytest

from autograder.execute.report import CellFailure
from autograder.execute.summary import summarize
from autograder.sandbox.guard import Violation


@pytest.mark.parametrize("kind, limit, advice", [
    ("memory", 3 * 1024 ** 3, "Use less memory"),
    ("disk", 1024 ** 3, "Write less"),
    ("processes", 256, "Start fewer processes"),
])
def test_a_cap_gets_the_hint_for_that_cap(kind, limit, advice):
    failure = CellFailure.for_cell(3, "x = 1", kind="limit",
                                   evalue=f"{Violation(kind, limit).describe()}, so the grader "
                                          f"stopped it")
    text = summarize("limit_exceeded", failures=[failure], stopped_by=failure, cells_run=4)
    assert Violation(kind, limit).describe() in text and advice in text
    others = {"Use less memory", "Write less", "Start fewer processes"} - {advice}
    assert not [other for other in others if other in text]
