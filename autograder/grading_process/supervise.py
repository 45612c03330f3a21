"""Running the checking process (`child`) under a memory cap and a time limit.

Everything that loads or runs a student's model outside the sandbox (the ``retrain``,
``check`` and ``evidence`` stages) runs in that one process, so the model is loaded once
and whatever it costs is bounded: past `Settings.check_memory_limit` the process is killed
by the operating system (or the watchdog of `MemoryCap`), past `Settings.check_timeout` by
this module. Either way the student gets a normal result: the checking runs again with no
model loaded (`Artifacts.refused_models`), so the checks that need no model keep their
points and each model check says why the model could not be graded. Only a checking process
that fails twice, or fails without touching a model, is the grader's error.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.grading_process.memory_cap import MemoryCap

__all__ = ["REQUEST_VERSION", "CheckingFailed", "CheckOutcome", "check_in_process",
           "run_checking_process", "too_large_message", "too_slow_message", "crashed_message"]

REQUEST_VERSION = 1
"""Version of the request file the checking process (`child`) reads."""

_GIB = 1024 ** 3
_STDERR_TAIL = 3000


class CheckingFailed(RuntimeError):
    """The checking process gave no result for a reason of the grader's (its message, with
    the process's last output, is for the instructor)."""


@dataclass(frozen=True)
class CheckOutcome:
    """How one checking process ended."""

    result: object | None
    """The `GradeResult` it wrote, or None."""
    ended: str
    """``"done"``, ``"memory"`` (past its cap), ``"time"`` (past its limit), ``"signal"``
    (killed by a signal of its own, e.g. a crash in TensorFlow) or ``"error"`` (exited
    without a result: the grader's own failure)."""
    seconds: float
    """Wall time from start to end."""
    peak_bytes: int
    """Most memory it used (`MemoryCap.peak`)."""
    peak_rss_bytes: int
    """Largest resident size sampled (`MemoryCap.peak_rss`)."""
    enforced_by: str
    """``"cgroup v2"``, ``"cgroup v1"`` or ``"watchdog"``."""
    stderr: str = ""
    """The tail of its error output (for instructors)."""


def _size(count: float) -> str:
    return f"{count / _GIB:g} GiB" if count >= _GIB else f"{count / 1024 ** 2:g} MiB"


def too_large_message(rules, limit_bytes: int) -> str:
    """The student's message when scoring their model went past the memory cap."""
    h, w = rules.image_size
    return (f"Your model is too large to grade: expected a model about the size of this "
            f"week's ({h}×{w}×{rules.channels} images, at most {rules.max_parameters:,} "
            f"parameters), which the grader loads and scores in well under "
            f"{_size(limit_bytes)} of memory; found that loading and scoring yours needed more "
            f"than {_size(limit_bytes)}. Build the model the assignment describes: fewer or "
            f"smaller layers.")


def too_slow_message(timeout_s: float) -> str:
    """The student's message when scoring their model went past the time limit."""
    return (f"Your model takes too long to grade: expected the grader to load and score it "
            f"within {timeout_s:g} s (this week's model takes seconds); found it still "
            f"running after {timeout_s:g} s. Build the model the assignment describes: fewer "
            f"or smaller layers.")


def crashed_message() -> str:
    """The student's message when loading or running their model crashed the process."""
    return ("Your model could not be graded: expected a model the grader can load and run; "
            "found that loading or running yours ended the grader's scoring process. Build it "
            "only from the standard layers the assignment uses.")


def _environment(settings) -> dict[str, str]:
    from autograder.batch.jobs import settings_environment

    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRADER_")}
    env.update(settings_environment(settings))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if not settings.gpu:  # scored on the CPU, as the kernel trained (the `gpu` setting)
        env["CUDA_VISIBLE_DEVICES"] = ""
    return env


def _command(request: Path, result: Path) -> list[str]:
    command = [sys.executable, "-I", "-m", "autograder.grading_process.child", str(request),
               str(result)]
    setpriv = shutil.which("setpriv")  # dies with its parent: a killed grading leaves none
    return [setpriv, "--pdeathsig", "KILL", "--", *command] if setpriv else command


