"""A grading folder too deep for the kernel's Unix sockets is refused with a sentence that
names the setting, up front (the CLI) and before any kernel starts (the execute stage);
at the longest allowed work_root a sandboxed kernel starts and runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.execute import execute_notebook
from autograder.sandbox import SandboxSpec, python_mounts
from autograder.sandbox.sockets import MAX_SOCKET_ADDRESS, socket_problem, work_root_problem


def _root(length: int, base: str = "/tmp/ag-sock-") -> Path:
    """A path of exactly `length` bytes starting with `base`."""
    return Path(base + "w" * (length - len(base)))


def test_the_longest_allowed_work_root_is_68_bytes():
    # <work_root>/C2W1-<12 hex>/runtime/kernel-ipc-5: 39 bytes below the work root
    assert work_root_problem(_root(68)) is None
    message = work_root_problem(_root(69))
    assert message and "at most 68 bytes" in message and str(MAX_SOCKET_ADDRESS) in message
    assert "/tmp/autograder-work" in message  # what to use instead


def test_the_cli_refuses_a_deep_work_root_before_grading(tmp_path):
    deep = _root(90)
    notebook = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("print(1)")]), notebook)
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", "--work-root", str(deep),
                           str(notebook)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "work_root" in done.stderr and "at most 68 bytes" in done.stderr
    assert "(set by cli)" in done.stderr and "Traceback" not in done.stderr
    assert not deep.exists()  # nothing was started or made there


@pytest.fixture
def sandboxed(tmp_path):
    """Runs one cell in a sandbox whose runtime folder is `runtime`."""

    def run(runtime: Path):
        work = tmp_path / "work"
        for folder in (work, runtime):
            folder.mkdir(parents=True, exist_ok=True)
        spec = SandboxSpec(workdir=work, runtime=runtime, readonly=tuple(python_mounts()),
                           writable=(), env={"HOME": "/tmp", "PATH": "/usr/bin:/bin"})
        notebook = tmp_path / "n.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell("print(6 * 7)")]), notebook)
        return execute_notebook(notebook, workdir=work, cell_timeout=60, notebook_timeout=120,
                                sandbox=spec, executed_path=tmp_path / "executed.ipynb")

    return run


def test_no_kernel_starts_where_its_sockets_would_not_fit(sandboxed, caplog):
    """The grading is the grader's failure (the student is told it is not their work);
    the grader's log names the cause and the setting to change."""
    runtime = _root(100) / "runtime"
    try:
        report = sandboxed(runtime)
    finally:
        subprocess.run(["rm", "-rf", str(_root(100))], check=False)
    assert report.status == "kernel_failed_to_start" and report.cells_run == 0
    assert "not a problem with your work" in report.message
    assert socket_problem(runtime) in caplog.text and "work_root" in caplog.text
    assert "longer than 107 characters" not in caplog.text  # refused before zmq tried


@pytest.mark.kernel
def test_a_kernel_runs_at_the_longest_allowed_depth(sandboxed):
    root = _root(68)
    runtime = root / ("C2W1-" + "a" * 12) / "runtime"
    assert len(str(runtime / "kernel-ipc-5")) == MAX_SOCKET_ADDRESS
    try:
        report = sandboxed(runtime)
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=False)
    assert report.status == "completed", report.message
