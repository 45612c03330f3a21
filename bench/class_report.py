"""The class report's cost for a class of N results: read the folder, sum up, draw and write.

A class of N is made from the 40 recorded real Week 1 gradings
(``tests/reporters/classreport/hostile-c2w1-results.jsonl.gz``), each copied under new
student keys with a new notebook SHA-256 (so only the real look-alike pair repeats), written
as a batch writes them (``<out>/<student>/C2W1/C2W1_Assignment.json``). Each stage is timed
apart in this process (matplotlib and Jinja2 imported before, as in a batch that has already
written its results), best of `--repeat`:

- ``read``: `read_results` (every JSON parsed into a `GradeResult`);
- ``summarize``: `summarize_class` (rates, messages, look-alikes);
- ``html``: `write_class_report` (the histogram drawn, the page rendered and written);
- ``csv``: `write_class_csv`.

    python bench/class_report.py [--sizes 40 400 4000] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.reporters.classreport import (  # noqa: E402
    read_results, summarize_class, write_class_csv, write_class_report)

RECORDED = ROOT / "tests/reporters/classreport/hostile-c2w1-results.jsonl.gz"


def make_class(size: int, folder: Path) -> None:
    """`size` results under `folder`, copies of the recorded ones under new keys."""
    with gzip.open(RECORDED, "rt", encoding="utf-8") as lines:
        recorded = [json.loads(line)["result"] for line in lines]
    for number in range(size):
        result = dict(recorded[number % len(recorded)])
        student = f"student{number:05d}"
        if number >= len(recorded):  # a copy: a notebook of its own
            result["submission_sha256"] = hashlib.sha256(student.encode()).hexdigest()
        result["student"] = student
        path = folder / student / "C2W1" / "C2W1_Assignment.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result), encoding="utf-8")


def _best(repeat: int, work) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = work()
        best = min(best, time.perf_counter() - started)
    return best, value


def measure(size: int, repeat: int) -> dict:
    """Seconds per stage for a class of `size`."""
    with tempfile.TemporaryDirectory(prefix="class-report-bench-") as scratch:
        folder = Path(scratch) / "results"
        make_class(size, folder)
        read_s, found = _best(repeat, lambda: read_results(folder))
        summary_s, summary = _best(repeat, lambda: summarize_class(found.entries))
        html_s, page = _best(repeat, lambda: write_class_report(summary, Path(scratch) / "c.html"))
        csv_s, _ = _best(repeat, lambda: write_class_csv(found.entries, Path(scratch) / "c.csv"))
        return {"results": size, "read_s": round(read_s, 3), "summarize_s": round(summary_s, 3),
                "html_s": round(html_s, 3), "csv_s": round(csv_s, 3),
                "total_s": round(read_s + summary_s + html_s + csv_s, 3),
                "page_kib": round(page.stat().st_size / 1024),
                "look_alike_groups": len(summary.assignments[0].similar)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    import matplotlib.figure  # noqa: F401 - imported once, as in a batch
    import jinja2  # noqa: F401

    rows = []
    for size in args.sizes:
        rows.append(measure(size, args.repeat))
        print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
