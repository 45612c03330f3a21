"""The ``gpu`` setting: the sandbox gets the machine's NVIDIA device files and TensorFlow
takes GPU memory as it needs it; off (the default), the kernel and the scoring process see
no GPU even where one is installed. No GPU here: the device list is read from a folder laid
out like /dev, and a real sandbox shows that a device passed in is there (and only then)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.config import load_settings
from autograder.execute import execute_notebook
from autograder.grading_process.supervise import _environment
from autograder.pipeline import kernel_environment
from autograder.sandbox import SandboxSpec, gpu_devices, launch_argv, python_mounts


def test_the_gpu_devices_are_the_nvidia_files(tmp_path):
    for name in ("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "null",
                 "kvm"):
        (tmp_path / name).write_text("")
    (tmp_path / "nvidia-caps").mkdir()  # a folder of capability files, not a device
    assert [p.name for p in gpu_devices(tmp_path)] == [
        "nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools"]
    assert gpu_devices(tmp_path / "empty") == ()


def test_the_devices_are_bound_after_the_fresh_dev(tmp_path):
    device = tmp_path / "nvidia0"
    device.write_text("")
    spec = SandboxSpec(workdir=tmp_path, runtime=tmp_path, readonly=(), writable=(),
                       devices=(device,))
    argv = launch_argv(spec, ["true"])
    at = argv.index("--dev-bind")
    assert argv[at:at + 3] == ["--dev-bind", str(device), str(device)]
    assert argv.index("--dev") < at  # --dev makes a new /dev; the binds go on top of it


def test_off_no_gpu_is_visible_on_both_sides_on_a_gpu_may_grow(tmp_path):
    off = load_settings({"work_root": "/tmp/ag-gpu"}, env={}, cwd=tmp_path)
    on = load_settings({"work_root": "/tmp/ag-gpu", "gpu": True}, env={}, cwd=tmp_path)
    assert not off.gpu  # the default
    assert kernel_environment(off)["CUDA_VISIBLE_DEVICES"] == ""
    assert _environment(off)["CUDA_VISIBLE_DEVICES"] == ""  # the scoring process too
    assert kernel_environment(on)["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    assert "CUDA_VISIBLE_DEVICES" not in kernel_environment(on)
    assert _environment(on).get("CUDA_VISIBLE_DEVICES") != ""
    assert load_settings({}, env={"AUTOGRADER_GPU": "1"}, cwd=tmp_path).gpu


@pytest.mark.kernel
@pytest.mark.skipif(not Path("/dev/fuse").exists(), reason="needs a device --dev leaves out")
def test_a_device_passed_in_is_there_and_only_then(tmp_path):
    """/dev/fuse stands in for /dev/nvidia0: bubblewrap's fresh /dev lacks it."""
    seen = []
    for devices in ((), (Path("/dev/fuse"),)):
        work, runtime = tmp_path / f"w{len(devices)}", tmp_path / f"r{len(devices)}"
        for folder in (work, runtime):
            folder.mkdir()
        spec = SandboxSpec(workdir=work, runtime=runtime, readonly=tuple(python_mounts()),
                           writable=(), env={"HOME": "/tmp", "PATH": "/usr/bin:/bin"},
                           devices=devices)
        notebook = tmp_path / "n.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell(
            "import os; print(os.path.exists('/dev/fuse'))")]), notebook)
        executed = tmp_path / f"e{len(devices)}.ipynb"
        report = execute_notebook(notebook, workdir=work, cell_timeout=60, notebook_timeout=120,
                                  sandbox=spec, executed_path=executed)
        assert report.status == "completed", report.message
        cell = nbformat.read(executed, as_version=4).cells[-1]
        seen.append("".join(o.get("text", "") for o in cell.outputs).strip())
    assert seen == ["False", "True"]
