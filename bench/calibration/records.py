"""The calibration's files: one JSON line per run (``results-<week>.jsonl``) and the bars
record (``bars.json``: per week, each bar's value and the results file it was set from).

A run record (schema `SCHEMA_VERSION`)::

    {"schema": 1, "week": "C2W4", "variant": "bn-dropout", "kind": "sound", "ignores": "",
     "loses": [], "code_sha256": "…", "data_seed": 1, "data": "<the student data, in words>",
     "checks": {"heldout_accuracy": [4.0, 4.0], …}, "score": 15.0, "max_score": 15.0,
     "figures": {"measured_train": 0.98, "heldout": 0.95, …}, "epochs": 15,
     "seconds": 61.2, "machine": "AMD EPYC", "grader": "0.1.0+…", "rules": {…},
     "status": "completed", "message": "<the execution's message, e.g. a cell's time limit>",
     "created_at": "…"}
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

__all__ = ["SCHEMA_VERSION", "HERE", "BARS_FILE", "results_path", "read_runs", "append_run",
           "run_key", "finished_keys", "latest_runs", "file_sha256", "read_bars", "write_bars", "data_family"]

SCHEMA_VERSION = 1
HERE = Path(__file__).resolve().parent
BARS_FILE = HERE / "bars.json"


def results_path(assignment: str, folder: Path = HERE) -> Path:
    """The results file of `assignment`: ``<folder>/results-c2w4.jsonl``."""
    return Path(folder) / f"results-{assignment.lower()}.jsonl"


def read_runs(path: Path) -> list[dict]:
    """The run records of `path` in order (none if it does not exist). A line that is not a
    record of this schema (a run killed while writing) is left out."""
    if not Path(path).is_file():
        return []
    runs = []
    for line in Path(path).read_text().splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("schema") == SCHEMA_VERSION:
            runs.append(record)
    return runs


def append_run(path: Path, record: dict) -> None:
    """Appends `record` as one line and flushes it to disk (a later kill keeps it)."""
    import os

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as file:
        file.write(json.dumps({"schema": SCHEMA_VERSION, **record}, ensure_ascii=False) + "\n")
        file.flush()
        os.fsync(file.fileno())


def run_key(record: dict) -> tuple:
    """What makes two runs the same: week, variant, its code, data seed and data."""
    return (record["week"], record["variant"], record["code_sha256"], record["data_seed"],
            record["data"])


def data_family(data: str) -> str:
    """`data` (a manifest's description) with its seed left out: what the runs of every seed
    of one calibration share, e.g. "… (ci scale: 2,400 training and 720 test rows; … with
    seed N …)"."""
    import re

    return re.sub(r"\bseed \d+", "seed N", data)


def latest_runs(runs: Iterable[dict]) -> list[dict]:
    """The last record of each run (`run_key`), in file order: a run graded again (``run
    --force``, after the grader changed) stands for it; a repeat of the same grading too."""
    latest = {run_key(run): run for run in runs}
    return list(latest.values())


def finished_keys(runs: Iterable[dict]) -> set[tuple]:
    """The keys of runs already made."""
    return {run_key(run) for run in runs}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_bars(path: Path = BARS_FILE) -> dict:
    """``bars.json``: per week ``{"results": file name, "sha256": …, "data": …, "bars": {…},
    "open": {variant: reason}}``."""
    return json.loads(Path(path).read_text()) if Path(path).is_file() else {}


def write_bars(assignment: str, *, bars: dict[str, float], results: Path, data: str,
               open_variants: dict[str, str] | None = None, path: Path = BARS_FILE) -> dict:
    """Records that `assignment`'s `bars` were set from `results` (its current bytes) on the
    runs of `data`; returns the week's entry.

    Args:
        open_variants: variants the bars cannot judge right yet, each with the reason in
            words: a sound one that misses a bar, an unsound one that keeps its lesson's
            points. An open problem, stated, never a quiet exception: the test checks that
            each one is still wrong, so the entry goes when it is fixed.
    """
    record = read_bars(path)
    entry = {"results": Path(results).name, "sha256": file_sha256(results), "data": data,
             "bars": dict(sorted(bars.items())), "open": dict(sorted((open_variants or {}).items()))}
    record[assignment.upper()] = entry
    Path(path).write_text(json.dumps(dict(sorted(record.items())), indent=2) + "\n")
    return entry
