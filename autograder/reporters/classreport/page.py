"""The class report: one self-contained HTML page for course staff.

Rendered with Jinja2 from ``autograder/reporters/templates/class_report.html.j2`` in the
student report's environment (autoescape, every value `plain`): feedback and messages come
from students' notebooks and are shown as text, never as markup. The only picture is each
assignment's score histogram, drawn with matplotlib and embedded as a base64 PNG; no image
from any data set is ever drawn.

Example:

    from autograder.reporters.classreport import class_report
    class_report(Path("results"), html=Path("class.html"), csv=Path("class.csv"))
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from autograder.reporters.classreport.aggregate import AssignmentSummary, ClassSummary
from autograder.reporters.figures import _figure, _png  # the student report's drawing setup
from autograder.reporters.html import _environment
from autograder.results.store import write_text_atomic

__all__ = ["score_histogram", "render_class_report", "write_class_report", "page_links",
           "CLASS_REPORT_FORMAT_VERSION"]

CLASS_REPORT_FORMAT_VERSION = 1
"""Version of the page's layout (``<meta name="autograder-class-report">``)."""
_BARS, _MEDIAN = "#4c72b0", "#c44e52"


def score_histogram(summary: AssignmentSummary) -> str | None:
    """The scores of `summary` as a histogram (one bar per point up to 40 points, else 20
    bars), the median marked; base64 PNG, or None when nothing was graded."""
    if not summary.scores:
        return None
    top = max(summary.max_score, max(summary.scores), 1.0)
    if top <= 40:
        edges = [value - 0.5 for value in range(int(top) + 2)]
    else:
        edges = [top * step / 20 for step in range(21)]
    figure = _figure(7.5, 2.8)
    axes = figure.subplots()
    axes.hist(summary.scores, bins=edges, color=_BARS, edgecolor="white")
    axes.axvline(summary.median, color=_MEDIAN, linestyle="--", linewidth=1.5,
                 label=f"median {summary.median:g}")
    axes.set_xlim(edges[0], edges[-1])
    axes.set_xlabel(f"score (out of {summary.max_score:g})")
    axes.set_ylabel("submissions")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper left", fontsize=8)
    return _png(figure)


def page_links(pages: Mapping[str, Path], report: Path) -> dict[str, str]:
    """Links from the page at `report` to each student's page (``key → path``): relative,
    every path part percent-encoded (a student folder named ``javascript:…`` is a file name,
    never a URL scheme)."""
    folder = Path(report).resolve().parent
    return {key: "/".join(quote(part, safe="") for part in Path(
                os.path.relpath(Path(path).resolve(), folder)).parts)
            for key, path in pages.items()}


def render_class_report(summary: ClassSummary, *, source: str = "",
                        links: Mapping[str, str] | None = None) -> str:
    """The class report page of `summary`, as HTML text.

    Args:
        summary: `summarize_class`'s summary.
        source: where the results were read (shown in the page's header).
        links: each submission's student page by key (`page_links`); keys without one are
            plain text.
    """
    environment = _environment()
    environment.filters["percent"] = lambda rate: "–" if rate is None else f"{rate:.0%}"
    return environment.get_template("class_report.html.j2").render(
        summary=summary, source=source, pages=dict(links or {}),
        histograms={a.assignment: score_histogram(a) for a in summary.assignments},
        made_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        version=CLASS_REPORT_FORMAT_VERSION)


def write_class_report(summary: ClassSummary, path: Path, *, source: str = "",
                       pages: Mapping[str, Path] | None = None) -> Path:
    """Writes the class report page of `summary` to `path`, atomically; returns `path`.

    Args:
        pages: each submission's student page by key, linked from the page.
    """
    links = page_links(pages, Path(path)) if pages else None
    write_text_atomic(render_class_report(summary, source=source, links=links), Path(path))
    return Path(path)
