"""Text helpers for reports (no kernel)."""

from __future__ import annotations

import pytest

from autograder.execute._text import first_line, format_seconds, sentence, shorten, strip_ansi


def test_strip_ansi_removes_colours_and_hyperlinks():
    coloured = "\x1b[0;31mValueError\x1b[0m: bad \x1b]8;;file:///x.py\x1b\\x.py\x1b]8;;\x1b\\ \x1b[1;32mok"

    assert strip_ansi(coloured) == "ValueError: bad x.py ok"


@pytest.mark.parametrize("seconds, text", [(600, "600 s"), (2.5, "2.5 s"), (3, "3 s"), (37.28, "37 s")])
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_shorten_and_first_line():
    assert shorten("abcdefghij", 8) == "abcde..."
    assert shorten("abc", 8) == "abc"
    assert first_line("\n  \n  x = 1  \ny = 2") == "x = 1"
    assert first_line("   ") == ""


@pytest.mark.parametrize("text, expected", [("done", "done."), ("done.", "done."), ("why?", "why?")])
def test_sentence(text, expected):
    assert sentence(text) == expected
