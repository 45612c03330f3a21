"""Self-checks from inside a notebook: instant feedback on the visible checks.

`self_check` runs the visible checks on the live notebook, in its own kernel, and prints
what passed and how to fix what did not. It uses the same checks as the CLI, the pytest
plugin and nbgrader, so a self-check that passes here passes when graded.

`validate_check` is what nbgrader's test cells call: one check, raising AssertionError with
its feedback when it fails, so that nbgrader's Validate button fails on what the grader
would take points for.

Grading never happens in the student's kernel: the grader skips the test cells, and
nbgrader's are filled by `autograder.nbgrader_preprocessor.AutograderGrade`, which grades
the notebook in a separate process. Hidden checks (and those that need the held-out data)
never run here.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import textwrap
from pathlib import Path

__all__ = ["self_check", "validate_check", "visible_checks", "CheckFailed"]

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
        _hidden_part(spec, artifacts, hidden)
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


def _hidden_part(spec, artifacts, hidden: int) -> None:
    """Self-check of a part whose checks are all hidden: only that what they need was made,
    so a placeholder or a crash shows now, with how to fix it, not on submission."""
    needs = _what_it_rests_on(spec, artifacts)
    with _live_artifacts(spec, needs) as found:
        problem = _unfinished(spec, found.facts, needs) or next(
            ((found.facts.get(name) or {}).get("feedback") or _NOT_RUN
             for name in needs if not found.has(name)), "")
    made = _made(spec, needs)
    _print(f"{_MARK['failed' if problem else 'passed']} {made}", problem)
    print(f"{0 if problem else 1} of 1 self-checks passed." + (
        " Fix the ✗ item above and run this cell again." if problem else ""))
    print(f"{hidden} more check(s) of this part are hidden: the grader runs them when you "
          "submit.")


class CheckFailed(AssertionError):
    """A check failed on the live notebook: its title and student feedback, wrapped to fit
    nbgrader's report (which cuts lines at 90 characters). IPython shows this message in
    place of a traceback: the grader's frames mean nothing to a student."""

    def __init__(self, title: str, feedback: str):
        # "Expected …. Found …. How to fix: …" reads best one part per line
        parts = re.split(r"(?<=\.) (?=Found |How to fix: )", feedback.strip())
        lines = textwrap.wrap(title, width=80, initial_indent="✗ ", subsequent_indent="  ")
        lines += [line for part in parts for line in textwrap.wrap(
            part, width=80, initial_indent="  ", subsequent_indent="    ")]
        super().__init__("\n".join(lines))

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}:", *str(self).splitlines()]


def validate_check(assignment: str, check_id: str) -> None:
    """Runs check `check_id` on the live notebook, for nbgrader's Validate button.

    nbgrader's test cells call it, so ``nbgrader validate`` fails a test cell whose check
    fails here, with the check's feedback. It decides no grade: the grader skips test
    cells and grades from outside the kernel. A check that cannot run in the student's
    kernel (hidden, or on held-out data) checks only that the notebook made what it
    needs, and says the rest is graded on submission.

    Args:
        assignment: assignment id, e.g. ``"C2W4"``.
        check_id: the check's id (its test cell's grade id), e.g. ``"parse_data_types"``.

    Raises:
        CheckFailed: (an AssertionError) with what was expected, what was found and how to
            fix it, when the check fails or a function it needs is not written yet.

    Example:
        >>> validate_check("C2W4", "parse_data_types")
    """
    from autograder.assignments import get_assignment
    from autograder.checks.base import run_check

    spec = get_assignment(assignment)
    check = spec.check(check_id)
    graded_here = check in visible_checks(spec, check.needs)
    needs = check.needs if graded_here else _what_it_rests_on(spec, check.needs)
    with _live_artifacts(spec, needs) as found:
        unfinished = _unfinished(spec, found.facts, needs)
        if unfinished:
            raise CheckFailed(check.title, unfinished)
        if not graded_here:
            missing = [(found.facts.get(name) or {}).get("feedback") or _NOT_RUN
                       for name in needs if not found.has(name)]
            if missing:
                raise CheckFailed(check.title, missing[0])
            print(f"• {check.title}\n    Graded when you submit, "
                  f"{_WHY_NOT_HERE[check.needs_heldout]}. Checked here: "
                  f"{_made(spec, needs)}.")
            return
        result = run_check(check, found)
    if result.status == "failed":
        raise CheckFailed(check.title, result.feedback)
    if result.status == "grader_error":
        print(f"! {check.title}: this could not be checked here (this is not your fault); "
              "it is graded when you submit.")
        return
    print(f"✓ {check.title}")


