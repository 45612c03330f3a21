"""Time and peak memory of grading one submission, by each way of grading it.

Compared in the same run, on the same machine and data:

- ``plain-execution``: nbclient runs the notebook after the grader's seeding prelude, nothing
  is exported or graded, no sandbox (the floor);
- ``autograder-trained``: ``autograder grade`` scoring the model the notebook trained, its
  kernel in the bubblewrap sandbox (the default);
- ``bare-load-predict``: only loading the model ``autograder-trained`` saved and predicting
  the held-out set (the floor of scoring a saved model); for the weeks in `BARE_PREDICT`
  (Week 3), after ``autograder-trained``, which then keeps its work folder;
- ``autograder-no-sandbox``: the same with ``--no-sandbox``, to show what the sandbox costs;
- ``autograder-retrain``: ``autograder grade --mode retrain`` (the grader refits create_model()),
  for the weeks that can retrain;
- ``pytest-plugin``: ``pytest autograder --submission`` (same pipeline as the CLI);
- ``nbgrader-autograde``: plain ``nbgrader autograde`` on a course folder (its test cells call
  the same checks in a separate grading process).

Peak memory is the largest sum of resident memory over the command's whole process tree
(kernels and grading subprocesses included), sampled every 0.1 s. ``--json`` also holds the
grader's own stage timings and the phases of its kernel (student cells, export …) per graded
mode, printed as "where the time went", and, where ``autograder-trained`` kept its work
folder, the size of each ``.keras`` file it saved.

    python bench/grading_modes.py [--assignment C2W1 ...] [--submission NOTEBOOK]
                                  [--only MODE ...] [--repeat N] [--json OUT]

The submission defaults to the assignment's reference solution; the modes default to every
mode the assignment has. For example Week 3's saved-model costs, and Week 4 against
``nbgrader autograde`` and bare execution:

    python bench/grading_modes.py --assignment C2W3 --only autograder-trained bare-load-predict
    python bench/grading_modes.py --assignment C2W4 \
        --only autograder-trained nbgrader-autograde plain-execution

Grading's overhead over bare execution, robust to a machine whose speed drifts (the two ways
alternate; each round's ratio, then their median):

    python bench/grading_modes.py --assignment C2W1 --only plain-execution autograder-trained \
        --repeat 3

Several weeks in one run (each runs the named modes it has; ``--json`` then holds one entry per
week under ``"weeks"``):

    python bench/grading_modes.py --assignment C2W1 C2W2 C2W3 C2W4 \
        --only autograder-trained bare-load-predict pytest-plugin nbgrader-autograde
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# bench scripts run from the repo root, with it first on sys.path (above)
from bench.common import (bench_env, grading_parts, plain_command,  # noqa: E402
                          prepare_data)


#: Per assignment: a script that loads the saved model (``argv[1]``) and scores it on the
#: held-out set, as the week's held-out check does, printing the score.
BARE_PREDICT = {
    "C2W3": """
import sys, keras
from autograder.config import load_settings
from autograder.weeks.c2w3.scoring import INCEPTION, score_folder
settings = load_settings()
model = keras.models.load_model(sys.argv[1], compile=False, safe_mode=True)
print(score_folder(model, settings.heldout_root / "horse_or_human",
                   class_names=["horses", "humans"], scaling=INCEPTION))
""",
}


def measure(command: list[str], *, cwd: Path, env: dict) -> dict:
    """Runs `command`; returns its wall time, exit code and peak tree RSS."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    return {"seconds": round(time.monotonic() - started, 1), "exit_code": process.returncode,
            "peak_rss_mib": round(peak / 2**20), "output_tail": output[-1500:]}


def _graded(path: Path) -> dict:
    """The score and the grader's stage timings of the result written at `path`."""
    if not path.is_file():
        return {"score": "-"}
    result = json.loads(path.read_text())
    return {"score": f"{result['score']:g}/{result['max_score']:g}",
            "timings": result.get("timings"),
            "phase_s": (result.get("execution") or {}).get("phase_s")}


def breakdown(row: dict) -> str:
    """Where a graded mode's wall time went: the student's cells, then the grader's parts
    (kernel start and its prelude, the export cell, the stages outside the kernel) and the
    rest (the grading process's own start and imports, result files), in seconds."""
    timings, phases = row.get("timings") or {}, row.get("phase_s") or {}
    if not phases:
        return ""
    parts = grading_parts(timings, phases)
    parts["rest"] = row["seconds"] - sum(parts.values())
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in parts.items())


def _saved_models(work: Path) -> dict:
    """Sizes (MiB) of the ``.keras`` files a kept work folder holds."""
    return {p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(work.rglob("*.keras"))}


