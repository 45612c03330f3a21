"""Submissions that look alike, flagged for a human look: a signal, never a verdict.

Only what result files hold is compared (they keep no code and no weights):

- the same notebook file (its SHA-256): byte for byte the same hand-in under two keys;
- the same training: every per-epoch value of the training history equal to 4 decimals over
  at least `MIN_EPOCHS` epochs. The grader runs every notebook with the same seeds, so the
  same code on the same data trains the same way; different code rarely does.

Two students who both hand in the untouched release, or who both copied the course's example
solution, are flagged as well; that is why a person looks before anything is decided.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from autograder.reporters.classreport.collect import Entry

__all__ = ["SimilarGroup", "similar_groups", "MIN_EPOCHS", "DECIMALS"]

MIN_EPOCHS = 2
"""Histories shorter than this are too common to be a signal."""
DECIMALS = 4
"""Decimals to which two histories' values must agree."""


@dataclass(frozen=True)
class SimilarGroup:
    """Two or more submissions that share something they would rarely share by chance."""

    reason: str
    """What they share, in words."""
    keys: tuple[str, ...]
    """Their result keys, sorted."""


def _history_print(entry: Entry) -> tuple | None:
    evidence = entry.result.evidence
    if evidence is None or not evidence.history:
        return None
    series = {name: tuple(None if value is None else round(float(value), DECIMALS)
                          for value in values)
              for name, values in evidence.history.items() if values}
    if not series or max(len(values) for values in series.values()) < MIN_EPOCHS:
        return None
    return tuple(sorted(series.items()))


def _groups(entries: Iterable[Entry], fingerprint) -> list[tuple[object, tuple[str, ...]]]:
    by_print: dict[object, list[str]] = defaultdict(list)
    for entry in entries:
        value = fingerprint(entry)
        if value:
            by_print[value].append(entry.key)
    return [(value, tuple(sorted(set(keys)))) for value, keys in by_print.items()
            if len(set(keys)) > 1]


def similar_groups(entries: Sequence[Entry]) -> tuple[SimilarGroup, ...]:
    """The groups of `entries` (one assignment's) that share a notebook file or a training.

    A training group whose submissions all share one notebook file already is left out (it
    says nothing more).
    """
    found = []
    same_file = _groups(entries, lambda entry: entry.result.submission_sha256)
    for sha, keys in same_file:
        found.append(SimilarGroup(f"the same notebook file (SHA-256 {str(sha)[:12]}…)", keys))
    covered = {keys for _, keys in same_file}
    for history, keys in _groups(entries, _history_print):
        if keys in covered:
            continue
        epochs = max(len(values) for _, values in history)
        found.append(SimilarGroup(f"the same training history ({epochs} epochs, every value "
                                  f"equal to {DECIMALS} decimals)", keys))
    return tuple(sorted(found, key=lambda group: (-len(group.keys), group.keys)))
