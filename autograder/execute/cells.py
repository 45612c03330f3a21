"""Running one cell with a time limit, and saying how it failed."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_output

from autograder.execute._text import format_seconds, keep_ends, shorten, strip_ansi
from autograder.execute.errors import CellRaised, CellTimedOut, KernelDied
from autograder.execute.kernel import Kernel
from autograder.execute.report import CellFailure

__all__ = ["CellRunner", "GradingClient"]

# nbclient reports a timed-out cell through `error_on_timeout` with this name; no
# real exception class can be called that, so it cannot be mistaken for one.
_TIMEOUT_ENAME = "<autograder cell timeout>"

# After an interrupt, how long the kernel may take to finish the cell before it is
# declared stuck (SIGINT lands between Python bytecodes; a TensorFlow op may finish first).
_INTERRUPT_GRACE_S = 5.0

# Text a single cell may print before the rest is dropped: a print in an endless
# loop must not fill the grader's memory.
_MAX_OUTPUT_CHARS_PER_CELL = 5_000_000
# An error's message and traceback bypass that count (they must be recorded), so they are
# cut instead: an exception message of 200 MB must not become a 200 MB result.
_MAX_ERROR_CHARS = 20_000
_MAX_TRACEBACK_LINES = 200


class GradingClient(NotebookClient):
    """A NotebookClient that keeps every error and caps each cell's output.

    Args:
        nb: The notebook whose cells will be executed.
        **kwargs: NotebookClient settings.
    """

    def __init__(self, nb: NotebookNode, **kwargs: Any) -> None:
        super().__init__(
            nb,
            allow_errors=True,  # errors are recorded by CellRunner, never raised
            interrupt_on_timeout=True,
            error_on_timeout={"ename": _TIMEOUT_ENAME, "evalue": "", "traceback": []},
            log=logging.getLogger("autograder.execute.nbclient"),
            **kwargs,
        )
        self._output_chars: dict[int, int] = {}

    def output(self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None,
               cell_index: int) -> NotebookNode | None:
        """Appends an output unless the cell already printed too much."""
        if msg["msg_type"] == "error":
            content = msg["content"]
            content["evalue"] = keep_ends(str(content.get("evalue", "")), _MAX_ERROR_CHARS)
            content["traceback"] = [shorten(str(line), _MAX_ERROR_CHARS)
                                    for line in content.get("traceback", [])[:_MAX_TRACEBACK_LINES]]
            return super().output(outs, msg, display_id, cell_index)
        content = msg["content"]
        size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
        used = self._output_chars.get(cell_index, 0)
        self._output_chars[cell_index] = used + size
        if used + size <= _MAX_OUTPUT_CHARS_PER_CELL:
            return super().output(outs, msg, display_id, cell_index)
        if used <= _MAX_OUTPUT_CHARS_PER_CELL:
            outs.append(new_output("stream", name="stderr", text="\n[Output truncated: this cell printed too much.]\n"))
        return None


class CellRunner:
    """Executes cells one at a time and raises a `CellFailed` for each failure.

    Args:
        client: The client bound to `kernel`.
        kernel: The kernel the cells run in.
    """

    def __init__(self, client: GradingClient, kernel: Kernel) -> None:
        self._client = client
        self._kernel = kernel
        self._limit_s = 1.0
        self._reply: dict[str, Any] | None = None
        client.timeout_func = lambda cell: self._limit_s
        client.on_cell_executed = self._remember_reply

    def _remember_reply(self, cell: NotebookNode, cell_index: int, execute_reply: dict[str, Any]) -> None:
        self._reply = execute_reply

    async def run(self, cell: NotebookNode, position: int, *, cell_index: int, limit_s: float,
                  execution_count: int | None = None, hidden: bool = False) -> None:
        """Executes `cell` and returns when it succeeded.

        Args:
            cell: The cell, already at `position` in the client's notebook.
            position: Its index in the client's notebook.
            cell_index: Its index in the submitted notebook, for the failure.
            limit_s: Seconds it may run before being interrupted (> 0).
            execution_count: Prompt number to give it.
            hidden: True for grader cells, kept out of the kernel's history.

        Raises:
            CellRaised: The cell raised.
            CellTimedOut: It ran past `limit_s`; says whether the kernel recovered.
            KernelDied: The kernel process died while it ran.
        """
        self._limit_s, self._reply = limit_s, None
        try:
            await self._client.async_execute_cell(cell, position, execution_count=execution_count,
                                                  store_history=not hidden)
        except DeadKernelError:
            if _being_cancelled():
                # nbclient reports its own cancellation (Ctrl-C in the grader) as a dead
                # kernel; that must stop the grader, not become a student's failure.
                raise asyncio.CancelledError from None
            raise KernelDied(self._death(cell, cell_index)) from None
        if self._kernel.check_disk() is not None:  # written past the cap, faster than polled
            raise KernelDied(self._death(cell, cell_index))
        content = (self._reply or {}).get("content", {})
        if content.get("status") != "error":
            return
        if content.get("ename") == _TIMEOUT_ENAME:
            await self._raise_timeout(cell, cell_index, limit_s)
        raise CellRaised(CellFailure.for_cell(
            cell_index, cell.source, kind="error", ename=content.get("ename", ""),
            # both ends kept: the explaining line of a long message comes last
            evalue=keep_ends(strip_ansi(str(content.get("evalue", ""))), _MAX_ERROR_CHARS),
            traceback=keep_ends(strip_ansi("\n".join(map(str, content.get("traceback", [])))),
                                _MAX_ERROR_CHARS),
        ))

    def _death(self, cell: NotebookNode, cell_index: int) -> CellFailure:
        """Why the kernel died in `cell`: a sandbox cap it went past, or unknown."""
        violation = self._kernel.violation
        if violation is not None:
            return CellFailure.for_cell(cell_index, cell.source, kind="limit",
                                        evalue=f"{violation.describe()}, so the grader stopped it")
        return CellFailure.for_cell(cell_index, cell.source, kind="dead_kernel")

    async def _raise_timeout(self, cell: NotebookNode, cell_index: int, limit_s: float) -> None:
        # nbclient has already sent the interrupt; what matters now is whether it worked.
        recovered = await self._kernel.responds_within(_INTERRUPT_GRACE_S)
        if not recovered and not await self._kernel.is_alive():
            raise KernelDied(self._death(cell, cell_index))
        what = "was stopped" if recovered else "did not stop when interrupted, so the run was ended"
        raise CellTimedOut(CellFailure.for_cell(
            cell_index, cell.source, kind="timeout", evalue=f"ran for more than {format_seconds(limit_s)} and {what}",
        ), kernel_recovered=recovered)


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    cancelling = getattr(task, "cancelling", None)  # Python 3.11+; 3.10 raises KeyboardInterrupt directly
    return bool(cancelling and cancelling())
