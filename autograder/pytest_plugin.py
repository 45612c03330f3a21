"""pytest front-end: ``pytest autograder --submission NOTEBOOK``.

Wiring only: options in one group, state in ``config.stash``, a report header with the
active limits and seed, and a closing score line. Each check of the assignment becomes
one test (collected from `autograder.testsuite`); the notebook is graded once per session
by the same pipeline as the CLI, so the points are the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.config import OPTIONS, Settings, boolean, load_settings

__all__ = ["pytest_addoption", "pytest_configure", "pytest_report_header",
           "pytest_terminal_summary", "graded_result"]

_SETTINGS = pytest.StashKey[Settings]()
_RESULT = pytest.StashKey[object]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autograder", "grading a course notebook")
    group.addoption("--submission", type=Path, default=None, help="Notebook to grade.")
    group.addoption("--assignment", default=None, help="Assignment id (default: from the path).")
    group.addoption("--result-json", type=Path, default=None, help="Write the result JSON here.")
    for option in OPTIONS:
        if option.type is boolean:  # the flag that changes the default: --no-sandbox, --gpu
            flag = f"--no-{option.flag[2:]}" if option.default else option.flag
            group.addoption(flag, dest=f"autograder_{option.name}", default=None,
                            action="store_const", const=not option.default,
                            help=f"{option.help} [env {option.env}="
                                 f"{0 if option.default else 1}]")
            continue
        group.addoption(option.flag, dest=f"autograder_{option.name}", default=None,
                        choices=option.choices, help=f"{option.help} [env {option.env}]")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("submission", None) is None:
        return
    values = {o.name: config.getoption(f"autograder_{o.name}") for o in OPTIONS}
    try:
        config.stash[_SETTINGS] = load_settings(values)
    except ValueError as error:
        raise pytest.UsageError(f"autograder: {error}") from error
    if config.stash[_SETTINGS].sandbox:
        from autograder.sandbox import SandboxUnavailable, check_sandbox

        try:
            check_sandbox()
        except SandboxUnavailable as error:
            raise pytest.UsageError(f"autograder: {error}") from error


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    settings = config.stash.get(_SETTINGS, None)
    if settings is None:
        return None
    rules = "".join(f"{key}.{name}={value if isinstance(value, str) else format(value, 'g')} "
                    for key, changed in sorted(settings.assignments.items())
                    for name, value in changed.items())  # an edition is a name
    return [f"autograder: submission={config.getoption('submission')} mode={settings.mode} "
            f"seed={settings.seed} cell_timeout={settings.cell_timeout:g}s "
            f"notebook_timeout={settings.notebook_timeout:g}s {rules}"
            f"sandbox={'on' if settings.sandbox else 'OFF'}"]


@pytest.fixture(scope="session")
def graded_result(pytestconfig: pytest.Config):
    """The `GradeResult` of ``--submission``, graded once per session."""
    from autograder.road import grade_one

    if _RESULT not in pytestconfig.stash:
        submission = pytestconfig.getoption("submission")
        if submission is None:
            pytest.skip("no --submission given")
        result = grade_one(submission, settings=pytestconfig.stash[_SETTINGS],
                           assignment=pytestconfig.getoption("assignment"),
                           json_path=pytestconfig.getoption("result_json") or None)
        pytestconfig.stash[_RESULT] = result
    return pytestconfig.stash[_RESULT]


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    result = config.stash.get(_RESULT, None)
    if result is None:
        return
    terminalreporter.write_sep("=", "autograder score")
    terminalreporter.write_line(f"{result.assignment}: {result.score:g} / {result.max_score:g} "
                                f"points — graded on {result.data}")
