"""One grading, stage by stage: the road every front-end takes.

    execute → keep → grade → write → report

- ``execute``: the notebook runs in its sandbox; what it leaves is files (the artifacts
  and the execution report), `execute`;
- ``keep``: those files kept as evidence for ``autograder regrade``, `keep`;
- ``grade``: the checks on the files, in a capped process of the grader's own, `grade`;
- ``write``: the result file, `write`;
- ``report``: the student's report, `report`.

`grade_one` takes them in that order, after finding the assignment's edition and its data
once. The CLI's ``grade`` and ``batch`` (whose workers run ``autograder grade``), nbgrader's
preprocessor (which runs the CLI) and the pytest plugin call it; ``autograder ci`` runs
`execute` in one job and `grade` in another, once the held-out data is there;
``autograder regrade`` enters at `grade` with kept evidence, and takes the whole road again
only where that evidence no longer holds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.assignments import Assignment, detect_assignment
from autograder.assignments.editions import edition_for
from autograder.config import Settings
from autograder.grading_process import check_in_process, scratch_folder
from autograder.pipeline import DataLocation, execute_stage, locate_data
from autograder.results import GradeResult, submission_sha256, write_result
from autograder.sandbox import check_sandbox

__all__ = ["STAGES", "Executed", "identify", "execute", "keep", "grade", "write", "report",
           "grade_one"]

STAGES = ("execute", "keep", "grade", "write", "report")
"""The road's stages, in the order `grade_one` takes them."""


@dataclass(frozen=True)
class Executed:
    """What the ``execute`` stage left: files, and the facts the later stages need."""

    notebook: Path
    spec: Assignment
    data: DataLocation
    artifacts: Path
    """The artifacts folder the export cell wrote."""
    execution: dict
    """The execution report (JSON)."""
    timings: dict
    """Seconds per step so far."""
    sha256: str
    """The notebook's bytes, as the result names them."""


def identify(notebook: Path, settings: Settings, assignment: str | None = None) -> Assignment:
    """The assignment and edition `notebook` is graded as: fixed by the course or the
    assignment's name, else read from its code.

    Raises:
        KeyError: if the assignment is unknown or cannot be told from the path.
    """
    name = assignment or detect_assignment(notebook)
    if name is None:
        raise KeyError(f"Cannot tell the assignment of {notebook}; pass --assignment.")
    return edition_for(notebook, name, settings.assignments)


def execute(notebook: Path, spec: Assignment, settings: Settings, *, data: DataLocation,
            scratch: Path, executed_path: Path | None = None,
            started: float | None = None) -> Executed:
    """The ``execute`` stage: fixtures placed, the notebook run in its sandbox, its
    artifacts exported to ``<scratch>/artifacts`` (`autograder.pipeline.execute_stage`).
    Needs no held-out data."""
    execution, _, timings = execute_stage(notebook, spec, settings, data=data, scratch=scratch,
                                          executed_path=executed_path, started=started)
    return Executed(notebook=Path(notebook), spec=spec, data=data,
                    artifacts=Path(scratch) / "artifacts", execution=execution,
                    timings=timings, sha256=submission_sha256(notebook))


def keep(executed: Executed, keeper: Callable | None) -> None:
    """The ``keep`` stage: `keeper` (`autograder.regrade.EvidenceKeeper`) stores what the
    sandbox produced, before any check reads it; None keeps nothing."""
    if keeper is not None:
        keeper(executed.artifacts, spec=executed.spec, notebook=executed.notebook,
               execution=executed.execution, timings=executed.timings, data=executed.data)


def grade(spec: Assignment, settings: Settings, *, artifacts: Path, folder: Path,
          execution: dict, submission: str, sha256: str, timings: dict) -> GradeResult:
    """The ``grade`` stage: everything that loads or runs the student's model, in a capped
    checking process of its own (`autograder.grading_process.check_in_process`), on the
    files in `artifacts`, whoever ran the notebook and whenever."""
    return check_in_process(artifacts, spec, settings, folder=folder, execution=execution,
                            submission=submission, submission_sha256=sha256, timings=timings)


def write(result: GradeResult, json_path: Path | None) -> None:
    """The ``write`` stage: the result file, where one is asked for."""
    if json_path is not None:
        write_result(result, json_path)


def report(result: GradeResult, html_path: Path | None) -> Path | None:
    """The ``report`` stage: the student's HTML report, where one is asked for."""
    if html_path is None:
        return None
    from autograder.reporters.files import write_html_reports

    return write_html_reports([result], Path(html_path))[0]


def grade_one(notebook: Path, *, settings: Settings, assignment: str | None = None,
              keeper: Callable | None = None, json_path: Path | None = None,
              html_path: Path | None = None, keep_work: bool = False,
              executed_path: Path | None = None) -> GradeResult:
    """Grades one submission notebook end to end, stage by stage (`STAGES`).

    Args:
        notebook: the student's ``.ipynb``.
        settings: resolved `Settings`.
        assignment: assignment id; detected from the path when None.
        keeper: keeps the evidence ``autograder regrade`` checks again
            (`autograder.regrade.EvidenceKeeper`); None keeps nothing.
        json_path: also write the result file there.
        html_path: also write the student's report there.
        keep_work: keep the scratch folder (executed notebook, artifacts) for inspection.
        executed_path: also write the notebook with this run's outputs there.

    Returns:
        The `GradeResult`. Student faults (errors, timeouts, dead kernels, bad JSON) are
        graded, never raised.

    Raises:
        DataNotPrepared: if the grader's data is missing.
        KeyError: if the assignment is unknown or cannot be detected.
    """
    notebook = Path(notebook)
    spec = identify(notebook, settings, assignment)
    started = time.monotonic()
    data = locate_data(spec, settings)
    if settings.sandbox:
        check_sandbox()
    # Removed however the grading ends; a grading killed outright leaves it to the next one.
    with scratch_folder(settings.work_root, spec.id, keep=keep_work) as scratch:
        executed = execute(notebook, spec, settings, data=data, scratch=scratch,
                           executed_path=executed_path, started=started)
        keep(executed, keeper)
        result = grade(spec, settings, artifacts=executed.artifacts, folder=scratch / "check",
                       execution=executed.execution, submission=str(notebook),
                       sha256=executed.sha256, timings=executed.timings)
    write(result, json_path)
    report(result, html_path)
    return result
