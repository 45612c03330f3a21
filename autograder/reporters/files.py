"""Where the report files of graded submissions go, beside or apart from their results."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from autograder.reporters.html import write_html_report
from autograder.results import GradeResult, result_key

__all__ = ["html_report_path", "write_html_reports"]


def html_report_path(target: Path, result: GradeResult, *, single: bool) -> Path:
    """Where the HTML report of `result` goes.

    Args:
        target: what ``--html`` named: a ``.html`` file for a single notebook, else a folder
            where each report goes to ``<result key>.html`` (the layout of ``--out-dir``).
        result: the graded submission.
        single: whether the batch holds one notebook.
    """
    target = Path(target)
    if single and target.suffix.lower() in (".html", ".htm"):
        return target
    return target / f"{result_key(Path(result.submission))}.html"


def write_html_reports(results: Iterable[GradeResult], target: Path) -> list[Path]:
    """Writes the HTML report of each result under `target` (see `html_report_path`)."""
    results = list(results)
    return [write_html_report(result, html_report_path(target, result, single=len(results) == 1))
            for result in results]
