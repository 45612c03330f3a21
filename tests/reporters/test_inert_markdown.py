"""A student's Markdown and raw cells hold no live HTML by the time nbgrader renders them.

Each way a Markdown cell can carry HTML (tags, event handlers, frames, comments, links to
``javascript:``, HTML inside a paragraph, a table, after an escaped backtick) is rendered by
nbconvert's HTML exporter (nbgrader's feedback and formgrader use it) as text; Markdown
itself, code spans with ``<`` included, renders as it did; raw cells are escaped.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbconvert import HTMLExporter
from nbformat.v4 import new_markdown_cell, new_notebook, new_raw_cell

from autograder.nbgrader_preprocessor import InertMarkdown
from autograder.reporters.inert_markdown import inert_markdown, inert_raw, renders_inert
from tests.conftest import ROOT
from tests.reporters.live_html import live_html

PWNED = "document.title='pwned'"
ATTACKS = {
    "script": f"<script>{PWNED}</script>",
    "image handler": f'<img src=x onerror="{PWNED}">',
    "frame": f"<iframe src=\"javascript:{PWNED}\"></iframe>",
    "svg": f"<svg onload=\"{PWNED}\"></svg>",
    "inline": f"Some text <b onmouseover=\"{PWNED}\">bold</b> and more.",
    "block in div": f"<div>\n\n<script>{PWNED}</script>\n\n</div>",
    "comment": f"<!-- hidden --><script>{PWNED}</script>",
    "escaped backticks": f"\\`<script>{PWNED}</script>\\`",
    "table": f"| a | b |\n|---|---|\n| <img src=x onerror=\"{PWNED}\"> | y |",
    "markdown link": f"[click me](javascript:{PWNED})",
    "markdown link with spaces": f"[click me]( JaVaScRiPt:{PWNED} )",
    "autolink": f"<javascript:{PWNED}>",
    "image source": f"![x](javascript:{PWNED})",
    "not a fence": f"``` a`b\n<script>{PWNED}</script>\n```",
    "fence closed early": f"~~~\ncode\n~~~\n<script>{PWNED}</script>\n~~~",
    "math then html": f"$x$ <script>{PWNED}</script> $y$",
}
MARKDOWN = ("# Notes\n\nSome *emphasis*, **bold** and `source_dir/<class>/` with a < b.\n\n"
            "> a quote\n\n- one\n- two\n\n1. first\n\n[a link](https://example.org) "
            "![a picture](figure.png)\n\n| a | b |\n|:--|--:|\n| 1 | `<y>` |\n\n"
            "```python\nif a < b:\n    print('<b>')\n```\n\n$x < y$ and $$a<b$$\n")


def _page(*cells) -> str:
    return HTMLExporter().from_notebook_node(new_notebook(cells=list(cells)))[0]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_an_attack_renders_as_text(name):
    assert live_html(_page(new_markdown_cell(ATTACKS[name]))), "the attack must be live as is"

    inert = inert_markdown(ATTACKS[name])

    assert renders_inert(inert)
    assert live_html(_page(new_markdown_cell(inert))) == []


@pytest.mark.parametrize("html", [f'<a href="jav&#x09;ascript:{PWNED}">x</a>',
                                  f'<a href=" JAVASCRIPT:{PWNED}">x</a>',
                                  "<img src='data:image/svg+xml;base64,PHN2Zz4='>",
                                  "<a href='https://example.org' onclick='x()'>x</a>",
                                  "<video src='https://example.org/v.mp4'></video>"])
def test_the_rendered_check_refuses_what_markdown_does_not_write(html):
    assert not renders_inert(html)
    assert renders_inert("[x](https://example.org) [y](page.html#top) [z](mailto:a@b.c)")


def test_markdown_renders_as_it_did():
    assert inert_markdown(MARKDOWN) == MARKDOWN.replace("a < b.", "a &lt; b.")
    before, after = new_markdown_cell(MARKDOWN), new_markdown_cell(inert_markdown(MARKDOWN))
    after["id"] = before["id"]
    assert _page(after) == _page(before)


def test_the_courses_markdown_is_kept_as_written():
    for path in sorted((ROOT / "release").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert inert_markdown(cell.source) == cell.source, (path.name, cell.source)


def test_a_raw_cell_is_shown_as_written():
    """nbconvert's own templates clean a raw cell's HTML; any other renderer of the graded
    notebook (a notebook server, another template) gets it escaped."""
    source = ATTACKS["script"] + "\n" + ATTACKS["image handler"]
    inert = inert_raw(source)
    assert "<" not in inert and "&lt;script&gt;" in inert
    cell = new_raw_cell(inert, metadata={"raw_mimetype": "text/html"})
    assert live_html(_page(cell)) == []


def test_the_preprocessor_treats_every_markdown_and_raw_cell():
    nb = new_notebook(cells=[new_markdown_cell(ATTACKS["script"]), new_raw_cell(ATTACKS["frame"]),
                             new_markdown_cell(MARKDOWN)])
    nb, _ = InertMarkdown().preprocess(nb, {})
    assert live_html(HTMLExporter().from_notebook_node(nb)[0]) == []
    assert re.search(r"&lt;script>", nb.cells[0].source)
    assert nb.cells[2].source == inert_markdown(MARKDOWN)
