"""A calibration variant as data: what a learner wrote, and whether it follows the lesson.

A variant names the cells of the week's reference notebook it replaces (by nbgrader grade id,
or `TRAINING` for the cell that calls ``model.fit``) and gives each one's whole code. A sound
variant follows the week's lesson and must pass every bar; an unsound one ignores it and
must lose the points of the checks in `Variant.loses`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Mapping

__all__ = ["SOUND", "UNSOUND", "TRAINING", "Variant"]

SOUND, UNSOUND = "sound", "unsound"
TRAINING = "training"
"""The key of the (ungraded) cell that calls ``model.fit``: ``history = model.fit(``."""


@dataclass(frozen=True)
class Variant:
    """One submission of a calibration population."""

    name: str
    """Short stable name, e.g. ``"bn-dropout"``; results are keyed by it."""
    kind: str
    """`SOUND` or `UNSOUND`."""
    what: str
    """What the learner did, in a sentence."""
    cells: Mapping[str, str] = field(default_factory=dict)
    """Per cell key (grade id or `TRAINING`): the cell's whole new code. Empty: the reference."""
    ignores: str = ""
    """For an unsound variant: the lesson it ignores, in words."""
    loses: frozenset[str] = frozenset()
    """For an unsound variant: the checks whose points it must lose (the lesson's)."""

    def __post_init__(self) -> None:
        if self.kind not in (SOUND, UNSOUND):
            raise ValueError(f"Expected kind {SOUND!r} or {UNSOUND!r}. Received: {self.kind!r}.")
        if (self.kind == UNSOUND) != bool(self.ignores and self.loses):
            raise ValueError(f"{self.name}: an unsound variant names the lesson it ignores and "
                             "the checks it loses; a sound one names neither.")

    @property
    def code_sha256(self) -> str:
        """SHA-256 of the replaced cells' code (a changed variant is run again)."""
        text = json.dumps(sorted(self.cells.items()), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()
