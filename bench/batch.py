"""Course-scale grading: one batch of Week 1 submissions, graded every way, in one run.

On the same course folder, machine and data:

- ``plain``: each notebook run by nbclient, one after another, after the grader's seeding
  prelude (so a training lasts as many epochs as graded), nothing graded (the floor);
- ``serial``: ``autograder batch --workers 1``;
- ``local-N``: ``autograder batch --workers N`` (N grading processes at once);
- ``dask-N``: ``autograder batch --backend dask --workers N`` (a local Dask cluster);
- ``nbgrader``: ``nbgrader autograde C2W1`` (its serial loop, grading through the same
  sandboxed ``autograder grade`` per submission).

It reports the speed-up of each parallel way over ``serial`` and per worker (the goal is
≥ 0.8·N on N cores), the batch's overhead per submission over bare execution, and what the
measured rate means for 300 students × 4 weeks on a cluster. For ``serial`` it also sums the
stages every result file records (the student's cells against what grading adds): a split
measured inside each grading, which a machine whose speed drifts between ways cannot skew.

    python bench/batch.py [--submissions 24] [--workers 2] [--quick] [--references K]
                          [--json OUT]

``--quick`` hands in only notebooks that never train to the end (the untouched release
and the corpus notebooks whose mistake stops training): minutes instead of hours.
``--references K`` hands in the reference solution K times among them (each one trained to the
end, as the graded reference of the course is).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# bench scripts run from the repo root, with it first on sys.path (above)
from bench.common import (bench_env, grading_parts, plain_command,  # noqa: E402
                          prepare_data)
from tests.submissions.scenarios import HERE as CORPUS, SCENARIOS  # noqa: E402

SOLUTION = ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb"
RELEASE = ROOT / "release" / "C2W1" / "C2W1_Assignment.ipynb"
NOTEBOOK = "C2W1_Assignment.ipynb"


def hand_ins(count: int, *, quick: bool, references: int = 0) -> list[tuple[str, Path]]:
    """``(student, notebook)`` × `count`: the reference and the corpus in turn, or with
    `quick` the release and the corpus notebooks that stop before training ends, with the
    reference (trained to the end) handed in `references` times, spread over the batch."""
    if quick:
        pool = {"release": RELEASE} | {name: CORPUS / f"{name}.ipynb"
                                       for name, s in SCENARIOS.items() if not s.trains}
    else:
        pool = {"reference": SOLUTION} | {name: CORPUS / f"{name}.ipynb" for name in SCENARIOS}
    names = list(pool)
    chosen = [(names[i % len(names)], pool[names[i % len(names)]]) for i in range(count)]
    for k in range(min(references, count)):
        chosen[k * count // references] = ("reference", SOLUTION)
    return [(f"s{i:03d}-{name}", path) for i, (name, path) in enumerate(chosen)]


def make_course(folder: Path, submissions: list[tuple[str, Path]], env: dict) -> Path:
    """A course folder: source/, settings, nbgrader's database and submitted/."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "source", folder / "source")
    for name in ("nbgrader_config.py", "autograder.toml"):
        shutil.copy(ROOT / name, folder / name)
    nbgrader = [sys.executable, "-m", "nbgrader"]
    subprocess.run(nbgrader + ["generate_assignment", "C2W1"], cwd=folder, env=env, check=True,
                   capture_output=True)
    for student, notebook in submissions:
        subprocess.run(nbgrader + ["db", "student", "add", student], cwd=folder, env=env,
                       check=True, capture_output=True)
        target = folder / "submitted" / student / "C2W1"
        target.mkdir(parents=True)
        shutil.copyfile(notebook, target / NOTEBOOK)
    return folder


def timed(command: list[str], *, cwd: Path, env: dict) -> tuple[float, int, str]:
    started = time.monotonic()
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    return time.monotonic() - started, completed.returncode, completed.stdout + completed.stderr


