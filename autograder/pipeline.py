"""The parts of a grading: the sandboxed execution (`execute_stage`) and the checks on
its artifacts (`check_artifacts`, run in the checking process).

`autograder.road` puts them in order, with keeping the evidence, writing the result and
the report: ``execute → keep → grade → write → report`` (`autograder.road.grade_one`).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from autograder import grader_fingerprint
from autograder.artifacts import GradingData, epilogue_code, kernel_exports, load_artifacts
from autograder.artifacts.not_graded import first_failure
from autograder.assignments import Assignment
from autograder.checks import run_checks
from autograder.compat import prepare_public_surroundings
from autograder.compat.generation import generation_notice
from autograder.config import Settings
from autograder.data.writable_view import writable_view
from autograder.results import GradeResult
from autograder.sandbox import (Limits, SandboxSpec, gpu_devices, offline_downloads,
                                python_mounts)
from autograder.sandbox.spec import ENV_ALLOWED, GIB

__all__ = ["STAGES", "DataNotPrepared", "locate_data", "missing_public_files", "place_fixtures",
           "fixture_draws", "restore_draws",
           "execute_stage", "check_artifacts", "kernel_environment", "prelude_code", "is_grader_test_cell",
           "sandbox_spec"]

#: The steps timed in a result's ``timings``, in order (the road's ``execute`` and
#: ``grade`` stages, `autograder.road.STAGES`, in finer steps). ``retrain`` runs only in the ``retrain`` mode, chosen before the
#: checks: it fits create_model()'s model in the grader for the held-out checks to score.
#: ``evidence`` collects what reports draw (curves, layers, held-out mistakes) after the checks.
STAGES = ("prepare", "execute", "retrain", "check", "evidence")

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


def missing_public_files(spec: Assignment, student_root: Path) -> list[str]:
    """The files and folders the public course's notebooks read (`DataSpec.public_paths`)
    that `student_root` lacks, below its images folder (the images folder itself, which
    Weeks 1 and 2 show whole, is the data, not a file added to it)."""
    images = Path(student_root) / spec.data.images_subdir
    return [path.source for path in spec.data.public_paths
            if path.source and not (images / path.source).exists()]


def locate_data(spec: Assignment, settings: Settings) -> DataLocation:
    """Finds the prepared student and held-out data of `spec`.

    Raises:
        DataNotPrepared: naming the command that prepares it.
    """
    from autograder.data.manifest import read_manifest

    student = settings.data_root / spec.data.dataset
    heldout = settings.heldout_root / spec.data.dataset
    for folder in (student, heldout):
        if not (folder / "manifest.json").is_file():
            raise DataNotPrepared(
                f"No prepared data in {folder}. Run `autograder data {spec.id}` (offline "
                f"stand-in) or `autograder data {spec.id} --from <zip or folder>` (real data).")
    missing = missing_public_files(spec, student)
    if missing:
        raise DataNotPrepared(
            f"The data in {student} was prepared by an older version of the grader: it lacks "
            f"{', '.join(missing)}. Run `autograder data {spec.id}` again (same command and "
            "options; the held-out data and the course's secret are kept as they are).")
    return DataLocation(student_root=student, images_dir=student / spec.data.images_subdir,
                        heldout_dir=heldout / spec.data.images_subdir,
                        student_manifest=read_manifest(student / "manifest.json"),
                        heldout_manifest=read_manifest(heldout / "manifest.json"))


def place_fixtures(spec: Assignment, grader_dir: Path, artifacts_dir: Path,
                   settings: Settings, *, only=None) -> dict:
    """Makes `spec`'s fixtures (hidden probes) before the kernel starts; returns, per
    artifact, what the checks need. Their seeds come from the course's secret, so the
    package and the public seed cannot regenerate them."""
    return {fixture.artifact: fixture.place(grader_dir, artifacts_dir,
                                            _fixture_seed(settings, fixture.artifact))
            for fixture in spec.fixtures if only is None or fixture.artifact in only}


def fixture_draws(fixtures: dict) -> dict:
    """What this grading's fixtures drew for the kernel (e.g. the callback's probe logs,
    `autograder.checks.callbacks.CallbackProbes`), as JSON, per artifact."""
    return {name: dict(key.kernel_params) for name, key in fixtures.items()
            if getattr(key, "kernel_params", None)}


def restore_draws(spec: Assignment, fixtures: dict, drawn: dict) -> dict:
    """`fixtures` with each draw of `drawn` (`fixture_draws`) put back: keys placed again in
    another process (the checking process, CI's scoring step) must hold what was sent to
    the kernel, not a new draw."""
    restored = dict(fixtures)
    for fixture in spec.fixtures:
        if fixture.artifact in (drawn or {}) and hasattr(fixture, "restore"):
            restored[fixture.artifact] = fixture.restore(drawn[fixture.artifact])
    return restored


def kernel_environment(settings: Settings, *, data_root: Path | None = None) -> dict[str, str]:
    """The variables the student's kernel gets: its data (`data_root`, by default the
    settings'), a seed, quiet TensorFlow.

    Nothing else of the grader's environment: inside the sandbox these are the kernel's
    whole environment (with the few harmless ones in `ENV_ALLOWED`), so no setting, path
    or token of the grading process reaches student code.
    """
    env = {name: os.environ[name] for name in ENV_ALLOWED if name in os.environ}
    env.update({"AUTOGRADER_DATA_ROOT": str(data_root or settings.data_root), "HOME": "/tmp",
                "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin",
                                         "/usr/bin", "/bin"]),
                "LANG": env.get("LANG", "C.UTF-8"), "PYTHONHASHSEED": str(settings.seed),
                "PYTHONDONTWRITEBYTECODE": "1", "TF_CPP_MIN_LOG_LEVEL": "2",
                "AUTOGRADER_SEED": str(settings.seed), "MPLBACKEND": "Agg"})
    if settings.gpu:  # a grading takes the memory it needs, not the whole card
        env["TF_FORCE_GPU_ALLOW_GROWTH"] = "true"
    else:  # no GPU, even with GPU TensorFlow installed and the devices there
        env["CUDA_VISIBLE_DEVICES"] = ""
    return env


def prelude_code(seed: int, *, legacy_keras: bool = False,
                 epoch_budget: int | None = None) -> str:
    """Seeds Python, NumPy and TensorFlow in the student's kernel before any cell runs,
    with TensorFlow's deterministic ops, so that regrading gives the same result; records
    what each model is fit on and holds ``fit`` to the week's `epoch_budget`
    (`Rules.epoch_budget`); for an edition written for Keras 2 (`Edition.legacy_keras`),
    gives back the Keras 2 idioms its notebooks use."""
    legacy = ("    from autograder.kernel.keras2_idioms import install as _idioms\n"
              "    _idioms()  # output_shape, lr=, fit_generator: the older edition's Keras 2\n"
              "    del _idioms\n") if legacy_keras else ""
    return (
        "import random as _r, numpy as _np\n"
        f"_r.seed({seed}); _np.random.seed({seed})\n"
        "try:\n"
        "    import tensorflow as _tf\n"
        f"    _tf.keras.utils.set_random_seed({seed})\n"
        "    _tf.config.experimental.enable_op_determinism()\n"
        "    from autograder.kernel.fit_record import install as _install\n"
        f"    _install({epoch_budget!r})  # remembers what each model is fit on; epoch budget\n"
        "    del _install\n"
        + legacy +
        "except ImportError:\n"
        "    pass\n"
        "del _r, _np\n"
    )


def sandbox_spec(settings: Settings, *, data: DataLocation, work: Path, artifacts: Path,
                 runtime: Path, data_view: Path | None = None,
                 tmp: Path | None = None) -> SandboxSpec:
    """What one submission's kernel may see and use.

    Read-only: the Python installation, the grader's code, the student images and their
    manifest.
    Writable: its working folder, the artifacts folder, its sockets, `tmp` (its ``/tmp``, on
    disk and under the disk cap) and `data_view` (the student data as links,
    `writable_view`), which the kernel gets as its data root. Nothing
    else: not the held-out data, the settings, other submissions or results.
    """
    limits = Limits(memory_bytes=int(settings.memory_limit * GIB),
                    processes=settings.max_processes,
                    disk_bytes=int(settings.disk_limit * GIB),
                    file_bytes=int(min(settings.disk_limit, 2.0) * GIB))
    manifest = data.student_root / "manifest.json"  # what self-checks compare the splits with
    # The data at the path the settings name and at its real path (the links placed in the
    # working folder point there), which differ where a folder on the way is a link.
    shown = dict.fromkeys([data.images_dir, data.images_dir.resolve(), manifest,
                           manifest.resolve()])
    # The course's own downloads (the data zips, Week 3's weights, Week 4's CSV files by
    # Drive id) answered offline from the student files: older notebooks fetch them.
    downloads = offline_downloads(data.student_root.name, data.images_dir, runtime,
                                  manifest=data.student_manifest)
    return SandboxSpec(workdir=work, runtime=runtime, readonly=(*python_mounts(), *shown),
                       writable=(artifacts, *([data_view] if data_view else [])),
                       env=kernel_environment(settings, data_root=data_view), limits=limits,
                       downloads=downloads, devices=gpu_devices() if settings.gpu else (),
                       tmp_dir=tmp)


def is_grader_test_cell(cell) -> bool:
    """True for nbgrader autograder-test cells: the grader runs its own checks instead."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and meta.get("grade") and not meta.get("solution")


def check_artifacts(folder: Path, spec: Assignment, settings: Settings, *, fixtures: dict,
                    execution: dict, submission: str = "", submission_sha256: str = "",
                    timings: dict | None = None, data: DataLocation | None = None,
                    refused_models: str = "") -> GradeResult:
    """Runs `spec`'s checks on exported artifacts and returns the `GradeResult`.

    In the ``retrain`` mode the retrain stage runs first, so that every check sees the
    mode's model; no check changes what the others see.

    Args:
        folder: the artifacts folder the export cell wrote (untrusted: validated here).
        fixtures: what `place_fixtures` returned (answer keys kept outside the kernel).
        refused_models: load no model; every model check fails with this message (the
            checking process went past its cap on this submission's model).
    """
    data = data or locate_data(spec, settings)
    execution = dict(execution)  # the draws sent to the kernel travel with the execution
    fixtures = restore_draws(spec, fixtures, execution.pop("drawn", None) or {})
    timings = dict(timings or {})
    grading_data = GradingData(student_manifest=data.student_manifest,
                               student_images_dir=data.images_dir, heldout_dir=data.heldout_dir,
                               heldout_manifest=data.heldout_manifest, fixtures=fixtures)
    artifacts = load_artifacts(folder, data=grading_data, settings=settings,
                               execution_message=_why_missing(execution),
                               exporters={a.name: a.exporter for a in spec.artifacts},
                               rules=settings.rules_for(spec),
                               grader_fault=execution.get("status") == "kernel_failed_to_start",
                               refused_models=refused_models,
                               failed_first=first_failure(execution))
    if settings.mode == "retrain":
        started = time.monotonic()
        artifacts.retrained = _retrain(spec, artifacts)
        timings["retrain"] = round(time.monotonic() - started, 3)
    started = time.monotonic()
    checks = run_checks(spec.checks, artifacts)
    timings["check"] = round(time.monotonic() - started, 3)
    started = time.monotonic()
    evidence = _evidence(artifacts)
    timings["evidence"] = round(time.monotonic() - started, 3)
    return GradeResult(
        assignment=spec.id, edition=spec.edition.name, submission=submission,
        submission_sha256=submission_sha256, mode=settings.mode,
        data=data.student_manifest.description,
        data_origin=data.student_manifest.origin, execution=execution, checks=checks,
        timings=timings, created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        grader_version=grader_fingerprint(), evidence=evidence)


def _evidence(artifacts):
    """The evidence stage; a report is never a reason for grading to fail."""
    from autograder.evaluation.evidence import collect_evidence

    try:
        return collect_evidence(artifacts)
    except Exception:  # noqa: BLE001 - the verdicts stand without their pictures
        return None


def _retrain(spec: Assignment, artifacts):
    """The retrain stage: ``(model, how)``, or the `MissingArtifact` saying why not."""
    from autograder.checks.base import MissingArtifact
    from autograder.evaluation import ModelLoadError

    if spec.retrain is None:
        return MissingArtifact(f"{spec.id} is graded on the model the notebook trained; the "
                               f"grader cannot retrain it.", grader_error=True)
    try:
        return spec.retrain(artifacts, artifacts.rules, artifacts.grader_dir)
    except MissingArtifact as missing:
        return missing
    except ModelLoadError as error:
        return MissingArtifact(str(error), repr(error.__cause__))


def _why_missing(execution: dict) -> str:
    status = execution.get("status")
    if status in (None, "completed", "cell_errors", "external"):
        return "the notebook did not produce it"
    return "the notebook did not run to the end: " + execution.get("message", status)


def execute_stage(notebook: Path, spec: Assignment, settings: Settings, *, data: DataLocation,
                  scratch: Path, executed_path: Path | None = None,
                  started: float | None = None) -> tuple[dict, dict, dict]:
    """The prepare and execute stages: fixtures placed, the notebook run in its sandbox, its
    artifacts exported to ``<scratch>/artifacts``. Needs no held-out data (`data`'s held-out
    fields are not read), so it can run before the held-out images exist on the machine.

    Returns:
        ``(execution report, fixtures, timings)``.
    """
    from autograder.execute import execute_notebook

    started = time.monotonic() if started is None else started
    timings: dict[str, float] = {}
    work, artifacts, runtime = scratch / "work", scratch / "artifacts", scratch / "runtime"
    tmp = scratch / "tmp"  # the kernel's /tmp, on disk (older notebooks unzip data there)
    for folder in (work, artifacts, runtime, tmp):
        folder.mkdir(parents=True)
    prepare_public_surroundings(work, public_paths=spec.data.public_paths,
                                images_dir=data.images_dir,
                                bad_files=data.student_manifest.bad_files)
    fixtures = place_fixtures(spec, scratch / "fixtures", artifacts, settings)
    # The data writable, as on the student's machine; the grader's copy stays as it is.
    view = writable_view(data.student_root, [data.images_dir, data.student_root / "manifest.json"],
                         scratch / "data")
    sandbox = sandbox_spec(settings, data=data, work=work, artifacts=artifacts,
                           runtime=runtime, data_view=view, tmp=tmp) if settings.sandbox else None
    # Unconfined, the kernel inherits the grader's environment: blank what would lead
    # it to the held-out data and the settings.
    env = None if sandbox is not None else {
        **kernel_environment(settings, data_root=view), "AUTOGRADER_HELDOUT_ROOT": "",
        "AUTOGRADER_CONFIG": ""}
    timings["prepare"] = round(time.monotonic() - started, 3)
    report = execute_notebook(
        notebook, workdir=work, cell_timeout=settings.cell_timeout,
        notebook_timeout=settings.notebook_timeout, env=env, sandbox=sandbox,
        prelude=prelude_code(settings.seed, legacy_keras=spec.edition.legacy_keras,
                             epoch_budget=settings.rules_for(spec).epoch_budget),
        epilogue=epilogue_code(artifacts, spec.id, kernel_exports(spec, fixtures)),
        epilogue_timeout=_EPILOGUE_TIMEOUT, skip_cell=is_grader_test_cell,
        executed_path=scratch / "executed.ipynb")
    timings["execute"] = round(report.duration_s, 3)
    if executed_path is not None and (scratch / "executed.ipynb").is_file():
        Path(executed_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(scratch / "executed.ipynb", executed_path)
    execution = report.to_dict()
    drawn = fixture_draws(fixtures)
    if drawn:  # to the checks, wherever they run (`check_artifacts` takes it out again)
        execution["drawn"] = drawn
    if sandbox is None:
        execution["sandbox"] = "off"
    notice = generation_notice(notebook, spec)  # read from the file, never the kernel
    if notice:
        execution["notice"] = notice
    return execution, fixtures, timings


def _fixture_seed(settings: Settings, artifact: str) -> int:
    """A fixture's seed, from the course's secret when there is one (so the fixture cannot
    be regenerated from the package and the public seed)."""
    try:
        from autograder.data.secret import load_or_create_secret, secret_seed
    except ImportError:
        return settings.seed
    return secret_seed(load_or_create_secret(settings.heldout_root), f"{artifact}-probe")
