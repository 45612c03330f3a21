"""The road every submission takes, declared once.

    notebook → execute (own kernel, limits) → artifacts → checks → result

`grade_submission` runs the whole road; `check_artifacts` runs the part after execution,
for front-ends where someone else executed the notebook (nbgrader's kernel).
"""

from __future__ import annotations

import hashlib
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from autograder import __version__
from autograder.artifacts import GradingData, epilogue_code, load_artifacts
from autograder.assignments import Assignment, detect_assignment, get_assignment
from autograder.checks import run_checks
from autograder.compat import prepare_public_surroundings
from autograder.config import Settings
from autograder.results import GradeResult

__all__ = ["STAGES", "DataNotPrepared", "locate_data", "make_probe", "grade_submission",
           "check_artifacts", "kernel_environment", "prelude_code", "is_grader_test_cell"]

#: The stages, in order. Each has one function below.
STAGES = ("prepare", "execute", "check")

_EPILOGUE_TIMEOUT = 600.0


class DataNotPrepared(RuntimeError):
    """The grader's data is missing: an instructor's setup problem, not a student's."""


@dataclass(frozen=True)
class DataLocation:
    """Where an assignment's data lives for one grading run."""

    student_root: Path
    """Folder with ``manifest.json`` and the images folder the notebook trains on."""
    images_dir: Path
    """Folder with one subfolder per class, as the student sees it (dirty)."""
    heldout_dir: Path
    """Folder with one subfolder per class of held-out images."""
    student_manifest: Any
    heldout_manifest: Any


def locate_data(spec: Assignment, settings: Settings) -> DataLocation:
    """Finds the prepared student and held-out data of `spec`.

    Raises:
        DataNotPrepared: naming the command that prepares it.
    """
    from autograder.data.manifest import read_manifest

    student = settings.data_root / spec.dataset
    heldout = settings.heldout_root / spec.dataset
    for folder in (student, heldout):
        if not (folder / "manifest.json").is_file():
            raise DataNotPrepared(
                f"No prepared data in {folder}. Run `autograder data {spec.id}` (offline "
                f"stand-in) or `autograder data {spec.id} --from <zip or folder>` (real data).")
    return DataLocation(student_root=student, images_dir=student / spec.images_subdir,
                        heldout_dir=heldout / spec.images_subdir,
                        student_manifest=read_manifest(student / "manifest.json"),
                        heldout_manifest=read_manifest(heldout / "manifest.json"))


def make_probe(folder: Path, seed: int):
    """Builds the small dirty folder a cleaning function is probed with; returns its manifest."""
    from autograder.data.standin import generate

    manifest, _ = generate(student_dir=folder, heldout_dir=folder / "unused-heldout",
                           scale="probe", seed=seed)
    shutil.rmtree(folder / "unused-heldout", ignore_errors=True)
    return manifest


def kernel_environment(settings: Settings) -> dict[str, str]:
    """The variables the student's kernel gets: its data, a seed, quiet TensorFlow.

    The held-out location and the grader's config file are blanked, so that the student's
    code cannot learn where the held-out images are from its environment.
    """
    return {"AUTOGRADER_DATA_ROOT": str(settings.data_root), "AUTOGRADER_HELDOUT_ROOT": "",
            "AUTOGRADER_CONFIG": "",
            "PYTHONHASHSEED": str(settings.seed), "TF_CPP_MIN_LOG_LEVEL": "2",
            "AUTOGRADER_SEED": str(settings.seed), "MPLBACKEND": "Agg"}


def prelude_code(seed: int) -> str:
    """Seeds Python, NumPy and TensorFlow in the student's kernel before any cell runs."""
    return (
        "import random as _r, numpy as _np\n"
        f"_r.seed({seed}); _np.random.seed({seed})\n"
        "try:\n"
        "    import tensorflow as _tf\n"
        f"    _tf.keras.utils.set_random_seed({seed})\n"
        "except ImportError:\n"
        "    pass\n"
        "del _r, _np\n"
    )


