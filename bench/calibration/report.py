"""The calibration report: for each week and bar, every run's figure, the pass rate and the
margins (the lowest sound figure minus the bar's floor; the highest unsound figure minus it).

Runs are judged against the bars the week has now (``rules.py``) as the checks judge them: a
held-out figure passes at the bar, a training figure (the grader's measurement) at the bar
less the one tolerance of `autograder.checks.training.meets_bar`; the "passes at" column
gives that floor.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.calibration.records import data_family
from bench.calibration.variants import SOUND, UNSOUND
from bench.calibration.weeks import Bar, Week

__all__ = ["BarSummary", "summarise", "lesson_lost", "week_markdown"]


@dataclass(frozen=True)
class BarSummary:
    """One bar over one population of runs."""

    rule: str
    value: float
    sound_runs: int
    sound_passed: int
    min_sound_margin: float | None
    """Lowest sound figure minus the bar (None without sound runs or figures)."""
    max_unsound_margin: float | None
    """Highest unsound figure minus the bar."""


def _margins(bar: Bar, value: float, runs: list[dict]) -> list[float | None]:
    return [bar.margin(run["figures"].get(bar.figure), value) for run in runs]


def summarise(bar: Bar, value: float, runs: list[dict]) -> BarSummary:
    """`bar` at `value` over `runs` (records of one week and data)."""
    sound = [run for run in runs if run["kind"] == SOUND]
    unsound = [run for run in runs if run["kind"] == UNSOUND]
    sound_margins = [m for m in _margins(bar, value, sound) if m is not None]
    unsound_margins = [m for m in _margins(bar, value, unsound) if m is not None]
    passed = sum(bar.passes(run["figures"].get(bar.figure), value) for run in sound)
    return BarSummary(bar.rule, value, len(sound), passed,
                      min(sound_margins) if len(sound_margins) == len(sound) and sound else None,
                      max(unsound_margins) if unsound_margins else None)


def lesson_lost(week: Week, run: dict, values: dict[str, float]) -> bool:
    """Whether an unsound `run` loses every check of its lesson (as the week defines it now,
    else as recorded): a check a bar decides is lost when its figure misses the bar at
    `values`; any other when its points fell short (a check the run never had is kept)."""
    by_check = {}
    for bar in week.bars:
        by_check.setdefault(bar.check, []).append(bar)
    known = {variant.name: variant for variant in week.variants}
    lesson = known[run["variant"]].loses if run["variant"] in known else run["loses"]
    for check in lesson:
        if check in by_check:
            if all(bar.passes(run["figures"].get(bar.figure), values[bar.rule])
                   for bar in by_check[check]):
                return False
        else:
            points, maximum = run["checks"].get(check, [1, 1])  # a check it never had: kept
            if points >= maximum:
                return False
    return True


def _number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.3f}"


def week_markdown(week: Week, runs: list[dict], values: dict[str, float],
                  open_variants: dict[str, str] | None = None) -> str:
    """The Markdown of one week's runs against its bars at `values`; the summary leaves out
    the `open_variants` (named with their reasons below it), the run table shows them."""
    open_variants = open_variants or {}
    if not runs:
        return f"## {week.assignment}\n\nNo runs yet.\n"
    every = runs
    runs = [run for run in runs if run["variant"] not in open_variants]
    datas = sorted({data_family(run["data"]) for run in every})
    machines = sorted({run["machine"] for run in every})
    seeds = sorted({run["data_seed"] for run in every})
    lines = [f"## {week.assignment}", "",
             f"{len(every)} runs; data seeds {seeds}; machine(s): {', '.join(machines)}; "
             f"data: {'; '.join(datas)}.", "",
             "| bar | value | passes at | sound passed | min sound margin | max unsound margin |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for bar in week.bars:
        summary = summarise(bar, values[bar.rule], runs)
        relation = (">" if bar.strict else "≥") if bar.above else "≤"
        lines.append(f"| {bar.rule} ({bar.figure}) | {summary.value:g} | "
                     f"{relation} {bar.floor(summary.value):.3f} | "
                     f"{summary.sound_passed}/{summary.sound_runs} | "
                     f"{_signed(summary.min_sound_margin)} | "
                     f"{_signed(summary.max_unsound_margin)} |")
    unsound = [run for run in runs if run["kind"] == UNSOUND]
    if unsound:
        lost = sum(lesson_lost(week, run, values) for run in unsound)
        lines += ["", f"Unsound runs that lose their lesson's points: {lost}/{len(unsound)}."]
    if open_variants:
        lines += ["", "Open (left out of the summary above, shown in the table below):", ""]
        lines += [f"- `{name}`: {why}" for name, why in sorted(open_variants.items())]
    runs = every
    figures = sorted({bar.figure for bar in week.bars} | {"history_accuracy",
                                                          "history_val_accuracy"})
    lines += ["", "| variant | kind | seed | score | epochs | s | " + " | ".join(figures) + " |",
              "| --- | --- | ---: | ---: | ---: | ---: |" + " ---: |" * len(figures)]
    for run in sorted(runs, key=lambda r: (r["kind"] != SOUND, r["variant"], r["data_seed"])):
        cells = [_number(run["figures"].get(name)) for name in figures]
        lines.append(f"| {run['variant']} | {run['kind']} | {run['data_seed']} | "
                     f"{run['score']:g}/{run['max_score']:g} | {run['epochs']} | "
                     f"{run['seconds']:.0f} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
