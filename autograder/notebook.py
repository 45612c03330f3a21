"""Self-checks from inside a notebook: instant feedback on the visible checks.

`self_check` runs the visible checks on the live notebook, in its own kernel, and prints
what passed and how to fix what did not. It uses the same checks as the CLI, the pytest
plugin and nbgrader, so a self-check that passes here passes when graded.

Grading never happens in the student's kernel: nbgrader's test cells are filled by
`autograder.nbgrader_preprocessor.AutograderGrade`, which grades the notebook in a separate
process. Hidden checks (and those that need the held-out data) never run here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

__all__ = ["self_check", "visible_checks"]

_MARK = {"passed": "✓", "failed": "✗", "grader_error": "!"}


def _namespace() -> dict:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("self_check() runs inside a Jupyter notebook.")
    return shell.user_ns


def _print(result_line: str, feedback: str) -> None:
    print(result_line)
    if feedback:
        print("    " + feedback)


def visible_checks(spec, artifacts) -> list:
    """The checks a self-check may run: visible ones that need only `artifacts`.

    Hidden checks, and those that need the held-out data, never run in the student's kernel.

    Args:
        spec: the `Assignment`.
        artifacts: artifact names, e.g. ``("created_model",)``.

    Returns:
        The checks, in the assignment's order.
    """
    wanted = set(artifacts)
    return [c for c in spec.checks
            if set(c.needs) <= wanted and not c.hidden and not c.needs_heldout]


def self_check(assignment: str, *artifacts: str) -> None:
    """Runs, on the live notebook, the visible checks that need only `artifacts`.

    Args:
        assignment: assignment id, e.g. ``"C2W1"``.
        artifacts: artifact names, e.g. ``"created_model"`` (see the assignment's spec).

    Example:
        >>> self_check("C2W1", "created_model")   # after defining create_model()
    """
    from autograder.assignments import get_assignment

    spec = get_assignment(assignment)
    checks = visible_checks(spec, artifacts)
    hidden = sum(1 for c in spec.checks if set(c.needs) <= set(artifacts)) - len(checks)
    if not checks:
        print("No self-check for this part: its checks are hidden, and the grader runs them "
              "when you submit.")
        return
    results = _run_self_checks(spec, checks, artifacts)
    for result in results:
        _print(f"{_MARK[result.status]} {result.title}", result.feedback)
    passed = sum(r.passed for r in results)
    print(f"{passed} of {len(results)} self-checks passed." + (
        "" if passed == len(results) else " Fix the ✗ items above and run this cell again."))
    if hidden:
        print(f"{hidden} more check(s) of this part are hidden: the grader runs them when you "
              "submit.")


def _run_self_checks(spec, checks, artifacts):
    """Exports `artifacts` from the live namespace and runs `checks` on them."""
    from autograder.artifacts import GradingData, export_artifacts, load_artifacts
    from autograder.checks import run_checks
    from autograder.config import load_settings

    wanted = set(artifacts)
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="self-check-") as folder:
        out = Path(folder) / "artifacts"
        # the public seed: self-checks only ever see a probe anyone could make
        fixtures = {fixture.artifact: fixture.place(Path(folder) / "fixtures", out, settings.seed)
                    for fixture in spec.fixtures if fixture.artifact in wanted}
        export_artifacts(_namespace(), out, spec.id, only=wanted, fixtures=fixtures)
        data = GradingData(student_manifest=_student_manifest(spec, settings),
                           student_images_dir=None, heldout_dir=None, fixtures=fixtures)
        found = load_artifacts(out, data=data, settings=settings, rules=settings.rules_for(spec))
        return run_checks(checks, found)


def _student_manifest(spec, settings):
    from autograder.data.manifest import read_manifest

    path = settings.data_root / spec.data.dataset / "manifest.json"
    return read_manifest(path) if path.is_file() else None
