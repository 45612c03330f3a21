"""Callback checks at the exact bars (0.95, 0.80), inclusive."""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from autograder.checks import run_checks
from tests.conftest import assert_replacements_apply, reference_namespace

CALLBACK_CHECKS = [c for c in get_assignment("C2W1").checks if c.needs == ("callback",)]

WRONG = {
    "strict-greater": ({">= 0.95": "> 0.95", ">= 0.80": "> 0.80"}, {"callback_stops_at_bars"}),
    "strict-greater-validation-only": ({">= 0.80": "> 0.80"}, {"callback_stops_at_bars"}),
    "or-instead-of-and": ({" and logs": " or logs"}, {"callback_keeps_training_below_bars"}),
    "never-stops": ({"self.model.stop_training = True": "pass"}, {"callback_stops_at_bars"}),
    # logs["acc"] raises KeyError on every epoch: neither behaviour can be credited.
    "acc-key": ({'logs.get("accuracy", 0.0)': 'logs["acc"]'},
                {"callback_is_working_keras_callback", "callback_stops_at_bars",
                 "callback_keeps_training_below_bars"}),
    "not-a-keras-callback": ({"(tf.keras.callbacks.Callback)": "(object)"},
                             {"callback_is_working_keras_callback"}),
}


def _failed(export, namespace):
    results = run_checks(CALLBACK_CHECKS, export(namespace, "callback"))
    assert not [r for r in results if r.status == "grader_error"], results
    return {r.check_id for r in results if not r.passed}, results


def test_reference_callback_passes(export):
    failed, _ = _failed(export, reference_namespace("callback"))
    assert failed == set()


@pytest.mark.parametrize("scenario", sorted(WRONG))
def test_wrong_callback_loses_exactly_its_points(export, scenario):
    replace, expected = WRONG[scenario]
    assert_replacements_apply("callback", replace)
    failed, _ = _failed(export, reference_namespace("callback", replace=replace))
    assert failed == expected


def test_strict_greater_feedback_names_the_boundary(export):
    namespace = reference_namespace("callback", replace={">= 0.95": "> 0.95"})
    _, results = _failed(export, namespace)
    feedback = next(r.feedback for r in results if r.check_id == "callback_stops_at_bars")
    assert "accuracy=0.95 and val_accuracy=0.8" in feedback
    assert "it kept training" in feedback and ">=" in feedback
