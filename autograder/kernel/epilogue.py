"""The export step: the last cell the grader runs in the student's kernel.

It turns the notebook's live objects into artifacts in a folder: ``artifacts.json``
(versioned facts) plus ``.keras`` model files. The grader gives it the list of what to
export as data (`autograder.artifacts.cells.epilogue_code` writes it into the cell), so
nothing here looks the assignment up. Each artifact is exported on its own: a failure of
one (a function that raises, a model that cannot be saved) is recorded with a student
message and never stops the others.

Everything written here is a *claim*: it comes from the student's kernel, where any cell may
have replaced this very code. It says nothing the grader takes on trust (an entry cannot
declare itself the grader's fault: ``grader_error`` is the grader's word only).
"""

from __future__ import annotations

import json
import os
import tempfile
import traceback
from pathlib import Path
from typing import Any, Iterable, Mapping

from autograder.kernel.capture import Guarded
from autograder.kernel.exporters import EXPORTERS

__all__ = ["ARTIFACTS_FILE", "ARTIFACTS_SCHEMA_VERSION", "export"]

ARTIFACTS_FILE = "artifacts.json"
ARTIFACTS_SCHEMA_VERSION = 1


def _export_one(namespace, out_dir: Path, exporter: str, params: Mapping[str, Any]) -> dict:
    try:
        facts = EXPORTERS[exporter](namespace, out_dir, **params)
    except Guarded as error:
        failed = {"ok": False, "feedback": error.feedback, "detail": error.detail}
        return {**failed, "absent": True} if error.absent else failed
    except Exception as error:  # noqa: BLE001 - the export itself broke: say so, go on
        return {"ok": False,
                "feedback": f"This part of your notebook could not be exported "
                            f"({type(error).__name__}). Expected the objects the assignment "
                            f"asks for, made as it makes them; run your notebook from top to "
                            f"bottom without changing the grader's modules.",
                "detail": traceback.format_exc()}
    return {"ok": True, **facts}


def export(namespace: Mapping[str, Any], out_dir: str | os.PathLike, assignment: str,
           exports: Iterable[Mapping[str, Any]]) -> dict:
    """Exports each artifact of `exports` from `namespace` into `out_dir`.

    Args:
        namespace: the kernel's user namespace (``get_ipython().user_ns``).
        out_dir: folder for ``artifacts.json`` and model files (created if missing).
        assignment: assignment id, e.g. ``"C2W1"`` (written into the document).
        exports: ``{"name", "exporter", "params"}`` per artifact, in order: the grader's list.

    Returns:
        The dict written to ``artifacts.json``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    facts: dict[str, Any] = {}
    for entry in exports:
        facts[entry["name"]] = _export_one(namespace, out, entry["exporter"],
                                           dict(entry.get("params", {})))
    document = {"schema_version": ARTIFACTS_SCHEMA_VERSION, "assignment": assignment,
                "artifacts": facts}
    fd, tmp = tempfile.mkstemp(dir=out, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
    os.replace(tmp, out / ARTIFACTS_FILE)
    return document