def plain(course: Path, env: dict, seed: int | None = None) -> tuple[float, int, str]:
    """Every notebook run bare by nbclient, one after another, each in a scratch folder;
    with `seed`, after the grader's seeding prelude (so trainings last as many epochs as
    graded)."""
    total = 0.0
    for notebook in sorted((course / "submitted").glob(f"*/C2W1/{NOTEBOOK}")):
        with tempfile.TemporaryDirectory(prefix="plain-") as work:
            # a notebook's own error (the corpus) is no failure of the floor
            total += timed(plain_command(notebook, Path(work), seed=seed), cwd=ROOT,
                           env=env)[0]
    return total, 0, ""


def batch_way(course: Path, env: dict, out: str, *args: str) -> tuple[float, int, str]:
    return timed([sys.executable, "-m", "autograder", "batch", "submitted", "--assignment",
                  "C2W1", "--out-dir", out, *args], cwd=course, env=env)


def scores_of(course: Path, out: str) -> list[float]:
    with open(course / out / "grades.csv", newline="") as handle:
        return sorted(float(row["score"]) for row in csv.DictReader(handle))


def time_split(folder: Path, wall: float) -> dict[str, float]:
    """Where a batch's grading time went, summed over the result files in `folder` (each
    records its own stages, measured inside the same grading, so the split does not depend
    on how fast the machine was while other ways ran): the student's cells; the kernel's
    start, prelude and shutdown (a bare run has them too); and what grading adds: placing the
    data, the export cell, the checks, the evidence, and the rest of `wall` (each grading
    process's start and its result files)."""
    totals = grading_parts({}, {})
    for path in sorted(Path(folder).rglob("*.json")):
        if ".evidence" in path.relative_to(folder).parts:
            continue  # the kept evidence's records (`autograder regrade`), not results
        result = json.loads(path.read_text())
        if "execution" not in result:
            continue
        parts = grading_parts(result.get("timings") or {},
                              result["execution"].get("phase_s") or {})
        totals = {name: totals[name] + seconds for name, seconds in parts.items()}
    totals["rest"] = wall - sum(totals.values())
    return {name: round(seconds, 1) for name, seconds in totals.items()}


def added_by_grading(split: dict[str, float]) -> float:
    """What grading adds to running the notebook, as a fraction of running it (the student's
    cells and the kernel's start, prelude and shutdown, which a bare run has too)."""
    run = split["student cells"] + split["kernel start+prelude+shutdown"]
    added = sum(seconds for name, seconds in split.items()
                if name not in ("student cells", "kernel start+prelude+shutdown"))
    return added / run if run else 0.0


def nbgrader_scores(course: Path, env: dict) -> list[float]:
    subprocess.run([sys.executable, "-m", "nbgrader", "export"], cwd=course, env=env,
                   capture_output=True)
    with open(course / "grades.csv", newline="") as handle:
        return sorted(float(row["raw_score"]) for row in csv.DictReader(handle)
                      if row["assignment"] == "C2W1")


