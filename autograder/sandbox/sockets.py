"""How deep a grading's folder may be: a sandboxed kernel's channels are Unix sockets in it.

The sandbox runs the kernel with jupyter_client's ``ipc`` transport (no network inside):
its five channels are Unix sockets named after the connection file,
``<work_root>/<assignment>-<12 hex>/runtime/kernel-ipc-<1..5>``. A socket's address holds
at most `MAX_SOCKET_ADDRESS` bytes, so a deep ``work_root`` (a pytest scratch folder, an
instructor's course folder) made every kernel fail to start with zmq's "ipc path … is
longer than 107 characters" (found 2026-12-07). The grader refuses such a folder up front
with a sentence that names the setting (`work_root_problem`), and a kernel is never started
there (`socket_problem`).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["MAX_SOCKET_ADDRESS", "longest_socket_address", "socket_problem", "work_root_problem"]

MAX_SOCKET_ADDRESS = 107
"""Bytes a Unix socket's address may hold on Linux (``sun_path`` is 108, the last one NUL)."""

_LAST_CHANNEL = "kernel-ipc-5"
_GRADING_FOLDER = "C2W1-" + "0" * 12 + "/runtime"
"""A grading's runtime folder below ``work_root`` (`autograder.grading_process.scratch_folder`
names it after the assignment and 12 random hex digits; the execute stage adds ``runtime``)."""


def longest_socket_address(runtime: Path) -> int:
    """Bytes of the longest address among the kernel's sockets in `runtime`."""
    return len(os.path.join(os.fsencode(Path(runtime)), _LAST_CHANNEL.encode()))


def socket_problem(runtime: Path) -> str | None:
    """Why a sandboxed kernel whose connection file is in `runtime` cannot start, in a
    sentence for the instructor, or None when its sockets fit."""
    length = longest_socket_address(runtime)
    if length <= MAX_SOCKET_ADDRESS:
        return None
    return (f"the grading folder {Path(runtime).parent} is too deep for the kernel's Unix "
            f"sockets (addresses of {length} bytes, at most {MAX_SOCKET_ADDRESS} allowed): "
            f"choose a shorter work_root, such as /tmp/autograder-work")


def work_root_problem(work_root: Path) -> str | None:
    """Why no sandboxed kernel can start below `work_root`, in a sentence for the
    instructor, or None."""
    length = longest_socket_address(Path(work_root) / _GRADING_FOLDER)
    if length <= MAX_SOCKET_ADDRESS:
        return None
    allowed = len(os.fsencode(Path(work_root))) - (length - MAX_SOCKET_ADDRESS)
    return (f"work_root {work_root} is too long: a grading's kernel talks to the grader "
            f"through Unix sockets below it, whose addresses hold at most "
            f"{MAX_SOCKET_ADDRESS} bytes, and the longest would need {length}. Choose a "
            f"work_root of at most {allowed} bytes, such as /tmp/autograder-work.")
