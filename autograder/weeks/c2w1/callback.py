"""Checks of ``EarlyStoppingCallback``: it stops exactly at the course's bars.

The callback is probed in the student's kernel with training logs on and around the
bars (accuracy ≥ 0.95 and val_accuracy ≥ 0.80, both inclusive).
"""

from __future__ import annotations

from autograder.checks.base import check, failed, passed
from autograder.weeks.c2w1.rules import RULES

__all__ = ["PROBES", "callback_is_working_keras_callback", "callback_stops_at_bars",
           "callback_keeps_training_below_bars"]

#: The bars the callback must stop at: the course's, whatever an instructor grades training with.
ACCURACY_BAR, VAL_ACCURACY_BAR = RULES.accuracy_bar, RULES.val_accuracy_bar
#: (accuracy, val_accuracy) logs the callback is probed with.
PROBES = ((0.95, 0.80), (0.96, 0.81), (0.99, 0.99), (0.94, 0.80), (0.95, 0.79),
          (0.9499, 0.99), (0.99, 0.7999), (0.50, 0.50))


def _should_stop(accuracy: float, val_accuracy: float) -> bool:
    return accuracy >= ACCURACY_BAR and val_accuracy >= VAL_ACCURACY_BAR


def _wrong_probes(artifacts, stop: bool):
    """Returns (probe, what happened) for probes where the callback did not do `stop`."""
    facts = artifacts.get("callback")
    wrong = []
    for probe in facts["probes"]:
        if _should_stop(probe["accuracy"], probe["val_accuracy"]) != stop:
            continue
        if "error" in probe:
            wrong.append((probe, f"that {probe['error']}"))
        elif probe["stopped"] != stop:
            wrong.append((probe, "it stopped training" if probe["stopped"] else
                          "it kept training"))
    return wrong


def _logs(probe) -> str:
    return f"accuracy={probe['accuracy']} and val_accuracy={probe['val_accuracy']}"


@check("callback_is_working_keras_callback", title="EarlyStoppingCallback is a "
       "tf.keras.callbacks.Callback whose on_epoch_end runs on training logs", points=1,
       needs=("callback",))
def callback_is_working_keras_callback(artifacts):
    facts = artifacts.get("callback")
    errors = [probe for probe in facts["probes"] if "error" in probe]
    if not facts["is_keras_callback"]:
        return failed(expected="class EarlyStoppingCallback(tf.keras.callbacks.Callback)",
                      found="a class that does not inherit from tf.keras.callbacks.Callback",
                      fix="declare it as class EarlyStoppingCallback(tf.keras.callbacks.Callback).")
    if errors:
        return failed(expected="on_epoch_end(epoch, logs) to run on the logs Keras passes, e.g. "
                               f"{{'accuracy': {errors[0]['accuracy']}, 'val_accuracy': "
                               f"{errors[0]['val_accuracy']}, 'loss': …, 'val_loss': …}}",
                      found=errors[0]["error"],
                      fix="read the values with logs['accuracy'] and logs['val_accuracy'] and "
                          "replace the NotImplementedError placeholder with your code.")
    return passed()


def _behaves(artifacts, *, stop: bool, expected: str, fix: str):
    """Passes when every probe that should (not) stop training did (not) stop it."""
    wrong = _wrong_probes(artifacts, stop=stop)
    if not wrong:
        return passed()
    probe, happened = wrong[0]
    return failed(expected=f"{expected} {_logs(probe)}", found=happened, fix=fix)


@check("callback_stops_at_bars", title="EarlyStoppingCallback stops training once accuracy ≥ "
       "0.95 and val_accuracy ≥ 0.80 (bounds included)", points=1, needs=("callback",))
def callback_stops_at_bars(artifacts):
    return _behaves(artifacts, stop=True,
                    expected="training to stop at the end of an epoch with",
                    fix="in on_epoch_end, set self.model.stop_training = True when "
                        "logs['accuracy'] >= 0.95 and logs['val_accuracy'] >= 0.80 (use >=, "
                        "both bounds count).")


@check("callback_keeps_training_below_bars", title="EarlyStoppingCallback keeps training while "
       "either accuracy is below its bar", points=1, needs=("callback",))
def callback_keeps_training_below_bars(artifacts):
    return _behaves(artifacts, stop=False, expected="training to go on after an epoch with",
                    fix="stop only when BOTH logs['accuracy'] >= 0.95 and "
                        "logs['val_accuracy'] >= 0.80 (use `and`, not `or`).")
