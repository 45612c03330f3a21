"""Time and peak memory of grading one submission, by each way of grading it.

Compared in the same run, on the same machine and data:

- ``plain-execution``: nbclient runs the notebook, nothing is graded (the floor);
- ``autograder-trained``: ``autograder grade`` scoring the model the notebook trained, its
  kernel in the bubblewrap sandbox (the default);
- ``autograder-no-sandbox``: the same with ``--no-sandbox``, to show what the sandbox costs;
- ``autograder-retrain``: ``autograder grade --mode retrain`` (the grader refits create_model());
- ``pytest-plugin``: ``pytest autograder --submission`` (same pipeline as the CLI);
- ``nbgrader-autograde``: plain ``nbgrader autograde`` on a course folder (its test cells call
  the same checks in a separate grading process).

Peak memory is the largest sum of resident memory over the command's whole process tree
(kernels and grading subprocesses included), sampled every 0.1 s.

    python bench/grading_modes.py [--assignment C2W1] [--submission NOTEBOOK] [--only MODE ...]
                                  [--json OUT]

The submission defaults to the assignment's reference solution.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent

PLAIN = """
import sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                        resources={"metadata": {"path": sys.argv[2]}}).execute()
"""


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


def _score(path: Path) -> str:
    if not path.is_file():
        return "-"
    result = json.loads(path.read_text())
    return f"{result['score']:g}/{result['max_score']:g}"


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


def _nbgrader_score(course: Path) -> str:
    completed = subprocess.run([sys.executable, "-m", "nbgrader", "export"], cwd=course,
                               capture_output=True, text=True)
    if completed.returncode != 0 or not (course / "grades.csv").is_file():
        return "-"
    import csv

    with open(course / "grades.csv", newline="") as handle:
        row = next(csv.DictReader(handle))
    return f"{float(row['raw_score']):g}/{float(row['max_score']):g}"


def run_mode(mode: str, submission: Path, assignment: str, scratch: Path, env: dict) -> dict:
    out = scratch / f"{mode}.json"
    grade = [sys.executable, "-m", "autograder", "grade", str(submission), "--assignment",
             assignment, "--json", str(out), "--quiet"]
    if mode == "plain-execution":
        workdir = scratch / "plain"
        workdir.mkdir()
        row = measure([sys.executable, "-c", PLAIN, str(submission), str(workdir)], cwd=ROOT,
                      env=env)
        return {**row, "score": "(not graded)"}
    if mode == "autograder-trained":
        return {**measure(grade + ["--mode", "trained"], cwd=ROOT, env=env), "score": _score(out)}
    if mode == "autograder-no-sandbox":
        return {**measure(grade + ["--no-sandbox"], cwd=ROOT, env=env), "score": _score(out)}
    if mode == "autograder-retrain":
        return {**measure(grade + ["--mode", "retrain"], cwd=ROOT, env=env), "score": _score(out)}
    if mode == "pytest-plugin":
        command = [sys.executable, "-m", "pytest", "autograder", "--submission", str(submission),
                   "--result-json", str(out), "-q", "-p", "no:cacheprovider"]
        return {**measure(command, cwd=ROOT, env=env), "score": _score(out)}
    if mode == "nbgrader-autograde":
        course, command = _nbgrader_course(scratch, submission, assignment, env)
        return {**measure(command, cwd=course, env=env), "score": _nbgrader_score(course)}
    raise ValueError(mode)


MODES = ("plain-execution", "autograder-trained", "autograder-no-sandbox", "autograder-retrain",
         "pytest-plugin", "nbgrader-autograde")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assignment", default="C2W1", help="Assignment id (default C2W1).")
    parser.add_argument("--submission", type=Path, default=None,
                        help="Notebook to grade (default: the assignment's reference solution).")
    parser.add_argument("--only", nargs="*", choices=MODES, default=list(MODES))
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    args = parser.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONUNBUFFERED": "1",
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    from autograder.assignments import get_assignment
    from autograder.config import load_settings

    spec = get_assignment(args.assignment)
    submission = (args.submission or ROOT / "solutions" / spec.id / spec.notebook).resolve()
    subprocess.run([sys.executable, "-m", "autograder", "data", spec.id], cwd=ROOT, env=env,
                   check=True)

    settings = load_settings(cwd=ROOT)
    env["AUTOGRADER_DATA_ROOT"] = str(settings.data_root)
    env["AUTOGRADER_HELDOUT_ROOT"] = str(settings.heldout_root)
    rows = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for mode in args.only:
            rows[mode] = run_mode(mode, submission, spec.id, Path(scratch), env)
            row = rows[mode]
            print(f"{mode:<20} {row['seconds']:>8.1f} s {row['peak_rss_mib']:>7} MiB  "
                  f"exit {row['exit_code']}  score {row['score']}", flush=True)
            if row["exit_code"] not in (0, 1):
                print(row["output_tail"], file=sys.stderr)
    machine = {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30)}
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "submission": str(submission),
                                         "modes": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