def extrapolate(per_submission: float, efficiency: float, *, students: int = 300, weeks: int = 4,
                nodes: int = 10, cores_per_node: int = 16, cores_per_grading: int = 2) -> str:
    """The term's gradings on a cluster, from one grading's time on `cores_per_grading` cores."""
    gradings = students * weeks
    slots = nodes * cores_per_node // cores_per_grading
    hours = gradings * per_submission / (slots * efficiency) / 3600
    return (f"{students} students × {weeks} weeks = {gradings} gradings; {nodes} nodes × "
            f"{cores_per_node} cores, {cores_per_grading} cores per grading = {slots} slots at "
            f"{efficiency:.2f} efficiency: {hours:.1f} h of wall time for the term "
            f"({gradings / slots:.0f} gradings per slot, {per_submission:.0f} s each)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="Only notebooks that never "
                        "train to the end (minutes, not hours).")
    parser.add_argument("--references", type=int, default=0,
                        help="Hand in the reference solution this many times among the "
                             "submissions (with --quick: a mix whose trained submissions "
                             "are the reference's).")
    parser.add_argument("--only", nargs="*", default=None,
                        help="Some of: plain serial local dask nbgrader.")
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    parser.add_argument("--training-seconds", type=float, default=470.0,
                        help="With --quick, the time one full Week 1 training takes on this "
                             "machine's cores, for the extrapolation (470 s: the reference on a "
                             "quiet 2-core machine, README).")
    args = parser.parse_args()
    env, _ = prepare_data("C2W1", bench_env())
    seed = int(env["AUTOGRADER_SEED"])
    n, count = args.workers, args.submissions
    ways = {"plain": lambda c: plain(c, env, seed),
            "serial": lambda c: batch_way(c, env, "serial", "--workers", "1"),
            f"local-{n}": lambda c: batch_way(c, env, f"local-{n}", "--workers", str(n)),
            f"dask-{n}": lambda c: batch_way(c, env, f"dask-{n}", "--backend", "dask",
                                            "--workers", str(n)),
            "nbgrader": lambda c: timed([sys.executable, "-m", "nbgrader", "autograde", "C2W1"],
                                        cwd=c, env=env)}
    chosen = [w for w in ways if not args.only or w.split("-")[0] in args.only]
    rows = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as scratch:
        handed = hand_ins(count, quick=args.quick, references=args.references)
        course = make_course(Path(scratch) / "course", handed, env)
        for way in chosen:
            seconds, code, output = ways[way](course)
            scores = (nbgrader_scores(course, env) if way == "nbgrader" else
                      scores_of(course, way) if way != "plain" else [])
            rows[way] = {"seconds": round(seconds, 1), "exit_code": code, "scores": scores}
            print(f"{way:<10} {seconds:8.1f} s  {seconds / count:6.1f} s/submission  exit {code}"
                  + (f"  total score {sum(scores):g}" if scores else ""), flush=True)
            if way == "serial":
                rows[way]["split"] = split = time_split(course / way, seconds)
                print("           where the time went: "
                      + ", ".join(f"{name} {value:.1f} s" for name, value in split.items())
                      + f"; grading adds {added_by_grading(split):+.1%} to running the "
                        "notebooks", flush=True)
            if code not in (0, 3):
                print(output[-3000:], file=sys.stderr)
    report(rows, count, n, training=args.training_seconds if args.quick else None)
    if args.json:
        args.json.write_text(json.dumps({"cpus": os.cpu_count(), "submissions": count,
                                         "workers": n, "quick": args.quick,
                                         "references": args.references, "ways": rows},
                                        indent=2))
    return 0


def report(rows: dict, count: int, n: int, *, training: float | None = None) -> None:
    """Speed-ups, overhead over bare execution, and the extrapolation (from the measured
    grading time, or with `training` from a full training plus the measured overhead)."""
    serial = rows.get("serial", {}).get("seconds")
    for way in (f"local-{n}", f"dask-{n}"):
        if serial and way in rows:
            speedup = serial / rows[way]["seconds"]
            print(f"{way}: speed-up {speedup:.2f} over serial, {speedup / n:.2f} per worker "
                  f"(goal ≥ 0.8)")
    overhead = 0.0
    if serial and "plain" in rows:
        overhead = (serial - rows["plain"]["seconds"]) / count
        print(f"overhead over bare execution: {overhead:+.1f} s per submission "
              f"({overhead * count / rows['plain']['seconds']:+.0%}; goal ≤ 10 %)")
    if serial and f"local-{n}" in rows:
        efficiency = min(serial / rows[f"local-{n}"]["seconds"] / n, 1.0)
        grading = serial / count if training is None else training + overhead
        cores = os.cpu_count() or 1
        for rate in sorted({efficiency, 0.8}):
            print(extrapolate(grading, rate, cores_per_grading=cores))


if __name__ == "__main__":
    sys.exit(main())
