"""Where the report files of graded submissions go, beside or apart from their results."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from autograder.reporters.html import write_html_report
from autograder.results import GradeResult, result_key

__all__ = ["html_report_path", "write_feedback", "write_html_reports"]


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


def write_feedback(result: GradeResult, out_dir: Path, *, summary: Path | None = None) -> dict:
    """Everything a student gets from one result, in `out_dir`: ``report.html``, the CI
    result formats (`autograder.reporters.formats`) and ``summary.md``.

    Args:
        summary: a file to append the Markdown summary to as well (``$GITHUB_STEP_SUMMARY``).

    Returns:
        The written paths by name.
    """
    from autograder.reporters.formats import write_result_formats
    from autograder.reporters.markdown import markdown_summary
    from autograder.results.store import write_text_atomic

    out_dir = Path(out_dir)
    paths = {"html": write_html_report(result, out_dir / "report.html"),
             **write_result_formats(result, out_dir), "summary": out_dir / "summary.md"}
    text = markdown_summary(result, report_note="The full report with pictures is "
                            "`report.html` in this run's `feedback` artifact.")
    write_text_atomic(text, paths["summary"])
    if summary is not None:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    return paths
