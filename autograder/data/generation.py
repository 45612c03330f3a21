"""What every week's stand-in generator shares: keyed randomness and a parallel file writer.

Each generated file is derived from its own key (``SeedSequence([key, split, class,
index])``), so a file's bytes do not depend on the order or the process that wrote it.
"""

from __future__ import annotations

import os
from multiprocessing import Pool
from typing import Callable, Mapping, Sequence, TypeVar

import numpy as np

__all__ = ["heldout_key", "keyed_rng", "scale_sizes", "write_files"]

Task = TypeVar("Task")
Sizes = TypeVar("Sizes")

#: Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM = 500


def scale_sizes(scales: Mapping[str, Sizes], scale: str,
                processes: int | None) -> tuple[Sizes, int]:
    """A week's sizes at `scale`, and how many processes write its files (all cores
    unless `processes` says otherwise).

    Raises:
        KeyError: for an unknown scale, naming the known ones.
    """
    if scale not in scales:
        raise KeyError(f"Unknown stand-in scale {scale!r}. Known: {sorted(scales)}.")
    return scales[scale], processes or os.cpu_count() or 1


def heldout_key(seed: int, secret: bytes | None, label: str) -> int:
    """The key of a week's held-out stand-in: drawn from the course's secret (`label`
    keeps the weeks apart), or the public `seed` where no secret is given (tests)."""
    from autograder.data.secret import secret_entropy

    return seed if secret is None else secret_entropy(secret, label)


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
