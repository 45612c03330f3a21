"""Time and peak memory of grading Week 4's reference, by the CLI (trained mode), by
``nbgrader autograde`` and by plain execution, in one run on the same data.

    python bench/c2w4_grading.py [--submission NOTEBOOK] [--json OUT]

Uses the data roots of the environment / ``autograder.toml`` (run ``autograder data C2W4``
first). Peak memory is the largest sum of resident memory over the command's process tree
(`bench.grading_modes.measure`).
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.grading_modes import PLAIN, ROOT, _score, measure  # noqa: E402

SOLUTION = ROOT / "solutions" / "C2W4" / "C2W4_Assignment.ipynb"


def _nbgrader(scratch: Path, submission: Path, env: dict) -> dict:
    course = scratch / "course"
    shutil.copytree(ROOT / "source", course / "source")
    for name in ("nbgrader_config.py", "autograder.toml"):
        shutil.copy(ROOT / name, course / name)
    nbgrader = [sys.executable, "-m", "nbgrader"]
    for args in (["generate_assignment", "C2W4"], ["db", "student", "add", "bench"]):
        subprocess.run(nbgrader + args, cwd=course, env=env, check=True, capture_output=True)
    target = course / "submitted" / "bench" / "C2W4"
    target.mkdir(parents=True)
    shutil.copy(submission, target / "C2W4_Assignment.ipynb")
    row = measure(nbgrader + ["autograde", "C2W4"], cwd=course, env=env)
    subprocess.run(nbgrader + ["export"], cwd=course, env=env, capture_output=True)
    with open(course / "grades.csv", newline="") as handle:
        grades = [r for r in csv.DictReader(handle) if r["assignment"] == "C2W4"]
    score = f"{float(grades[0]['raw_score']):g}/{float(grades[0]['max_score']):g}" if grades else "-"
    return {**row, "score": score}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submission", type=Path, default=SOLUTION)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3",
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    rows = {}
    with tempfile.TemporaryDirectory(prefix="c2w4-bench-") as folder:
        scratch = Path(folder)
        out = scratch / "cli.json"
        rows["autograder-trained"] = {**measure(
            [sys.executable, "-m", "autograder", "grade", str(args.submission), "--assignment",
             "C2W4", "--json", str(out), "--quiet"], cwd=ROOT, env=env), "score": _score(out)}
        rows["nbgrader-autograde"] = _nbgrader(scratch, args.submission, env)
        (scratch / "plain").mkdir()
        rows["plain-execution"] = {**measure([sys.executable, "-c", PLAIN, str(args.submission),
                                              str(scratch / "plain")], cwd=ROOT, env=env),
                                   "score": "(not graded)"}
    for mode, row in rows.items():
        print(f"{mode:<22} {row['seconds']:>7.1f} s {row['peak_rss_mib']:>7,} MiB  {row['score']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
