"""Checks of ``EarlyStoppingCallback``: it stops exactly at the course's bars.

The callback is probed in the student's kernel with training logs on and around the
bars (accuracy ≥ 0.95 and val_accuracy ≥ 0.80, both inclusive).
"""

from __future__ import annotations

from autograder.checks.callbacks import CallbackProbes, bar_probes, callback_checks
from autograder.weeks.c2w1.rules import RULES

__all__ = ["PROBES", "callback_is_working_keras_callback", "callback_stops_at_bars",
           "callback_keeps_training_below_bars"]

#: Draws the (accuracy, val_accuracy) logs the callback is probed with, per grading, around
#: the course's bars (whatever an instructor grades training with).
PROBES = CallbackProbes(bar_probes(RULES.accuracy_bar, RULES.val_accuracy_bar))
callback_is_working_keras_callback, callback_stops_at_bars, callback_keeps_training_below_bars = \
    callback_checks(RULES)
