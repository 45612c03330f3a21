"""`execute_notebook`: run a submission in its own kernel, within time limits."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import math
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable, Coroutine, Mapping, TypeVar

import nbformat
from nbformat import NotebookNode

from autograder.execute.errors import InvalidNotebook
from autograder.execute.notebook import read_submission, student_notebook
from autograder.execute.report import ExecutionReport
from autograder.execute.notebook_run import PRELUDE_TIMEOUT_S, NotebookRun, RunSettings
from autograder.execute.summary import summarize
from autograder.sandbox import SandboxSpec

__all__ = ["execute_notebook"]

_T = TypeVar("_T")


def execute_notebook(
    notebook_path: Path, *, workdir: Path, cell_timeout: float, notebook_timeout: float,
    env: Mapping[str, str] | None = None, prelude: str | None = None, epilogue: str | None = None,
    epilogue_timeout: float | None = None, prelude_timeout: float = PRELUDE_TIMEOUT_S,
    skip_cell: Callable[[NotebookNode], bool] | None = None,
    kernel_name: str = "python3", executed_path: Path | None = None,
    sandbox: SandboxSpec | None = None,
) -> ExecutionReport:
    """Runs a submitted notebook in a fresh kernel and reports what happened.

    The kernel starts in `workdir` with `os.environ` updated by `env`. It runs the
    hidden `prelude`, then every code cell for which `skip_cell` is not True, going
    on after errors, then the hidden `epilogue`. Each student cell may run for
    `cell_timeout` seconds, cut to what is left of `notebook_timeout`; a cell past its
    limit is interrupted, and its kernel killed if it does not stop. The prelude and
    the epilogue are the grader's code and have limits of their own: a student's
    limit must not interrupt the grader's imports (a half-imported module breaks every
    later export), and a slow import must not eat the student's time. A prelude that
    times out or kills the kernel ends the run as "kernel_failed_to_start" (nothing of
    the student's ran in a kernel that is ready); one that raises is recorded and the
    cells still run. The epilogue runs unless time ran out or the kernel died. Wall
    time stays under about `prelude_timeout + notebook_timeout + epilogue_timeout` plus
    kernel start-up (at most 60 s) and ~20 s of grace.

    Args:
        notebook_path: The submitted .ipynb file.
        workdir: The kernel's working directory (must exist).
        cell_timeout: Seconds one student cell may run.
        notebook_timeout: Seconds all student cells may run together.
        env: Variables added to the kernel's environment.
        prelude: Grader code run first, e.g. seeding.
        epilogue: Grader code run last, e.g. exporting artifacts.
        epilogue_timeout: Seconds the epilogue may run (default: `cell_timeout`).
        prelude_timeout: Seconds the prelude may run.
        skip_cell: Returns True for cells that must not run.
        kernel_name: Kernel spec name; "python3" is this interpreter's ipykernel.
        executed_path: Where to write the submission with this run's outputs.
        sandbox: Runs the kernel inside this sandbox (its environment replaces `env`
            and `os.environ` inside); None runs it unconfined, for trusted notebooks.

    Returns:
        The report; every failure a submission can cause is described in it.

    Raises:
        ValueError: When a limit is not positive or `workdir` is not a folder.
        OSError: When `executed_path` cannot be written.
        KeyboardInterrupt: Passed on after the kernel is shut down.
        SandboxUnavailable: When `sandbox` is given and bubblewrap cannot run here.

    Exceptions raised by `skip_cell` (grader code) are not caught.

    Example:
        >>> report = execute_notebook(Path("C2W1.ipynb"), workdir=tmp, cell_timeout=600,
        ...                           notebook_timeout=1800, epilogue="export_artifacts()")
        >>> report.status
        'completed'
    """
    settings = _settings(workdir, cell_timeout, notebook_timeout, epilogue_timeout, env, prelude,
                         epilogue, kernel_name, prelude_timeout)
    settings = dataclasses.replace(settings, sandbox=sandbox)
    started = time.monotonic()
    try:
        nb = read_submission(Path(notebook_path))
    except InvalidNotebook as exc:
        message = summarize("invalid_notebook", failures=(), stopped_by=None, cells_run=0, reason=str(exc))
        return ExecutionReport("invalid_notebook", message, time.monotonic() - started, 0, 0, (), None, False, None)
    run = NotebookRun(nb, settings, skip_cell or (lambda cell: False), started)
    try:
        report = _run_coroutine(run.execute())
    finally:
        run.kernel.force_kill()  # a no-op unless a KeyboardInterrupt cut the shutdown short
    if executed_path is not None:
        nbformat.write(student_notebook(run.work), str(executed_path))
    return report


def _settings(workdir: Path, cell_timeout: float, notebook_timeout: float, epilogue_timeout: float | None,
              env: Mapping[str, str] | None, prelude: str | None, epilogue: str | None,
              kernel_name: str, prelude_timeout: float) -> RunSettings:
    epilogue_timeout = cell_timeout if epilogue_timeout is None else epilogue_timeout
    limits = {"cell_timeout": cell_timeout, "notebook_timeout": notebook_timeout,
              "epilogue_timeout": epilogue_timeout, "prelude_timeout": prelude_timeout}
    for name, value in limits.items():
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
            raise ValueError(f"Expected {name} to be a positive number of seconds. Received: {value!r}.")
    if not Path(workdir).is_dir():
        raise ValueError(f"Expected workdir to be an existing folder. Received: {str(workdir)!r}.")
    return RunSettings(Path(workdir), float(cell_timeout), float(notebook_timeout), float(epilogue_timeout),
                     {**os.environ, **(env or {})}, prelude, epilogue, kernel_name,
                     prelude_timeout=float(prelude_timeout))


def _run_coroutine(coro: Coroutine[Any, Any, _T]) -> _T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        # asyncio.run turns Ctrl-C into a cancellation, so the kernel is still shut down.
        return asyncio.run(coro)
    return _run_in_worker_thread(coro)


def _run_in_worker_thread(coro: Coroutine[Any, Any, _T]) -> _T:
    """Runs `coro` on a private loop for callers already inside one (e.g. Jupyter)."""
    handle: dict[str, Any] = {}
    ready = threading.Event()

    async def main() -> _T:
        handle["loop"], handle["task"] = asyncio.get_running_loop(), asyncio.current_task()
        ready.set()
        return await coro

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(asyncio.run, main())
        try:
            return future.result()
        except KeyboardInterrupt:
            # Ctrl-C lands in the caller's thread: cancel the run so it shuts its kernel down.
            ready.wait()
            handle["loop"].call_soon_threadsafe(handle["task"].cancel)
            concurrent.futures.wait([future])
            raise
