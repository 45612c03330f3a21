"""What each week calibrates: its reference, its variants, its bars and the figures behind them.

A `Bar` is one threshold of the week's `Rules` (``accuracy_bar``, ``heldout_threshold`` …),
the figure of a run it is held against, and the check whose points it decides. The figures
come from the real grading's result: the history the notebook recorded
(``evidence.history``) and the grader's own measurements (``evidence.measured``, or the
instructor detail of the check where a week keeps them there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bench.calibration.variants import SOUND, UNSOUND, Variant

__all__ = ["Bar", "Week", "ROOT", "TRAINING_BARS", "figures_of", "get_week", "rule_values",
           "WEEK_IDS"]

ROOT = Path(__file__).resolve().parent.parent.parent
WEEK_IDS = ("C2W1", "C2W2", "C2W3", "C2W4")


@dataclass(frozen=True)
class Bar:
    """One of a week's bars, held against one figure of each run."""

    rule: str
    """The `Rules` field (or, for a bar the week keeps as a constant, a name of its own)."""
    figure: str
    """The run's figure it is held against (a key of `figures_of`)."""
    check: str
    """The id of the check whose points it decides."""
    above: bool = True
    """True: a run passes with figure ≥ bar; False: with figure ≤ bar (an overfitting gap)."""
    strict: bool = False
    """True: a run passes with figure > bar (Week 3's callback rule, accuracy > 0.999)."""
    measured: bool = False
    """True for a training bar: held as the check holds it, with `meets_bar` (the grader's
    measurement may fall `MEASURE_TOLERANCE` below the bar); False: the figure itself."""

    def floor(self, value: float) -> float:
        """The lowest figure (or, for an upper bound, the highest) that clears the bar."""
        from autograder.checks.training import MEASURE_TOLERANCE

        return value - MEASURE_TOLERANCE if self.measured else value

    def passes(self, figure: float | None, value: float) -> bool:
        """Whether `figure` clears this bar at `value` (a missing figure never does)."""
        if figure is None:
            return False
        if not self.above:
            return figure <= value
        if self.measured:
            from autograder.checks.training import meets_bar

            return meets_bar(figure, value, above=self.strict)
        return figure > value if self.strict else figure >= value

    def margin(self, figure: float | None, value: float) -> float | None:
        """How far `figure` clears the bar's `floor` (negative: misses it), in accuracy
        points."""
        if figure is None:
            return None
        return figure - self.floor(value) if self.above else value - figure


#: The bars of the weeks that grade training and held-out accuracy alike (Weeks 1, 2 and 4):
#: the training bars held against the grader's measurement of the saved model on the
#: student's splits, as the check reads them (one rule for history and measurement).
TRAINING_BARS = (Bar("accuracy_bar", "measured_train", "training_reached_bars", measured=True),
                 Bar("val_accuracy_bar", "measured_validation", "training_reached_bars",
                     measured=True),
                 Bar("heldout_threshold", "heldout", "heldout_accuracy"))


def rule_values(module: str, bars) -> Callable[[], dict[str, float]]:
    """A week's `Week.bar_values`: each bar's value read from ``<module>.RULES`` when asked
    (imported late, so a calibration reads the rules of the grader it runs)."""
    def values() -> dict[str, float]:
        import importlib

        rules = importlib.import_module(module).RULES
        return {bar.rule: getattr(rules, bar.rule) for bar in bars}
    return values


@dataclass(frozen=True)
class Week:
    """A week's calibration: the population and the bars."""

    assignment: str
    """Assignment id, e.g. ``"C2W4"``."""
    variants: tuple[Variant, ...]
    """Sound variants first, then unsound ones."""
    bars: tuple[Bar, ...]
    """The bars, in the order the report shows them."""
    bar_values: Callable[[], dict[str, float]]
    """The bars' current values, read from the week's package (``rules.py``)."""
    scale: str = "ci"
    """The stand-in scale the week is graded at in CI."""

    @property
    def solution(self) -> Path:
        from autograder.assignments import get_assignment

        spec = get_assignment(self.assignment)
        return ROOT / "solutions" / spec.id / spec.notebook

    def variant(self, name: str) -> Variant:
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(f"No variant {name!r} in {self.assignment}. Known: "
                       f"{[v.name for v in self.variants]}.")

    def check(self) -> None:
        """Raises ValueError unless the population is at least 8 sound and 1 unsound variant
        with distinct names, and every unsound one loses at least one check."""
        names = [v.name for v in self.variants]
        sound = sum(v.kind == SOUND for v in self.variants)
        unsound = sum(v.kind == UNSOUND for v in self.variants)
        if len(set(names)) != len(names) or sound < 8 or unsound < 1:
            raise ValueError(f"{self.assignment}: expected ≥ 8 sound and ≥ 1 unsound variants "
                             f"with distinct names. Received: {sound} sound, {unsound} unsound, "
                             f"names {names}.")


_NUMBER = r"([0-9]*\.?[0-9]+(?:e-?[0-9]+)?)"


def _detail_number(detail: str, *names: str) -> float | None:
    """The first ``name=<number>`` (or ``name <number>``) of `names` found in `detail`."""
    for name in names:
        found = re.search(rf"\b{name}[= ]{_NUMBER}", detail)
        if found:
            return float(found.group(1))
    return None


def figures_of(result: dict) -> dict[str, float | None]:
    """The figures behind the bars, from one result file's JSON (`GradeResult` as written).

    Returns:
        ``history_accuracy`` and ``history_val_accuracy`` (the history's last epoch),
        ``measured_train`` and ``measured_validation`` (the grader's own measurement of the
        saved model on the student's splits), ``heldout`` (on the grader's held-out data),
        ``overfit_gap`` (measured train − validation); None where the run has none.
    """
    evidence = result.get("evidence") or {}
    history = evidence.get("history") or {}
    measured = dict(evidence.get("measured") or {})
    details = {check["check_id"]: check.get("detail", "") for check in result.get("checks", ())}
    training = " ".join(details.get(key, "") for key in ("training_reached_bars",
                                                         "training_reached_bar",
                                                         "training_does_not_overfit"))
    if "train" not in measured:
        measured["train"] = _detail_number(training, "train", "measured")
    if "validation" not in measured:
        measured["validation"] = _detail_number(training, "validation")
    if "heldout" not in measured:
        measured["heldout"] = _detail_number(details.get("heldout_accuracy", ""), "accuracy")

    def last(key: str) -> float | None:
        values = [v for v in history.get(key) or [] if v is not None]
        return float(values[-1]) if values else None

    train, validation = measured.get("train"), measured.get("validation")
    return {"history_accuracy": last("accuracy"), "history_val_accuracy": last("val_accuracy"),
            "measured_train": train, "measured_validation": validation,
            "heldout": measured.get("heldout"),
            "overfit_gap": None if train is None or validation is None else train - validation}


def get_week(assignment: str) -> Week:
    """The calibration of `assignment` (``C2W1`` … ``C2W4``).

    Raises:
        KeyError: for an unknown week, naming the known ones.
    """
    import importlib

    if assignment.upper() not in WEEK_IDS:
        raise KeyError(f"No calibration for {assignment!r}. Known: {list(WEEK_IDS)}.")
    return importlib.import_module(f"bench.calibration.{assignment.lower()}").WEEK
