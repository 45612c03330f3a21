"""Grading one job in a process of its own: the same ``autograder grade`` every front-end runs.

`grade_job` runs ``python -I -m autograder grade NOTEBOOK --json RESULT`` (which starts the
student's sandboxed kernel with its limits, exports the artifacts and runs the checks) and
returns the result file's JSON. Nothing of the calling process is shared with the grading:
a local batch calls it from a thread per slot, a Dask worker from its task.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Mapping

from autograder.batch.jobs import Job, thread_environment

__all__ = ["GradingFailed", "grade_job", "grading_command", "stop_gradings"]

_STDERR_TAIL = 2000

#: The grading processes this process runs now, so that an interrupted batch can end them
#: (they run in sessions of their own: a terminal's Ctrl-C does not reach them).
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()


class GradingFailed(RuntimeError):
    """The grading process gave no result (killed, crashed, ran past its time, wrong grader).

    Its message says why, for the instructor; it never reaches students.
    """


def grading_command(job: Job, result: Path, *, evidence: str = "") -> list[str]:
    """The command that grades `job` and writes its result JSON to `result` (and keeps its
    evidence in the store at `evidence`, when given: `autograder.regrade`).

    ``-I``: neither the working folder nor a ``PYTHON*`` variable changes which grader runs.
    Where util-linux's ``setpriv`` exists, the process is killed when the process that
    started it dies, so a killed worker leaves no grading behind (its kernel's sandbox
    dies with it: bubblewrap runs with ``--die-with-parent``).
    """
    command = [sys.executable, "-I", "-m", "autograder", "grade", job.notebook,
               "--assignment", job.assignment, "--json", str(result), "--quiet",
               *(["--evidence", evidence] if evidence else [])]
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "KILL", "--", *command] if setpriv else command


def grade_job(job: Job, *, environment: Mapping[str, str], timeout: float,
              threads: int | None = None, grader_version: str = "",
              evidence: str = "") -> dict[str, Any]:
    """Grades `job` in a separate process; returns its result as a JSON dict.

    Args:
        job: the submission.
        environment: the batch's ``AUTOGRADER_*`` settings (`settings_environment`); they
            replace this process's own.
        timeout: seconds the whole grading may take before it is killed.
        threads: TensorFlow threads for the grading and its kernel; None leaves TF's default.
        grader_version: the batch's `autograder.grader_fingerprint`; a worker running
            another grader refuses (its results would never be reused).
        evidence: the evidence store (``<results>/.evidence``, on a cluster a shared path)
            where the grading keeps what its sandbox produced; ``""`` keeps nothing.

    Raises:
        GradingFailed: with the reason, when no result came back.
    """
    from autograder import grader_fingerprint

    if grader_version and grader_fingerprint() != grader_version:
        raise GradingFailed(f"this worker runs grader {grader_fingerprint()}, the batch "
                            f"{grader_version}; install the same grader on every worker")
    env = {name: value for name, value in os.environ.items() if not name.startswith("AUTOGRADER_")}
    env.update(environment)
    if threads:
        env.update(thread_environment(threads))
    with tempfile.TemporaryDirectory(prefix="autograder-batch-") as scratch:
        result = Path(scratch) / "result.json"
        returncode, stderr = _run(grading_command(job, result, evidence=evidence), cwd=scratch,
                                  env=env, timeout=timeout)
        if returncode in (0, 3) and result.is_file():  # 3: graded, with grader errors in it
            return json.loads(result.read_text(encoding="utf-8"))
    raise GradingFailed(f"the grading process {_ended(returncode, timeout)} without a result"
                        + (f"; its last output: {stderr[-_STDERR_TAIL:].strip()}"
                           if stderr.strip() else ""))


def _run(command: list[str], *, cwd: str, env: dict, timeout: float) -> tuple[int | None, str]:
    """Runs `command` in its own session; returns (exit code or None on timeout, stderr)."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    try:
        _, stderr = process.communicate(timeout=timeout)
        return process.returncode, stderr
    except subprocess.TimeoutExpired:
        _kill(process)
        return None, process.communicate()[1]
    except BaseException:  # interrupted: leave no grading behind
        _kill(process)
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)


def stop_gradings() -> None:
    """Kills every grading process this process runs now (an interrupted batch)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _ended(returncode: int | None, timeout: float) -> str:
    """How the grading process ended, in words."""
    if returncode is None:
        return f"ran past {timeout:g} s and was stopped"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was killed ({name})"
    return f"exited with code {returncode}"
