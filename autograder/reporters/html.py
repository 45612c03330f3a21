"""The HTML report a student opens: one self-contained page per graded submission.

Rendered with Jinja2 from `autograder/reporters/templates/report.html.j2`; pictures are drawn
by `autograder.reporters.figures` and embedded as base64 PNG, so the page needs no other
file and no network. It reads the same `GradeResult` as the text reporter and shows only what
students may see (never a check's instructor ``detail``). Every value is escaped (Jinja2's
autoescape) and `plain` (no escape sequence or control character).

Example:

    from autograder.reporters.html import write_html_report
    write_html_report(read_result("results/alice/C2W1/C2W1_Assignment.json"), "report.html")
"""

from __future__ import annotations

from pathlib import Path

from autograder.reporters import figures
from autograder.reporters.inert import plain
from autograder.reporters.parts import (STATUS_MARKS, STATUS_WORDS, check_rows, data_label,
                                        mixed_up, points)
from autograder.results import GradeResult
from autograder.results.store import write_text_atomic

__all__ = ["render_html_report", "write_html_report", "REPORT_FORMAT_VERSION"]

REPORT_FORMAT_VERSION = 1
"""Version of the page's layout, written into the page (``<meta name="autograder-report">``)."""

_TEMPLATES = Path(__file__).with_name("templates")


def _plain(value):
    from markupsafe import Markup

    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    # autoescape: student text is never markup; finalize: nor an escape sequence
    environment = Environment(loader=FileSystemLoader(_TEMPLATES), undefined=StrictUndefined,
                              autoescape=select_autoescape(["html", "j2"]),
                              finalize=_plain, trim_blocks=True, lstrip_blocks=True)
    environment.filters["points"] = points
    return environment


def _pictures(result: GradeResult) -> dict[str, str | None]:
    evidence = result.evidence
    if evidence is None:
        return {"curves": None, "mistakes": None, "confusion": None}
    multiclass = evidence.confusion is not None and len(evidence.confusion.class_names) > 2
    return {"curves": figures.learning_curves(evidence),
            "mistakes": figures.mistakes(evidence),
            "confusion": figures.confusion_matrix(evidence) if multiclass else None}


def render_html_report(result: GradeResult) -> str:
    """The report page of `result`, as HTML text."""
    evidence = result.evidence
    layers = evidence.layers if evidence is not None else ()
    return _environment().get_template("report.html.j2").render(
        result=result, rows=check_rows(result), marks=STATUS_MARKS, words=STATUS_WORDS,
        data_label=data_label(result), evidence=evidence, pictures=_pictures(result),
        mixed_up=mixed_up(evidence.confusion) if evidence is not None else [],
        layers=layers, trainable=sum(row.trainable_params for row in layers),
        frozen=sum(row.frozen_params for row in layers), version=REPORT_FORMAT_VERSION)


def write_html_report(result: GradeResult, path: Path) -> Path:
    """Writes the report page of `result` to `path`, atomically; returns `path`."""
    write_text_atomic(render_html_report(result), Path(path))
    return Path(path)
