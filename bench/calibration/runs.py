"""Running a week's calibration: data per seed, one real grading per variant and seed.

Each data seed has its own folders and so its own course secret (``<heldout>/secret.key``):
the student data changes with the seed, the held-out draw with the secret. Every run goes
through `autograder.road.grade_one`, the function ``autograder grade`` calls
(sandbox, limits, export, checks), and its record is appended as soon as it ends; a run
already in the results file (same week, variant, variant code, seed and data) is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from bench.calibration.notebook import write_notebook
from bench.calibration.records import append_run, finished_keys, read_runs, run_key
from bench.calibration.weeks import ROOT, Week, figures_of

__all__ = ["DEFAULT_SEEDS", "data_home", "seed_settings", "prepare_seed", "machine_name",
           "record_of", "grader_fault", "run_week"]

DEFAULT_SEEDS = (1, 2, 3)


def data_home() -> Path:
    """Where the calibration's data lives: ``$XDG_CACHE_HOME/autograder/calibration``
    (``~/.cache/…``), outside the course folder and its held-out secret."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(cache) / "autograder" / "calibration"


def seed_settings(assignment: str, seed: int, home: Path):
    """The grader's settings for `seed`: the course's ``autograder.toml`` with the data, the
    held-out data (and so the secret) and the kernel's seed of this seed."""
    from autograder.config import load_settings

    folder = Path(home) / assignment.lower() / f"seed-{seed}"
    return load_settings({"data_root": str(folder / "data"),
                          "heldout_root": str(folder / "heldout"), "seed": seed}, cwd=ROOT)


def prepare_seed(assignment: str, seed: int, home: Path, *, scale: str = "ci"):
    """Prepares `assignment`'s stand-in data for `seed` (kept when already there, as
    ``autograder data`` keeps it) and returns ``(settings, student data in words)``."""
    from autograder.assignments import get_assignment
    from autograder.data.prepare import prepare_data
    from autograder.pipeline import locate_data

    spec = get_assignment(assignment)
    settings = seed_settings(assignment, seed, home)
    print(prepare_data(spec, settings, scale=scale), flush=True)
    return settings, locate_data(spec, settings).student_manifest.description


def machine_name() -> str:
    """``lscpu``'s model name (e.g. ``AMD EPYC``), else the platform's processor."""
    try:
        output = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        output = ""
    for line in output.splitlines():
        if line.strip().startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    import platform

    return platform.processor() or platform.machine()


def record_of(week: Week, variant, *, seed: int, data: str, result: dict, seconds: float,
              machine: str, rules) -> dict:
    """The run record of one grading (see `bench.calibration.records`)."""
    figures = figures_of(result)
    history = ((result.get("evidence") or {}).get("history") or {}).get("accuracy") or []
    return {
        "week": week.assignment, "variant": variant.name, "kind": variant.kind,
        "ignores": variant.ignores, "loses": sorted(variant.loses),
        "code_sha256": variant.code_sha256, "data_seed": seed, "data": data,
        "checks": {c["check_id"]: [c["points"], c["max_points"]] for c in result["checks"]},
        "score": result["score"], "max_score": result["max_score"],
        "figures": {k: None if v is None else round(v, 6) for k, v in figures.items()},
        "epochs": len(history), "seconds": round(seconds, 1), "machine": machine,
        "grader": result.get("grader_version", ""),
        "rules": {name: getattr(rules, name) for name in (
            "accuracy_bar", "val_accuracy_bar", "max_epochs", "heldout_threshold",
            "max_overfit_gap")},
        "status": (result.get("execution") or {}).get("status", ""),
        "message": str((result.get("execution") or {}).get("message", ""))[:300],
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def grader_fault(result: dict) -> str:
    """Why `result` says nothing about the variant (a grader error, the grader's own cells
    failing in the kernel, a kernel that never started), or "" when it does. Such a run is
    not recorded, so the next call tries it again."""
    execution = result.get("execution") or {}
    if execution.get("status") in ("grader_error", "kernel_failed_to_start"):
        return f"execution {execution.get('status')}: {execution.get('message', '')[:200]}"
    for key in ("prelude_failure", "epilogue_failure"):
        if execution.get(key):
            return f"{key}: {str(execution[key])[:300]}"
    errors = [c["check_id"] for c in result.get("checks", ()) if c.get("status") == "grader_error"]
    return f"grader errors in {errors}" if errors else ""


def _grade(notebook: Path, assignment: str, settings) -> dict:
    """Grades `notebook` as ``autograder grade`` does; the result as its JSON dict."""
    from autograder.road import grade_one
    from autograder.results.store import to_dict

    return to_dict(grade_one(notebook, settings=settings, assignment=assignment))


def run_week(week: Week, results: Path, *, seeds: Iterable[int] = DEFAULT_SEEDS,
             only: Iterable[str] = (), force: bool = False, home: Path | None = None,
             grade: Callable[[Path, str, object], dict] = _grade,
             prepare: Callable = prepare_seed, log=print) -> list[dict]:
    """Grades every variant of `week` (or those named in `only`) on every seed's data,
    seed by seed, appending each run's record to `results` as it ends; runs already there
    are skipped unless `force` (the grader changed: the new record then stands for the run).

    Returns:
        The records made by this call.
    """
    from autograder.assignments import get_assignment

    week.check()
    home = Path(home or data_home())
    variants = [week.variant(name) for name in only] if only else list(week.variants)
    done = set() if force else finished_keys(read_runs(results))
    made_keys: set[tuple] = set()
    machine = machine_name()
    made = []
    for seed in seeds:
        settings, data = prepare(week.assignment, seed, home, scale=week.scale)
        rules = settings.rules_for(get_assignment(week.assignment))
        for variant in variants:
            probe = {"week": week.assignment, "variant": variant.name, "data_seed": seed,
                     "code_sha256": variant.code_sha256, "data": data}
            if not force:  # another process may share the file
                done |= finished_keys(read_runs(results))
            if run_key(probe) in done | made_keys:
                log(f"skipped {week.assignment} {variant.name} seed {seed} (already run)")
                continue
            with tempfile.TemporaryDirectory(prefix=f"calibrate-{variant.name}-") as folder:
                notebook = write_notebook(week.solution, variant, Path(folder))
                started = time.monotonic()
                try:
                    result = grade(notebook, week.assignment, settings)
                except Exception as error:  # noqa: BLE001 - the next variant may still run
                    log(f"not recorded {week.assignment} {variant.name} seed {seed}: "
                        f"the grading raised {type(error).__name__}: {error}")
                    continue
                seconds = time.monotonic() - started
            fault = grader_fault(result)
            if fault:
                log(f"not recorded {week.assignment} {variant.name} seed {seed}: {fault}")
                continue
            record = record_of(week, variant, seed=seed, data=data, result=result,
                               seconds=seconds, machine=machine, rules=rules)
            append_run(results, record)
            made_keys.add(run_key(record))
            made.append(record)
            log(f"{week.assignment} {variant.name} seed {seed}: {record['score']:g}/"
                f"{record['max_score']:g} in {seconds:.0f} s; figures {record['figures']}")
            sys.stdout.flush()
    return made
