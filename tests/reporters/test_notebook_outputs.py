"""A student's outputs are text and pictures by the time nbgrader renders them.

Each active output type a notebook can hold (HTML, JavaScript, widgets, Markdown, SVG,
LaTeX, unknown ones) is dropped, a forged field (a stream name, a picture's data, an
execution count) that nbconvert writes into HTML unescaped is refused, and nbconvert's own
HTML exporter (nbgrader's feedback uses it) renders what is left without any of it.
"""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from autograder.nbgrader_preprocessor import copy_outputs
from autograder.reporters.notebook_outputs import inert_output, inert_outputs

SCRIPT = "<script>document.title='pwned'</script>"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 16).decode("ascii")
ACTIVE = {"text/html": SCRIPT, "application/javascript": "document.title='pwned'",
          "text/javascript": "document.title='pwned'",
          "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2},
          "text/markdown": f"[click](javascript:alert(1)) {SCRIPT}",
          "image/svg+xml": f"<svg onload=\"document.title='pwned'\">{SCRIPT}</svg>",
          "text/latex": "$\\href{javascript:alert(1)}{x}$", "application/x-evil": SCRIPT}


def _hostile_outputs() -> list:
    return [new_output("display_data", data={"text/plain": "<IPython.core.display.HTML object>",
                                             **ACTIVE}),
            new_output("execute_result", data={"image/png": PNG, "image/jpeg": f'x">{SCRIPT}'},
                       execution_count=3),
            new_output("stream", name="stdout", text="\x1b[32mC2W1: 22 / 22 points\x1b[0m\n"),
            {"output_type": "stream", "name": f'stdout">{SCRIPT}', "text": "x"},
            new_output("error", ename="ValueError", evalue="\x1b[31mred\x1b[0m",
                       traceback=["\x1b[31mTraceback\x1b[0m", SCRIPT]),
            {"output_type": f"<b>{SCRIPT}</b>", "data": {"text/html": SCRIPT}}]


def _runs_script(html: str) -> bool:
    """Whether `html` holds the student's script as a script (not as escaped text)."""
    return re.search(r"<script[^>]*>[^<]*document\.title='pwned'", html) is not None


@pytest.mark.parametrize("mime", sorted(ACTIVE))
def test_each_active_type_is_dropped_and_named(mime):
    output = inert_output(new_output("display_data", data={mime: ACTIVE[mime]}))
    assert list(output.data) == ["text/plain"]
    assert mime in output.data["text/plain"] and "not shown by the grader" in output.data[
        "text/plain"]


def test_text_and_pictures_are_kept_and_forged_fields_refused():
    shown, result, stream, forged_stream, error, unknown = inert_outputs(_hostile_outputs())
    assert shown.data["text/plain"].startswith("<IPython.core.display.HTML object>\n[")
    assert result.data == {"image/png": PNG, "text/plain": "[not shown by the grader: "
                           "image/jpeg; only text and pictures are kept]"}
    assert result.execution_count == 3
    assert stream.text == "C2W1: 22 / 22 points\n" and forged_stream.name == "stdout"
    assert error.evalue == "red" and error.traceback == ["Traceback", SCRIPT]
    assert unknown.output_type == "stream" and "not shown" in unknown.text
    for output in (shown, result, stream, forged_stream, error, unknown):
        nbformat.validate(new_notebook(cells=[new_code_cell(outputs=[output])]))


def test_nbconvert_renders_the_outputs_without_the_students_html(tmp_path):
    from nbconvert import HTMLExporter

    before = new_notebook(cells=[new_code_cell("x", outputs=_hostile_outputs()[:-1])])
    raw, _ = HTMLExporter().from_notebook_node(before)
    assert _runs_script(raw)  # unchanged, the page would run the student's script
    after = new_notebook(cells=[new_code_cell("x", outputs=inert_outputs(_hostile_outputs()))])
    html, _ = HTMLExporter().from_notebook_node(after)
    assert not _runs_script(html) and SCRIPT not in html and "<svg onload" not in html
    assert "\x1b" not in html and "class=\"ansi-green-fg\"" not in html
    assert "javascript:alert" not in html.replace("javascript:alert(1)]", "")  # text only
    assert f"data:image/png;base64,{PNG}" in html


def test_copy_outputs_copies_inert_outputs_only():
    nb = new_notebook(cells=[new_code_cell("display(HTML(...))")])
    executed = new_notebook(cells=[new_code_cell("x", execution_count=5)])
    executed.cells[0].outputs = _hostile_outputs()  # as read from the grader's file
    assert copy_outputs(nb, executed)
    (cell,) = nb.cells
    assert cell.execution_count == 5 and len(cell.outputs) == len(_hostile_outputs())
    assert all(set(o.get("data", {})) <= {"text/plain", "image/png", "image/jpeg", "image/gif"}
               for o in cell.outputs)
    executed.cells[0].execution_count = "<b>5</b>"
    copy_outputs(nb, executed)
    assert nb.cells[0].execution_count is None
    nb.cells[0].outputs = _hostile_outputs()[:-1]  # outputs nb already held, cells differ
    assert not copy_outputs(nb, new_notebook(cells=[]))
    assert all(set(o.get("data", {})) <= {"text/plain", "image/png"} for o in nb.cells[0].outputs)
