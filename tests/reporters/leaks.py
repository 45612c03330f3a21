"""Finding held-out images in what a student is given, and live text in what is printed.

Every output a student reads is text: HTML with ``data:`` URIs, JSON with base64 thumbnails,
a base64 reporter payload holding more JSON. `embedded_pngs` digs out every PNG in such text,
at any depth of base64; `heldout_leaks` says which of them shows a held-out image: byte for
byte the grader's thumbnail of one, or drawn into a figure, found by the canary colour the
test's held-out images are painted with (a colour no figure of the reports uses).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from pathlib import Path

from PIL import Image

__all__ = ["CANARY_RGB", "embedded_pngs", "canary_pixels", "heldout_leaks", "student_outputs",
           "thumbnails_of", "assert_terminal_safe"]

CANARY_RGB = (255, 0, 255)
"""The colour the tests' held-out images are painted with (pure magenta)."""
_PNG = b"\x89PNG\r\n\x1a\n"
_BASE64 = re.compile(r"[A-Za-z0-9+/]{64,}={0,2}")
_MIN_CANARY_PIXELS = 16


def embedded_pngs(text: str, depth: int = 3) -> list[bytes]:
    """Every PNG in `text` written as base64, also inside base64-encoded text."""
    found = []
    for match in _BASE64.finditer(text):
        blob = match.group(0)
        try:
            data = base64.b64decode(blob + "=" * (-len(blob) % 4))
        except (binascii.Error, ValueError):
            continue
        if data.startswith(_PNG):
            found.append(data)
        elif depth > 0:
            try:
                found += embedded_pngs(data.decode("utf-8"), depth - 1)
            except UnicodeDecodeError:
                continue
    return found


def canary_pixels(png: bytes) -> int:
    """How many pixels of `png` have (nearly) the canary colour."""
    with Image.open(io.BytesIO(png)) as image:
        pixels = image.convert("RGB").getdata()
    return sum(r > 225 and g < 40 and b > 225 for r, g, b in pixels)


def heldout_leaks(outputs: dict[str, str], *, thumbnails: set[bytes],
                  names: list[str], canary: bool = True) -> list[str]:
    """What in `outputs` shows the held-out set: ``"<output>: <how>"`` per finding.

    Args:
        outputs: each student-facing output by name, as text.
        thumbnails: the grader's thumbnail of every held-out image (PNG bytes).
        names: held-out file names, none of which may appear.
        canary: whether the held-out images are painted with `CANARY_RGB` (the tests'
            own images), so that a figure drawing one is found too.
    """
    leaks = []
    for where, text in outputs.items():
        leaks += [f"{where}: names {name}" for name in names if name in text]
        for png in embedded_pngs(text):
            if png in thumbnails:
                leaks.append(f"{where}: a held-out image's thumbnail")
            elif canary and canary_pixels(png) >= _MIN_CANARY_PIXELS:
                leaks.append(f"{where}: a figure drawing held-out images")
    return leaks


def student_outputs(result) -> dict[str, str]:
    """Every output a student is given for `result`, by name, as text: the HTML report, the
    Markdown summary, the CI result formats, the text feedback, the result file itself (the
    CI's feedback artifact holds it) and nbgrader's test cells."""
    import json

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from autograder.nbgrader_preprocessor import fill_test_cells
    from autograder.reporters import (classroom_result, gradescope_results, markdown_summary,
                                      render_html_report, reporter_base64, student_feedback)
    from autograder.results import to_dict

    cells = [new_code_cell("pass", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": check.check_id,
        "points": check.max_points}}) for check in result.checks]
    notebook = new_notebook(cells=cells)
    fill_test_cells(notebook, result)
    return {"html": render_html_report(result), "markdown": markdown_summary(result),
            "classroom": json.dumps(classroom_result(result)),
            "reporter": reporter_base64(result),
            "gradescope": json.dumps(gradescope_results(result)),
            "text": student_feedback(result), "result": json.dumps(to_dict(result)),
            "nbgrader": nbformat.writes(notebook)}


def thumbnails_of(folder: Path) -> set[bytes]:
    """The grader's thumbnail of every image below `folder`."""
    from autograder.evaluation.evidence import thumbnail_png

    return {base64.b64decode(thumbnail_png(path)) for path in sorted(Path(folder).rglob("*"))
            if path.suffix.lower() in (".png", ".jpg", ".jpeg")}


def assert_terminal_safe(text: str) -> None:
    """Fails unless `text` is inert on a terminal and in a CI log: no escape sequence or
    control character (but newline and tab), no bidirectional override, no line that a
    GitHub runner reads as a workflow command (``::…`` or ``##[…``)."""
    assert "\x1b" not in text and "\r" not in text and "\x9b" not in text
    assert not [c for c in text if ord(c) < 32 and c not in "\n\t"]
    assert "\u202e" not in text and "\u2066" not in text
    commands = [line for line in text.split("\n") if line.lstrip().startswith("::")]
    assert not commands, commands
    assert "##[" not in text