def is_grader_test_cell(cell) -> bool:
    """True for nbgrader autograder-test cells: the grader runs its own checks instead."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and meta.get("grade") and not meta.get("solution")


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def check_artifacts(folder: Path, spec: Assignment, settings: Settings, *, probe_manifest,
                    execution: dict, submission: str = "", submission_sha256: str = "",
                    timings: dict | None = None, data: DataLocation | None = None) -> GradeResult:
    """Runs `spec`'s checks on exported artifacts and returns the `GradeResult`."""
    started = time.monotonic()
    data = data or locate_data(spec, settings)
    grading_data = GradingData(student_manifest=data.student_manifest,
                               student_images_dir=data.images_dir, heldout_dir=data.heldout_dir,
                               heldout_manifest=data.heldout_manifest,
                               probe_manifest=probe_manifest)
    artifacts = load_artifacts(folder, data=grading_data, settings=settings,
                               execution_message=_why_missing(execution))
    checks = run_checks(spec.checks, artifacts)
    timings = {**(timings or {}), "check": round(time.monotonic() - started, 3)}
    return GradeResult(
        assignment=spec.id, submission=submission, submission_sha256=submission_sha256,
        mode=settings.mode, data=data.student_manifest.description,
        data_origin=data.student_manifest.origin, execution=execution, checks=checks,
        timings=timings, created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        grader_version=__version__)


def _why_missing(execution: dict) -> str:
    status = execution.get("status")
    if status in (None, "completed", "cell_errors", "external"):
        return "the notebook did not produce it"
    return "the notebook did not run to the end: " + execution.get("message", status)


def grade_submission(notebook: Path, *, settings: Settings, assignment: str | None = None,
                     keep_work: bool = False, executed_path: Path | None = None) -> GradeResult:
    """Grades one submission notebook end to end.

    Args:
        notebook: the student's ``.ipynb``.
        settings: resolved `Settings`.
        assignment: assignment id; detected from the path when None.
        keep_work: keep the scratch folder (executed notebook, artifacts) for inspection.
        executed_path: also write the notebook with this run's outputs there.

    Returns:
        The `GradeResult`. Student faults (errors, timeouts, dead kernels, bad JSON) are
        graded, never raised.

    Raises:
        DataNotPrepared: if the grader's data is missing.
        KeyError: if the assignment is unknown or cannot be detected.
    """
    from autograder.execute import execute_notebook

    notebook = Path(notebook)
    assignment = assignment or detect_assignment(notebook)
    if assignment is None:
        raise KeyError(f"Cannot tell the assignment of {notebook}; pass --assignment.")
    spec = get_assignment(assignment)
    timings: dict[str, float] = {}
    started = time.monotonic()
    data = locate_data(spec, settings)
    scratch = settings.work_root / f"{spec.id}-{uuid.uuid4().hex[:12]}"
    (scratch / "work").mkdir(parents=True)
    prepare_public_surroundings(scratch / "work", data_folder=spec.public_data_folder,
                                images_dir=data.images_dir,
                                bad_files=data.student_manifest.bad_files)
    probe_manifest = make_probe(scratch / "probe", settings.seed) if spec.uses_probe else None
    timings["prepare"] = round(time.monotonic() - started, 3)
    try:
        report = execute_notebook(
            notebook, workdir=scratch / "work", cell_timeout=settings.cell_timeout,
            notebook_timeout=settings.notebook_timeout, env=kernel_environment(settings),
            prelude=prelude_code(settings.seed),
            epilogue=epilogue_code(scratch / "artifacts", spec.id,
                                   scratch / "probe" if spec.uses_probe else None),
            epilogue_timeout=_EPILOGUE_TIMEOUT, skip_cell=is_grader_test_cell,
            executed_path=scratch / "executed.ipynb")
        timings["execute"] = round(report.duration_s, 3)
        if executed_path is not None and (scratch / "executed.ipynb").is_file():
            Path(executed_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(scratch / "executed.ipynb", executed_path)
        return check_artifacts(
            scratch / "artifacts", spec, settings, probe_manifest=probe_manifest,
            execution=report.to_dict(), submission=str(notebook),
            submission_sha256=_sha256(notebook), timings=timings, data=data)
    finally:
        if not keep_work:
            shutil.rmtree(scratch, ignore_errors=True)
