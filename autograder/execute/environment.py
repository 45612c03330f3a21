"""Imports that fail because the grading environment lacks a package, not because of the work.

A student's kernel runs in the grader's own Python (`autograder.execute.kernel`), with the
packages the project installs (``pyproject.toml``: the course platform's pandas, SciPy,
matplotlib, Pillow, scikit-learn …). A notebook that imports anything else fails with
``ModuleNotFoundError`` here although it ran on the student's machine; its feedback names the
grader's environment as the cause, so that the student asks the instructor instead of
hunting for a mistake of their own. A module that exists only on one platform (the older
course's ``from google.colab import files`` cell, which downloads ``history.pkl`` on Colab)
is named as that platform's (`platform_of`): no instructor can install it.
"""

from __future__ import annotations

import importlib.util
import re

__all__ = ["missing_package", "platform_of"]

_NO_MODULE = re.compile(r"No module named '([A-Za-z_][\w.]*)'")

#: Modules that exist only on a notebook platform, with the platform's name.
_PLATFORM_ONLY = {"google.colab": "Google Colab"}


def platform_of(package: str) -> str | None:
    """The platform `package` exists only on (``"google.colab"`` → ``"Google Colab"``)."""
    return _PLATFORM_ONLY.get(package)


def _package(name: str) -> str:
    """The installable package a dotted module name belongs to: its first part, or its first
    two where the first is a namespace shared by many distributions (``google.colab``,
    ``google.protobuf``)."""
    parts = name.split(".")
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        return parts[0]
    namespace = spec is not None and spec.origin is None and spec.submodule_search_locations
    return ".".join(parts[:2]) if namespace and len(parts) > 1 else parts[0]


def missing_package(ename: str, evalue: str) -> str | None:
    """The top-level package a failed import names, when this Python does not have it.

    Args:
        ename: The exception's class name (``"ModuleNotFoundError"``, ``"ImportError"``).
        evalue: Its message (``"No module named 'pandas'"``).

    Returns:
        The package's name (``"pandas"``; ``"google.colab"`` below the shared ``google``
        namespace), or None when the error is not a missing module or
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
    top = _package(found.group(1))
    try:
        installed = importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        installed = False
    return None if installed else top
