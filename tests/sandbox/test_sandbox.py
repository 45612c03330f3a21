"""The sandbox a student kernel runs in: what it can see, and the caps it runs under.

Each test runs real cells in a real sandboxed kernel (no TensorFlow, so each takes
seconds) and looks from outside at what the cells managed to do.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.execute import execute_notebook
from autograder.sandbox import Limits, SandboxSpec, SandboxUnavailable, check_sandbox, python_mounts
from autograder.sandbox import bwrap as bwrap_module

pytestmark = pytest.mark.kernel
MIB = 1024 ** 2


@pytest.fixture
def run(tmp_path):
    """Runs cells in a sandbox over tmp_path; returns (report, executed notebook, folders)."""

    def run_cells(*sources: str, limits: Limits = Limits(), timeout: float = 60,
                  tmp_dir: bool = False):
        folders = {name: tmp_path / name for name in ("work", "artifacts", "runtime", "data",
                                                        "secret")}
        if tmp_dir:
            folders["tmp"] = tmp_path / "tmp"
        for folder in folders.values():
            folder.mkdir(exist_ok=True)
        (folders["data"] / "cat.jpg").write_bytes(b"student image")
        (folders["secret"] / "heldout.txt").write_text("the held-out answer key")
        spec = SandboxSpec(workdir=folders["work"], runtime=folders["runtime"],
                           readonly=(*python_mounts(), folders["data"]),
                           writable=(folders["artifacts"],),
                           env={"HOME": "/tmp", "PATH": "/usr/bin:/bin"}, limits=limits,
                           tmp_dir=folders.get("tmp"))
        notebook = tmp_path / "submission.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell(s) for s in sources]), notebook)
        report = execute_notebook(notebook, workdir=folders["work"], cell_timeout=timeout,
                                  notebook_timeout=timeout * 3, sandbox=spec,
                                  executed_path=tmp_path / "executed.ipynb")
        executed = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
        return report, executed, folders

    return run_cells


def _printed(executed, index: int) -> str:
    return "".join(o.get("text", "") for o in executed.cells[index].outputs)


def test_kernel_sees_only_what_it_is_given(run, tmp_path):
    import autograder

    grader_file = Path(autograder.__file__)
    report, executed, folders = run(
        "import os; print(os.getpid(), os.getppid())",
        f"print(os.path.exists({str(folders_secret := tmp_path / 'secret')!r}))",
        "print(sorted(os.environ))",
        f"open({str(grader_file)!r}, 'a').write('# changed')",
        f"open({str(tmp_path / 'data' / 'cat.jpg')!r}, 'wb').write(b'swapped')",
        "import socket; socket.create_connection(('1.1.1.1', 80), timeout=3)",
        "print(open('/proc/1/cmdline').read().split(chr(0))[0])",
        "open('written-here.txt', 'w').write('ok'); print('wrote')",
    )
    assert _printed(executed, 0).split() == ["2", "1"]  # own PID namespace: pid 1 is bwrap
    assert _printed(executed, 1).strip() == "False"  # the held-out folder does not exist inside
    assert "AUTOGRADER" not in _printed(executed, 2) and "'HOME'" in _printed(executed, 2)
    errors = {f.cell_index: f for f in report.failures}
    assert errors[3].ename == "OSError" and "Read-only" in errors[3].evalue
    assert errors[4].ename == "OSError" and "Read-only" in errors[4].evalue
    assert errors[5].ename == "OSError"  # no network at all
    assert "bwrap" in _printed(executed, 6)  # the grading process is not visible
    assert (folders["work"] / "written-here.txt").read_text() == "ok"
    assert "# changed" not in grader_file.read_text()
    assert (tmp_path / "data" / "cat.jpg").read_bytes() == b"student image"
    assert folders_secret.is_dir()


def test_process_1_inside_inherits_nothing_from_the_grader(run, monkeypatch):
    """bubblewrap stays inside as process 1, whose environment the kernel can read."""
    monkeypatch.setenv("AUTOGRADER_HELDOUT_ROOT", "/srv/held-out-marker")
    monkeypatch.setenv("GITHUB_TOKEN", "token-marker")
    _, executed, _ = run("for pid in ('1', 'self'):\n"
                         "    print(pid, open(f'/proc/{pid}/environ').read().replace(chr(0), ' '))")
    printed = _printed(executed, 0)
    assert printed.startswith("1 ") and "HOME=/tmp" in printed  # the kernel's own environment
    assert "held-out-marker" not in printed and "token-marker" not in printed


def test_nothing_survives_the_sandbox(run):
    marker = f"{time.time():.6f}"
    report, _, folders = run(
        "import subprocess\n"
        "subprocess.Popen(['setsid', 'sh', '-c', 'sleep 4; echo late > ../artifacts/late.txt'])\n"
        f"subprocess.Popen(['setsid', 'sleep', '{marker}'])",
    )
    assert report.status == "completed"
    assert not any(marker in " ".join(p.info["cmdline"] or [])
                   for p in psutil.process_iter(["cmdline"]))
    time.sleep(5)
    assert not (folders["artifacts"] / "late.txt").exists()


def test_memory_cap_names_the_cell(run):
    report, _, _ = run("x = 1", "import numpy as np\nblock = np.ones(200 * 1024 ** 2 // 8)\n"
                                "more = np.ones(1024 ** 3 // 8)", "print('not run')",
                       limits=Limits(memory_bytes=512 * MIB))
    assert report.status == "limit_exceeded"
    assert report.message.startswith("Cell 2 (`import numpy as np`) used more than 512 MiB of "
                                     "memory, so the grader stopped it.")
    assert report.cells_run == 2


def test_disk_cap_stops_a_notebook_that_fills_its_folder(run):
    report, _, _ = run("import time\nwith open('big.bin', 'wb') as f:\n"
                       "    for _ in range(40):\n        f.write(b'x' * 8 * 1024 ** 2)\n"
                       "        time.sleep(0.1)\ntime.sleep(5)",
                       limits=Limits(disk_bytes=64 * MIB))
    assert report.status == "limit_exceeded"
    assert "wrote more than 64 MiB of files" in report.message


def test_tmp_is_private_and_capped(run):
    report, executed, _ = run("open('/tmp/own.txt', 'w').write('x'); import os; "
                              "print(sorted(os.listdir('/tmp')))",
                              "open('/tmp/fill', 'wb').write(b'x' * 96 * 1024 ** 2)",
                              limits=Limits(tmp_bytes=32 * MIB))
    assert "own.txt" in _printed(executed, 0) and "autograder-work" not in _printed(executed, 0)
    assert report.failures[0].cell_index == 1 and "No space left" in report.failures[0].evalue


def test_tmp_on_disk_holds_more_than_memory_and_counts_in_the_disk_cap(run):
    """The grader's /tmp (`SandboxSpec.tmp_dir`): the older notebooks unzip the course's data
    there, more than a memory /tmp holds; it is the run's own folder under the disk cap."""
    fill = "open('/tmp/fill-{}', 'wb').write(b'x' * 48 * 1024 ** 2)"
    report, _, folders = run(fill.format(1), fill.format(2), tmp_dir=True,
                             limits=Limits(tmp_bytes=32 * MIB, disk_bytes=256 * MIB))
    assert report.status == "completed", report.message
    assert (folders["tmp"] / "fill-2").stat().st_size == 48 * MIB
    # written faster than the watchdog measures, in a cell that ends at once: caught after it
    report, _, _ = run("for i in range(4):\n"
                       "    open(f'/tmp/more-{i}', 'wb').write(b'x' * 64 * 1024 ** 2)",
                       "print('not run')", tmp_dir=True, limits=Limits(disk_bytes=192 * MIB))
    assert report.status == "limit_exceeded", report.message
    assert report.message.startswith("Cell 1 (`for i in range(4):`) wrote more than 192 MiB")


