"""The export step: the last cell the grader runs in the student's kernel.

It turns the notebook's live objects into artifacts in a folder: ``artifacts.json``
(versioned facts) plus ``.keras`` model files. Each artifact is exported on its own: a
failure of one (a function that raises, a model that cannot be saved) is recorded with
a student message and never stops the others.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

from autograder.artifacts.capture import Guarded
from autograder.artifacts.exporters import EXPORTERS

__all__ = ["ARTIFACTS_FILE", "ARTIFACTS_SCHEMA_VERSION", "export_artifacts", "epilogue_code"]

ARTIFACTS_FILE = "artifacts.json"
ARTIFACTS_SCHEMA_VERSION = 1


def _export_one(namespace, out_dir: Path, exporter: str, params: Mapping[str, Any]) -> dict:
    try:
        facts = EXPORTERS[exporter](namespace, out_dir, **params)
    except Guarded as error:
        return {"ok": False, "feedback": error.feedback, "detail": error.detail}
    except Exception as error:  # noqa: BLE001 - the export itself broke: say so, go on
        import traceback

        return {"ok": False, "grader_error": True,
                "feedback": f"The grader could not export this part of your notebook "
                            f"({type(error).__name__}).", "detail": traceback.format_exc()}
    return {"ok": True, **facts}


def export_artifacts(namespace: Mapping[str, Any], out_dir: str | os.PathLike, assignment: str,
                     *, only: Iterable[str] | None = None) -> dict:
    """Exports the artifacts `assignment` grades from `namespace` into `out_dir`.

    Args:
        namespace: the kernel's user namespace (``get_ipython().user_ns``).
        out_dir: folder for ``artifacts.json`` and model files (created if missing).
        assignment: assignment id, e.g. ``"C2W1"``.
        only: names of artifacts to export (default: all the assignment declares).

    Returns:
        The dict written to ``artifacts.json``.
    """
    from autograder.assignments import get_assignment

    spec = get_assignment(assignment)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(only) if only is not None else None
    facts: dict[str, Any] = {}
    for artifact in spec.artifacts:
        if wanted is not None and artifact.name not in wanted:
            continue
        facts[artifact.name] = _export_one(namespace, out, artifact.exporter,
                                           dict(artifact.params))
    document = {"schema_version": ARTIFACTS_SCHEMA_VERSION, "assignment": spec.id,
                "artifacts": facts}
    fd, tmp = tempfile.mkstemp(dir=out, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
    os.replace(tmp, out / ARTIFACTS_FILE)
    return document


def epilogue_code(out_dir: Path, assignment: str) -> str:
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
        "from autograder.artifacts.export import export_artifacts as _autograder_export\n"
        f"_autograder_export(get_ipython().user_ns, {str(out_dir)!r}, {assignment!r})\n"
        "del _autograder_export, _autograder_signal\n"
    )
