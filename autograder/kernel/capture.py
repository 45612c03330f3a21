"""Quiet, guarded calls into student code, used inside the student's kernel.

Student code may print, warn, or raise. What it prints is kept (students like to see
their own messages in feedback); TensorFlow's and Python's warnings are not, so that
stderr noise never costs points in nbgrader test cells.
"""

from __future__ import annotations

import contextlib
import io
import traceback
import warnings
from typing import Any, Callable, Mapping

__all__ = ["quietly", "describe_exception", "Guarded", "function_in", "call_in",
           "fitting_arguments"]


class Guarded(Exception):
    """Raised when an exporter must stop; its message is for the student."""

    def __init__(self, feedback: str, detail: str = "", summary: str = "", *,
                 absent: bool = False):
        super().__init__(feedback)
        self.feedback = feedback
        self.detail = detail
        self.summary = summary or feedback
        """What happened, without the advice (to embed in a longer message)."""
        self.absent = absent
        """The notebook never made what is exported (no such function, variable or
        history), as opposed to making it and it failing: after a cell that failed, the
        grader says the check was not graded rather than what is missing."""


def describe_exception(call: str, error: BaseException) -> Guarded:
    """Wraps an exception raised by student code into a student-facing message."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    summary = (f"{call} raised {type(error).__name__}" + (f": {message}" if message else ""))[:1000]
    advice = ". Run that cell in your notebook, read the error and fix it."
    return Guarded(summary + advice, traceback.format_exc(), summary)


def quietly(call: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str]:
    """Calls student code with warnings silenced and stdout/stderr captured.

    Args:
        call: how to name the call to a student, e.g. ``"create_model()"``.
        function: the student's function.

    Returns:
        ``(return value, captured stdout)``.

    Raises:
        Guarded: if the student's function raised.
    """
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        warnings.simplefilter("ignore")
        try:
            value = function(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any student error becomes feedback
            raise describe_exception(call, error) from None
    return value, out.getvalue()[-4000:]


def function_in(namespace: Mapping[str, Any], name: str) -> Any:
    """The notebook's function `name`.

    Raises:
        Guarded: if the notebook defines no callable by that name.
    """
    function = namespace.get(name)
    if not callable(function):
        raise Guarded(f"`{name}` is not defined. Run the cell where you define it, and keep "
                      f"the name `{name}` exactly as the assignment gives it.", absent=True)
    return function


def call_in(namespace: Mapping[str, Any], function: str, args: tuple[str, ...] = ()
            ) -> tuple[Any, str]:
    """Calls the student's `function` with the notebook's variables named in `args`
    (``create_final_model(pre_trained_model, last_output)``); returns (value, printed)."""
    make = function_in(namespace, function)
    values = []
    for name in args:
        if name not in namespace:
            raise Guarded(f"`{name}` is not defined, so {function}() could not be called with "
                          f"it. Run the cell that defines `{name}` before this one.", absent=True)
        values.append(namespace[name])
    return quietly(f"{function}({', '.join(args)})", make, *values)


def fitting_arguments(make: Callable[..., Any], args: tuple[str, ...]) -> tuple[str, ...]:
    """`args`, or none for a function that takes none: generations of the course differ
    (the image-folder ``train_val_datasets()`` reads its folders itself; the older Week 3
    ``create_pre_trained_model(local_weights_file)`` is given the weights file)."""
    import inspect

    try:
        signature = inspect.signature(make)
    except (TypeError, ValueError):  # no signature to tell: the call reports what it misses
        return args
    for candidate in (args, ()):
        try:
            signature.bind(*candidate)
        except TypeError:
            continue
        return candidate
    return args