def test_process_cap(run):
    report, _, _ = run("import subprocess\nfor _ in range(200):\n"
                       "    subprocess.Popen(['sleep', '30'])\nimport time; time.sleep(3)",
                       limits=Limits(processes=64))
    assert report.status in ("limit_exceeded", "cell_errors"), report.message
    if report.status == "limit_exceeded":
        assert "more than 64 processes and threads" in report.message


def test_missing_bubblewrap_is_a_clear_setup_error(monkeypatch):
    monkeypatch.setattr(bwrap_module, "bwrap_path", lambda: None)
    check_sandbox.cache_clear()
    try:
        with pytest.raises(SandboxUnavailable, match="--no-sandbox"):
            check_sandbox()
    finally:
        check_sandbox.cache_clear()


def test_cli_refuses_to_grade_without_the_sandbox(tmp_path):
    notebook = tmp_path / "C2W1_Assignment.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("print(1)")]), notebook)
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(notebook), "--assignment", "C2W1",
         "--data-root", str(tmp_path), "--heldout-root", str(tmp_path)],
        env={"PATH": str(tmp_path)}, capture_output=True, text=True)
    assert completed.returncode == 2
    assert "bubblewrap" in completed.stderr and "--no-sandbox" in completed.stderr


def test_groups_left_by_a_killed_grader_are_swept_and_live_ones_kept():
    """A grader killed with SIGKILL leaves its empty control groups; the next one removes
    those, and never a group made moments ago (whose kernel is about to join it)."""
    import os

    from autograder.sandbox.guard import _own_group, sweep_stale_groups

    try:
        stale, fresh = (_own_group("pids") / f"autograder-test-{kind}-{os.getpid()}"
                        for kind in ("stale", "fresh"))
        stale.mkdir()
        fresh.mkdir()
    except OSError:
        pytest.skip("no writable cgroup v1 pids controller here")
    try:
        os.utime(stale, (time.time() - 3600, time.time() - 3600))
        assert sweep_stale_groups("pids") >= 1
        assert not stale.exists() and fresh.exists()
    finally:
        for group in (stale, fresh):
            if group.exists():
                group.rmdir()


