"""Checks from inside a notebook: instant self-checks, and nbgrader's test cells.

`self_check` runs the visible checks on the live notebook, in its own kernel, and prints
what passed and how to fix what did not. `grade` is what nbgrader's hidden test cells
call: it exports the notebook's artifacts once, runs every check in a separate grading
process (which alone can read the held-out data), and returns the points of one check,
which nbgrader reads as the cell's partial credit. Both use the same checks as the CLI
and the pytest plugin, so the three front-ends give the same points.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["self_check", "grade", "GraderError"]

_MARK = {"passed": "✓", "failed": "✗", "grader_error": "!"}
_CHECK_TIMEOUT = 3600


class GraderError(Exception):
    """The grading process failed: the test cell errors (0 points) and says so plainly."""
#: Results of the grading process, per assignment, for this kernel only.
_RESULTS: dict[str, dict] = {}


def _namespace() -> dict:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("self_check() and grade() run inside a Jupyter notebook.")
    return shell.user_ns


def _make_probe(folder: Path, seed: int):
    from autograder.pipeline import make_probe

    return make_probe(folder, seed)


def _print(result_line: str, feedback: str) -> None:
    print(result_line)
    if feedback:
        print("    " + feedback)


def self_check(assignment: str, *artifacts: str) -> None:
    """Runs, on the live notebook, the visible checks that need only `artifacts`.

    Args:
        assignment: assignment id, e.g. ``"C2W1"``.
        artifacts: artifact names, e.g. ``"created_model"`` (see the assignment's spec).

    Example:
        >>> self_check("C2W1", "created_model")   # after defining create_model()
    """
    from autograder.artifacts import GradingData, export_artifacts, load_artifacts
    from autograder.assignments import get_assignment
    from autograder.checks import run_checks
    from autograder.config import load_settings

    spec = get_assignment(assignment)
    wanted = set(artifacts)
    checks = [c for c in spec.checks if set(c.needs) <= wanted and not c.needs_heldout]
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="self-check-") as folder:
        probe = _make_probe(Path(folder) / "probe", settings.seed) if "cleaning" in wanted else None
        export_artifacts(_namespace(), Path(folder) / "artifacts", spec.id,
                         probe_dir=str(Path(folder) / "probe") if probe else None, only=wanted)
        manifest = _student_manifest(spec, settings)
        data = GradingData(student_manifest=manifest, student_images_dir=None, heldout_dir=None,
                           probe_manifest=probe)
        found = load_artifacts(Path(folder) / "artifacts", data=data, settings=settings)
        results = run_checks(checks, found)
    for result in results:
        _print(f"{_MARK[result.status]} {result.title}", result.feedback)
    passed = sum(r.passed for r in results)
    print(f"{passed} of {len(results)} self-checks passed." + (
        "" if passed == len(results) else " Fix the ✗ items above and run this cell again."))


def _student_manifest(spec, settings):
    from autograder.data.manifest import read_manifest

    path = settings.data_root / spec.dataset / "manifest.json"
    return read_manifest(path) if path.is_file() else None


def _grade_all(assignment: str) -> dict:
    """Exports the notebook's artifacts and checks them in a separate grading process."""
    from autograder.artifacts import export_artifacts
    from autograder.config import load_settings

    settings = load_settings()
    folder = Path(tempfile.mkdtemp(prefix="autograder-"))
    probe = folder / "probe"
    _make_probe(probe, settings.seed)
    export_artifacts(_namespace(), folder / "artifacts", assignment, probe_dir=str(probe))
    command = [sys.executable, "-m", "autograder", "check", str(folder / "artifacts"),
               "--assignment", assignment, "--probe", str(probe), "--json",
               str(folder / "result.json")]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    __tracebackhide__ = True  # IPython leaves this frame out of the student's traceback
    try:
        completed = subprocess.run(command, capture_output=True, text=True, env=env,
                                   timeout=_CHECK_TIMEOUT)
        log = completed.stderr
    except subprocess.TimeoutExpired as error:
        log = f"timed out after {error.timeout} s"
    if not (folder / "result.json").is_file():
        print(log[-3000:], file=sys.stderr)  # for the instructor's autograde log
        raise GraderError("The grader could not check this notebook (this is not your fault); "
                          "your instructor can see why.")
    document = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return {check["check_id"]: check for check in document["checks"]}


def grade(assignment: str, check_id: str) -> float:
    """Returns the points the notebook earns on one check (nbgrader's partial credit).

    The first call in a kernel grades every check at once; later calls reuse the result.
    """
    __tracebackhide__ = True
    if assignment not in _RESULTS:
        _RESULTS[assignment] = _grade_all(assignment)
    result = _RESULTS[assignment][check_id]
    _print(f"{_MARK[result['status']]} {result['title']} "
           f"({result['points']:g} of {result['max_points']:g} points)", result["feedback"])
    return float(result["points"])
