"""What every week's stand-in generator shares: keyed randomness and a parallel file writer.

Each generated file is derived from its own key (``SeedSequence([key, split, class,
index])``), so a file's bytes do not depend on the order or the process that wrote it.
"""

from __future__ import annotations

from multiprocessing import Pool
from typing import Callable, Sequence, TypeVar

import numpy as np

__all__ = ["keyed_rng", "write_files"]

Task = TypeVar("Task")

#: Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM = 500


def keyed_rng(*key: int) -> np.random.Generator:
    """A generator determined by `key` alone (e.g. ``(seed, split, label, index)``)."""
    return np.random.default_rng(np.random.SeedSequence(list(key)))


def write_files(write: Callable[[Task], None], tasks: Sequence[Task], processes: int, *,
                parallel_from: int = _PARALLEL_FROM, chunksize: int = 64) -> None:
    """Calls `write` (a module-level function, so worker processes can run it) on each task,
    in `processes` processes when there are more than `parallel_from` tasks (fewer for files
    that are slow to draw); the output does not depend on it."""
    if processes > 1 and len(tasks) > parallel_from:
        with Pool(processes) as pool:
            for _ in pool.imap_unordered(write, tasks, chunksize=chunksize):
                pass
    else:
        for task in tasks:
            write(task)