_NOT_RUN = "This could not be checked: run your notebook from top to bottom first."
_WHY_NOT_HERE = {True: "on held-out pictures your notebook never sees",
                 False: "on test files only the grader has"}


def _what_it_rests_on(spec, needs) -> tuple[str, ...]:
    """`needs`, with the training history where a trained model is needed: a model that
    `fit` never trained (it crashed) is not what such a check scores."""
    trains = any(a.exporter == "trained_model" for a in spec.artifacts if a.name in needs)
    history = tuple(a.name for a in spec.artifacts if trains and a.exporter == "history")
    return tuple(dict.fromkeys((*needs, *history)))


def _unfinished(spec, facts: dict, needs) -> str:
    """Student feedback when a function `needs` calls still raises NotImplementedError
    (the release's placeholder), else ""."""
    for artifact in spec.artifacts:
        entry = facts.get(artifact.name) or {}
        if artifact.name in needs and " raised NotImplementedError" in entry.get("feedback", ""):
            function = dict(artifact.params).get("function") or \
                entry["feedback"].split(" raised NotImplementedError")[0].split("(")[0]
            return (f"Expected {function}() to be written. Found the placeholder: it still "
                    f"raises NotImplementedError. How to fix: complete {function}() above "
                    "(replace `raise NotImplementedError()` with your code), run its cell, then "
                    "this one again.")
    return ""


def _made(spec, needs) -> str:
    """What the notebook made that a check not run here needs, in the student's words."""
    said = []
    for artifact in (a for a in spec.artifacts if a.name in needs):
        params = dict(artifact.params)
        if "function" in params:
            said.append(f"{params['function']}() runs")
        elif artifact.exporter in ("history", "trained_model"):
            said.append("the trained model and its history exist")
        elif "name" in params:
            said.append(f"{params['name']} is defined")
    return "; ".join(dict.fromkeys(said)) or "your notebook ran"


def _run_self_checks(spec, checks, artifacts):
    """Exports `artifacts` from the live namespace and runs `checks` on them."""
    from autograder.checks import run_checks

    with _live_artifacts(spec, artifacts) as found:
        return run_checks(checks, found)


@contextlib.contextmanager
def _live_artifacts(spec, artifacts):
    """Yields the `Artifacts` of `artifacts`, exported from the live namespace into a
    temporary folder (removed on exit: models load lazily, so use them inside)."""
    from autograder.artifacts import GradingData, export_artifacts, load_artifacts
    from autograder.config import load_settings

    wanted = set(artifacts)
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="self-check-") as folder:
        out = Path(folder) / "artifacts"
        # the public seed: self-checks only ever see a probe anyone could make
        fixtures = {fixture.artifact: fixture.place(Path(folder) / "fixtures", out, settings.seed)
                    for fixture in spec.fixtures if fixture.artifact in wanted}
        export_artifacts(_namespace(), out, spec.name, only=wanted, fixtures=fixtures)
        manifest = _student_manifest(spec, settings)
        # the student's own images, where the grader measures the trained model (the
        # training checks); never the held-out ones
        images = settings.data_root / spec.data.dataset / spec.data.images_subdir
        data = GradingData(student_manifest=manifest,
                           student_images_dir=images if manifest and images.is_dir() else None,
                           heldout_dir=None, fixtures=fixtures)
        yield load_artifacts(out, data=data, settings=settings, rules=settings.rules_for(spec))


def _student_manifest(spec, settings):
    from autograder.data.manifest import read_manifest

    path = settings.data_root / spec.data.dataset / "manifest.json"
    return read_manifest(path) if path.is_file() else None
