"""Facts from the student's kernel are claims: typed, marked, and named by what rests on them.

Everything the export cell writes comes from the student's kernel, where any cell may have
replaced the grader's own exporter (`autograder.kernel`). The grading process wraps each
exported entry in a `Claim` (read-only, ``claimed`` set), and every check names the claims
it rests on (`autograder.checks.base.Check.claims`, one of `CLAIMS`), so what a forged
export could gain is visible check by check. `CLAIMS` says how each is verified or bounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterator

__all__ = ["Claim", "ClaimKind", "CLAIMS", "claims_of"]


@dataclass(frozen=True)
class Claim(Mapping):
    """One exported entry of ``artifacts.json``, as the kernel wrote it (validated in form by
    `autograder.artifacts.schema`, never in truth): read like the dict it was."""

    artifact: str
    """The artifact's name, e.g. ``"callback"``."""
    facts: Mapping[str, Any]
    """The entry, read-only."""
    claimed: bool = True
    """Always True: it came from the student's kernel."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    def __getitem__(self, key: str) -> Any:
        return self.facts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)


@dataclass(frozen=True)
class ClaimKind:
    """A kind of fact the kernel reports, and what the grader does about it."""

    name: str
    """``<artifact>`` or ``<artifact>.<field>``, as checks name it."""
    verified: str
    """How the grader verifies it, or the most it can gain when it cannot."""


CLAIMS: dict[str, ClaimKind] = {claim.name: claim for claim in (
    ClaimKind("cleaning", "The call only: the grader reads the copied files itself and "
              "compares them with its secret probe's answer key."),
    ClaimKind("datasets", "Shapes, batch facts, class names, split sizes: bounded (they can "
              "only repeat what the course asks for; no trained model follows from them)."),
    ClaimKind("datasets.file_paths", "Verified: every name must be a real file of the "
              "student data (the grader's manifest), under its own class folder."),
    ClaimKind("datasets.rows", "Verified (Week 4): the pictures and labels the datasets "
              "hold, saved by the kernel, must be the rows of the student's CSV file as the "
              "grader parses it itself (as the student's parser reads a row, learned from the "
              "parsing probe): each row once with its letter, the picture 28×28×1; the batch "
              "size and that the dataset ends remain claims."),
    ClaimKind("created_model", "A .keras file the grader loads itself (safe mode, size "
              "refused first); that it is what create_model() returned is a claim, bounded "
              "to the architecture points."),
    ClaimKind("trained_model", "A .keras file the grader loads and scores itself on held-out "
              "data the kernel never saw; the held-out points cannot be claimed."),
    ClaimKind("history", "Per-epoch metrics: bounded (a written history is only believed with "
              "a trained model that scores on held-out data)."),
    ClaimKind("callback", "Whether the class inherits from Keras' Callback: a claim, worth "
              "at most the one point it shares with the probes below."),
    ClaimKind("callback.probes", "Verified: probe values are drawn afresh by the grader for "
              "every grading and the results must answer exactly those; the verdicts "
              "themselves are the kernel's (a hand-written table of right answers passes)."),
    ClaimKind("fit_data", "A pipeline graph the grader parses itself, or a generator's "
              "settings: bounded to the augmentation and preprocessing points."),
    ClaimKind("train_val_dirs", "The call only: the grader reads the folders it made itself "
              "(the older edition's create_train_val_dirs)."),
    ClaimKind("split_data", "The call only: the grader reads the copied files itself and "
              "compares them with its secret probe's answer key (the older edition)."),
    ClaimKind("parsing", "Arrays the grader compares with its secret probe's answer key."),
    ClaimKind("augmentation_model", "A .keras file the grader loads and runs itself."),
    ClaimKind("fresh_base", "A .keras file of the base as loaded, loaded by the grader."),
)}
"""Every kind of claim a check may rest on."""


def claims_of(needs: tuple[str, ...]) -> tuple[str, ...]:
    """The claims of checks that read whole artifacts `needs` (the default of `check`)."""
    return tuple(needs)
