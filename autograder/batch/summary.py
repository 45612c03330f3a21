"""The end of a batch: its summary for the instructor and its CSV of grades.

The CSV is written once, when every result file is there, from those files: result files
are the record (one per submission, each written atomically as it finished); the CSV is
their table, for a spreadsheet or a gradebook import.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from autograder.batch.progress import duration
from autograder.reporters.inert import spreadsheet_cell
from autograder.results import GradeResult

__all__ = ["BatchRow", "BatchSummary", "summarize", "write_grades_csv", "CSV_COLUMNS"]

CSV_COLUMNS = ("student", "assignment", "key", "submission", "score", "max_score", "status",
               "grader_errors", "seconds", "graded_at", "grader_version", "failure")


@dataclass(frozen=True)
class BatchRow:
    """One submission's end in a batch."""

    key: str
    """Its result file, relative to the output folder, without ``.json``."""
    result: GradeResult
    """Its result (a `grader_error_result` when the grader failed on it as a whole)."""
    reused: bool = False
    """Whether the result was made by an earlier run and is still current."""
    reason: str = ""
    """Why the grader failed on it, for the instructor; ``""`` when graded."""


@dataclass(frozen=True)
class BatchSummary:
    """How a batch went."""

    total: int
    """Submissions in the batch."""
    graded: int
    """Submissions with a grade (reused ones included)."""
    reused: int
    """Of those, the ones graded by an earlier run (not run again)."""
    failed: int
    """Submissions the grader could not grade (``grader_error``: retried, then given up)."""
    timed_out: int
    """Graded submissions whose notebook ran past its time limit."""
    scores: tuple[float, ...]
    """The score of every graded submission."""
    max_score: float
    """Points available."""
    seconds: float
    """Wall time of the batch."""
    workers: int
    """Gradings at once."""

    def render(self, bins: int = 5) -> str:
        """The summary in words, with a histogram of the scores."""
        lines = [f"Batch: {self.total} submissions in {duration(self.seconds)} with "
                 f"{self.workers} worker{'s' if self.workers != 1 else ''}",
                 f"  graded {self.graded} ({self.reused} already graded before), "
                 f"failed {self.failed}, timed out {self.timed_out}"]
        if self.scores:
            lines.append(f"  scores out of {self.max_score:g}: min {min(self.scores):g}, "
                         f"median {statistics.median(self.scores):g}, "
                         f"mean {statistics.fmean(self.scores):.1f}, max {max(self.scores):g}")
            lines += [f"  {label:>13}  {'#' * count}{' ' if count else ''}{count}"
                      for label, count in self.histogram(bins)]
        return "\n".join(lines)

    def histogram(self, bins: int = 5) -> list[tuple[str, int]]:
        """``(score range, submissions)`` for `bins` equal ranges of 0..max_score."""
        width = (self.max_score or 1) / bins
        counts = [0] * bins
        for score in self.scores:
            counts[min(bins - 1, int(score // width))] += 1
        return [(f"{i * width:g}–{(i + 1) * width:g}" if i < bins - 1
                 else f"{i * width:g}–{self.max_score:g}", count)
                for i, count in enumerate(counts)]


def summarize(rows: Sequence[BatchRow], *, seconds: float, workers: int) -> BatchSummary:
    """The `BatchSummary` of `rows`."""
    graded = [row.result for row in rows
              if row.result.execution.get("status") != "grader_error"]
    return BatchSummary(
        total=len(rows), graded=len(graded), reused=sum(row.reused for row in rows),
        failed=len(rows) - len(graded),
        timed_out=sum(result.execution.get("status") == "timed_out" for result in graded),
        scores=tuple(result.score for result in graded),
        max_score=max((row.result.max_score for row in rows), default=0.0),
        seconds=seconds, workers=workers)


def write_grades_csv(rows: Sequence[BatchRow], path: Path) -> None:
    """Writes one line per submission to `path` (`CSV_COLUMNS`), atomically; a text cell a
    spreadsheet would run as a formula (a student folder named ``=…``) starts with an
    apostrophe (`spreadsheet_cell`)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        result = row.result
        cells = [result.student, result.assignment, row.key, result.submission,
                 f"{result.score:g}", f"{result.max_score:g}",
                 result.execution.get("status", ""), len(result.grader_errors),
                 f"{sum(result.timings.values()):.1f}", result.created_at,
                 result.grader_version, row.reason]
        writer.writerow([spreadsheet_cell(cell) for cell in cells])  # ids: student folders
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
