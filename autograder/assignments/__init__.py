"""The course's graded assignments, by id."""

from __future__ import annotations

import re
from pathlib import Path

from autograder.assignments.spec import ArtifactSpec, Assignment

__all__ = ["Assignment", "ArtifactSpec", "get_assignment", "detect_assignment", "ASSIGNMENT_IDS"]

ASSIGNMENT_IDS = ("C2W1",)


def get_assignment(assignment_id: str) -> Assignment:
    """Returns the assignment `assignment_id` (case-insensitive).

    Raises:
        KeyError: naming the known assignments.
    """
    key = assignment_id.upper()
    if key == "C2W1":
        from autograder.assignments.c2w1 import C2W1

        return C2W1
    raise KeyError(f"Unknown assignment {assignment_id!r}. Known: {', '.join(ASSIGNMENT_IDS)}.")


def detect_assignment(notebook: Path) -> str | None:
    """Guesses the assignment of a notebook from its path (e.g. ``.../C2W1_Assignment.ipynb``)."""
    for part in reversed(Path(notebook).resolve().parts):
        match = re.search(r"C(\d)W(\d)", part, flags=re.IGNORECASE)
        if match and f"C{match[1]}W{match[2]}" in ASSIGNMENT_IDS:
            return f"C{match[1]}W{match[2]}"
    return None