def _nbgrader_course(scratch: Path, submission: Path, assignment: str, env: dict
                     ) -> tuple[Path, list[str]]:
    course = scratch / "course"
    course.mkdir()
    shutil.copytree(ROOT / "source", course / "source")
    for name in ("nbgrader_config.py", "autograder.toml"):
        shutil.copy(ROOT / name, course / name)
    nbgrader = [sys.executable, "-m", "nbgrader"]
    for args in (["generate_assignment", assignment], ["db", "student", "add", "bench"]):
        subprocess.run(nbgrader + args, cwd=course, env=env, check=True, capture_output=True)
    target = course / "submitted" / "bench" / assignment
    target.mkdir(parents=True)
    shutil.copy(submission, target / submission.name)
    return course, nbgrader + ["autograde", assignment]


def _nbgrader_score(course: Path, assignment: str, env: dict) -> str:
    completed = subprocess.run([sys.executable, "-m", "nbgrader", "export"], cwd=course,
                               env=env, capture_output=True, text=True)
    if completed.returncode != 0 or not (course / "grades.csv").is_file():
        return "-"
    import csv

    with open(course / "grades.csv", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["assignment"] == assignment]
    if not rows:
        return "-"
    return f"{float(rows[0]['raw_score']):g}/{float(rows[0]['max_score']):g}"


def _bare_load_predict(work: Path, assignment: str, env: dict) -> dict:
    """Loads the trained model kept in `work` and scores it on the held-out set."""
    trained = sorted(work.rglob("trained_model.keras"))
    if not trained:
        return {"seconds": 0.0, "exit_code": None, "peak_rss_mib": 0, "score": "-",
                "output_tail": f"no trained_model.keras below {work}: autograder-trained "
                               "kept none (did the notebook train?)"}
    row = measure([sys.executable, "-c", BARE_PREDICT[assignment], str(trained[0])], cwd=ROOT,
                  env=env)
    printed = row["output_tail"].strip().splitlines()
    return {**row, "score": printed[-1] if printed and row["exit_code"] == 0 else "-"}


def run_mode(mode: str, submission: Path, assignment: str, scratch: Path, env: dict, *,
             keep_work: bool = False) -> dict:
    """Grades `submission` one way; returns its measurement (see `measure`) and score.

    With `keep_work`, ``autograder-trained`` keeps its work folder (under `scratch`) for
    ``bare-load-predict``, which must come after it.
    """
    out = scratch / f"{mode}.json"
    grade = [sys.executable, "-m", "autograder", "grade", str(submission), "--assignment",
             assignment, "--json", str(out), "--quiet"]
    if mode == "plain-execution":
        workdir = scratch / "plain"
        workdir.mkdir()
        row = measure(plain_command(submission, workdir, seed=int(env["AUTOGRADER_SEED"])),
                      cwd=ROOT, env=env)
        return {**row, "score": "(not graded)"}
    if mode == "autograder-trained" and keep_work:
        env = {**env, "AUTOGRADER_WORK_ROOT": str(scratch / "work")}
        row = measure(grade + ["--mode", "trained", "--keep-work"], cwd=ROOT, env=env)
        return {**row, **_graded(out), "saved_models_mib": _saved_models(scratch / "work")}
    if mode == "autograder-trained":
        return {**measure(grade + ["--mode", "trained"], cwd=ROOT, env=env), **_graded(out)}
    if mode == "bare-load-predict":
        return _bare_load_predict(scratch / "work", assignment, env)
    if mode == "autograder-no-sandbox":
        return {**measure(grade + ["--no-sandbox"], cwd=ROOT, env=env), **_graded(out)}
    if mode == "autograder-retrain":
        return {**measure(grade + ["--mode", "retrain"], cwd=ROOT, env=env), **_graded(out)}
    if mode == "pytest-plugin":
        command = [sys.executable, "-m", "pytest", "autograder", "--submission", str(submission),
                   "--result-json", str(out), "-q", "-p", "no:cacheprovider"]
        return {**measure(command, cwd=ROOT, env=env), **_graded(out)}
    if mode == "nbgrader-autograde":
        course, command = _nbgrader_course(scratch, submission, assignment, env)
        return {**measure(command, cwd=course, env=env),
                "score": _nbgrader_score(course, assignment, env)}
    raise ValueError(mode)


MODES = ("plain-execution", "autograder-trained", "bare-load-predict", "autograder-no-sandbox",
         "autograder-retrain", "pytest-plugin", "nbgrader-autograde")


def modes_of(spec) -> list[str]:
    """Every mode that applies to the assignment `spec`, in `MODES` order."""
    return [mode for mode in MODES
            if (mode != "bare-load-predict" or spec.id in BARE_PREDICT)
            and (mode != "autograder-retrain" or spec.retrain is not None)]


def week_modes(spec, only: list[str] | None, *, several: bool) -> list[str]:
    """The modes to run for `spec`: `only` (in its order) or every mode the week has. When
    `several` weeks run, modes a week does not have are left out for it instead of refused."""
    if only is None:
        return modes_of(spec)
    return [mode for mode in only if not several or mode in modes_of(spec)]


