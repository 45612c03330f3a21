"""What a batch shows while it runs: a tqdm bar on a terminal, a line per submission elsewhere.

Each line says what happened to one submission and where the batch stands: done, running,
failed, and the time left at the rate so far, e.g.

    graded alice/C2W1/C2W1_Assignment: 17/22 in 41.2 s [3/20 done, 2 running, 0 failed, about 5 min left]

The bar names the submission being graded (and how many more run beside it) from the start,
and the last score once one grading has ended:

    bob/C2W1/C2W1_Assignment +1:  15%|██        | 3/20 [02:04<11:45, failed=0, last=alice/C2W1/C2W1_Assignment 17/22]
"""

from __future__ import annotations

import sys
import time
from typing import Sequence, TextIO

from autograder.reporters.inert import for_terminal
from autograder.results import GradeResult

__all__ = ["BatchProgress", "duration", "short_key"]

_NAME_WIDTH = 32


def duration(seconds: float) -> str:
    """``"42 s"``, ``"3 min 5 s"``, ``"2 h 10 min"``."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def short_key(key: str, width: int = _NAME_WIDTH) -> str:
    """`key` cut to `width` characters for the bar, keeping its start (the student) and end."""
    if len(key) <= width:
        return key
    head = (width - 1) // 2
    return key[:head] + "…" + key[-(width - 1 - head):]


def _one_line(text: str) -> str:
    """`text` inert on a terminal and on one line (keys come from student folders)."""
    return " ".join(for_terminal(text).split())


class BatchProgress:
    """Counts a batch's submissions and reports each one as it ends.

    Args:
        total: submissions in the batch.
        slots: gradings that run at once.
        stream: where to report (stderr by default).
        bar: a tqdm bar; None draws one only when `stream` is a terminal.
    """

    def __init__(self, total: int, *, slots: int, stream: TextIO | None = None,
                 bar: bool | None = None):
        from tqdm import tqdm

        self.total, self.slots = total, slots
        self.done = self.failed = self.reused = 0
        self._stream = stream or sys.stderr
        self._started = time.monotonic()
        # disable=None: tqdm draws only on a terminal; elsewhere a line per submission.
        self._bar = tqdm(total=total, desc="grading", unit="notebook", file=self._stream,
                         disable=None if bar is None else not bar, dynamic_ncols=True)
        self._lines = self._bar.disable
        self._queue: list[str] = []  # to grade, in the order the backend starts them
        self._last = ""

    def queued(self, keys: Sequence[str]) -> None:
        """`keys` are submitted for grading in this order: the first `slots` run now, and
        each ending grading lets the next one start (local slots and Dask take them in order)."""
        self._queue = list(keys)
        self._show()

    @property
    def running_keys(self) -> list[str]:
        """The submissions being graded now, as far as the order of submission tells."""
        return self._queue[:self.slots]

    @property
    def running(self) -> int:
        return min(self.slots, self.total - self.done)

    def time_left(self) -> float | None:
        """Seconds left at the rate of the gradings so far (reused results cost nothing)."""
        graded = self.done - self.reused
        if graded <= 0:
            return None
        rate = (time.monotonic() - self._started) / graded
        return rate * (self.total - self.done)

    def reused_result(self, key: str) -> None:
        """`key`'s result from an earlier run is current: nothing is graded."""
        self.reused += 1
        self._end(f"skipped {key} (already graded)")

    def graded(self, key: str, result: GradeResult, seconds: float) -> None:
        """`key` was graded (a whole-submission grader error counts as failed)."""
        self._dequeue(key)
        if result.execution.get("status") == "grader_error":
            self.failed += 1
            self._last = f"{short_key(key)} failed"
            self._end(f"failed {key}: the grader could not grade it after {duration(seconds)}")
            return
        self._last = f"{short_key(key)} {result.score:g}/{result.max_score:g}"
        self._end(f"graded {key}: {result.score:g}/{result.max_score:g} in {seconds:.1f} s")

    def retrying(self, key: str, reason: str) -> None:
        """`key`'s grading was lost and is tried again (it is not done)."""
        self._dequeue(key)
        self._queue.append(key)  # submitted again: it waits behind the others
        self._write(f"retrying {key}: {reason}")
        self._show()

    def _dequeue(self, key: str) -> None:
        if key in self._queue:
            self._queue.remove(key)

    def _show(self) -> None:
        """The bar's name of what runs and its last score (a terminal only)."""
        if self._lines:
            return
        running = self.running_keys
        name = (short_key(running[0]) + (f" +{len(running) - 1}" if len(running) > 1 else "")
                if running else "grading")
        self._bar.set_description_str(_one_line(name), refresh=False)
        postfix = {"last": _one_line(self._last)} if self._last else {}
        self._bar.set_postfix(**postfix, failed=self.failed, refresh=False)
        self._bar.refresh()

    def _end(self, line: str) -> None:
        self.done += 1
        self._bar.update()
        self._show()
        if self._lines:
            left = self.time_left()
            self._write(f"{line} [{self.done}/{self.total} done, {self.running} running, "
                        f"{self.failed} failed"
                        + (f", about {duration(left)} left]" if left is not None else "]"))

    def _write(self, line: str) -> None:
        line = for_terminal(line)  # keys and reasons come from submissions
        if self._lines:
            print(line, file=self._stream, flush=True)
        else:
            self._bar.write(line, file=self._stream)

    def close(self) -> None:
        self._bar.close()
