"""The bubblewrap command line that starts a program inside the sandbox."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from autograder.sandbox.spec import SandboxSpec

__all__ = ["SandboxUnavailable", "bwrap_path", "check_sandbox", "launch_argv"]

#: System folders every program needs; symbolic links (``/bin -> usr/bin``) stay links.
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/etc")
#: Files under /etc that stay hidden even though /etc is visible.
_HIDDEN_FILES = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers")

INSTALL_HINT = ("Install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`; `make setup` "
                "does it as root), or pass --no-sandbox to grade trusted notebooks without it.")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces here; the message says what to do."""


def bwrap_path() -> str | None:
    """Returns the bubblewrap executable, or None when it is not installed."""
    return shutil.which("bwrap")


@functools.cache
def check_sandbox() -> str:
    """Checks once per process that bubblewrap can start a sandbox here.

    Returns:
        The path of the bwrap executable.

    Raises:
        SandboxUnavailable: saying why and how to fix it.
    """
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable("Student notebooks run in a bubblewrap sandbox, and `bwrap` "
                                 "was not found. " + INSTALL_HINT)
    probe = [bwrap, *_system_args(), "--unshare-all", "--die-with-parent", "--proc", "/proc",
             "--dev", "/dev", "true"]
    completed = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    if completed.returncode != 0:
        raise SandboxUnavailable(f"bubblewrap could not create a sandbox here: "
                                 f"{completed.stderr.strip()[:300]} " + INSTALL_HINT)
    return bwrap


def _system_args() -> list[str]:
    args: list[str] = []
    for folder in _SYSTEM:
        path = Path(folder)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), folder]
        elif path.is_dir():
            args += ["--ro-bind", folder, folder]
    for hidden in _HIDDEN_FILES:
        if Path(hidden).exists():
            args += ["--ro-bind", os.devnull, hidden]
    return args


def launch_argv(spec: SandboxSpec, command: Sequence[str], *, cgroup_procs: Sequence[Path] = ()
                ) -> list[str]:
    """The command that runs `command` inside the sandbox `spec` describes.

    The command starts with a small launcher (outside the sandbox) that joins the run's
    control groups and sets the file-size limit, then becomes bubblewrap. With
    `SandboxSpec.downloads`, the command inside starts behind the downloads relay, with
    the proxy's variables set (`autograder.sandbox.offline`).

    Args:
        spec: what the sandbox may see and use.
        command: the program to run inside, e.g. the kernel's command line.
        cgroup_procs: ``cgroup.procs`` files to join before starting (memory, pids).

    Returns:
        The full argument vector.

    Raises:
        SandboxUnavailable: if bubblewrap cannot run here.
    """
    bwrap = check_sandbox()
    tmp = str(spec.limits.tmp_bytes)
    # /tmp first: the run's own folders may live below it and are bound on top of it.
    private_tmp = (["--bind", str(spec.tmp_dir), "/tmp"] if spec.tmp_dir is not None
                   else ["--size", tmp, "--tmpfs", "/tmp"])
    args = [bwrap, *_system_args(), "--proc", "/proc", "--dev", "/dev", *private_tmp,
            "--size", tmp, "--tmpfs", "/dev/shm"]
    for device in spec.devices:  # after --dev, which makes a fresh /dev
        args += ["--dev-bind", str(device), str(device)]
    downloads = spec.downloads
    for path in spec.readonly:
        args += ["--ro-bind", str(path), str(path)]
    for path, inside in downloads.shown if downloads else ():
        args += ["--ro-bind", str(path), str(inside)]
    for path in (spec.workdir, *spec.writable, spec.runtime):
        args += ["--bind", str(path), str(path)]
    # --unshare-all includes the network: the sandbox has only its own loopback device
    args += ["--unshare-all", "--hostname", "sandbox", "--die-with-parent", "--new-session",
             "--cap-drop", "ALL", "--clearenv", "--chdir", str(spec.workdir)]
    env = downloads.environment(spec.env) if downloads else spec.env
    for name, value in env.items():
        args += ["--setenv", name, value]
    if downloads:  # the relay to the grader's download server starts first, then the command
        command = downloads.command(command)
    launcher = [sys.executable, "-m", "autograder.sandbox.launch",
                "--file-bytes", str(spec.limits.file_bytes)]
    for procs in cgroup_procs:
        launcher += ["--cgroup-procs", str(procs)]
    return [*launcher, "--", *args, "--", *command]
