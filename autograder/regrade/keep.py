"""Keeping a grading's evidence between its execute and grade stages.

`EvidenceKeeper` is what `autograder.road.grade_one` calls (its ``keeper``
argument, the road's ``keep`` stage) once the notebook has run and before the checks see the artifacts, so what is
kept is exactly what the sandbox produced.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.config import Settings
from autograder.regrade.fingerprint import execution_inputs
from autograder.regrade.store import EvidenceStore, KeptRun

__all__ = ["EvidenceKeeper"]


@dataclass(frozen=True)
class EvidenceKeeper:
    """Keeps each grading's evidence in `store`.

    Example:

        >>> keeper = EvidenceKeeper(EvidenceStore.of_results(Path("results")), settings)
        >>> grade_one(notebook, settings=settings, keeper=keeper)  # doctest: +SKIP
    """

    store: EvidenceStore
    settings: Settings

    def __call__(self, artifacts: Path, *, spec, notebook: Path, execution: dict,
                 timings: dict, data) -> KeptRun | None:
        """Keeps the evidence of one execution; returns its record, or None when it could
        not be written (the grading stands; a regrade will run that notebook again)."""
        from autograder import grader_fingerprint
        from autograder.results import submission_sha256

        try:
            return self.store.keep(
                artifacts, assignment=spec.name, submission=str(notebook),
                submission_sha256=submission_sha256(notebook), execution=execution,
                timings=timings, grader_version=grader_fingerprint(),
                inputs=execution_inputs(spec, self.settings,
                                        data.student_manifest.description))
        except OSError as error:
            print(f"autograder: the evidence of {notebook} was not kept ({error}); a "
                  f"regrade will run it again.", file=sys.stderr)
            return None
