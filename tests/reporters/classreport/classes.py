"""Classes of results for the class report's tests: made ones, and real gradings.

`made` builds a result of a week's real checks (ids, titles, points) with chosen failures;
`real_results` writes the recorded results of a real batch: Week 1's hostile corpus and the
untouched release graded by the grader (``hostile-c2w1-results.jsonl.gz``, 40 results; the
thumbnails of the students' validation mistakes dropped to keep the file small).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from autograder.assignments import get_assignment
from autograder.reporters.classreport import Entry
from autograder.results import GRADER_ERROR_FEEDBACK, CheckResult, GradeResult, to_dict
from autograder.results.evidence import Evidence

__all__ = ["made", "write_class", "real_results", "REAL_RESULTS"]

REAL_RESULTS = Path(__file__).with_name("hostile-c2w1-results.jsonl.gz")


def made(key: str, *, assignment: str = "C2W1", failed: dict[str, str] | None = None,
         errors: tuple[str, ...] = (), status: str = "completed", message: str = "ran",
         seconds: float = 10.0, sha: str = "", history: dict | None = None,
         student: str = "") -> Entry:
    """A result of `assignment`'s checks: those in `failed` failed with their feedback, those
    in `errors` broke the grader, the rest passed; ``status="grader_error"`` makes it a
    whole-submission grader error."""
    failed = failed or {}
    checks = []
    for check in get_assignment(assignment).checks:
        if status == "grader_error" or check.id in errors:
            checks.append(CheckResult(check.id, check.title, "grader_error", 0.0, check.points,
                                      check.hidden, GRADER_ERROR_FEEDBACK,
                                      "Traceback (most recent call last):\n  ...\n"
                                      "RuntimeError: the grader broke"))
        elif check.id in failed:
            checks.append(CheckResult(check.id, check.title, "failed", 0.0, check.points,
                                      check.hidden, failed[check.id]))
        else:
            checks.append(CheckResult(check.id, check.title, "passed", check.points,
                                      check.points, check.hidden))
    result = GradeResult(
        assignment=assignment, submission=f"submitted/{key}.ipynb",
        submission_sha256=sha or f"sha-of-{key}", mode="trained", data="stand-in (test)",
        data_origin="standin", execution={"status": status, "message": message},
        checks=tuple(checks), timings={"execute": seconds * 0.8, "check": seconds * 0.2},
        created_at="2026-12-07T12:00:00+00:00", grader_version="0.1.0+test",
        student=student, evidence=Evidence(history=history) if history else None)
    return Entry(key=key, result=result)


def write_class(entries, folder: Path) -> Path:
    """Writes each entry's result to ``folder/<key>.json``, as a batch does."""
    for entry in entries:
        path = Path(folder) / f"{entry.key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(to_dict(entry.result)), encoding="utf-8")
    return Path(folder)


def real_results(folder: Path) -> Path:
    """Writes the 40 recorded real results under `folder` (``<key>.json``)."""
    with gzip.open(REAL_RESULTS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            path = Path(folder) / f"{record['key']}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(record["result"]), encoding="utf-8")
    return Path(folder)
