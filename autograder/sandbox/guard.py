"""Caps on a sandbox's memory, processes and disk, applied and watched from outside.

Where the machine lets the grader create control groups (cgroup v1 ``memory`` and
``pids``, as root), the kernel joins them before bubblewrap starts: the memory and process
caps are then enforced by the operating system, and the watchdog learns from the groups
when one was hit. Everywhere, a watchdog thread also counts the processes of the
sandbox's process tree (and, without a memory group, sums their resident memory) and
measures what the run wrote to its folders; past a cap it kills the whole sandbox and
records which cap was passed, so the student is told "cell 14 used more than 6 GiB of
memory" instead of "the kernel died".
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from autograder.sandbox.spec import GIB, SandboxSpec

__all__ = ["Guard", "Violation", "folder_bytes"]

_log = logging.getLogger(__name__)
_CGROUP_ROOT = Path("/sys/fs/cgroup")
_POLL_S = 0.25
_DISK_POLL_S = 2.0


@dataclass(frozen=True)
class Violation:
    """A cap the sandbox went past."""

    kind: str
    """``"memory"``, ``"processes"`` or ``"disk"``."""
    limit: int
    """The cap: bytes for memory and disk, a count for processes."""

    def describe(self) -> str:
        """What the student's code did, e.g. "used more than 6 GiB of memory"."""
        if self.kind == "memory":
            return f"used more than {_size(self.limit)} of memory"
        if self.kind == "disk":
            return f"wrote more than {_size(self.limit)} of files"
        return f"started more than {self.limit:,} processes and threads"


def _size(count: int) -> str:
    return f"{count / GIB:g} GiB" if count >= GIB else f"{count / 1024 ** 2:g} MiB"


def folder_bytes(folders) -> int:
    """Bytes on disk below `folders` (symbolic links not followed, sparse files honest)."""
    total = 0
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in files + dirs:
                try:
                    total += os.lstat(os.path.join(root, name)).st_blocks * 512
                except OSError:
                    pass
    return total


#: A group of ours left empty this long was left by a grader that was killed (a live
#: sandbox holds its kernel from the moment the group is made until it is removed).
_STALE_AFTER_S = 600.0


def _own_group(controller: str) -> Path:
    own = "/"
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            own = path
    return _CGROUP_ROOT / controller / own.lstrip("/")


def sweep_stale_groups(controller: str, *, older_than_s: float = _STALE_AFTER_S) -> int:
    """Removes the empty ``autograder-*`` groups that graders killed with SIGKILL left
    behind in `controller`; returns how many."""
    removed = 0
    try:
        candidates = list(_own_group(controller).glob("autograder-*"))
    except OSError:
        return 0
    for group in candidates:
        try:
            empty = not (group / "cgroup.procs").read_text().split()
            if empty and time.time() - group.stat().st_mtime > older_than_s:
                group.rmdir()
                removed += 1
        except OSError:  # in use again, or gone already
            continue
    return removed


