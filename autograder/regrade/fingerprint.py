"""What a kept execution depends on: if any of it changed, the notebook must run again.

The checks and their bars run outside the kernel, on the kept artifacts, so changing them
changes nothing here. What the kernel ran (the prelude, the export cell and the exporters,
the fixtures it was shown), how it ran (seed, time and memory limits, sandbox) and what it
read (the student data) do.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from autograder.config import Settings

__all__ = ["EXECUTION_SETTINGS", "KERNEL_CODE", "execution_inputs", "changed_inputs"]

#: The settings that change what a notebook does in its kernel (the rest are the checks').
EXECUTION_SETTINGS = ("seed", "cell_timeout", "notebook_timeout", "memory_limit", "disk_limit",
                      "max_processes", "sandbox")

#: The grader's code that runs in, or shapes, the student's kernel (relative to the package):
#: the exporters and the record of fits, the runner, the sandbox, the export cell, the
#: surroundings placed in the working folder and the writable data view.
KERNEL_CODE = ("kernel", "execute", "sandbox", "compat", "artifacts/cells.py",
               "data/writable_view.py")

_PACKAGE = Path(__file__).resolve().parent.parent


def _code_digest(spec) -> str:
    """SHA-256 (first 16 hex) of the kernel-side code, the fixtures' modules, the export list
    and the prelude of `spec`'s gradings."""
    from autograder.artifacts import kernel_exports
    from autograder.pipeline import prelude_code

    paths: set[Path] = set()
    for part in KERNEL_CODE:
        target = _PACKAGE / part
        paths.update(p for p in ([target] if target.is_file() else target.rglob("*"))
                     if p.is_file() and "__pycache__" not in p.parts)
    for fixture in spec.fixtures:  # what the kernel is shown (probes) is made by these
        module = sys.modules.get(type(fixture).__module__)
        if getattr(module, "__file__", None):
            paths.add(Path(module.__file__).resolve())
    digest = hashlib.sha256()
    for path in sorted(paths):
        content = path.read_bytes()
        name = path.relative_to(_PACKAGE).as_posix() if _PACKAGE in path.parents else path.name
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    # the seed and the epoch budget are inputs of their own
    digest.update(prelude_code(0, legacy_keras=spec.edition.legacy_keras).encode())
    digest.update(json.dumps(kernel_exports(spec), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def execution_inputs(spec, settings: Settings, data_description: str) -> dict[str, str]:
    """What one execution of a `spec` notebook depends on, as strings to compare.

    Args:
        spec: the `Assignment` (edition) graded.
        settings: the grading's settings.
        data_description: the student data's manifest description.

    Returns:
        ``{"kernel code": digest, "seed": "42", ..., "student data": description}``.
    """
    inputs = {"kernel code": _code_digest(spec)}
    inputs.update({name: str(getattr(settings, name)) for name in EXECUTION_SETTINGS})
    inputs["epoch budget"] = str(settings.rules_for(spec).epoch_budget)
    inputs["student data"] = data_description
    return inputs


def changed_inputs(kept: dict, now: dict) -> list[str]:
    """Each input that differs between a kept execution and now, in words (empty: none).

    Example:

        >>> changed_inputs({"seed": "42"}, {"seed": "7"})
        ['seed changed (42 -> 7)']
    """
    changes = []
    for name in sorted(set(kept) | set(now)):
        if kept.get(name) != now.get(name):
            if name == "kernel code":
                changes.append("the grader's prelude/export code changed since it ran")
            else:
                changes.append(f"{name} changed ({kept.get(name, 'unset')} -> "
                               f"{now.get(name, 'unset')})")
    return changes
