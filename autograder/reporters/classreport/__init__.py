"""The class report: a results folder summed up for course staff, as a page and a CSV.

    result files → `read_results` → `summarize_class` → `write_class_report` (HTML)
                                                      → `write_class_csv` (a column per check)

Per assignment: the score distribution, each check's failure rate with its most common
messages, the submissions whose notebook did not run to its end, grader errors, the slowest
gradings, and submissions that share a notebook file or a training history (flagged for a
human look, never judged). ``autograder report RESULTS/`` and ``autograder batch`` write it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from autograder.reporters.classreport.aggregate import (
    AssignmentSummary, CheckSummary, ClassSummary, GraderErrorRow, GradingRow, MessageCount,
    summarize_class)
from autograder.reporters.classreport.collect import Entry, ResultFolder, Unreadable, read_results
from autograder.reporters.classreport.page import render_class_report, write_class_report
from autograder.reporters.classreport.similar import SimilarGroup, similar_groups
from autograder.reporters.classreport.table import CLASS_COLUMNS, class_csv, write_class_csv

__all__ = ["class_report", "write_class_files", "read_results", "summarize_class",
           "render_class_report", "write_class_report", "class_csv", "write_class_csv",
           "similar_groups", "Entry", "Unreadable", "ResultFolder", "ClassSummary",
           "AssignmentSummary", "CheckSummary", "GradingRow", "GraderErrorRow", "MessageCount",
           "SimilarGroup", "CLASS_COLUMNS"]


def write_class_files(entries: Sequence[Entry], *, html: Path | None = None,
                      csv: Path | None = None, unreadable: Sequence[Unreadable] = (),
                      source: str = "", pages: Mapping[str, Path] | None = None) -> ClassSummary:
    """Writes the class report of `entries` to `html` and its CSV to `csv` (each when given).

    Args:
        unreadable: what the report leaves out, with the reason (listed at its end).
        source: where the results are (named in the page's header).
        pages: each submission's student page by key, linked from the page.

    Returns:
        The `ClassSummary` the page shows.
    """
    summary = summarize_class(entries, unreadable)
    if html is not None:
        write_class_report(summary, html, source=source, pages=pages)
    if csv is not None:
        write_class_csv(entries, csv)
    return summary


def class_report(folder: Path, *, html: Path | None = None,
                 csv: Path | None = None) -> ClassSummary:
    """Reads the results below `folder` and writes the class report and CSV.

    Args:
        folder: a results folder (``autograder batch --out-dir``, ``grade --out-dir``).
        html: where the page goes.
        csv: where the CSV goes.

    Returns:
        The `ClassSummary`.

    Raises:
        NotADirectoryError: if `folder` is not a folder.
    """
    found = read_results(folder)
    return write_class_files(found.entries, html=html, csv=csv, unreadable=found.unreadable,
                             source=str(folder))
