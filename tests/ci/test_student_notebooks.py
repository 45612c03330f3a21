"""Every week's released notebook runs top to bottom as a student runs it, outside this
checkout: in a kernel of the fresh environment that the template's install step made
(``tests/ci/conftest.py``; the template README's one-line install, run again there, finds
everything in place), on the data of the README's data line (``autograder data WEEK --student
data``), with ``AUTOGRADER_DATA_ROOT=data`` as the README's line starts Jupyter.
Every cell runs, errors or not, as "Run All" does when a student keeps going.

What counts as a traceback from the grader (never allowed): an error output, or printed
text, that holds ``Traceback (most recent call last)`` or a frame of a file in an
``autograder/`` folder (the installed grader), or any error raised by a line that calls the
grader other than `CheckFailed`, which IPython shows as the check's message with no frame.
What counts as the student's own error (allowed in the untouched release only): a
`NotImplementedError` or a `NameError` raised in the notebook's own cells, whose frames are
all notebook cells (``Cell In[N]``): the placeholder's ``raise NotImplementedError()``, and
the names the cells after it then miss (``history``, ``training_images``).

- The untouched release: every ``self_check(...)`` that runs prints its checks, each ✗
  followed by what is missing and how to fix it, and "0 of N self-checks passed" (a part
  whose checks are all hidden checks that its function was written and runs); every test cell's
  ``validate_check(...)`` fails with `CheckFailed` and a message below the check's title.
- The release completed with the reference's solution cells (the solutions notebook's cell
  of the same grade id in each solution cell; it trains): no error, every self-check passes,
  every test cell prints ✓ or • (graded when submitted).
- A plain kernel with the course's packages (the template's lock) but not the grader: the
  first cell says in one line how to get self-checks, every self-check and test cell prints
  the one line "Self-check skipped: ...", and no error other than the student's own.

Slow: ``pytest -m slow tests/ci/test_student_notebooks.py -s`` (the completed notebooks
train real models; seconds per week are printed).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS, get_assignment
from autograder.ci.template import LOCK_PATH
from tests.ci.conftest import SPEC, base_python, clean_env
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.kernel]

#: Runs a notebook in the environment's own kernel, every cell even after an error.
_RUN = """\
import sys, nbformat, nbclient
from jupyter_client.kernelspec import KernelSpecManager
command = KernelSpecManager().get_kernel_spec("python3").argv[0]
print(sys.executable if command.startswith("python") else command)  # as jupyter_client runs it
nb = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(nb, timeout=3600, kernel_name="python3", allow_errors=True).execute()
nbformat.write(nb, sys.argv[2])
"""
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: A frame of the installed grader, wherever it is installed.
_GRADER_FRAME = re.compile(r"[/\\]autograder[/\\][\w/\\]*\.py")
_STUDENT_ERRORS = ("NotImplementedError", "NameError")
_SKIPPED = "Self-check skipped: the course package is not installed in this kernel"
#: Seconds each notebook took, printed for the README's figures (``-s``).
TIMINGS: dict[str, float] = {}


def completed_release(week: str) -> nbformat.NotebookNode:
    """The release of `week` with each solution cell replaced by the reference's cell."""
    spec = get_assignment(week)
    release = nbformat.read(ROOT / "release" / week / spec.notebook, as_version=4)
    solution = nbformat.read(ROOT / "solutions" / week / spec.notebook, as_version=4)
    reference = {cell.metadata.nbgrader.grade_id: cell.source for cell in solution.cells
                 if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = reference.pop(meta["grade_id"])
    assert not reference, f"solution cells not in the release: {sorted(reference)}"
    return release


def run_notebook(notebook, venv: Path, env: dict, folder: Path, label: str):
    """Runs `notebook` top to bottom in a kernel of `venv`, in `folder`; returns its code
    cells with their outputs."""
    nbformat.write(notebook, folder / f"{label}.ipynb")
    started = time.monotonic()
    ran = subprocess.run([str(venv / "bin" / "python"), "-c", _RUN, f"{label}.ipynb",
                          f"{label}-ran.ipynb"], cwd=folder, capture_output=True, text=True,
                         env={**env, "AUTOGRADER_DATA_ROOT": "data"})
    TIMINGS[label] = round(time.monotonic() - started, 1)
    print(f"student notebook {label}: {TIMINGS[label]} s", flush=True)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert ran.stdout.startswith(str(venv)), ran.stdout  # the kernel is the fresh venv's
    return [cell for cell in nbformat.read(folder / f"{label}-ran.ipynb", as_version=4).cells
            if cell.cell_type == "code"]


def _text(cell, name: str = "stdout") -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == name)


