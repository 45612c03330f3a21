"""The older edition's ``myCallback``: one point holds both halves of its rule (the current
edition's two callback checks, run in turn): it stops training after an epoch with accuracy
> 0.999, and only then. Whether it is a Keras callback is not scored apart: one that is not
cannot train, which the training checks see."""

from __future__ import annotations

from autograder.checks.base import check, passed
from autograder.weeks.c2w3 import training
from autograder.weeks.c2w3.colab.rules import CALLBACK

__all__ = ["callback_stops_at_bar"]


@check("callback_stops_at_bar", title=f"{CALLBACK} stops training once accuracy > 0.999, and "
       "not before", points=1, needs=("callback",), claims=("callback.probes",))
def callback_stops_at_bar(artifacts):
    for half in (training.callback_stops_above_bar, training.callback_keeps_training_below_bar):
        outcome = half.run(artifacts)
        if not outcome.passed:
            return outcome
    return passed()
