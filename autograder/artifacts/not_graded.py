"""Checks whose input never existed: "not graded: cell N failed first", never blame.

When a cell of the notebook fails, what later cells would have made (the training history,
the trained model, a function defined further down) is never made. A check that needs it
has nothing to judge: wording its failure as the model's ("a model that memorises", "train a
small CNN") would blame a model that ``fit`` never trained. Such a check fails (0 points) and
says it was not graded and which cell failed first, with that cell's error.

Which artifacts were never made is the kernel's claim (``"absent"`` on a failed entry, or a
trained model that no ``History`` held and no ``fit`` finished on); trusting it changes only the
wording; a forged claim gains no point (a model claimed trained is scored on its merits).

Example:

    >>> failure = {"cell_index": 16, "kind": "error", "ename": "InvalidArgumentError",
    ...            "evalue": "indices[1] = 21 is not in [0, 10)", "traceback": "",
    ...            "source_head": "history = model.fit("}
    >>> first_failure({"status": "cell_errors", "failures": [failure]})
    'cell 17 failed first (InvalidArgumentError: indices[1] = 21 is not in [0, 10))'
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["first_failure", "missing_words", "not_graded_feedback", "never_made"]

#: The exporter whose model is the trained one, and the ``source`` it gives one that a
#: ``History`` held (``history.model``); any other source is a model no finished ``fit`` made.
_TRAINED_MODEL = "trained_model"
_FROM_HISTORY = ".model"


def first_failure(execution: Mapping[str, Any]) -> str:
    """The first of the student's cells that failed, with its error, in a student's words
    (``"cell 17 failed first (InvalidArgumentError: …)"``); ``""`` when none did.

    Args:
        execution: The execution report's dict (`ExecutionReport.to_dict`).
    """
    from autograder.execute.cause import explain
    from autograder.execute.report import CellFailure

    failures = execution.get("failures") or []
    try:
        failure = CellFailure.from_dict(failures[0])
    except (IndexError, KeyError, TypeError, ValueError):
        return ""
    cell = f"cell {failure.cell_index + 1}"
    if failure.kind == "error":
        cause = explain(failure.evalue)
        return f"{cell} failed first ({failure.ename}" + (f": {cause})" if cause else ")")
    if failure.kind == "dead_kernel":
        return f"the kernel died in {cell} first"
    return f"{cell} was stopped first ({explain(failure.evalue)})"


def not_graded_feedback(failed_first: str, missing: str = "") -> str:
    """The feedback of a check whose input was never made because `failed_first`.

    Args:
        failed_first: `first_failure`'s words.
        missing: what the export found missing, in its own first sentence ("No training
            history was found."), when it said.
    """
    missing = f" ({missing.rstrip('.')})" if missing else ""
    return (f"Not graded: {failed_first}, so your notebook never made what this check "
            f"needs{missing}. Fix that cell, then run the notebook from top to bottom; this "
            "check is graded once it does.")


def missing_words(entry: Any) -> str:
    """The first sentence of a failed export's feedback (what it found missing), or ``""``."""
    feedback = entry.get("feedback") if isinstance(entry, dict) else None
    if not isinstance(feedback, str) or entry.get("ok") is True:
        return ""
    first = feedback.strip().split(". ", 1)[0].strip()
    return first[:200]


def never_made(entry: Any, exporter: str | None) -> bool:
    """Whether the artifact exported as `entry` (by `exporter`) was never made by the
    notebook: no entry at all (the export never ran), a failed entry the kernel marks
    ``absent``, or a trained model that no ``History`` held and no ``fit`` of it finished
    (the notebook's ``model`` after its ``fit`` raised)."""
    if entry is None:
        return True
    if not isinstance(entry, dict):
        return False
    if entry.get("ok") is not True:
        return entry.get("absent") is True
    return (exporter == _TRAINED_MODEL
            and not str(entry.get("source", "")).endswith(_FROM_HISTORY)
            and entry.get("fit_finished") is not True)
