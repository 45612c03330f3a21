"""The whole-notebook time budget that every student cell's limit is cut from."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

__all__ = ["Budget", "CellLimit"]

# Below this there is no point starting a cell, and nbclient reads a zero timeout as
# "no limit at all".
_MIN_CELL_LIMIT_S = 0.05


@dataclass(frozen=True)
class CellLimit:
    """How long the next cell may run."""

    seconds: float
    """The limit, always > 0."""
    set_by_budget: bool
    """True when the notebook's remaining time, not the per-cell limit, set it: if
    the cell times out, the whole notebook has run out of time."""


class Budget:
    """Counts down the time a notebook may run, from its creation.

    Args:
        total_s: The whole-notebook limit in seconds.
        clock: Monotonic clock, replaceable in tests.
    """

    def __init__(self, total_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.total_s = total_s
        self._clock = clock
        self._deadline = clock() + total_s

    def cell_limit(self, cell_timeout: float) -> CellLimit | None:
        """Returns the next cell's limit: the per-cell limit or the time left, if less.

        Args:
            cell_timeout: The per-cell limit in seconds.

        Returns:
            The limit, or None when the budget is spent.
        """
        left = self._deadline - self._clock()
        if left < _MIN_CELL_LIMIT_S:
            return None
        if left < cell_timeout:
            return CellLimit(left, set_by_budget=True)
        return CellLimit(cell_timeout, set_by_budget=False)
