"""Checks of a week's early-stopping callback: it stops exactly at the week's bars.

The callback is probed in the student's kernel with training logs on and around the bars
(both inclusive); `callback_checks(rules)` makes the probe grid and the three checks.
"""

from __future__ import annotations

from autograder.checks.base import Check, check, failed, passed

__all__ = ["callback_checks", "probe_grid"]


def probe_grid(accuracy_bar: float, val_accuracy_bar: float) -> tuple[tuple[float, float], ...]:
    """(accuracy, val_accuracy) logs to probe a callback with: on the bars, just above,
    just below either one, and far on both sides."""
    a, v = accuracy_bar, val_accuracy_bar
    return tuple((round(x, 4), round(y, 4)) for x, y in (
        (a, v), (a + 0.01, v + 0.01), (0.99, 0.99), (a - 0.01, v), (a, v - 0.01),
        (a - 0.0001, 0.99), (0.99, v - 0.0001), (0.50, 0.50)))


def _wrong_probes(artifacts, stop: bool, bars: tuple[float, float]):
    """Returns (probe, what happened) for probes where the callback did not do `stop`."""
    facts = artifacts.get("callback")
    wrong = []
    for probe in facts["probes"]:
        if (probe["accuracy"] >= bars[0] and probe["val_accuracy"] >= bars[1]) != stop:
            continue
        if "error" in probe:
            wrong.append((probe, f"that {probe['error']}"))
        elif probe["stopped"] != stop:
            wrong.append((probe, "it stopped training" if probe["stopped"] else
                          "it kept training"))
    return wrong


def _logs(probe) -> str:
    return f"accuracy={probe['accuracy']} and val_accuracy={probe['val_accuracy']}"


def _behaves(artifacts, *, stop: bool, bars: tuple[float, float], expected: str, fix: str):
    """Passes when every probe that should (not) stop training did (not) stop it."""
    wrong = _wrong_probes(artifacts, stop, bars)
    if not wrong:
        return passed()
    probe, happened = wrong[0]
    return failed(expected=f"{expected} {_logs(probe)}", found=happened, fix=fix)


def callback_checks(rules, name: str = "EarlyStoppingCallback") -> tuple[Check, Check, Check]:
    """The three callback checks at `rules`' bars.

    Returns:
        ``(callback_is_working_keras_callback, callback_stops_at_bars,
        callback_keeps_training_below_bars)``.
    """
    bars = (rules.accuracy_bar, rules.val_accuracy_bar)
    a, v = f"{bars[0]:.2f}", f"{bars[1]:.2f}"

    @check("callback_is_working_keras_callback", title=f"{name} is a "
           "tf.keras.callbacks.Callback whose on_epoch_end runs on training logs", points=1,
           needs=("callback",))
    def callback_is_working_keras_callback(artifacts):
        facts = artifacts.get("callback")
        errors = [probe for probe in facts["probes"] if "error" in probe]
        if not facts["is_keras_callback"]:
            return failed(expected=f"class {name}(tf.keras.callbacks.Callback)",
                          found="a class that does not inherit from tf.keras.callbacks.Callback",
                          fix=f"declare it as class {name}(tf.keras.callbacks.Callback).")
        if errors:
            return failed(expected="on_epoch_end(epoch, logs) to run on the logs Keras passes, e.g. "
                                   f"{{'accuracy': {errors[0]['accuracy']}, 'val_accuracy': "
                                   f"{errors[0]['val_accuracy']}, 'loss': …, 'val_loss': …}}",
                          found=errors[0]["error"],
                          fix="read the values with logs['accuracy'] and logs['val_accuracy'] and "
                              "replace the NotImplementedError placeholder with your code.")
        return passed()

    @check("callback_stops_at_bars", title=f"{name} stops training once accuracy ≥ "
           f"{a} and val_accuracy ≥ {v} (bounds included)", points=1, needs=("callback",))
    def callback_stops_at_bars(artifacts):
        return _behaves(artifacts, stop=True, bars=bars,
                        expected="training to stop at the end of an epoch with",
                        fix="in on_epoch_end, set self.model.stop_training = True when "
                            f"logs['accuracy'] >= {a} and logs['val_accuracy'] >= {v} (use >=, "
                            "both bounds count).")

    @check("callback_keeps_training_below_bars", title=f"{name} keeps training while "
           "either accuracy is below its bar", points=1, needs=("callback",))
    def callback_keeps_training_below_bars(artifacts):
        return _behaves(artifacts, stop=False, bars=bars,
                        expected="training to go on after an epoch with",
                        fix=f"stop only when BOTH logs['accuracy'] >= {a} and "
                            f"logs['val_accuracy'] >= {v} (use `and`, not `or`).")

    return (callback_is_working_keras_callback, callback_stops_at_bars,
            callback_keeps_training_below_bars)
