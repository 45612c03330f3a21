"""Imports that fail because the grading environment lacks a package, not because of the work.

A student's kernel runs in the grader's own Python (`autograder.execute.kernel`), with the
packages the project installs (``pyproject.toml``: the course platform's pandas, SciPy,
matplotlib, Pillow, scikit-learn …). A notebook that imports anything else fails with
``ModuleNotFoundError`` here although it ran on the student's machine; its feedback names the
grader's environment as the cause, so that the student asks the instructor instead of
hunting for a mistake of their own.
"""

from __future__ import annotations

import importlib.util
import re

__all__ = ["missing_package"]

_NO_MODULE = re.compile(r"No module named '([A-Za-z_][\w.]*)'")


def missing_package(ename: str, evalue: str) -> str | None:
    """The top-level package a failed import names, when this Python does not have it.

    Args:
        ename: The exception's class name (``"ModuleNotFoundError"``, ``"ImportError"``).
        evalue: Its message (``"No module named 'pandas'"``).

    Returns:
        The package's name (``"pandas"``), or None when the error is not a missing module or
        the package is installed (``No module named 'keras.api._v2'`` is a module Keras 3 no
        longer has: the notebook's code, not the environment).

    Example:
        >>> missing_package("ModuleNotFoundError", "No module named 'no_such_package.sub'")
        'no_such_package'
    """
    if ename not in ("ModuleNotFoundError", "ImportError"):
        return None
    found = _NO_MODULE.search(evalue)
    if found is None:
        return None
    top = found.group(1).split(".")[0]
    try:
        installed = importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        installed = False
    return None if installed else top
