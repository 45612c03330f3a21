"""Checks of a week's early-stopping callback: it stops exactly at the week's bars.

The callback is probed in the student's kernel with training logs on and around the bars
(both inclusive). The logs are drawn by the grader afresh for every grading
(`CallbackProbes`, from the operating system's randomness, never a public grid), always with
the course's boundary cases among them, and handed to the kernel's export as data; the
answers count only when they answer exactly the logs sent (`verified_probes`), so an export
that reports no probe, or other probes, gets none of the callback points.
`callback_checks(rules)` makes the three checks.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from autograder.checks.base import Check, MissingArtifact, check, failed, passed

__all__ = ["CallbackProbes", "ProbeDraw", "bar_probes", "callback_checks", "verified_probes"]

Logs = tuple[float, float]


@dataclass(frozen=True)
class ProbeDraw:
    """The (accuracy, val_accuracy) logs one grading probes a callback with."""

    probes: tuple[Logs, ...]

    @property
    def kernel_params(self) -> dict[str, Any]:
        """What the kernel's callback exporter is given (`autograder.artifacts.cells`)."""
        return {"grid": [list(probe) for probe in self.probes]}


@dataclass(frozen=True)
class CallbackProbes:
    """The `Fixture` of the ``callback`` artifact: draws the probe logs of one grading."""

    draw: Callable[[random.Random], Sequence[Logs]]
    """Draws the logs (boundary cases included) with the random source it is given."""
    artifact: str = "callback"

    def place(self, grader_dir: Path, artifacts_dir: Path, seed: int) -> ProbeDraw:
        """Draws from `secrets.SystemRandom` (the course's seed is not used: no grading can
        be told its probes in advance); nothing is written for the kernel."""
        source = secrets.SystemRandom()
        probes = list(dict.fromkeys((round(a, 4), round(v, 4)) for a, v in self.draw(source)))
        source.shuffle(probes)
        return ProbeDraw(tuple(probes))

    def restore(self, params: Mapping[str, Any]) -> ProbeDraw:
        """The draw whose `ProbeDraw.kernel_params` are `params` (CI's scoring step)."""
        return ProbeDraw(tuple((float(a), float(v)) for a, v in params["grid"]))


def bar_probes(accuracy_bar: float, val_accuracy_bar: float
               ) -> Callable[[random.Random], list[Logs]]:
    """The draw of a week whose callback stops once both accuracies reach their bars: on
    the bars (inclusive), just below either one, and random logs on every side of them."""
    a, v = accuracy_bar, val_accuracy_bar

    def draw(source: random.Random) -> list[Logs]:
        def up(bar: float) -> float:
            return source.uniform(bar, 1.0)

        def down(bar: float) -> float:
            return source.uniform(0.0, bar - 0.001)

        return [(a, v), (a - 0.0001, up(v)), (up(a), v - 0.0001),
                *((up(a), up(v)) for _ in range(3)), *((down(a), up(v)) for _ in range(2)),
                *((up(a), down(v)) for _ in range(2)), (down(a), down(v))]

    return draw


def verified_probes(artifacts) -> list[tuple[Logs, Mapping[str, Any]]]:
    """``(logs the grader sent, the kernel's answer)`` per probe of this grading.

    Raises:
        MissingArtifact: (the student's failure) when the answers are not for exactly the
            logs this grading drew, in order: a missing, extra or changed probe.
    """
    facts = artifacts.get("callback")
    draw = (artifacts.data.fixtures.get("callback") if artifacts.data is not None else None)
    answered = [(p.get("accuracy"), p.get("val_accuracy")) for p in facts["probes"]]
    sent = list(draw.probes) if isinstance(draw, ProbeDraw) else None
    if sent is None or answered != sent:
        raise MissingArtifact(
            f"Expected the callback to be tried on the grader's {len(sent or ())} training logs. "
            f"Found answers for {len(answered)} other logs. How to fix: run your notebook "
            f"unchanged from top to bottom and leave the grader's export alone.",
            f"sent {sent}, answered {answered}")
    return list(zip(sent, facts["probes"]))


def _wrong_probes(artifacts, stop: bool, bars: tuple[float, float]):
    """Returns (probe, what happened) for probes where the callback did not do `stop`."""
    wrong = []
    for (accuracy, val_accuracy), probe in verified_probes(artifacts):
        probe = {**probe, "accuracy": accuracy, "val_accuracy": val_accuracy}
        if (accuracy >= bars[0] and val_accuracy >= bars[1]) != stop:
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
           needs=("callback",), claims=("callback", "callback.probes"))
    def callback_is_working_keras_callback(artifacts):
        facts = artifacts.get("callback")
        errors = [{**probe, "accuracy": a, "val_accuracy": v}
                  for (a, v), probe in verified_probes(artifacts) if "error" in probe]
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
           f"{a} and val_accuracy ≥ {v} (bounds included)", points=1, needs=("callback",),
           claims=("callback.probes",))
    def callback_stops_at_bars(artifacts):
        return _behaves(artifacts, stop=True, bars=bars,
                        expected="training to stop at the end of an epoch with",
                        fix="in on_epoch_end, set self.model.stop_training = True when "
                            f"logs['accuracy'] >= {a} and logs['val_accuracy'] >= {v} (use >=, "
                            "both bounds count).")

    @check("callback_keeps_training_below_bars", title=f"{name} keeps training while "
           "either accuracy is below its bar", points=1, needs=("callback",),
           claims=("callback.probes",))
    def callback_keeps_training_below_bars(artifacts):
        return _behaves(artifacts, stop=False, bars=bars,
                        expected="training to go on after an epoch with",
                        fix=f"stop only when BOTH logs['accuracy'] >= {a} and "
                            f"logs['val_accuracy'] >= {v} (use `and`, not `or`).")

    return (callback_is_working_keras_callback, callback_stops_at_bars,
            callback_keeps_training_below_bars)