def run_checking_process(request: dict, folder: Path, settings, *, timeout_s: float,
                         command=None) -> CheckOutcome:
    """Runs one checking process on `request` in `folder`; returns how it ended.

    Args:
        request: what `child.main` reads (its ``keys`` folder is made below `folder`).
        folder: a scratch folder of the grader's own (never seen by the kernel).
        settings: the run's `Settings` (passed as ``AUTOGRADER_*`` variables).
        timeout_s: wall-clock seconds before the process is killed.
        command: ``command(request file, result file)`` → argument list; the real checking
            process (`child`) unless a test stands in for it.
    """
    from autograder.results import from_dict

    folder.mkdir(parents=True, exist_ok=True)
    request_file, result_file = folder / "request.json", folder / "result.json"
    result_file.unlink(missing_ok=True)
    request_file.write_text(json.dumps({"version": REQUEST_VERSION, **request}),
                            encoding="utf-8")
    started = time.monotonic()
    with open(folder / "stderr.txt", "w+", encoding="utf-8", errors="replace") as stderr, \
            MemoryCap(int(settings.check_memory_limit * _GIB)) as cap:
        process = subprocess.Popen((command or _command)(request_file, result_file), cwd=folder,
                                   env=_environment(settings), stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=stderr, text=True,
                                   start_new_session=True)
        ended = "done"
        try:
            cap.join(process.pid)
            process.stdin.write("go\n")
            process.stdin.close()
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            ended = "time"
        except BrokenPipeError:  # it died before it was told to start
            pass
        finally:  # a time-out, an interrupt (KeyboardInterrupt) or a crash here: none left
            _kill_group(process)
            process.wait()
        cap.close()
        stderr.seek(0)
        tail = stderr.read()[-_STDERR_TAIL:]
    if ended == "done":
        if cap.hit:
            ended = "memory"
        elif process.returncode == 0 and result_file.is_file():
            result = from_dict(json.loads(result_file.read_text(encoding="utf-8")))
            return CheckOutcome(result, "done", round(time.monotonic() - started, 3), cap.peak,
                                cap.peak_rss, cap.enforced_by, tail)
        else:
            ended = "signal" if process.returncode < 0 else "error"
    return CheckOutcome(None, ended, round(time.monotonic() - started, 3), cap.peak,
                        cap.peak_rss, cap.enforced_by, tail)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def check_in_process(artifacts: Path, spec, settings, *, folder: Path, execution: dict,
                     submission: str = "", submission_sha256: str = "",
                     timings: dict | None = None, command=None):
    """The ``retrain``, ``check`` and ``evidence`` stages of one grading, run in a capped
    checking process; returns the `GradeResult`.

    Args:
        artifacts: the artifacts folder the export cell wrote.
        spec: the `Assignment`.
        settings: the run's `Settings` (its ``check_memory_limit`` and ``check_timeout``).
        folder: a scratch folder of the grader's own for the process's files.
        execution: the execution report (JSON).
        submission, submission_sha256, timings: as `autograder.pipeline.check_artifacts`.
        command: as `run_checking_process`.

    Raises:
        CheckingFailed: if the checking process failed through no fault of the model.
    """
    timeout_s = settings.check_timeout + (settings.notebook_timeout
                                          if settings.mode == "retrain" else 0.0)
    # the edition's name ("C2W1_colab"), so that the child grades the same edition
    request = {"assignment": spec.name, "artifacts": str(Path(artifacts).resolve()),
               "keys": str(Path(folder).resolve()), "execution": execution,
               "submission": submission, "submission_sha256": submission_sha256,
               "timings": dict(timings or {}), "refused_models": ""}
    first = run_checking_process(request, Path(folder), settings, timeout_s=timeout_s,
                                 command=command)
    if first.result is not None:
        return first.result
    if first.ended == "error":
        raise CheckingFailed(f"the checking process exited without a result; its last "
                             f"output: {first.stderr.strip()}")
    rules = settings.rules_for(spec)
    message = {"memory": lambda: too_large_message(rules, int(settings.check_memory_limit * _GIB)),
               "time": lambda: too_slow_message(timeout_s),
               "signal": crashed_message}[first.ended]()
    # the stopped run's seconds stay in the result's timings (the check stage's are the second's)
    again = run_checking_process(
        {**request, "refused_models": message,
         "timings": {**request["timings"], "stopped_check": first.seconds}},
        Path(folder), settings, timeout_s=timeout_s, command=command)
    if again.result is None:
        raise CheckingFailed(f"the checking process ended ({again.ended}) without a result "
                             f"with no model loaded, after its first run ended "
                             f"({first.ended}); its last output: {again.stderr.strip()}")
    return again.result
