"""What a batch grades: one `Job` per submission, and the environment its grading runs with.

A job is plain data (paths and strings), so it crosses processes and machines as it is:
a Dask worker reads the notebook at ``job.notebook`` from the shared path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from autograder.config import OPTIONS, Settings
from autograder.results import KeyClash, place_all, submission_sha256

__all__ = ["Job", "find_submissions", "make_jobs", "settings_environment",
           "thread_environment", "THREAD_VARIABLES", "threads_per_submission"]

#: The variables that size TensorFlow's thread pools (and oneDNN's OpenMP pool); the
#: sandbox's environment allow-list lets them through to the student's kernel.
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


@dataclass(frozen=True)
class Job:
    """One submission of a batch."""

    notebook: str
    """Absolute path of the notebook (on a cluster: the shared path every worker sees)."""
    key: str
    """Its result file, relative to the output folder, without ``.json``."""
    assignment: str
    """Assignment id, e.g. ``"C2W1"``."""
    sha256: str
    """SHA-256 of the notebook's bytes when the batch started."""
    student: str = ""
    """nbgrader's student id, from where the notebook sits under the batch's root (never
    from the notebook or what its grading reports); ``""`` outside nbgrader's layout."""


def find_submissions(folder: Path, assignment: str) -> list[Path]:
    """The notebooks under `folder` to grade as `assignment`, sorted.

    nbgrader's ``{student}/{assignment}/*.ipynb`` (notebooks of other assignments left out)
    in `folder`'s ``submitted/`` (`folder` is the course) or in `folder` itself (it is
    ``submitted/``); otherwise every ``.ipynb`` below it, whatever the layout, without
    Jupyter's checkpoints, hidden folders and notebooks whose path names another assignment.

    Example:

        >>> find_submissions(Path("course/submitted"), "C2W1")  # doctest: +SKIP
        [PosixPath('course/submitted/alice/C2W1/C2W1_Assignment.ipynb'), ...]
    """
    folder = Path(folder)
    for layout in (folder / "submitted", folder):
        nbgrader = sorted(layout.glob(f"*/{assignment}/*.ipynb"))
        if nbgrader:
            return nbgrader
    return sorted(path for path in folder.rglob("*.ipynb")
                  if not any(part.startswith(".") or _names_another(part, assignment)
                             for part in path.relative_to(folder).parts))


def _names_another(part: str, assignment: str) -> bool:
    """Whether a folder or file name names an assignment other than `assignment`."""
    return any(found.upper() != assignment.upper()
               for found in re.findall(r"C\dW\d", part, flags=re.IGNORECASE))


def make_jobs(notebooks: list[Path], *, assignment: str, root: Path
              ) -> tuple[list[Job], tuple[KeyClash, ...]]:
    """One `Job` per notebook, keyed relative to `root`, the batch's root (nbgrader's
    layout right under it by student: `autograder.results.keys`).

    Returns:
        The jobs, and the clashes: different notebooks that would write one result file
        get no job (the batch grades the others and reports each clash).
    """
    placements = place_all(notebooks, root=root)
    jobs = [Job(notebook=str(Path(p.notebook).resolve()), key=p.key, assignment=assignment,
                sha256=submission_sha256(p.notebook), student=p.student)
            for p in placements.placed]
    return jobs, placements.clashes


def settings_environment(settings: Settings) -> dict[str, str]:
    """The ``AUTOGRADER_*`` variables that make a grading process resolve exactly `settings`.

    Environment variables come before any settings file, so the process grades with the
    batch's settings (and each assignment's rules) wherever it runs.
    """
    env = {}
    for option in OPTIONS:
        value = getattr(settings, option.name)
        env[option.env] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    for assignment, rules in settings.assignments.items():
        for name, value in rules.items():
            env[f"AUTOGRADER_{assignment}_{name.upper()}"] = str(value)
    return env


def threads_per_submission(workers: int, cores: int | None = None) -> int:
    """TensorFlow threads for each of `workers` gradings at once, so that together they do
    not ask for more threads than the machine has cores (at least 1)."""
    cores = cores or len(os.sched_getaffinity(0))
    return max(1, cores // max(1, workers))


def thread_environment(threads: int) -> Mapping[str, str]:
    """`THREAD_VARIABLES` set to `threads`, for the grading process and its kernel."""
    return {name: str(threads) for name in THREAD_VARIABLES}