def _errors(cell) -> list:
    return [o for o in cell.outputs if o.output_type == "error"]


def _traceback(error) -> str:
    return _ANSI.sub("", "\n".join(error.traceback))


def grader_tracebacks(cells) -> list[str]:
    """The tracebacks that come from the grader (see the module's docstring)."""
    found = []
    for number, cell in enumerate(cells):
        calls_grader = _calls(cell, "self_check(") or _calls(cell, "validate_check(")
        for error in _errors(cell):
            text = _traceback(error)
            if _GRADER_FRAME.search(text) or (calls_grader and error.ename == "CheckFailed"
                                              and "Traceback" in text):
                found.append(f"cell {number}: {text[-1500:]}")
        printed = _text(cell) + _text(cell, "stderr")
        if "Traceback (most recent call last)" in printed or _GRADER_FRAME.search(printed):
            found.append(f"cell {number} printed: {printed[-1500:]}")
    return found


def foreign_errors(cells) -> list[str]:
    """Errors that are not a test cell's `CheckFailed` nor the student's own (the
    placeholder's NotImplementedError and the names it leaves undefined)."""
    found = []
    for number, cell in enumerate(cells):
        for error in _errors(cell):
            text = _traceback(error)
            frames = re.findall(r"^(?:Cell In\[\d+\]|File ).*$", text, flags=re.MULTILINE)
            own = error.ename in _STUDENT_ERRORS and all(f.startswith("Cell In[") for f in frames)
            checked = error.ename == "CheckFailed" and _calls(cell, "validate_check(")
            if not (own or checked):
                found.append(f"cell {number}: {error.ename}: {text[-1500:]}")
    return found


def _calls(cell, call: str) -> bool:
    """Whether a line of `cell` starts with `call` (the first cell only defines them)."""
    return any(line.startswith(call) for line in cell.source.splitlines())


def _reached(cell, call: str) -> bool:
    """Whether the line of `cell` that starts with `call` ran: no error, or one raised on a
    later line of the cell."""
    line = next(n for n, text in enumerate(cell.source.splitlines(), 1) if text.startswith(call))
    failed = [re.search(r"Cell In\[\d+\], line (\d+)", _traceback(e)) for e in _errors(cell)]
    return all(found and int(found.group(1)) > line for found in failed)


def self_check_reports(cells) -> list[tuple[str, list[str]]]:
    """(call, printed lines) of each cell whose ``self_check(`` line ran."""
    return [(cell.source, _text(cell).splitlines()) for cell in cells
            if _calls(cell, "self_check(") and _reached(cell, "self_check(")]


def _summary(lines: list[str]) -> str:
    """A self-check's "N of M self-checks passed." line ("" if none)."""
    return next((line for line in lines if re.match(r"\d+ of \d+ self-checks passed", line)), "")


def unexplained_failures(lines: list[str]) -> list[str]:
    """The ✗ items of a self-check with no message below them, and its ! items."""
    bad = [line for line in lines if line.startswith("! ")]
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if line.startswith("✗ ") and not (below.startswith("    ") and below.strip()):
            bad.append(line)
    return bad


def readme_commands(repo: Path) -> list[str]:
    """The template README's "Run it yourself" lines: install, data, Jupyter."""
    part = (repo / "README.md").read_text().split("## Run it yourself", 1)[1]
    return [line.strip() for line in part.splitlines() if line.startswith("    ")]


@pytest.fixture(scope="module")
def student(installed, tmp_path_factory):
    """Returns ``(venv, env, folder(week))``: the README's install line, run in the template
    (the fresh environment has it already: pip must find every pin satisfied), and a
    student's folder with the week's data made by the README's data line, once per week."""
    repo, venv, _ = installed
    env = clean_env(venv, tmp_path_factory.mktemp("unused"))
    install, data, jupyter = readme_commands(repo)
    assert data == f"autograder data {SPEC.id} --student data", data
    assert jupyter.startswith("AUTOGRADER_DATA_ROOT=data jupyter lab "), jupyter  # run_notebook's
    installed_again = subprocess.run(["bash", "-c", install], cwd=repo, env=env,
                                     capture_output=True, text=True)
    assert installed_again.returncode == 0, installed_again.stderr[-3000:]
    folders: dict[str, Path] = {}

    def folder(week: str) -> Path:
        if week not in folders:
            where = tmp_path_factory.mktemp(week.lower())
            made = subprocess.run(data.replace(SPEC.id, week).split(), cwd=where,
                                  env=env, capture_output=True, text=True)
            assert made.returncode == 0, made.stderr[-3000:]
            assert not list((where / "data").rglob("*heldout*"))
            folders[week] = where
        return folders[week]

    return venv, env, folder


