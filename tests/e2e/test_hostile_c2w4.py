"""Hostile Week 4 submissions (`tests/hostile/week4.py`) graded through the CLI in one batch
beside an honest neighbour of the Week 4 corpus, whose score must not change."""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from autograder.reporters import student_feedback
from autograder.results import from_dict
from tests.e2e.conftest import grade_beside_neighbour
from tests.hostile.week4 import SCENARIOS, build
from tests.submissions.c2w4.scenarios import HERE as CORPUS
from tests.submissions.c2w4.scenarios import SCENARIOS as CORPUS_SCENARIOS

NEIGHBOUR = "dense-10-head"
"""Stops training early (3 epochs): about 20 s on 2 cores."""


def _neighbour_score() -> float:
    spec = get_assignment("C2W4")
    lost = CORPUS_SCENARIOS[NEIGHBOUR].loses
    return sum(c.points for c in spec.checks if c.id not in lost)


@pytest.mark.kernel
def test_attacks_get_their_points_and_the_neighbour_keeps_its_own(week4_env, tmp_path):
    results = grade_beside_neighbour(
        week4_env, "C2W4", {name: build(name) for name in SCENARIOS},
        CORPUS / f"{NEIGHBOUR}.ipynb", tmp_path, timeout=1800)
    neighbour = results.pop("neighbour")
    assert neighbour["score"] == _neighbour_score(), student_feedback(from_dict(neighbour))
    for name, result in results.items():
        scenario = SCENARIOS[name]
        feedback = student_feedback(from_dict(result))
        assert result["score"] == scenario.points, feedback
        failed = {c["check_id"] for c in result["checks"] if c["status"] != "passed"}
        assert scenario.loses <= failed, feedback
        for message in scenario.messages:
            assert message in feedback, feedback
