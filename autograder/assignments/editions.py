"""Which edition of a week a notebook is graded as.

A week may declare several editions (``EDITIONS`` in its package, the main one first): the
current Keras 3 one and the older Colab one of Week 1, say. Each is an `Assignment` of its
own, with the week's id and data, the edition's graded names, rules and checks, and the
checks of the lessons both editions teach shared between them.

The edition is fixed by the instructor per assignment (``[autograder.C2W1] edition =
"colab"`` in ``autograder.toml``, or ``AUTOGRADER_C2W1_EDITION``), or named with the
assignment (``--assignment C2W1_colab``, the older edition's nbgrader folder), or else read
from the submitted file's code, in the grading process and never through the student's
kernel: the edition whose own graded names the notebook defines most (`Edition.marks`);
none, or a tie, is the main edition.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Iterable, Mapping

from autograder.assignments.spec import Assignment

__all__ = ["AUTO", "editions_of", "edition_of", "detect_edition", "edition_for",
           "split_name", "with_edition", "edition_title"]

AUTO = "auto"
"""The edition setting that reads each notebook's edition from its code (the default)."""


def split_name(name: str) -> tuple[str, str | None]:
    """``"C2W1_colab"`` → ``("C2W1", "colab")``; ``"c2w1"`` → ``("C2W1", None)``."""
    week, _, edition = str(name).partition("_")
    return week.upper(), (edition.lower() or None)


def with_edition(assignment: str) -> str:
    """`assignment` named with its edition: ``"C2W1"`` → ``"C2W1_keras3"`` (the week's main
    edition), ``"C2W1_colab"`` as it is; a name that is no week's, as it is.

    nbgrader grades each notebook as the edition of the release its test cells came from
    (``source/C2W1/`` is the main edition's), whatever its code or the course's setting say:
    the points are written into those cells.
    """
    from autograder.assignments import ASSIGNMENT_IDS

    week, edition = split_name(assignment)
    if edition is not None or week not in ASSIGNMENT_IDS:
        return assignment
    return f"{week}_{editions_of(week)[0].edition.name}"


def editions_of(assignment_id: str) -> tuple[Assignment, ...]:
    """The editions week `assignment_id` declares, its main edition first.

    Raises:
        ModuleNotFoundError: for a week with no package (`get_assignment` names the known).
    """
    module = importlib.import_module(f"autograder.weeks.{assignment_id.lower()}")
    return tuple(getattr(module, "EDITIONS", (module.ASSIGNMENT,)))


def edition_of(assignment_id: str, edition: str | None) -> Assignment:
    """Week `assignment_id` as its edition `edition` (None or ``"auto"``: the main one).

    Raises:
        KeyError: naming the week's editions, for one it does not declare.
    """
    editions = editions_of(assignment_id)
    if edition is None or edition.lower() == AUTO:
        return editions[0]
    for spec in editions:
        if spec.edition.name == edition.lower():
            return spec
    raise KeyError(f"{assignment_id} has no edition {edition!r}. Known: "
                   f"{', '.join(repr(s.edition.name) for s in editions)} (or {AUTO!r}).")


def detect_edition(defined: Iterable[str], editions: tuple[Assignment, ...]) -> Assignment:
    """The edition among `editions` whose own graded names `defined` holds most; the first
    (main) edition when none, or more than one, leads.

    Args:
        defined: the names the notebook's code cells define
            (`autograder.compat.generation.defined_names`).
        editions: the week's editions, its main one first.
    """
    defined = set(defined)
    counts = [len(defined & set(spec.edition.marks)) for spec in editions]
    best = max(counts, default=0)
    if best == 0 or counts.count(best) > 1:
        return editions[0]
    return editions[counts.index(best)]


def edition_for(notebook: Path, assignment: str,
                overrides: Mapping[str, Mapping] | None = None) -> Assignment:
    """The `Assignment` (edition included) `notebook` is graded as.

    Args:
        notebook: the submitted ``.ipynb`` (only its code is read).
        assignment: ``"C2W1"`` (the edition from the settings, else from the code) or
            ``"C2W1_colab"`` (that edition).
        overrides: the course's per-assignment settings (`Settings.assignments`), whose
            ``edition`` fixes it.

    Raises:
        KeyError: for an unknown assignment or edition.
    """
    from autograder.assignments import get_assignment
    from autograder.compat.generation import code_cells, defined_names

    week, named = split_name(assignment)
    spec = get_assignment(assignment)  # validates the week (and a named edition)
    if named is not None:
        return spec
    fixed = (overrides or {}).get(week, {}).get("edition")
    if fixed and fixed.lower() != AUTO:
        return edition_of(week, fixed)
    editions = editions_of(week)
    if len(editions) == 1:
        return editions[0]
    return detect_edition(defined_names(code_cells(Path(notebook)) or []), editions)


def edition_title(assignment: str, edition: str) -> str:
    """Edition `edition` of `assignment` in a student's words, for feedback ("" when the
    result names none, as results written before editions did).

    Example:
        >>> edition_title("C2W1", "colab")
        "the course's older Colab edition (create_train_val_dirs, split_data, ...)"
    """
    if not edition:
        return ""
    try:
        return edition_of(split_name(assignment)[0], edition).edition.title
    except (KeyError, ImportError):
        return f"the {edition} edition"
