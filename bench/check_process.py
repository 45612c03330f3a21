"""The cost of the capped checking process per grading, against checking in the grading process.

On one graded submission's kept work folder (``autograder grade --keep-work``), runs the part
of a grading after the notebook (the ``check`` and ``evidence`` stages) both ways, each in a
fresh Python process so that neither inherits the other's loaded TensorFlow:

- ``in-process``: `autograder.pipeline.check_artifacts` in the grading process, as before
  issue 28 (no cap, no time limit);
- ``capped-process``: `autograder.grading_process.check_in_process`, which starts the capped
  checking process (the cost: a second Python with TensorFlow, the fixtures' keys placed again).

Both replay the grading's own request (``check/request.json`` in the kept folder: the
execution report with the callback's drawn probe logs), so both score as the grading did.
Wall time, CPU time (user and system, of every process it started: on a shared machine
the steadier figure) and peak memory are the whole process tree's (resident memory summed, sampled every
0.05 s); for the capped way also the checking process's own peak and what enforced the cap.

    python bench/check_process.py WORK_FOLDER [--assignment C2W1] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

_IN_PROCESS = """
import json, sys
from pathlib import Path
from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.grading_process.child import clear_previous_run
from autograder.pipeline import check_artifacts, place_fixtures
work, assignment, request = (Path(sys.argv[1]), sys.argv[2],
                             json.loads(Path(sys.argv[3]).read_text()))
settings, spec = load_settings(), get_assignment(assignment)
keys = work / "bench-keys"
clear_previous_run(work / "artifacts", keys)  # as the checking process does
fixtures = place_fixtures(spec, keys / "fixtures-key", keys / "fixtures-copy", settings)
result = check_artifacts(work / "artifacts", spec, settings, fixtures=fixtures,
                         execution=request["execution"], timings=request["timings"])
print(json.dumps({"score": result.score}))
"""

_CAPPED = """
import json, sys
from pathlib import Path
from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.grading_process import run_checking_process
work, assignment, request = (Path(sys.argv[1]), sys.argv[2],
                             json.loads(Path(sys.argv[3]).read_text()))
settings = load_settings()
request = {"assignment": assignment, "artifacts": str(work / "artifacts"),
           "keys": str(work / "bench-check"), "execution": request["execution"],
           "submission": "", "submission_sha256": "", "timings": request["timings"],
           "refused_models": ""}
outcome = run_checking_process(request, work / "bench-check", settings,
                               timeout_s=settings.check_timeout)
print(json.dumps({"score": outcome.result.score, "child_peak_rss": outcome.peak_rss_bytes,
                  "child_peak_cgroup": outcome.peak_bytes, "enforced_by": outcome.enforced_by,
                  "child_seconds": outcome.seconds}))
"""


def _grading_request(work: Path) -> dict:
    """The execution report and timings the grading sent its checking process (kept in
    ``check/request.json``: with them the callback's drawn probe logs), else a bare one."""
    kept = work / "check" / "request.json"
    if kept.is_file():
        request = json.loads(kept.read_text(encoding="utf-8"))
        return {"execution": request["execution"], "timings": request.get("timings", {})}
    return {"execution": {"status": "completed"}, "timings": {}}


def _children_cpu() -> float:
    """User and system CPU seconds of this process's ended children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(code: str, work: Path, assignment: str) -> dict:
    request = work / "bench-request.json"
    request.write_text(json.dumps(_grading_request(work)), encoding="utf-8")
    started, used = time.monotonic(), _children_cpu()
    process = subprocess.Popen([sys.executable, "-c", code, str(work), assignment,
                                str(request)],
                               stdout=subprocess.PIPE, text=True)
    peak = 0
    root = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = process.stdout.read()
    process.wait()
    return {"seconds": round(time.monotonic() - started, 1),
            "cpu_seconds": round(_children_cpu() - used, 1), "peak_rss_gib":
            round(peak / 1024 ** 3, 2), **json.loads(out.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="a kept work folder (autograder grade --keep-work)")
    parser.add_argument("--assignment", default="C2W1")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = {"in-process": _measure(_IN_PROCESS, args.work, args.assignment),
               "capped-process": _measure(_CAPPED, args.work, args.assignment)}
    for way, values in figures.items():
        print(f"{way:15} {json.dumps(values)}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
