"""One execution of one notebook: the order of cells and what stops it, in one place."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from pathlib import Path
from typing import Callable, Iterator, Mapping

from nbformat import NotebookNode

from autograder.execute._text import format_seconds
from autograder.execute.budget import Budget, CellLimit
from autograder.execute.cells import CellRunner, GradingClient
from autograder.execute.errors import CellRaised, CellTimedOut, KernelDied, KernelStartFailed
from autograder.execute.kernel import Kernel
from autograder.execute.notebook import FIRST_STUDENT_POSITION, working_notebook
from autograder.execute.report import HIDDEN_CELL, CellFailure, ExecutionReport
from autograder.execute.summary import summarize
from autograder.sandbox import SandboxSpec

__all__ = ["PRELUDE_TIMEOUT_S", "NotebookRun", "RunSettings"]

_log = logging.getLogger(__name__)
_STARTUP_TIMEOUT_S = 60

PRELUDE_TIMEOUT_S = 300.0
"""Default limit of the grader's prelude (importing TensorFlow takes tens of seconds on a
slow, loaded machine; no student limit may cut it short)."""


@dataclasses.dataclass(frozen=True)
class RunSettings:
    """The limits and grader code of a run (see `execute_notebook` for each)."""

    workdir: Path
    cell_timeout: float
    notebook_timeout: float
    epilogue_timeout: float
    env: Mapping[str, str]
    prelude: str | None
    epilogue: str | None
    kernel_name: str
    sandbox: SandboxSpec | None = None
    prelude_timeout: float = PRELUDE_TIMEOUT_S


class NotebookRun:
    """Runs prelude, student cells and epilogue in one kernel, recording failures.

    Args:
        nb: The submitted notebook (left untouched).
        settings: Limits, environment and grader code.
        skip_cell: Returns True for student cells that must not run.
        started: `time.monotonic()` when grading of this submission began.
    """

    def __init__(self, nb: NotebookNode, settings: RunSettings, skip_cell: Callable[[NotebookNode], bool],
                 started: float) -> None:
        self.settings = settings
        self.work = working_notebook(nb, settings.prelude, settings.epilogue)
        self.client = GradingClient(self.work, kernel_name=settings.kernel_name, startup_timeout=_STARTUP_TIMEOUT_S)
        self.kernel = Kernel(self.client, sandbox=settings.sandbox)
        self._runner = CellRunner(self.client, self.kernel)
        self._started = started
        self._code_cells = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
        # Decided before the kernel starts, so a faulty skip_cell wastes no kernel.
        self._to_run = [i for i in self._code_cells if not skip_cell(nb.cells[i])]
        self.failures: list[CellFailure] = []
        self.prelude_failure: CellFailure | None = None
        self.epilogue_failure: CellFailure | None = None
        self.epilogue_ran = False
        self.cells_run = 0
        self.phase_s: dict[str, float] = {}
        self._stopped_by: CellFailure | None = None

    async def execute(self) -> ExecutionReport:
        """Starts the kernel, runs every cell in order, and always shuts it down.

        Returns:
            The report of this run.
        """
        try:
            try:
                with self._phase("start"):
                    await self.kernel.start(cwd=self.settings.workdir, env=self.settings.env)
            except KernelStartFailed:
                _log.warning("Kernel failed to start.", exc_info=True)
                return self._report("kernel_failed_to_start")
            stop = await self._run_cells()
        finally:
            with self._phase("shutdown"):
                await self.kernel.close()  # also when cancelled, e.g. by Ctrl-C in the grader
        return self._report(stop or ("cell_errors" if self.failures else "completed"))

    @contextlib.contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        """Adds the wall time of the block to phase `name` (see `ExecutionReport.phase_s`)."""
        began = time.monotonic()
        try:
            yield
        finally:
            self.phase_s[name] = round(self.phase_s.get(name, 0.0) + time.monotonic() - began, 3)

    async def _run_cells(self) -> str | None:
        stop = None
        if self.settings.prelude:
            with self._phase("prelude"):
                stop = await self._run_prelude()
        budget = Budget(self.settings.notebook_timeout)  # the student's time starts here
        for cell_index in self._to_run if stop is None else ():
            before = self.client.code_cells_executed
            limit = budget.cell_limit(self.settings.cell_timeout)
            with self._phase("cells"):
                failure, stop = await self._attempt(cell_index + FIRST_STUDENT_POSITION, cell_index,
                                                    limit, execution_count=self.cells_run + 1)
            self.cells_run += self.client.code_cells_executed - before
            self.failures += [failure] if failure else []
            if stop:
                break
        # After a time-out or a dead kernel the epilogue would export a half-run notebook.
        if stop is None and self.settings.epilogue:
            self.epilogue_ran = True
            own_limit = CellLimit(self.settings.epilogue_timeout, set_by_budget=False)
            with self._phase("export"):
                self.epilogue_failure, _ = await self._attempt(len(self.work.cells) - 1, HIDDEN_CELL,
                                                               own_limit, hidden=True)
        return stop

    async def _run_prelude(self) -> str | None:
        """Runs the grader's first cell under its own limit; the status that stops the run.

        A prelude that raised is recorded and the student's cells still run. One that was
        stopped (its imports cut short) or that took the kernel down leaves no kernel fit
        to run the student's code: that is the grader's failure, not the student's.
        """
        own_limit = CellLimit(self.settings.prelude_timeout, set_by_budget=False)
        self.prelude_failure, stop = await self._attempt(0, HIDDEN_CELL, own_limit, hidden=True)
        if self.prelude_failure is None or self.prelude_failure.kind == "error":
            return stop
        self._stopped_by = self.prelude_failure
        return "kernel_failed_to_start"

    async def _attempt(self, position: int, cell_index: int, limit: CellLimit | None, *,
                       execution_count: int | None = None, hidden: bool = False) -> tuple[CellFailure | None, str | None]:
        """Runs one cell; returns its failure, if any, and the status that stops the run, if any.

        `limit` is None when the notebook's time is already spent: the cell is not started.
        """
        cell = self.work.cells[position]
        if limit is None:
            return self._stop(CellFailure.for_cell(cell_index, cell.source, kind="timeout",
                                                   evalue=f"was not run because {self._out_of_time()}")), "timed_out"
        try:
            await self._runner.run(cell, position, cell_index=cell_index, limit_s=limit.seconds,
                                   execution_count=execution_count, hidden=hidden)
        except CellRaised as exc:
            return exc.failure, None
        except KernelDied as exc:
            return self._stop(exc.failure), ("limit_exceeded" if exc.failure.kind == "limit"
                                             else "kernel_died")
        except CellTimedOut as exc:
            if limit.set_by_budget:
                evalue = f"was still running when {self._out_of_time()}, and was stopped"
                return self._stop(dataclasses.replace(exc.failure, evalue=evalue)), "timed_out"
            if not exc.kernel_recovered:
                return self._stop(exc.failure), "timed_out"
            return exc.failure, None
        return None, None

    def _stop(self, failure: CellFailure) -> CellFailure:
        self._stopped_by = failure
        return failure

    def _out_of_time(self) -> str:
        return f"the notebook's total time limit of {format_seconds(self.settings.notebook_timeout)} ran out"

    def _report(self, status: str) -> ExecutionReport:
        message = summarize(status, failures=self.failures, stopped_by=self._stopped_by, cells_run=self.cells_run)
        return ExecutionReport(
            status=status, message=message, duration_s=time.monotonic() - self._started,
            cells_total=len(self._code_cells), cells_run=self.cells_run, failures=tuple(self.failures),
            prelude_failure=self.prelude_failure, epilogue_ran=self.epilogue_ran,
            epilogue_failure=self.epilogue_failure, phase_s=dict(self.phase_s),
        )
