"""The export cell the grader adds to a submission, written on the grader's side.

The cell imports only `autograder.kernel` (nothing else of the grader enters the student's
kernel) and hands it what to export as data: a JSON literal with each artifact's exporter
and parameters, those of the assignment's declaration merged with what this grading's
fixtures drew for the kernel (a fixture's answer key may carry ``kernel_params``, e.g. the
callback's probe values, drawn afresh for every grading).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = ["kernel_exports", "epilogue_code", "export_artifacts"]


def kernel_exports(spec, fixtures: Mapping[str, Any] | None = None,
                   only: Iterable[str] | None = None) -> list[dict]:
    """What the kernel exports for `spec`, as plain data (JSON-ready).

    Args:
        spec: the `Assignment`.
        fixtures: what `autograder.pipeline.place_fixtures` returned for this grading.
        only: names of artifacts to export (default: all the assignment declares).

    Returns:
        ``{"name", "exporter", "params"}`` per artifact, in the declared order.
    """
    wanted = set(only) if only is not None else None
    fixtures = fixtures or {}
    exports = []
    for artifact in spec.artifacts:
        if wanted is not None and artifact.name not in wanted:
            continue
        params = dict(artifact.params)
        params.update(getattr(fixtures.get(artifact.name), "kernel_params", None) or {})
        exports.append({"name": artifact.name, "exporter": artifact.exporter,
                        "params": json.loads(json.dumps(params))})
    return exports


def epilogue_code(out_dir: Path, assignment: str, exports: list[dict]) -> str:
    """Returns the code of the export cell the runner appends to a submission.

    It runs after the student's code in the student's kernel, so what it writes is a
    claim: the grader validates it and verifies what matters outside the kernel.
    """
    return (
        # An interrupt meant for a student's cell that timed out must not land in the middle
        # of the grader's imports (a half-imported module breaks every later export); the
        # export has a time limit of its own, enforced from outside.
        "import signal as _autograder_signal\n"
        "_autograder_signal.signal(_autograder_signal.SIGINT, _autograder_signal.SIG_IGN)\n"
        "import json as _autograder_json\n"
        "from autograder.kernel import export as _autograder_export\n"
        f"_autograder_export(get_ipython().user_ns, {str(out_dir)!r}, {assignment!r}, "
        f"_autograder_json.loads({json.dumps(exports)!r}))\n"
        "del _autograder_export, _autograder_signal, _autograder_json\n"
    )


def export_artifacts(namespace: Mapping[str, Any], out_dir: str | os.PathLike, assignment: str,
                     *, only: Iterable[str] | None = None,
                     fixtures: Mapping[str, Any] | None = None) -> dict:
    """Exports `assignment`'s artifacts from `namespace` in this process (self-checks, tests):
    the kernel's own `autograder.kernel.epilogue.export` with the list `kernel_exports` makes.

    Returns:
        The dict written to ``artifacts.json``.
    """
    from autograder.assignments import get_assignment
    from autograder.kernel import export

    spec = get_assignment(assignment)
    return export(namespace, out_dir, spec.id, kernel_exports(spec, fixtures, only))
