"""The checking process: the part of a grading after the notebook ran, in a process of its own.

    python -I -m autograder.grading_process.child REQUEST.json RESULT.json

Started by `autograder.grading_process.supervise` under a memory cap and a time limit. It
waits for one line on its standard input (sent once the cap holds it), reads the request,
places the fixtures' answer keys again from the course's secret (as the CI road does: the
kernel's copies are the parent's), runs the ``check`` and ``evidence`` stages
(`autograder.pipeline.check_artifacts`) and writes the `GradeResult` as JSON. The settings
come from its environment (``AUTOGRADER_*``), set by the parent. Nothing crosses between
the processes but JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from autograder.grading_process.supervise import REQUEST_VERSION

__all__ = ["main", "clear_previous_run"]


def clear_previous_run(artifacts: Path, keys: Path) -> None:
    """Removes what an earlier checking run of this grading left: the fixtures placed below
    `keys` (``fixtures-key``, ``fixtures-copy``) and the grader's scratch folder next to
    `artifacts` (`Artifacts.grader_dir`: e.g. its clean view of the student data). After a
    run past the cap or the time limit the second one (no model loaded) uses the same
    folders, and the grading's kept folder may be checked again (bench/check_process.py)."""
    for folder in (keys / "fixtures-key", keys / "fixtures-copy", artifacts.parent / "grader"):
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Runs one request; returns the exit code (0: the result file was written)."""
    from autograder.assignments import get_assignment
    from autograder.config import load_settings
    from autograder.pipeline import check_artifacts, place_fixtures
    from autograder.results import to_dict, write_json_atomic

    request_path, result_path = sys.argv[1:] if argv is None else argv
    sys.stdin.readline()  # the parent has put this process under its cap
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    if request.get("version") != REQUEST_VERSION:
        raise SystemExit(f"Expected a request of version {REQUEST_VERSION}. "
                         f"Received: {request.get('version')!r}.")
    settings = load_settings(cwd=Path.cwd())
    spec = get_assignment(request["assignment"])
    keys, artifacts = Path(request["keys"]), Path(request["artifacts"])
    clear_previous_run(artifacts, keys)
    fixtures = place_fixtures(spec, keys / "fixtures-key", keys / "fixtures-copy", settings)
    result = check_artifacts(
        artifacts, spec, settings, fixtures=fixtures,
        execution=request["execution"], submission=request["submission"],
        submission_sha256=request["submission_sha256"], timings=request["timings"],
        refused_models=request["refused_models"])
    write_json_atomic(to_dict(result), Path(result_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