def test_the_student_data_is_writable_through_its_view_and_the_graders_copy_is_not(tmp_path):
    """A notebook may delete, move and add files of its data, as at home (a clean_images that
    deletes bad files from the source then loses that one point, instead of crashing on a
    read-only folder); the grader's copy behind the view stays as it was."""
    from autograder.data.writable_view import writable_view

    student = tmp_path / "data" / "cats_and_dogs"
    for name in ("Cat", "Dog"):
        (student / "PetImages" / name).mkdir(parents=True)
        (student / "PetImages" / name / "1.jpg").write_bytes(b"good " + name.encode())
    (student / "PetImages" / "Cat" / "666.jpg").write_bytes(b"")
    (student / "manifest.json").write_text("{}")
    (tmp_path / "heldout").mkdir()
    (tmp_path / "heldout" / "answer.txt").write_text("held out")
    folders = {name: tmp_path / name for name in ("work", "artifacts", "runtime")}
    for folder in folders.values():
        folder.mkdir()
    view = writable_view(student, [student / "PetImages", student / "manifest.json"],
                         tmp_path / "scratch-data")
    images = view / "cats_and_dogs" / "PetImages"
    spec = SandboxSpec(workdir=folders["work"], runtime=folders["runtime"],
                       readonly=(*python_mounts(), student / "PetImages",
                                 student / "manifest.json"),
                       writable=(folders["artifacts"], view),
                       env={"HOME": "/tmp", "PATH": "/usr/bin:/bin"})
    cells = [f"import os, shutil; images = {str(images)!r}",
             "os.remove(os.path.join(images, 'Cat', '666.jpg')); print('deleted')",
             "shutil.move(os.path.join(images, 'Dog', '1.jpg'), os.path.join(images, 'd.jpg'))",
             "open(os.path.join(images, 'Cat', 'new.jpg'), 'wb').write(b'mine'); print('added')",
             "print(open(os.path.join(images, 'd.jpg'), 'rb').read())",
             "open(os.path.join(images, 'Cat', '1.jpg'), 'wb').write(b'overwritten')",
             f"print(os.path.exists({str(tmp_path / 'heldout')!r}))"]
    notebook = tmp_path / "submission.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(s) for s in cells]), notebook)
    report = execute_notebook(notebook, workdir=folders["work"], cell_timeout=60,
                              notebook_timeout=180, sandbox=spec,
                              executed_path=tmp_path / "executed.ipynb")
    executed = nbformat.read(tmp_path / "executed.ipynb", as_version=4)

    assert _printed(executed, 1).strip() == "deleted" and _printed(executed, 3).strip() == "added"
    assert _printed(executed, 4).strip() == "b'good Dog'"  # a moved file reads as before
    [failure] = report.failures  # writing into one of the grader's files is refused
    assert failure.cell_index == 5 and "Read-only" in failure.evalue
    assert _printed(executed, 6).strip() == "False"  # the held-out data stays invisible
    assert sorted(p.relative_to(student).as_posix() for p in student.rglob("*")
                  if p.is_file()) == ["PetImages/Cat/1.jpg", "PetImages/Cat/666.jpg",
                                      "PetImages/Dog/1.jpg", "manifest.json"]
    assert (student / "PetImages" / "Cat" / "1.jpg").read_bytes() == b"good Cat"
    assert sorted(p.name for p in (images / "Cat").iterdir()) == ["1.jpg", "new.jpg"]
