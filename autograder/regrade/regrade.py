"""`regrade`: the checks of a results folder run again on each grading's kept evidence.

    result file → its kept run (by notebook hash) → same execution inputs?
        yes → restore the artifacts → checking process (today's checks and bars) → result
        no  → the notebook runs again (full grading, evidence kept anew) → result

The notebook never runs when its evidence is usable; the reason it does, when it must, is
said per submission.
"""

from __future__ import annotations

import time
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.assignments.editions import editions_of
from autograder.config import Settings
from autograder.regrade.fingerprint import changed_inputs, execution_inputs
from autograder.regrade.keep import EvidenceKeeper
from autograder.regrade.store import EvidenceMissing, EvidenceStore
from autograder.results import GradeResult, submission_sha256, write_result

__all__ = ["CHECKED", "EXECUTED", "LEFT", "RegradeRow", "regrade_folder"]

CHECKED = "checked again"
"""The checks ran on the kept evidence; the notebook did not run."""
EXECUTED = "executed again"
"""The evidence could not be used: the notebook ran again (a full grading)."""
LEFT = "left as is"
"""Neither was possible (notebook gone or changed, or the grader failed): the old result
stays."""


@dataclass(frozen=True)
class RegradeRow:
    """What a regrade did to one result file."""

    key: str
    """The result file, relative to the folder, without ``.json``."""
    action: str
    """`CHECKED`, `EXECUTED` or `LEFT`."""
    reason: str
    """Why it was executed again or left as is (empty when checked again)."""
    before: GradeResult
    """The result as it was."""
    after: GradeResult | None
    """The new result (written to the file), or None when left as is."""
    seconds: float = 0.0
    """Wall time of this submission's regrade."""


def spec_of(result: GradeResult):
    """The assignment (edition) a result was graded as."""
    editions = editions_of(result.assignment)
    return next((spec for spec in editions if spec.edition.name == result.edition), editions[0])


def regrade_folder(results: Path, *, settings: Settings, assignment: str | None = None,
                   workers: int = 1, on_row: Callable[[RegradeRow], None] | None = None
                   ) -> list[RegradeRow]:
    """Regrades each result file below `results` and rewrites it; returns a row per file.

    Args:
        results: a results folder (``batch`` or ``grade --out-dir``), its evidence in
            ``<results>/.evidence``.
        settings: today's settings (the checks' bars among them).
        assignment: regrade only this assignment's results (``"C2W4"``); None: all.
        workers: submissions regraded at once (each a checking process of its own).
        on_row: called with each row as it is done (progress).

    Raises:
        DataNotPrepared: if the grader's data is missing.
    """
    from autograder.reporters.classreport.collect import read_results

    wanted = assignment.upper().split("_")[0] if assignment else None
    entries = [entry for entry in read_results(Path(results)).entries
               if wanted is None or entry.result.assignment == wanted]
    store = EvidenceStore.of_results(results)
    regrade = _Regrader(store=store, settings=settings, folder=Path(results))
    rows = []
    with futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for row in pool.map(lambda entry: regrade(entry.key, entry.result), entries):
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows


@dataclass(frozen=True)
class _Regrader:
    store: EvidenceStore
    settings: Settings
    folder: Path

    def __call__(self, key: str, before: GradeResult) -> RegradeRow:
        started = time.monotonic()
        try:
            action, reason, after = self._regrade(before)
        except Exception as error:  # noqa: BLE001 - one submission never stops the others
            action, after = LEFT, None
            reason = f"the grader failed: {type(error).__name__}: {error}"
        if after is not None:
            after = after.replace(student=before.student)  # the layout's, as the batch's
            write_result(after, self.folder / f"{key}.json")
        return RegradeRow(key=key, action=action, reason=reason, before=before, after=after,
                          seconds=round(time.monotonic() - started, 3))

    def _regrade(self, before: GradeResult) -> tuple[str, str, GradeResult | None]:
        from autograder.pipeline import locate_data

        spec = spec_of(before)
        data = locate_data(spec, self.settings)
        try:
            run = self.store.find(spec.name, before.submission_sha256)
            changes = changed_inputs(run.inputs, execution_inputs(
                spec, self.settings, data.student_manifest.description))
            if changes:
                raise EvidenceMissing("; ".join(changes))
            return CHECKED, "", self._check(spec, run)
        except EvidenceMissing as missing:
            return self._execute(spec, before, str(missing))

    def _check(self, spec, run) -> GradeResult:
        from autograder import road
        from autograder.grading_process import scratch_folder

        with scratch_folder(self.settings.work_root, spec.id) as scratch:
            self.store.restore(run, scratch / "artifacts")  # the road's "grade" stage, entered
            return road.grade(spec, self.settings, artifacts=scratch / "artifacts",
                              folder=scratch / "check", execution=run.execution,
                              submission=run.submission, sha256=run.submission_sha256,
                              timings=run.timings)

    def _execute(self, spec, before: GradeResult, why: str):
        from autograder import road

        notebook = Path(before.submission)
        if submission_sha256(notebook) != before.submission_sha256:
            found = "is gone" if not notebook.is_file() else "has other bytes now"
            return LEFT, (f"{why}, and the notebook it was graded from ({notebook}) {found}; "
                          f"grade it again with `autograder grade` or `batch`"), None
        after = road.grade_one(notebook, settings=self.settings, assignment=spec.name,
                               keeper=EvidenceKeeper(self.store, self.settings))
        return EXECUTED, why, after

