"""The command line's edges: exit codes, one-line messages, --version, help that says what a
flag does (issue 29). None of these run a kernel."""

from __future__ import annotations

import pytest

from autograder import __version__
from autograder.cli import build_parser, main


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"autograder {__version__}"


def test_a_missing_notebook_is_could_not_be_graded_not_a_zero(tmp_path, capsys):
    code = main(["grade", str(tmp_path / "C2W1_Assigment.ipynb"), "--assignment", "C2W1",
                 "--no-sandbox"])
    out = capsys.readouterr().out
    assert code == 1
    assert "no such notebook file" in out
    assert "Not graded" in out and "points" not in out.lower().split("not graded")[1][:80]


def test_an_unknown_week_for_template_is_one_line(tmp_path, capsys):
    code = main(["template", "C9W9", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "C9W9" in err and "C2W1" in err


@pytest.mark.parametrize("command", ["grade", "course", "data", "release"])
def test_an_unknown_week_elsewhere_is_one_line(command, tmp_path, capsys):
    notebook = tmp_path / "C9W9_Assignment.ipynb"
    notebook.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    args = {"grade": ["grade", str(notebook), "--assignment", "C9W9", "--no-sandbox"],
            "course": ["course", "C9W9"], "data": ["data", "C9W9"],
            "release": ["release", "C9W9"]}[command]
    code = main(args)
    err = capsys.readouterr()
    text = err.err + err.out
    assert code in (1, 2)
    assert "Traceback" not in text and "C9W9" in text


def test_no_sandbox_help_says_it_turns_the_sandbox_off():
    grade = build_parser()._subparsers._group_actions[0].choices["grade"]
    action = next(a for a in grade._actions if "--no-sandbox" in a.option_strings)
    assert action.help.startswith("Turn off")


def test_gradebook_finds_nbgrader_tools_without_the_venv_on_path(tmp_path):
    """nbgrader's gradebook runs `alembic`; a PATH without the venv's bin/ must still work."""
    import os
    import subprocess
    import sys

    results = tmp_path / "results"
    results.mkdir()
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "autograder", "gradebook", str(results),
                          "--db", f"sqlite:///{tmp_path / 'gradebook.db'}"],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (tmp_path / "gradebook.db").exists()


def _help(*command: str) -> str:
    parser = build_parser()
    for name in command:
        parser = next(action for action in parser._subparsers._group_actions
                      if action.dest in ("command", "ci_step")).choices[name]
    return parser.format_help()


@pytest.mark.parametrize("command, shown, hidden", [
    (("grade",), ["--cell-timeout", "--check-memory-limit", "--heldout-root", "--config"], []),
    (("data",), ["--data-root", "--heldout-root", "--seed"],
     ["--cell-timeout", "--no-sandbox", "--mode", "--check-timeout"]),
    (("gradebook",), [], ["--data-root", "--config", "--cell-timeout"]),
    (("template",), ["--heldout-root"], ["--cell-timeout", "--mode"]),
    (("ci", "run"), ["--cell-timeout", "--no-sandbox"], ["--heldout-root", "--check-timeout"]),
    (("ci", "decrypt"), ["--heldout-root"], ["--data-root", "--cell-timeout"]),
])
def test_each_command_lists_only_the_settings_it_uses(command, shown, hidden):
    text = _help(*command)
    for flag in shown:
        assert flag in text, (command, flag)
    for flag in hidden:
        assert flag not in text, (command, flag)


def test_a_command_without_settings_still_runs(tmp_path, capsys):
    (tmp_path / "results").mkdir()
    code = main(["gradebook", str(tmp_path / "results"), "--csv", str(tmp_path / "g.csv")])
    assert code in (0, 1), capsys.readouterr()
