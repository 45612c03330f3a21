r"""Student text made inert wherever the grader prints or writes it.

A submission controls much of what a grader shows: exception messages, printed output,
file and folder names, nbgrader student ids. Shown raw, that text acts on what shows it:
escape sequences clear an instructor's terminal or paint a fake score, GitHub Actions runs
lines that begin with ``::`` as workflow commands (``::add-mask::``, ``::stop-commands::``,
``::error ::``), Markdown and HTML render as links or markup, and a spreadsheet evaluates a
cell that begins with ``=``. Each function here defuses one of these; every reporter and
every printing command uses them.

Workflow commands are neutralised line by line (a leading ``::`` becomes ``\::``, and the
older ``##[`` form anywhere in a line ``##\[``), never by wrapping untrusted blocks in
``::stop-commands::<token>``: escaping needs no state, leaves no window between a block's
start and end, and also holds for text printed outside any block (file names, progress
lines). Only a line's own start counts, and the runner splits lines at ``\r`` as well as
``\n``: control characters are stripped first, so no ``\r`` is left to start a new line.

Example:

    >>> for_terminal("\x1b[2J\x1b[32mC2W1: 22 / 22 points\x1b[0m\n  ::add-mask::x")
    'C2W1: 22 / 22 points\n  \\::add-mask::x'
"""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO

__all__ = ["plain", "for_terminal", "echo", "markdown_inline", "spreadsheet_cell"]

#: ESC sequences: CSI (colours, cursor, clear screen), OSC (window titles, hyperlinks; ended
#: by BEL or ST), the character-set and two-character ones.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                     r"|[()*+][0-9A-Za-z]|[@-Z\\-_])")
#: C0 and C1 controls but tab and newline, DEL, and the Unicode marks that reorder text on
#: screen (bidirectional overrides and isolates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_COMMAND_LINE = re.compile(r"^([ \t]*)::", re.MULTILINE)
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&#!])")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(text: Any) -> str:
    r"""`text` without escape sequences or control characters; tab and newline are kept, and
    ``\r\n`` or a lone ``\r`` become a newline.

    Example:
        >>> plain("ok\x1b[2J\r\nnext\x07")
        'ok\nnext'
    """
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def for_terminal(text: Any) -> str:
    r"""`plain` text in which no line is a GitHub workflow command: for terminals and CI logs.

    Example:
        >>> for_terminal("::error ::forged\nok ##[warning]x")
        '\\::error ::forged\nok ##\\[warning]x'
    """
    return _COMMAND_LINE.sub(r"\1\\::", plain(text)).replace("##[", "##\\[")


def echo(text: Any = "", *, file: TextIO | None = None) -> None:
    r"""Prints `text` made `for_terminal` (stdout unless `file`), flushed."""
    print(for_terminal(text), file=file or sys.stdout, flush=True)


def markdown_inline(text: Any) -> str:
    r"""`plain` text that renders as itself in one line of GitHub Markdown, table cells
    included: every character Markdown or HTML gives a meaning inline is escaped with a
    backslash (so ``<frozen runpy>`` is text, never a tag, and a pipe never ends a cell);
    newlines become ``<br>``.

    Example:
        >>> markdown_inline("<frozen runpy> | `x` [a](b)")
        '\\<frozen runpy\\> \\| \\`x\\` \\[a\\](b)'
    """
    lines = plain(text).strip().split("\n")
    return "<br>".join(_MARKDOWN.sub(r"\\\1", line) for line in lines)


def spreadsheet_cell(value: Any) -> Any:
    r"""`value` as a CSV cell no spreadsheet evaluates and no terminal acts on: text is
    `plain`, and text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (also after leading blanks) gets a leading apostrophe (OWASP's CSV injection
    rule); numbers, and text that is a plain number such as ``"-3.5"``, are kept.

    Example:
        >>> [spreadsheet_cell(v) for v in ("=HYPERLINK(\"x\")", "-3.5", -2, "alice")]
        ['\'=HYPERLINK("x")', '-3.5', -2, 'alice']
    """
    if not isinstance(value, str):
        return value
    text = plain(value)
    stripped = text.lstrip()
    if (value.startswith(_FORMULA_START) or stripped.startswith(_FORMULA_START)) \
            and not _NUMBER.fullmatch(stripped):
        return "'" + text
    return text
