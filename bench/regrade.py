"""A rubric change: a batch graded, then regraded from its kept evidence, in one run.

On one machine, data and set of Week 4 corpus notebooks (nbgrader's layout, a student each):

1. ``first``: ``autograder batch`` (the notebooks run; each grading keeps its evidence);
2. ``regrade``: a bar changed (``AUTOGRADER_C2W4_HELDOUT_THRESHOLD``), then
   ``autograder regrade`` on the results folder (the checks only, no notebook runs);
3. with ``--compare``: ``autograder batch --no-evidence --force`` under the same change into
   another folder (a full re-grading), and each check's verdict compared with the regrade's.

Prints each time, the ratio regrade / first grading, the evidence kept per grading, and
the machine's CPU model.

    python bench/regrade.py [--assignment C2W4] [--workers 2] [--threshold 0.99] [--compare]
                            [--json OUT] [NOTEBOOK_NAME ...]

``--assignment C2W1`` (or C2W3) takes that week's corpus (default notebooks: `DEFAULTS`):
where training dominates a grading, the checks that a regrade runs again are a smaller part.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env  # noqa: E402

#: Each week's corpus folder and the notebooks graded by default (a student each).
DEFAULTS = {
    "C2W1": (ROOT / "tests" / "submissions", ("two-conv-layers", "no-rescaling-in-model")),
    "C2W3": (ROOT / "tests" / "submissions" / "c2w3", ("no-dropout", "cut-at-mixed6")),
    "C2W4": (ROOT / "tests" / "submissions" / "c2w4",
             ("dense-10-head", "label-read-as-pixel", "valid-parses-csv-with-pandas")),
}


def cpu_model() -> str:
    """``lscpu``'s model name (the platform's processor where there is no lscpu)."""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def timed(command: list[str], env: dict) -> tuple[float, str]:
    """Runs `command` from the repository root; returns (seconds, its output)."""
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n"
                         f"{done.stderr}")
    return seconds, done.stdout + done.stderr


def verdicts(folder: Path) -> dict[str, dict]:
    """Per student: the score and each check's status, from a results folder."""
    found = {}
    for path in sorted(folder.rglob("*.json")):
        if ".evidence" in path.parts:
            continue
        result = json.loads(path.read_text())
        if "checks" in result:
            found[result["student"] or path.stem] = {
                "score": result["score"],
                "checks": {c["check_id"]: c["status"] for c in result["checks"]}}
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--assignment", choices=sorted(DEFAULTS), default="C2W4")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threshold", default="0.99", help="The changed held-out bar.")
    parser.add_argument("--compare", action="store_true",
                        help="Also grade everything again under the change and compare.")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    week = args.assignment
    corpus, default = DEFAULTS[week]
    args.names = args.names or list(default)
    autograder = [sys.executable, "-m", "autograder"]
    with tempfile.TemporaryDirectory(prefix="bench-regrade-") as scratch:
        base = Path(scratch)
        env = {**bench_env(), "AUTOGRADER_DATA_ROOT": str(base / "data"),
               "AUTOGRADER_HELDOUT_ROOT": str(base / "heldout"),
               "AUTOGRADER_WORK_ROOT": str(base / "work"),
               "AUTOGRADER_CONFIG": str(ROOT / "autograder.toml")}
        timed([*autograder, "data", week], env)
        for name in args.names:
            target = base / "submitted" / name / week / f"{week}_Assignment.ipynb"
            target.parent.mkdir(parents=True)
            shutil.copyfile(corpus / f"{name}.ipynb", target)
        results, batch = base / "results", [*autograder, "batch", str(base / "submitted"),
                                            "--assignment", week, "--workers",
                                            str(args.workers)]
        first, _ = timed([*batch, "--out-dir", str(results)], env)
        before = verdicts(results)
        evidence = sum(p.stat().st_size for p in (results / ".evidence").rglob("*")
                       if p.is_file())
        changed = {**env, f"AUTOGRADER_{week}_HELDOUT_THRESHOLD": args.threshold}
        again, output = timed([*autograder, "regrade", str(results), "--workers",
                               str(args.workers)], changed)
        after = verdicts(results)
        figures = {"cpu": cpu_model(), "assignment": week, "submissions": len(args.names),
                   "workers": args.workers,
                   "first_s": round(first, 1), "regrade_s": round(again, 1),
                   "ratio": round(again / first, 3),
                   "evidence_bytes_per_grading": evidence // max(1, len(args.names)),
                   "checked_again": output.count("  checked again "),
                   "executed_again": output.count("  executed again "),
                   "scores_before": {k: v["score"] for k, v in before.items()},
                   "scores_after": {k: v["score"] for k, v in after.items()}}
        print(output)
        if args.compare:
            full, _ = timed([*batch, "--out-dir", str(base / "full"), "--no-evidence",
                             "--force"], changed)
            reference = verdicts(base / "full")
            figures.update(full_regrade_s=round(full, 1),
                           verdicts_equal=reference == after,
                           differences={k: (after.get(k), reference.get(k))
                                        for k in set(after) | set(reference)
                                        if after.get(k) != reference.get(k)})
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0 if figures.get("verdicts_equal", True) else 1


if __name__ == "__main__":
    sys.exit(main())
