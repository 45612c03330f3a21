"""The CI grading road split where the trust changes.

1. `run_student_code`: the road's ``execute`` stage (`autograder.road.execute`): prepare,
   place the fixtures, run the notebook in its sandbox and export its artifacts into a state
   folder. No held-out image and no secret exists yet.
2. (the workflow decrypts the held-out bundle: `autograder.ci.bundle`; no student code runs)
3. `score_run`: the road's ``grade`` stage (`autograder.road.grade`) on the state folder,
   held-out data present, in a checking process with a memory cap and a time limit.

The fixtures' answer keys are made again in step 3 from the same seed (the course secret
made in step 1 outside the sandbox), so nothing but the validated artifacts crosses over.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder import road
from autograder.assignments import get_assignment
from autograder.config import Settings
from autograder.pipeline import DataLocation, DataNotPrepared, locate_data
from autograder.results import GradeResult
from autograder.results.store import write_json_atomic

__all__ = ["RUN_FILE", "RUN_FORMAT_VERSION", "run_student_code", "score_run"]

RUN_FILE = "run.json"
RUN_FORMAT_VERSION = 1


def _student_data(spec, settings: Settings) -> DataLocation:
    """The student data alone (the held-out data is not on the machine yet)."""
    from autograder.data.manifest import read_manifest

    student = settings.data_root / spec.data.dataset
    if not (student / "manifest.json").is_file():
        raise DataNotPrepared(f"No prepared data in {student}. Run `autograder data {spec.id}`.")
    return DataLocation(student_root=student, images_dir=student / spec.data.images_subdir,
                        heldout_dir=None, student_manifest=read_manifest(student / "manifest.json"),
                        heldout_manifest=None)


def run_student_code(notebook: Path, *, settings: Settings, state: Path,
                     assignment: str | None = None) -> dict:
    """Step 1: runs `notebook` in the sandbox; writes ``<state>/run.json``; returns it."""
    from autograder.sandbox import check_sandbox

    notebook = Path(notebook)
    spec = road.identify(notebook, settings, assignment)  # the edition too
    if settings.sandbox:
        check_sandbox()
    state = Path(state)
    executed = road.execute(notebook, spec, settings, data=_student_data(spec, settings),
                            scratch=state)
    run = {"version": RUN_FORMAT_VERSION, "assignment": spec.name, "submission": str(notebook),
           "submission_sha256": executed.sha256, "execution": executed.execution,
           "timings": executed.timings}
    write_json_atomic(run, state / RUN_FILE)
    return run


def score_run(state: Path, *, settings: Settings) -> GradeResult:
    """Step 3: the checks and the evidence on what step 1 left in `state`.

    Raises:
        DataNotPrepared: if the held-out data is still missing.
    """
    state = Path(state)
    run = json.loads((state / RUN_FILE).read_text(encoding="utf-8"))
    if run.get("version") != RUN_FORMAT_VERSION:
        raise ValueError(f"Expected a run.json of version {RUN_FORMAT_VERSION}. "
                         f"Received: {run.get('version')!r}.")
    spec = get_assignment(run["assignment"])
    locate_data(spec, settings)  # the held-out data must be there now
    # In a capped checking process, which places the fixtures' keys again (the kernel got
    # its copy in step 1; these go to a folder it never saw).
    return road.grade(spec, settings, artifacts=state / "artifacts", folder=state / "check",
                      execution=run["execution"], submission=run["submission"],
                      sha256=run["submission_sha256"], timings=run["timings"])
