"""Small text helpers shared by the execute stage's reports and messages."""

from __future__ import annotations

import re

__all__ = ["first_line", "format_seconds", "keep_ends", "sentence", "shorten", "strip_ansi"]

# CSI sequences (colours, cursor moves), OSC sequences (IPython 9 hyperlinks) and
# two-character escapes: everything a terminal would interpret rather than print.
_ANSI_ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])"
)


def strip_ansi(text: str) -> str:
    """Removes terminal escape sequences, such as IPython's traceback colours.

    Args:
        text: Text that may contain ANSI escape sequences.

    Returns:
        The text as a reader without a terminal should see it.
    """
    return _ANSI_ESCAPE.sub("", text)


def first_line(source: str) -> str:
    """Returns the first non-blank line of a cell's source, stripped.

    Args:
        source: The cell source.

    Returns:
        That line, or "" for a blank cell.
    """
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return ""


def shorten(text: str, limit: int) -> str:
    """Cuts `text` to at most `limit` characters, marking the cut with "...".

    Args:
        text: Any text.
        limit: Maximum length of the result (at least 4).

    Returns:
        `text` itself when short enough, else its head followed by "...".
    """
    if len(text) <= limit:
        return text
    return text[: limit - 3].rstrip() + "..."


def keep_ends(text: str, limit: int) -> str:
    """Cuts `text` to at most `limit` characters by removing its middle, marked "\n...\n".

    A long exception message or traceback says where it started at its head and what went
    wrong at its tail (TensorFlow's ``indices[1] = 21 is not in [0, 10)`` comes last), so
    both ends are kept.

    Args:
        text: Any text.
        limit: Maximum length of the result (at least 10).

    Returns:
        `text` itself when short enough, else its first and last parts.
    """
    if len(text) <= limit:
        return text
    marker = "\n...\n"
    head = (limit - len(marker)) // 2
    tail = limit - len(marker) - head
    return text[:head] + marker + text[len(text) - tail:]


def format_seconds(seconds: float) -> str:
    """Formats a duration for students: "600 s", "2.5 s".

    Args:
        seconds: A non-negative duration.

    Returns:
        The duration with a unit, whole seconds from 10 s up.
    """
    if seconds >= 10:
        return f"{seconds:.0f} s"
    return f"{seconds:.1f}".removesuffix(".0") + " s"


def sentence(text: str) -> str:
    """Ends `text` with a full stop unless it already ends with punctuation.

    Args:
        text: A clause, possibly ending in ".", "!", "?" or ":".

    Returns:
        The text as a sentence.
    """
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."