@pytest.mark.parametrize("week", ASSIGNMENT_IDS)
def test_untouched_release_says_what_is_missing(student, week):
    venv, env, folder = student
    spec = get_assignment(week)
    release = nbformat.read(ROOT / "release" / week / spec.notebook, as_version=4)
    cells = run_notebook(release, venv, env, folder(week), f"{week}-release")
    assert not grader_tracebacks(cells)
    assert not foreign_errors(cells)
    reports = self_check_reports(cells)
    assert reports
    for call, lines in reports:
        assert any(line.startswith("✗ ") for line in lines), (call, lines)
        assert not unexplained_failures(lines), (call, lines)
        assert _summary(lines).startswith("0 of ") and "Fix the ✗ item" in _summary(lines), lines
    tests = [cell for cell in cells if _calls(cell, "validate_check(")]
    assert len(tests) == len(spec.checks)
    for cell in tests:
        (error,) = _errors(cell)
        assert error.ename == "CheckFailed" and len(error.evalue.splitlines()) >= 2, cell.source


@pytest.mark.parametrize("week", ASSIGNMENT_IDS)
def test_completed_release_passes_its_self_checks(student, week):
    venv, env, folder = student
    cells = run_notebook(completed_release(week), venv, env, folder(week), f"{week}-completed")
    errors = [(cell.source[:80], _traceback(e)[-1500:]) for cell in cells for e in _errors(cell)]
    assert not errors
    assert not grader_tracebacks(cells)
    for call, lines in self_check_reports(cells):
        assert not any(line.startswith(("✗", "!")) for line in lines), (call, lines)
        assert re.fullmatch(r"(\d+) of \1 self-checks passed\.", _summary(lines)), (call, lines)
    for cell in (c for c in cells if _calls(c, "validate_check(")):
        assert _text(cell).startswith(("✓ ", "• ")), (cell.source, _text(cell))
    print("student notebook timings (s):", json.dumps(TIMINGS), flush=True)


@pytest.fixture(scope="module")
def plain_venv(installed, tmp_path_factory):
    """A venv with the course's packages (the template's lock) and not the grader."""
    repo, _, _ = installed
    venv = tmp_path_factory.mktemp("plain") / "venv"
    subprocess.run([base_python(), "-m", "venv", str(venv)], check=True)
    env = clean_env(venv, tmp_path_factory.mktemp("unused"))
    started = time.monotonic()
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--require-hashes", "-r", str(repo / LOCK_PATH)], env=env, check=True)
    TIMINGS["plain install"] = round(time.monotonic() - started, 1)
    missing = subprocess.run([str(venv / "bin" / "python"), "-c", "import autograder"],
                             cwd=venv, env=env, capture_output=True, text=True)  # not ROOT
    assert "ModuleNotFoundError" in missing.stderr  # the grader is not there
    return venv, env


@pytest.mark.parametrize("week", ASSIGNMENT_IDS)
def test_plain_kernel_says_how_to_get_self_checks(student, plain_venv, week):
    _, _, folder = student
    venv, env = plain_venv
    spec = get_assignment(week)
    release = nbformat.read(ROOT / "release" / week / spec.notebook, as_version=4)
    cells = run_notebook(release, venv, env, folder(week), f"{week}-plain")
    assert not foreign_errors(cells) and not grader_tracebacks(cells)
    first = _text(cells[0]).splitlines()
    assert len(first) == 1 and "Run it yourself" in first[0], first
    calls = [cell for cell in cells if _calls(cell, "self_check(")
             or _calls(cell, "validate_check(")]
    for cell in calls:
        call = "self_check(" if _calls(cell, "self_check(") else "validate_check("
        if _reached(cell, call):
            assert _text(cell).startswith(_SKIPPED) and _text(cell).count("\n") == 1, cell
