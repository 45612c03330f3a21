"""What happened when a submission's notebook was executed.

Both classes are frozen and JSON-ready: `ExecutionReport.to_dict()` gives plain
dicts, lists, strings and numbers tagged with `schema_version`, and
`ExecutionReport.from_dict()` reads them back. Rendering (HTML, Gradescope) is
the reporters' job, not theirs; `student_message()` only words one failure.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Mapping

from autograder.execute._text import first_line, sentence, shorten
from autograder.execute.cause import explain, student_line
from autograder.execute.environment import missing_package, platform_of

__all__ = ["FAILURE_KINDS", "HIDDEN_CELL", "SCHEMA_VERSION", "STATUSES", "CellFailure", "ExecutionReport"]

SCHEMA_VERSION = 1
"""Version of the dict layout written by `ExecutionReport.to_dict()`."""

FAILURE_KINDS = ("error", "timeout", "dead_kernel", "limit")
"""Values of `CellFailure.kind`."""

STATUSES = (
    "completed",
    "cell_errors",
    "timed_out",
    "kernel_died",
    "limit_exceeded",
    "invalid_notebook",
    "kernel_failed_to_start",
)
"""Values of `ExecutionReport.status`."""

HIDDEN_CELL = -1
"""`CellFailure.cell_index` of the grader's hidden prelude and epilogue cells."""

_HEAD_IN_MESSAGE = 60


