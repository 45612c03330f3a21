"""The cause of a crash in a student's words: the exception's own last lines, no machinery.

An exception from deep inside TensorFlow arrives as thousands of characters: ``Graph
execution error``, ``Detected at node … defined at (most recent call last)``, forty frames of
``File "<frozen runpy>"`` and ``…/site-packages/keras/…``, and only then, last, the line that
explains it (``indices[1] = 21 is not in [0, 10)``), followed by the op's name. The head of
such a message explains nothing. `explain` keeps the lines that carry meaning, last ones
first, within a bound; `without_paths` removes the folders of the Python installation, the
grader and the grading run's scratch folder (the sandbox's working folder), which say
nothing to a student and something about the grader. `student_line` finds the student's own
line that raised, in the traceback.

Example:

    >>> explain('Graph execution error:\\n\\nDetected at node x defined at (most recent '
    ...         'call last):\\n  File "<frozen runpy>", line 198, in _run_module_as_main\\n\\n'
    ...         'indices[1] = 21 is not in [0, 10)\\n\\t [[{{node x}}]] [Op:__inference_f_1]')
    'indices[1] = 21 is not in [0, 10)'
"""

from __future__ import annotations

import re
import site
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from autograder.execute._text import shorten, strip_ansi

__all__ = ["CAUSE_LIMIT", "explain", "student_line", "without_paths"]

CAUSE_LIMIT = 300
"""Most characters of an exception's message a student message keeps."""

#: Lines of an exception's message that are machinery, not meaning: TensorFlow's graph
#: preamble and op names, traceback frames and their code, Keras' call headers and the
#: arguments it echoes.
_NOISE = re.compile(
    r"^\s*(?:Graph execution error:?"
    r"|Detected at node .*"
    r"|File \".*\", line \d+.*|File .*, line \d+, in .*"
    r"|\[\[\{\{node .*|\[Op:\S+\].*|.*\[\[\{\{node .*\}\}\]\].*"
    r"|Traceback \(most recent call last\):"
    r"|Exception encountered when calling .*"
    r"|Arguments received by .*|[•\-*] \w+=.*"
    r"|-*-> ?\d+ .*|\^+|~+)\s*$")
#: A scratch folder of one grading (``<work_root>/C2W4-1a2b3c4d5e6f``) and the part of it the
#: kernel worked in: a student sees their own folder as ``.``.
_SCRATCH = re.compile(r"(?:/[^\s'\"/:,()\[\]]+)*/[A-Za-z0-9_]+-[0-9a-f]{12}"
                      r"(?:/(?:work|data)(?=/|\b))?/?")
_SITE_PACKAGES = re.compile(r"(?:/[^\s'\"/:,()\[\]]+)*/(?:site|dist)-packages/")


@lru_cache(maxsize=1)
def _installation_roots() -> tuple[str, ...]:
    """Folders of the Python installation and the grader's code, longest first."""
    roots = {Path(__file__).resolve().parents[2], Path(sys.prefix), Path(sys.base_prefix),
             Path(sys.exec_prefix)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(Path(path))
    try:
        roots.update(Path(path) for path in site.getsitepackages())
    except AttributeError:  # virtualenv's old site module
        pass
    names = {str(root) for root in roots} | {str(root.resolve()) for root in roots}
    return tuple(sorted((name for name in names if len(name) > 1), key=len, reverse=True))


def without_paths(text: str) -> str:
    """`text` with the folders of the Python installation, the grader and the grading run's
    scratch folder removed from every path in it (``…/site-packages/keras/src/x.py`` becomes
    ``keras/src/x.py``; a file of the student's working folder keeps its relative name).

    Args:
        text: Any text, e.g. an exception's message.

    Returns:
        The text with those folders cut out of its paths.
    """
    text = _SITE_PACKAGES.sub("", text)
    text = _SCRATCH.sub("", text)
    for root in _installation_roots():
        text = text.replace(root + "/", "").replace(root, "")
    return text


def _meaningful(evalue: str) -> list[str]:
    lines = [line.strip() for line in strip_ansi(evalue).splitlines()]
    return [line for line in lines if line and not _NOISE.match(line)]


def explain(evalue: str, *, limit: int = CAUSE_LIMIT) -> str:
    """The lines of an exception's message that say what went wrong, at most `limit`
    characters: its last meaningful lines (the explanation comes last in TensorFlow's and
    Keras' long messages), with traceback frames, graph preambles and paths removed.

    Args:
        evalue: The exception's message, as the kernel reported it.
        limit: Most characters kept (at least 4).

    Returns:
        One line; ``""`` for a message of machinery only (the exception's type then says
        what there is to say).
    """
    kept: list[str] = []
    for line in reversed(_meaningful(evalue)):
        line = without_paths(line)
        if kept and len(" ".join([line, *kept])) > limit:
            break
        kept.insert(0, line)
    return shorten(" ".join(kept), limit)


_CELL_FRAME = re.compile(r"^(?:Cell In ?\[\d*\]|Input In ?\[\d*\]|File <ipython-input-[^>]*>)"
                         r", line (\d+)", re.MULTILINE)
_ARROW = re.compile(r"^-*> ?(\d+)\s(.*)$", re.MULTILINE)


def student_line(traceback: str) -> tuple[int, str] | None:
    """The line of the student's cell that raised: ``(line number, code)`` of the last frame
    of the traceback that is in a notebook cell, or None when there is none (a syntax
    error, a traceback from the grader's own code).

    Args:
        traceback: The cell's traceback, as the kernel reported it.
    """
    text = strip_ansi(traceback)
    frames = list(_CELL_FRAME.finditer(text))
    if not frames:
        return None
    last = frames[-1]
    following = text[last.end():]
    next_frame = re.search(r"^(?:File |Cell In|Input In)", following, re.MULTILINE)
    body = following[:next_frame.start()] if next_frame else following
    for arrow in _ARROW.finditer(body):
        if arrow.group(1) == last.group(1):
            return int(arrow.group(1)), arrow.group(2).strip()
    return int(last.group(1)), ""
