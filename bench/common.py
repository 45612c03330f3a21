"""What every grading benchmark does first: an environment for the commands it times, and
the assignment's data prepared (stand-ins made or real files checked) with its folders
named in that environment, so each timed command reads the same data."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs a notebook (``argv[1]``) bare with nbclient in a working folder (``argv[2]``); with
#: ``argv[3]``, that code first, in a cell of its own (see `plain_command`).
PLAIN = """
import sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
if len(sys.argv) > 3:
    nb.cells.insert(0, nbformat.v4.new_code_cell(sys.argv[3]))
nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                        resources={"metadata": {"path": sys.argv[2]}}).execute()
"""


def bench_env() -> dict[str, str]:
    """This process's environment, quiet TensorFlow, unbuffered output, and this Python's
    scripts (``autograder``, ``nbgrader``, ``jupyter``) first on ``PATH``."""
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONUNBUFFERED": "1",
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}


def prepare_data(assignment: str, env: dict[str, str]) -> tuple[dict[str, str], float]:
    """Runs ``autograder data <assignment>`` and returns `env` with the settings' data and
    held-out roots and seed in it (``AUTOGRADER_SEED``: what `plain_command` seeds a bare run
    with), and the seconds the preparation took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "autograder", "data", assignment], cwd=ROOT, env=env,
                   check=True)
    seconds = time.monotonic() - started
    from autograder.config import load_settings

    settings = load_settings(cwd=ROOT)
    return {**env, "AUTOGRADER_DATA_ROOT": str(settings.data_root),
            "AUTOGRADER_HELDOUT_ROOT": str(settings.heldout_root),
            "AUTOGRADER_SEED": str(settings.seed)}, seconds


def plain_command(notebook: Path, work: Path, *, seed: int | None = None) -> list[str]:
    """The command that runs `notebook` bare in `work`: nothing exported or checked, no
    sandbox. With `seed`, the grader's prelude runs first (the same seeds and deterministic
    ops), so a training stops after as many epochs as when it is graded: the floor then
    differs from grading only by what grading adds."""
    command = [sys.executable, "-c", PLAIN, str(notebook), str(work)]
    if seed is not None:
        from autograder.pipeline import prelude_code

        command.append(prelude_code(seed))
    return command


def grading_parts(timings: dict, phases: dict) -> dict[str, float]:
    """One grading's time by part, from its result's ``timings`` and ``execution.phase_s``:
    the student's cells; the kernel's start, prelude and shutdown (a bare run has them too);
    the export cell and the stages outside the kernel (what grading adds). The grading
    process's own start and result files are the rest of its wall time, which the caller
    knows."""
    return {"student cells": phases.get("cells", 0.0),
            "kernel start+prelude+shutdown": sum(phases.get(k, 0.0)
                                                 for k in ("start", "prelude", "shutdown")),
            "export cell": phases.get("export", 0.0),
            "prepare": timings.get("prepare", 0.0),
            "checks": timings.get("retrain", 0.0) + timings.get("check", 0.0),
            "evidence": timings.get("evidence", 0.0)}
