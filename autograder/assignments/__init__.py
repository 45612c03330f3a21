"""The course's graded assignments, by id.

Each assignment is a package of its own under `autograder.weeks` (``c2w1`` → ``C2W1``)
that exports ``ASSIGNMENT``; adding a week means adding its package, nothing here. A week
that grades more than one edition of the course also exports ``EDITIONS``
(`autograder.assignments.editions`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from autograder.assignments.spec import (
    ASSIGNMENT_SETTINGS, RULE_SETTINGS, ArtifactSpec, Assignment, DataSpec, Edition, Fixture,
    Rules)

__all__ = ["Assignment", "ArtifactSpec", "DataSpec", "Edition", "Fixture", "Rules",
           "RULE_SETTINGS", "ASSIGNMENT_SETTINGS", "get_assignment", "detect_assignment",
           "assignment_ids", "ASSIGNMENT_IDS"]


def assignment_ids() -> tuple[str, ...]:
    """Ids of the week packages in `autograder.weeks`, in course order."""
    import autograder.weeks

    return tuple(sorted(info.name.upper() for info in pkgutil.iter_modules(autograder.weeks.__path__)
                        if info.ispkg and re.fullmatch(r"c\dw\d", info.name)))


ASSIGNMENT_IDS = assignment_ids()


def get_assignment(assignment_id: str) -> Assignment:
    """Returns the assignment `assignment_id` (case-insensitive): ``"C2W1"`` is the week's
    main edition, ``"C2W1_colab"`` its edition ``colab`` (`Assignment.name`).

    Raises:
        KeyError: naming the known assignments (or the week's editions).
    """
    from autograder.assignments.editions import edition_of, split_name

    key, edition = split_name(assignment_id)
    if key not in ASSIGNMENT_IDS:
        raise KeyError(f"Unknown assignment {assignment_id!r}. Known: {', '.join(ASSIGNMENT_IDS)}.")
    if edition is not None:
        return edition_of(key, edition)
    return importlib.import_module(f"autograder.weeks.{key.lower()}").ASSIGNMENT


def detect_assignment(notebook: Path) -> str | None:
    """Guesses the assignment of a notebook from its path (e.g. ``.../C2W1_Assignment.ipynb``)."""
    for part in reversed(Path(notebook).resolve().parts):
        match = re.search(r"C(\d)W(\d)", part, flags=re.IGNORECASE)
        if match and f"C{match[1]}W{match[2]}" in ASSIGNMENT_IDS:
            return f"C{match[1]}W{match[2]}"
    return None