def overheads(runs: dict[str, list[dict]]) -> dict[str, dict]:
    """Each mode's median wall time over its rounds and, where ``plain-execution`` ran in the
    same rounds, its overhead over it: the median of the rounds' own ratios (each ratio of two
    runs made one after the other, so a machine that slows down between rounds moves both)."""
    plain = [row["seconds"] for row in runs.get("plain-execution", [])]
    summary = {}
    for mode, rows in runs.items():
        seconds = [row["seconds"] for row in rows]
        entry = {"median_s": round(statistics.median(seconds), 1), "seconds": seconds}
        if plain and mode != "plain-execution" and len(plain) == len(seconds):
            ratios = [mine / floor for mine, floor in zip(seconds, plain) if floor > 0]
            if ratios:
                entry["overhead"] = round(statistics.median(ratios) - 1, 3)
                entry["overheads"] = [round(ratio - 1, 3) for ratio in ratios]
        summary[mode] = entry
    return summary


def bench_week(spec, modes: list[str], submission: Path, env: dict, *, repeat: int = 1) -> dict:
    """Prepares the week's data, then grades `submission` by each of `modes`, `repeat` rounds
    (each round every mode once, in order, so the ways alternate)."""
    env, data_seconds = prepare_data(spec.id, env)
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for round_ in range(repeat):
            folder = Path(scratch) / f"round-{round_ + 1}"
            folder.mkdir()
            for mode in modes:
                row = run_mode(mode, submission, spec.id, folder, env,
                               keep_work="bare-load-predict" in modes)
                runs[mode].append(row)
                label = f" #{round_ + 1}" if repeat > 1 else ""
                print(f"{spec.id}  {mode + label:<26} {row['seconds']:>8.1f} s "
                      f"{row['peak_rss_mib']:>7} MiB  exit {row['exit_code']}  "
                      f"score {row['score']}", flush=True)
                split = breakdown(row)
                if split:
                    print(f"       where the time went: {split}", flush=True)
                if row["exit_code"] not in (0, 1):
                    print(row["output_tail"], file=sys.stderr)
    document = {"submission": str(submission), "data_seconds": round(data_seconds, 1),
                "modes": {mode: rows[0] for mode, rows in runs.items()}}
    if repeat > 1:
        document["rounds"] = runs
        document["summary"] = overheads(runs)
        for mode, entry in document["summary"].items():
            extra = (f", {entry['overhead']:+.1%} over plain execution (median of the rounds' "
                     f"ratios {', '.join(f'{o:+.1%}' for o in entry['overheads'])})"
                     if "overhead" in entry else "")
            print(f"{spec.id}  {mode:<26} median {entry['median_s']:.1f} s of "
                  f"{len(entry['seconds'])}{extra}", flush=True)
    return document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assignment", nargs="+", default=["C2W1"],
                        help="Assignment id(s), graded one after another in this run "
                             "(default C2W1).")
    parser.add_argument("--submission", type=Path, default=None,
                        help="Notebook to grade (one assignment; default: the assignment's "
                             "reference solution).")
    parser.add_argument("--only", nargs="*", choices=MODES, default=None,
                        help="Modes to run, in this order (default: every mode the assignment "
                             "has; with several assignments, each runs those it has). "
                             "bare-load-predict needs autograder-trained before it.")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Rounds of every mode, alternating (default 1); with more, each "
                             "mode's median and its median overhead over plain-execution.")
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    args = parser.parse_args()
    env = bench_env()
    from autograder.assignments import get_assignment

    specs = [get_assignment(name) for name in args.assignment]
    several = len(specs) > 1
    if several and args.submission:
        parser.error("--submission grades one assignment: name one --assignment")
    plans = []
    for spec in specs:
        modes = week_modes(spec, args.only, several=several)
        if "bare-load-predict" in modes:
            if spec.id not in BARE_PREDICT:
                parser.error(f"bare-load-predict: no bare scoring script for {spec.id} "
                             f"(only {', '.join(sorted(BARE_PREDICT))})")
            if "autograder-trained" not in modes[:modes.index("bare-load-predict")]:
                parser.error("bare-load-predict scores the model autograder-trained saves: "
                             "name autograder-trained before it")
        submission = (args.submission or ROOT / "solutions" / spec.id / spec.notebook).resolve()
        plans.append((spec, modes, submission))
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    weeks = {spec.id: bench_week(spec, modes, submission, env, repeat=args.repeat)
             for spec, modes, submission in plans}
    machine = {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30)}
    if args.json:
        document = {"machine": machine, **weeks[specs[0].id]} if not several else {
            "machine": machine, "weeks": weeks}
        args.json.write_text(json.dumps(document, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
