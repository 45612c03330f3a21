"""execute_notebook with real kernels: what runs, where, and what is recorded."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.execute import ExecutionReport, execute_notebook

pytestmark = [pytest.mark.kernel, pytest.mark.timeout(120)]

LIMITS = {"cell_timeout": 30, "notebook_timeout": 60}


def test_completed_run_leaves_state_for_the_epilogue(make_notebook, workdir):
    path = make_notebook("x = 20", "y = x * 2 + 2")

    report = execute_notebook(path, workdir=workdir, epilogue="open('proof.txt', 'w').write(str(y))", **LIMITS)

    assert report.status == "completed"
    assert (report.cells_total, report.cells_run, report.failures) == (2, 2, ())
    assert report.epilogue_ran and report.epilogue_failure is None
    assert (workdir / "proof.txt").read_text() == "42"
    assert "ran to the end" in report.message


def test_error_is_recorded_and_later_cells_still_run(make_notebook, workdir):
    path = make_notebook("a = 1", "history = model.fit(a)", "b = a + 1")

    report = execute_notebook(path, workdir=workdir, epilogue="open('b.txt', 'w').write(str(b))", **LIMITS)

    assert report.status == "cell_errors"
    [failure] = report.failures
    assert (failure.cell_index, failure.kind, failure.ename) == (2, "error", "NameError")
    assert failure.evalue == "name 'model' is not defined"
    assert "Traceback" in failure.traceback and "history = model.fit(a)" in failure.traceback
    assert failure.student_message() == (
        "Cell 3 (`history = model.fit(a)`) raised NameError: name 'model' is not defined.")
    assert failure.student_message() in report.message
    assert (workdir / "b.txt").read_text() == "2"
    assert report.cells_run == 3


def test_ansi_colours_are_stripped_from_errors(make_notebook, workdir):
    path = make_notebook("raise ValueError('\\x1b[31mExpected 3 channels\\x1b[0m')")

    [failure] = execute_notebook(path, workdir=workdir, **LIMITS).failures

    assert failure.evalue == "Expected 3 channels"
    assert "\x1b" not in failure.traceback and "ValueError" in failure.traceback


def test_prelude_env_cwd_and_interpreter_reach_the_kernel(make_notebook, workdir):
    path = make_notebook(
        "import os, sys, json\n"
        "json.dump([SEED, os.environ['AG_DATA'], os.getcwd(), sys.executable], open('seen.json', 'w'))")

    report = execute_notebook(path, workdir=workdir, env={"AG_DATA": "/data/horses"}, prelude="SEED = 7",
                              **LIMITS)

    assert report.status == "completed" and report.prelude_failure is None
    seed, data, cwd, executable = json.loads((workdir / "seen.json").read_text())
    assert (seed, data) == (7, "/data/horses")
    assert Path(cwd).resolve() == workdir.resolve()
    assert Path(executable).resolve() == Path(sys.executable).resolve()


def test_skip_cell_is_honoured(make_notebook, workdir):
    path = make_notebook("x = 1", "# grader test\nraise SystemExit", "y = x")

    report = execute_notebook(path, workdir=workdir, skip_cell=lambda cell: "# grader test" in cell.source,
                              epilogue="open('y.txt', 'w').write(str(y))", **LIMITS)

    assert report.status == "completed"
    assert (report.cells_total, report.cells_run) == (3, 2)
    assert (workdir / "y.txt").read_text() == "1"


def test_hidden_cell_failures_are_reported_apart_from_the_students(make_notebook, workdir):
    path = make_notebook("x = 1")

    report = execute_notebook(path, workdir=workdir, prelude="import no_such_seeding_module",
                              epilogue="model.save('model.keras')", **LIMITS)

    assert report.status == "completed" and report.failures == ()
    assert report.prelude_failure.ename == "ModuleNotFoundError"
    assert report.epilogue_ran and report.epilogue_failure.ename == "NameError"
    for failure in (report.prelude_failure, report.epilogue_failure):
        assert failure.cell_index == -1 and failure.source_head == ""
        assert "no_such_seeding_module" not in failure.student_message().replace(failure.evalue, "")


def test_a_slow_prelude_is_not_cut_short_by_the_students_limits(make_notebook, workdir):
    # Importing TensorFlow in the grader's prelude takes longer than a student cell may on
    # a loaded machine: an interrupt would leave half-imported modules that break the
    # export, and the student's time must not pay for the grader's imports.
    path = make_notebook("import time\ntime.sleep(1)", "done = True")

    report = execute_notebook(path, workdir=workdir, prelude="import time; time.sleep(4)",
                              epilogue="open('done.txt', 'w').write(str(done))",
                              cell_timeout=2, notebook_timeout=3)

    assert report.status == "completed", report.message
    assert report.prelude_failure is None and (workdir / "done.txt").read_text() == "True"


def test_a_prelude_past_its_own_limit_is_the_graders_failure(make_notebook, workdir):
    path = make_notebook("open('ran.txt', 'w').write('student')")

    report = execute_notebook(path, workdir=workdir, prelude="import time; time.sleep(60)",
                              prelude_timeout=1, epilogue="open('exported.txt', 'w').write('')",
                              **LIMITS)

    assert report.status == "kernel_failed_to_start"
    assert report.prelude_failure.kind == "timeout" and report.failures == ()
    assert report.cells_run == 0 and not report.epilogue_ran
    assert not (workdir / "ran.txt").exists() and not (workdir / "exported.txt").exists()
    assert "not a problem with your work" in report.message


def test_the_report_times_the_graders_phases_apart_from_the_students(make_notebook, workdir):
    path = make_notebook("import time\ntime.sleep(1)")

    report = execute_notebook(path, workdir=workdir, prelude="x = 1", epilogue="y = 2", **LIMITS)

    assert list(report.phase_s) == ["start", "prelude", "cells", "export", "shutdown"]
    assert 1.0 <= report.phase_s["cells"] < report.duration_s
    assert sum(report.phase_s.values()) <= report.duration_s + 0.01
    old = {k: v for k, v in report.to_dict().items() if k != "phase_s"}  # written before it
    assert ExecutionReport.from_dict(old).phase_s == {}


def test_stderr_noise_is_not_a_failure(make_notebook, workdir):
    path = make_notebook(
        "import os, sys, warnings\n"
        "os.write(2, b'E0000 cuda_dnn.cc: Unable to register cuDNN factory\\n')\n"
        "print('oneDNN custom operations are on', file=sys.stderr)\n"
        "warnings.warn('tf.function retracing')")

    report = execute_notebook(path, workdir=workdir, **LIMITS)

    assert report.status == "completed", report.message


def test_executed_notebook_has_outputs_and_no_grader_cells(make_notebook, workdir, tmp_path):
    path = make_notebook("print('hello from the student')")
    executed = tmp_path / "executed.ipynb"

    execute_notebook(path, workdir=workdir, prelude="SEED = 1", epilogue="pass", executed_path=executed, **LIMITS)

    nb = nbformat.read(str(executed), as_version=4)
    assert [cell.source for cell in nb.cells] == ["# Week 1 assignment", "print('hello from the student')"]
    assert nb.cells[1].outputs[0].text == "hello from the student\n"


def test_flood_of_output_is_truncated(make_notebook, workdir, tmp_path):
    path = make_notebook("for _ in range(60):\n    print('x' * 100_000)", "done = True")
    executed = tmp_path / "executed.ipynb"

    report = execute_notebook(path, workdir=workdir, executed_path=executed, **LIMITS)

    assert report.status == "completed"
    text = "".join(o.get("text", "") for o in nbformat.read(str(executed), as_version=4).cells[1].outputs)
    assert len(text) < 5_200_000 and "Output truncated" in text


def test_report_round_trips_through_json(make_notebook, workdir):
    path = make_notebook("1 / 0")

    report = execute_notebook(path, workdir=workdir, prelude="raise RuntimeError('seed')", **LIMITS)

    assert ExecutionReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_works_when_called_from_a_running_event_loop(make_notebook, workdir):
    path = make_notebook("x = 1")

    async def grade() -> ExecutionReport:
        return execute_notebook(path, workdir=workdir, **LIMITS)

    assert asyncio.run(grade()).status == "completed"


def test_unknown_kernel_is_reported_not_raised(make_notebook, workdir):
    path = make_notebook("x = 1")

    report = execute_notebook(path, workdir=workdir, kernel_name="no-such-kernel", **LIMITS)

    assert report.status == "kernel_failed_to_start"
    assert (report.cells_run, report.epilogue_ran) == (0, False)
    assert "course staff" in report.message


def test_the_kernel_has_the_course_platforms_packages_and_names_a_missing_one(make_notebook,
                                                                              workdir):
    path = make_notebook("import pandas, scipy, sklearn, matplotlib, PIL",
                         "import no_such_package_xyz")

    report = execute_notebook(path, workdir=workdir, **LIMITS)

    assert report.status == "cell_errors"
    [failure] = report.failures
    assert (failure.cell_index, failure.ename) == (2, "ModuleNotFoundError")
    assert failure.student_message() == (
        "Cell 3 (`import no_such_package_xyz`) could not import `no_such_package_xyz`: the "
        "grading environment does not have the package `no_such_package_xyz`. This is not a "
        "mistake in your notebook; tell your instructor, who can add it to the grader.")
    assert failure.student_message() in report.message
