"""The callback's probe logs are drawn by the grader for each grading, and its answers count
only for exactly those logs: an export that reports no probe gets none of the points."""

from __future__ import annotations

import random
from pathlib import Path

from autograder.artifacts import Artifacts, GradingData
from autograder.assignments import get_assignment
from autograder.checks import run_checks
from autograder.checks.callbacks import ProbeDraw
from autograder.weeks.c2w1.callback import PROBES
from autograder.weeks.c2w3.training import PROBES as WEEK3_PROBES

CHECKS = [c for c in get_assignment("C2W1").checks if c.needs == ("callback",)]


def _right(draw: ProbeDraw) -> list[dict]:
    return [{"accuracy": a, "val_accuracy": v, "stopped": a >= 0.95 and v >= 0.80,
             "printed": ""} for a, v in draw.probes]


def _graded(draw: ProbeDraw, probes: list[dict]):
    facts = {"callback": {"ok": True, "is_keras_callback": True, "probes": probes}}
    data = GradingData(student_manifest=None, student_images_dir=None, heldout_dir=None,
                       fixtures={"callback": draw})
    results = run_checks(CHECKS, Artifacts(folder=Path("."), facts=facts, data=data,
                                           settings=None))
    return {r.check_id: r for r in results}


def test_each_grading_draws_its_own_logs_with_the_boundaries_among_them(tmp_path):
    first, second = (PROBES.place(tmp_path, tmp_path, seed=42) for _ in range(2))
    assert first.probes != second.probes  # the course seed does not decide them
    for draw in (first, second):
        assert (0.95, 0.8) in draw.probes
        assert any(a == 0.9499 and v >= 0.8 for a, v in draw.probes)  # just below one bar
        assert any(v == 0.7999 and a >= 0.95 for a, v in draw.probes)  # just below the other
        stops = [a >= 0.95 and v >= 0.8 for a, v in draw.probes]
        assert sum(stops) >= 4 and stops.count(False) >= 5
    assert list(tmp_path.iterdir()) == []  # nothing is written for the kernel


def test_week_3_draws_either_side_of_its_strict_bar(tmp_path):
    draw = WEEK3_PROBES.place(tmp_path, tmp_path, seed=0)
    assert (0.9991 in [a for a, _ in draw.probes]) and (0.998 in [a for a, _ in draw.probes])
    assert all(a != 0.999 for a, _ in draw.probes)


def test_right_answers_to_the_logs_sent_get_the_points(tmp_path):
    draw = PROBES.place(tmp_path, tmp_path, seed=0)
    assert all(r.passed for r in _graded(draw, _right(draw)).values())


def test_no_probe_at_all_gets_none_of_the_points(tmp_path):
    """The issue's forgery: the exporter rebound to report an empty probe list."""
    results = _graded(PROBES.place(tmp_path, tmp_path, seed=0), [])
    assert not any(r.passed for r in results.values())
    assert "Expected the callback to be tried on the grader's" in \
        results["callback_stops_at_bars"].feedback
    assert all(r.status == "failed" for r in results.values())  # the student's, not ours


def test_a_missing_extra_or_other_probe_fails(tmp_path):
    draw = PROBES.place(tmp_path, tmp_path, seed=0)
    right = _right(draw)
    other = PROBES.place(tmp_path, tmp_path, seed=0)
    for probes in (right[1:], right + right[:1], _right(other),
                   [{**right[0], "accuracy": 0.99}] + right[1:]):
        assert not any(r.passed for r in _graded(draw, probes).values())


def test_a_draw_survives_its_trip_through_json(tmp_path):
    draw = PROBES.place(tmp_path, tmp_path, seed=0)
    assert PROBES.restore(draw.kernel_params) == draw


def test_rounding_never_moves_a_log_across_a_bar():
    source = random.Random(1)
    for _ in range(200):
        for a, v in PROBES.draw(source):
            assert (round(a, 4) >= 0.95) == (a >= 0.95) and (round(v, 4) >= 0.8) == (v >= 0.8)