class _CgroupV1:
    """A child group of this process's own group in one cgroup-v1 controller."""

    def __init__(self, controller: str, name: str) -> None:
        self.path = _own_group(controller) / name
        self.path.mkdir()

    def write(self, name: str, value: int) -> None:
        (self.path / name).write_text(str(value))

    def read(self, name: str) -> str:
        try:
            return (self.path / name).read_text()
        except OSError:
            return ""

    def pids(self) -> list[int]:
        return [int(p) for p in self.read("cgroup.procs").split()]

    def remove(self) -> None:
        for _ in range(50):
            for pid in self.pids():
                _kill(pid)
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.05)
        _log.warning("Could not remove control group %s.", self.path)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class Guard:
    """Applies `spec`'s caps to one sandboxed program and watches them.

    Use as a context manager around the program's life: create it, start the program
    with `cgroup_procs` joined, call `watch(pid)`, and leave the block (which kills
    anything left and removes the groups). Where the spec serves the course's downloads
    (`SandboxSpec.downloads`), their server runs for as long as the block.

    Args:
        spec: the sandbox, whose `limits` and writable folders are watched.
    """

    def __init__(self, spec: SandboxSpec) -> None:
        self.spec = spec
        self._groups: dict[str, _CgroupV1] = {}
        self._violation: Violation | None = None
        self._pid: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._downloads = None

    def __enter__(self) -> "Guard":
        if self.spec.downloads is not None:  # answers the sandbox's downloads from outside
            self._downloads = self.spec.downloads.server()
            self._downloads.start()
        name = f"autograder-{uuid.uuid4().hex[:12]}"
        limits = self.spec.limits
        for controller in ("memory", "pids"):
            sweep_stale_groups(controller)
        try:
            memory = _CgroupV1("memory", name)
            self._groups["memory"] = memory
            memory.write("memory.limit_in_bytes", limits.memory_bytes)
            pids = _CgroupV1("pids", name)
            self._groups["pids"] = pids
            pids.write("pids.max", limits.processes)
        except OSError as error:  # no writable cgroup v1 here: the watchdog alone enforces
            _log.debug("No control groups (%s); the watchdog enforces the caps.", error)
            self._remove_groups()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def cgroup_procs(self) -> tuple[Path, ...]:
        """The ``cgroup.procs`` files a program joins before it starts."""
        return tuple(group.path / "cgroup.procs" for group in self._groups.values())

    @property
    def enforced_by(self) -> str:
        """``"cgroup"`` when the operating system enforces the caps, else ``"watchdog"``."""
        return "cgroup" if self._groups else "watchdog"

    @property
    def violation(self) -> Violation | None:
        """The cap the sandbox went past, if any (also one the OS enforced)."""
        if self._violation is None and "memory" in self._groups:
            control = self._groups["memory"].read("memory.oom_control")
            for line in control.splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill" and value.strip() not in ("", "0"):
                    self._violation = Violation("memory", self.spec.limits.memory_bytes)
        return self._violation

    def watch(self, pid: int) -> None:
        """Starts watching the process tree of `pid` (the sandbox's outermost process)."""
        self._pid = pid
        self._thread = threading.Thread(target=self._watch, name="sandbox-guard", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psutil

        limits = self.spec.limits
        next_disk = 0.0
        while not self._stop.wait(_POLL_S):
            try:
                root = psutil.Process(self._pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            # With a memory group the OS counts exactly (and kills at the cap); a sum of
            # resident sizes counts the pages forked children share with their parent once
            # per child, so a few forks would read as "out of memory".
            if "memory" not in self._groups and sum(_rss(p) for p in tree) > limits.memory_bytes:
                return self._trip(Violation("memory", limits.memory_bytes))
            if len(tree) > limits.processes or self._processes_refused():
                return self._trip(Violation("processes", limits.processes))
            if time.monotonic() >= next_disk:
                next_disk = time.monotonic() + _DISK_POLL_S
                if self.check_disk() is not None:
                    return

    def check_disk(self) -> Violation | None:
        """Measures the writable folders now, and kills the sandbox if they hold more than
        the cap. The watchdog measures them every few seconds; a cell that writes past the
        cap and ends sooner is caught here, between cells. Returns the violation, if any."""
        limits = self.spec.limits
        if self._violation is None and folder_bytes(self.spec.disk_folders) > limits.disk_bytes:
            self._trip(Violation("disk", limits.disk_bytes))
        return self._violation

    def _processes_refused(self) -> bool:
        """Whether the pids group has refused a new process or thread (its cap was hit).

        The group keeps the count below the cap, so the watchdog's own count never passes
        it: without this, a fork bomb would only see its forks fail, and the student would
        never be told which cap it ran into.
        """
        if "pids" not in self._groups:
            return False
        for line in self._groups["pids"].read("pids.events").splitlines():
            key, _, value = line.partition(" ")
            if key == "max" and value.strip() not in ("", "0"):
                return True
        return False

    def _trip(self, violation: Violation) -> None:
        self._violation = violation
        _log.info("Sandbox went past a cap (%s); killing it.", violation.describe())
        self.kill()

    def kill(self) -> None:
        """Kills the sandbox: its outermost process (which takes its PID namespace down)
        and anything left in its control groups."""
        if self._pid is not None:
            _kill(self._pid)
        for group in self._groups.values():
            for pid in group.pids():
                _kill(pid)

    def close(self) -> None:
        """Stops watching, kills whatever is left and removes the control groups."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self.violation  # noqa: B018 - read the OOM counter before the group goes
        self.kill()
        self._remove_groups()
        if self._downloads is not None:
            self._downloads.close()
            self._downloads = None

    def _remove_groups(self) -> None:
        for group in self._groups.values():
            group.remove()
        self._groups = {}


def _rss(process) -> int:
    try:
        return process.memory_info().rss
    except Exception:  # noqa: BLE001 - a process that just ended uses nothing
        return 0