@dataclass(frozen=True)
class CellFailure:
    """One cell that did not run to completion."""

    cell_index: int
    """Index of the cell in the submitted notebook's `cells` (0-based, markdown cells
    included); `HIDDEN_CELL` (-1) for the grader's prelude or epilogue."""
    kind: str
    """"error" (the cell raised), "timeout" (it ran too long and was stopped),
    "dead_kernel" (the kernel process died while the cell ran) or "limit" (it went past
    a sandbox cap on memory, processes or disk, and the sandbox was killed)."""
    ename: str
    """Exception class name, e.g. "ValueError"; "" for timeouts and dead kernels."""
    evalue: str
    """Exception message without ANSI colours; for timeouts, what happened in words
    ("ran for more than 600 s and was stopped"); for limits, the cap it went past
    ("used more than 6 GiB of memory, so the grader stopped it"); "" for dead kernels."""
    traceback: str
    """Full traceback without ANSI colours, for instructors; "" when there is none."""
    source_head: str
    """First non-blank line of the cell's source, to name the cell to a student;
    "" for hidden cells, whose code students never see."""

    def __post_init__(self) -> None:
        if self.kind not in FAILURE_KINDS:
            raise ValueError(f"Expected CellFailure.kind in {FAILURE_KINDS}. Received: {self.kind!r}.")

    @classmethod
    def for_cell(cls, cell_index: int, source: str, *, kind: str, ename: str = "", evalue: str = "",
                 traceback: str = "") -> CellFailure:
        """Builds a failure, naming the cell by its source unless it is hidden.

        Args:
            cell_index: See `cell_index`.
            source: The cell's full source.
            kind: See `kind`.
            ename: See `ename`.
            evalue: See `evalue`.
            traceback: See `traceback`.

        Returns:
            The failure.
        """
        head = "" if cell_index == HIDDEN_CELL else first_line(source)
        return cls(cell_index, kind, ename, evalue, traceback, head)

    def student_message(self) -> str:
        """Words this failure for a student: what happened and in which cell.

        Returns:
            One or two sentences that name the cell by its position (1-based, as a
            student counts cells) and its first line, the line of it that raised, and the
            exception's type and the lines of its message that explain it (`explain`: the
            last ones, bounded, without the paths of Python, the grader or the sandbox);
            never the grader's code.
        """
        if self.kind == "dead_kernel":
            where = "the grader's code" if self._hidden else self._where().replace("Cell", "cell", 1)
            return (f"The notebook's kernel died while running {where}: this usually means "
                    "it ran out of memory or called exit().")
        if self.kind in ("timeout", "limit"):
            return sentence(f"{self._where()} {self.evalue}")
        # the grader's own cells never name what they import (the grader's internals)
        package = None if self._hidden else missing_package(self.ename, self.evalue)
        if package is not None and platform_of(package):
            return (f"{self._where()} could not import `{package}`, which exists only on "
                    f"{platform_of(package)}, so that cell cannot run where notebooks are "
                    "graded. This is not a mistake in your notebook; if that cell also does "
                    "the assignment's work, move the work to a cell of its own.")
        if package is not None:
            return (f"{self._where()} could not import `{package}`: the grading environment "
                    f"does not have the package `{package}`. This is not a mistake in your "
                    "notebook; tell your instructor, who can add it to the grader.")
        cause = explain(self.evalue)
        return sentence(f"{self._where()} raised {self.ename}{self._at_line()}"
                        + (f": {cause}" if cause else ""))

    def _at_line(self) -> str:
        """`` at line 7 (`history = model.fit(`)``: the student's own line that raised."""
        found = None if self._hidden else student_line(self.traceback)
        if found is None:
            return ""
        number, code = found
        if code == self.source_head:
            return ""  # the cell's first line, already quoted
        return f" at line {number}" + (f" (`{shorten(code, _HEAD_IN_MESSAGE)}`)" if code else "")

    @property
    def _hidden(self) -> bool:
        return self.cell_index == HIDDEN_CELL

    def _where(self) -> str:
        if self._hidden:
            return "The grader's code that runs with your notebook"
        where = f"Cell {self.cell_index + 1}"
        return f"{where} (`{shorten(self.source_head, _HEAD_IN_MESSAGE)}`)" if self.source_head else where

    def to_dict(self) -> dict[str, Any]:
        """Returns the failure as a JSON-ready dict."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CellFailure:
        """Reads a failure written by `to_dict()`.

        Raises:
            ValueError: When keys are missing or `kind` is unknown.
        """
        return cls(**_known_fields(cls, d))


@dataclass(frozen=True)
class ExecutionReport:
    """How the execution of one submitted notebook went."""

    status: str
    """One of `STATUSES`: "completed" (every cell ran without error), "cell_errors"
    (some cells raised or were stopped, later cells still ran), "timed_out" (time ran
    out, or a stopped cell ignored the interrupt, so later cells were not run),
    "kernel_died", "limit_exceeded" (a sandbox cap on memory, processes or disk was
    passed, so the run was ended), "invalid_notebook" or "kernel_failed_to_start" (the kernel
    did not start, or the grader's prelude could not prepare it)."""
    message: str
    """A student-readable summary of the run: what happened, where, how to fix it."""
    duration_s: float
    """Wall time of the whole execution, kernel start-up included, in seconds."""
    cells_total: int
    """Number of code cells in the submitted notebook."""
    cells_run: int
    """Code cells sent to the kernel, whether or not they succeeded (skipped, blank
    and never-reached cells are not counted)."""
    failures: tuple[CellFailure, ...]
    """Failures of the student's cells, in the order they happened."""
    prelude_failure: CellFailure | None
    """Failure of the grader's hidden first cell, if it failed."""
    epilogue_ran: bool
    """Whether the grader's hidden last cell (which exports artifacts) was started."""
    epilogue_failure: CellFailure | None
    """Failure of the grader's hidden last cell, if it failed."""
    phase_s: Mapping[str, float] = field(default_factory=dict)
    """Wall seconds of each phase that ran, in order: "start" (the kernel), "prelude",
    "cells" (the student's), "export" (the epilogue), "shutdown"; for telling the
    student's time from the grader's (``bench/``). Empty in reports written before it."""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Expected ExecutionReport.status in {STATUSES}. Received: {self.status!r}.")
        object.__setattr__(self, "failures", tuple(self.failures))

    def to_dict(self) -> dict[str, Any]:
        """Returns the report as a JSON-ready dict tagged with `schema_version`."""
        d: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        d.update({f.name: getattr(self, f.name) for f in fields(self)})
        d["failures"] = [failure.to_dict() for failure in self.failures]
        d["phase_s"] = dict(self.phase_s)
        for key in ("prelude_failure", "epilogue_failure"):
            d[key] = d[key].to_dict() if d[key] is not None else None
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ExecutionReport:
        """Reads a report written by `to_dict()`.

        Args:
            d: The dict, e.g. from `json.load`.

        Returns:
            An equal report.

        Raises:
            ValueError: When `schema_version` is not `SCHEMA_VERSION` or keys are missing.
        """
        if d.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"Expected an execution report with schema_version {SCHEMA_VERSION}. "
                             f"Received: {d.get('schema_version')!r}.")
        values = _known_fields(cls, d)
        values["failures"] = tuple(CellFailure.from_dict(f) for f in values["failures"])
        for key in ("prelude_failure", "epilogue_failure"):
            if values[key] is not None:
                values[key] = CellFailure.from_dict(values[key])
        return cls(**values)


def _known_fields(cls: type, d: Mapping[str, Any]) -> dict[str, Any]:
    names = [f.name for f in fields(cls)]
    missing = [f.name for f in fields(cls) if f.name not in d
               and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        raise ValueError(f"Expected a {cls.__name__} dict with keys {names}. Missing: {missing}.")
    return {name: d[name] for name in names if name in d}
