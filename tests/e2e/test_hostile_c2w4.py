"""Hostile Week 4 submissions (`tests/hostile/week4.py`) graded through the CLI in one batch
beside an honest neighbour of the Week 4 corpus, whose score must not change."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

from autograder.assignments import get_assignment
from autograder.reporters import student_feedback
from autograder.results import from_dict, result_key
from tests.conftest import ROOT
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
    folder = tmp_path / "C2W4"
    folder.mkdir()
    notebooks = {}
    for name in SCENARIOS:
        notebooks[name] = folder / f"{name}.ipynb"
        nbformat.write(build(name), notebooks[name])
    notebooks["neighbour"] = folder / f"{NEIGHBOUR}.ipynb"
    notebooks["neighbour"].write_bytes((CORPUS / f"{NEIGHBOUR}.ipynb").read_bytes())
    out = tmp_path / "results"
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks.values()),
         "--assignment", "C2W4", "--out-dir", str(out)],
        env=week4_env, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]
    results = {name: json.loads((out / f"{result_key(path, root=ROOT)}.json").read_text())
               for name, path in notebooks.items()}
    print("\n".join(f"  {name:35} {r['score']:>4g}/{r['max_score']:g}"
                    for name, r in results.items()))
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
