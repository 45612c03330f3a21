"""execute_notebook with real kernels: time limits, dead kernels and unreadable files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from autograder.execute import execute_notebook

pytestmark = [pytest.mark.kernel, pytest.mark.timeout(120)]

RECORD_PID = "import os; open('pid.txt', 'w').write(str(os.getpid()))"


def _kernel_is_gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_cell_timeout_interrupts_and_later_cells_still_run(make_notebook, workdir):
    path = make_notebook("import time; time.sleep(100)", "after = 'ran'")

    started = time.monotonic()
    report = execute_notebook(path, workdir=workdir, cell_timeout=3, notebook_timeout=60,
                              epilogue="open('after.txt', 'w').write(after)")

    assert time.monotonic() - started < 20
    assert report.status == "cell_errors"
    [failure] = report.failures
    assert (failure.cell_index, failure.kind, failure.ename) == (1, "timeout", "")
    assert failure.student_message() == "Cell 2 (`import time; time.sleep(100)`) ran for more than 3 s and was stopped."
    assert (workdir / "after.txt").read_text() == "ran"


def test_cell_ignoring_the_interrupt_gets_its_kernel_killed(make_notebook, workdir):
    path = make_notebook(RECORD_PID, "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
                         "never = True")

    started = time.monotonic()
    report = execute_notebook(path, workdir=workdir, cell_timeout=2, notebook_timeout=60,
                              epilogue="open('epilogue.txt', 'w').write('ran')")

    assert time.monotonic() - started < 40
    assert report.status == "timed_out"
    assert (report.cells_run, report.epilogue_ran) == (2, False)
    [failure] = report.failures
    assert failure.kind == "timeout" and "did not stop when interrupted" in failure.evalue
    assert failure.student_message() in report.message and "Cells after it were not run" in report.message
    assert _kernel_is_gone(int((workdir / "pid.txt").read_text()))
    assert not (workdir / "epilogue.txt").exists()


def test_notebook_budget_spent_stops_the_run(make_notebook, workdir):
    path = make_notebook(*["import time; time.sleep(2)"] * 4)

    started = time.monotonic()
    report = execute_notebook(path, workdir=workdir, cell_timeout=10, notebook_timeout=3,
                              epilogue="open('epilogue.txt', 'w').write('ran')")

    assert time.monotonic() - started < 25
    assert report.status == "timed_out"
    assert report.cells_run == 2 and not report.epilogue_ran
    [failure] = report.failures
    assert (failure.cell_index, failure.kind) == (2, "timeout")
    assert failure.student_message() == ("Cell 3 (`import time; time.sleep(2)`) was still running when the "
                                         "notebook's total time limit of 3 s ran out, and was stopped.")
    assert "Cells after it were not run" in report.message
    assert not (workdir / "epilogue.txt").exists()


def test_dead_kernel_is_reported(make_notebook, workdir):
    path = make_notebook("x = 1", "import os; os._exit(1)", "y = 2")

    started = time.monotonic()
    report = execute_notebook(path, workdir=workdir, cell_timeout=30, notebook_timeout=60,
                              epilogue="open('epilogue.txt', 'w').write('ran')")

    assert time.monotonic() - started < 20
    assert report.status == "kernel_died"
    [failure] = report.failures
    assert (failure.cell_index, failure.kind, failure.ename) == (2, "dead_kernel", "")
    assert failure.student_message() == (
        "The notebook's kernel died while running cell 3 (`import os; os._exit(1)`): this usually means "
        "it ran out of memory or called exit().")
    assert report.cells_run == 2 and not report.epilogue_ran


def test_epilogue_has_its_own_time_limit(make_notebook, workdir):
    path = make_notebook("x = 1")

    report = execute_notebook(path, workdir=workdir, cell_timeout=30, notebook_timeout=60,
                              epilogue="import time; time.sleep(100)", epilogue_timeout=2)

    assert report.status == "completed"
    assert report.epilogue_ran and report.epilogue_failure.kind == "timeout"
    assert report.duration_s < 20


def test_grader_interrupt_shuts_the_kernel_down_and_propagates(make_notebook, workdir, tmp_path):
    path = make_notebook(RECORD_PID + "\nimport time; time.sleep(100)")
    grader = tmp_path / "grader.py"
    grader.write_text(textwrap.dedent(f"""
        import signal
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a test runner may ignore SIGINT
        from pathlib import Path
        from autograder.execute import execute_notebook
        execute_notebook(Path({str(path)!r}), workdir=Path({str(workdir)!r}), cell_timeout=60, notebook_timeout=60)
    """))
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, str(grader)], env=env, stderr=subprocess.PIPE, text=True)
    pid_file = workdir / "pid.txt"
    while not pid_file.exists() and process.poll() is None:
        time.sleep(0.1)
    time.sleep(0.5)  # let the cell reach its sleep

    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)

    assert process.returncode != 0 and "KeyboardInterrupt" in stderr
    assert _kernel_is_gone(int(pid_file.read_text()))
