"""A student notebook's outputs made inert before nbgrader renders them for anyone.

nbgrader's feedback page and formgrader show the graded notebook as HTML, in the browser of a
student or of an instructor who is logged in. Outputs of the student's code rendered there
as they are would run the student's HTML and JavaScript on those pages. Each output is built
again from scratch here, keeping only what renders as text or as a picture:

- streams: the text, `plain` (nbconvert turns ANSI colours into HTML), stdout or stderr;
- errors: name, value and traceback, `plain`;
- rich outputs (``display_data``, ``execute_result``): ``text/plain`` and PNG, JPEG and GIF
  pictures whose data is base64 (a picture is written into an ``<img src>`` unescaped).
  ``text/html``, JavaScript, widgets, ``text/markdown``, ``image/svg+xml``, LaTeX and every
  other type are dropped, and the output's text says which were;
- any other output becomes a line of text saying it is not shown.

Metadata is dropped with them (nbconvert reads it for sizes and isolation only).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from nbformat import NotebookNode
from nbformat.v4 import new_output

from autograder.reporters.inert import plain

__all__ = ["inert_outputs", "inert_output", "KEPT_PICTURES"]

KEPT_PICTURES = ("image/png", "image/jpeg", "image/gif")
"""Picture types kept (as base64 only)."""
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
_MAX_NAMED = 5


def _text(value: Any) -> str:
    """An output's text field (a string, or a list of lines in older files)."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return value if isinstance(value, str) else ""


def _rich(output: dict) -> NotebookNode:
    data = output.get("data") if isinstance(output.get("data"), dict) else {}
    kept = {}
    if data.get("text/plain") is not None:
        kept["text/plain"] = plain(_text(data["text/plain"]))
    for mime in KEPT_PICTURES:
        value = data.get(mime)
        if isinstance(value, str) and _BASE64.fullmatch(value):
            kept[mime] = value
    dropped = [plain(str(mime))[:60] for mime in data if mime not in kept]
    if dropped:
        named = ", ".join(dropped[:_MAX_NAMED]) + (" …" if len(dropped) > _MAX_NAMED else "")
        note = f"[not shown by the grader: {named}; only text and pictures are kept]"
        kept["text/plain"] = (kept.get("text/plain", "") + "\n" + note).lstrip("\n")
    if output.get("output_type") == "execute_result":
        count = output.get("execution_count")
        return new_output("execute_result", data=kept,
                          execution_count=count if type(count) is int else None)
    return new_output("display_data", data=kept)


def inert_output(output: Any) -> NotebookNode:
    """One output of a student's cell, built again with only what renders as text or a
    picture (see the module's docstring)."""
    output = output if isinstance(output, dict) else {}
    kind = output.get("output_type")
    if kind == "stream":
        name = output.get("name") if output.get("name") in ("stdout", "stderr") else "stdout"
        return new_output("stream", name=name, text=plain(_text(output.get("text"))))
    if kind == "error":
        traceback = output.get("traceback") if isinstance(output.get("traceback"), list) else []
        return new_output("error", ename=plain(_text(output.get("ename"))),
                          evalue=plain(_text(output.get("evalue"))),
                          traceback=[plain(_text(line)) for line in traceback])
    if kind in ("display_data", "execute_result"):
        return _rich(output)
    return new_output("stream", name="stdout",
                      text=f"[an output of type {plain(str(kind))[:60]!r} not shown by the grader]\n")


def inert_outputs(outputs: Iterable[Any]) -> list[NotebookNode]:
    """`inert_output` of each output, in order."""
    return [inert_output(output) for output in outputs or ()]
