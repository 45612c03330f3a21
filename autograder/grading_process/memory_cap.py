"""A memory cap on the grader's own checking process, and what it used at most.

Where the machine lets the grader make control groups, the operating system enforces the
cap: a cgroup-v2 group with ``memory.max`` where this process sits in a delegated v2 tree,
else a cgroup-v1 ``memory`` group (as the sandbox's `Guard` makes; the grader runs as root
on the course's machines). Elsewhere a watchdog thread sums the resident memory of the
process and its children every 50 ms and kills them past the cap.

Address-space limits (``RLIMIT_AS``) are not used: TensorFlow reserves far more virtual
memory than it touches on machines with many cores, and a ``MemoryError`` raised inside a
check would read as the grader's own failure instead of "your model is too large".
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import uuid
from pathlib import Path

__all__ = ["MemoryCap"]

_log = logging.getLogger(__name__)
_POLL_S = 0.05


def _v2_group() -> Path | None:
    """This process's own cgroup-v2 folder, if a v2 hierarchy is mounted."""
    mount = None
    for line in Path("/proc/self/mounts").read_text().splitlines():
        fields = line.split()
        if len(fields) > 2 and fields[2] == "cgroup2":
            mount = Path(fields[1])
            break
    if mount is None:
        return None
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        if line.startswith("0::"):
            return mount / line[3:].lstrip("/")
    return None


class _Group:
    """One control group made for the checking process."""

    def __init__(self, path: Path, limit_file: str, peak_files: tuple[str, ...], limit: int):
        self.path = path
        self.path.mkdir()
        try:
            (path / limit_file).write_text(str(limit))
        except OSError:
            self.remove()
            raise
        self.peak_files = peak_files

    def read(self, name: str) -> str:
        try:
            return (self.path / name).read_text()
        except OSError:
            return ""

    def join(self, pid: int) -> None:
        (self.path / "cgroup.procs").write_text(str(pid))

    def peak(self) -> int:
        for name in self.peak_files:
            text = self.read(name).strip()
            if text.isdigit():
                return int(text)
        return 0

    def oom_killed(self) -> bool:
        for name in ("memory.events", "memory.oom_control"):
            for line in self.read(name).splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill" and value.strip() not in ("", "0"):
                    return True
        return False

    def remove(self) -> None:
        for pid in self.read("cgroup.procs").split():
            _kill(int(pid))
        try:
            self.path.rmdir()
        except OSError as error:
            _log.debug("Could not remove control group %s: %s", self.path, error)


def _make_group(limit: int) -> tuple[_Group | None, str]:
    name = f"autograder-check-{uuid.uuid4().hex[:12]}"
    v2 = _v2_group()
    if v2 is not None and "memory" in _text(v2 / "cgroup.subtree_control").split():
        try:
            return _Group(v2 / name, "memory.max", ("memory.peak",), limit), "cgroup v2"
        except OSError as error:
            _log.debug("No cgroup-v2 memory group (%s).", error)
    try:
        from autograder.sandbox.guard import _own_group

        group = _Group(_own_group("memory") / name, "memory.limit_in_bytes",
                       ("memory.max_usage_in_bytes",), limit)
        return group, "cgroup v1"
    except OSError as error:
        _log.debug("No cgroup-v1 memory group (%s); a watchdog enforces the cap.", error)
    return None, "watchdog"


def _text(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class MemoryCap:
    """Caps the memory of one process (and its children) at `limit` bytes.

    Use as a context manager: start the process, `join` it at once (before it reads any of
    the submission's files), wait for it, then read `hit` and `peak`.

    Args:
        limit: bytes of memory the process may use.
    """

    def __init__(self, limit: int) -> None:
        self.limit = int(limit)
        self.enforced_by = "watchdog"
        self._group: _Group | None = None
        self._pid: int | None = None
        self._hit = False
        self._peak_rss = 0
        self._peak_group = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "MemoryCap":
        self._group, self.enforced_by = _make_group(self.limit)
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def join(self, pid: int) -> None:
        """Puts process `pid` under the cap and starts measuring it."""
        self._pid = pid
        if self._group is not None:
            self._group.join(pid)
        self._thread = threading.Thread(target=self._watch, name="check-memory-cap",
                                        daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psutil

        while not self._stop.wait(_POLL_S):
            try:
                root = psutil.Process(self._pid)
                used = sum(_rss(p) for p in (root, *root.children(recursive=True)))
            except psutil.Error:
                return
            self._peak_rss = max(self._peak_rss, used)
            if self._group is None and used > self.limit:
                self._hit = True
                _log.info("The checking process went past its memory cap; killing it.")
                _kill(self._pid)
                return

    @property
    def hit(self) -> bool:
        """Whether the process was killed for going past the cap."""
        return self._hit or (self._group is not None and self._group.oom_killed())

    @property
    def peak(self) -> int:
        """Most memory it used: the group's own count where there is one (page cache
        included), else the largest resident size sampled."""
        group = self._group.peak() if self._group is not None else self._peak_group
        return max(group, self._peak_rss)

    @property
    def peak_rss(self) -> int:
        """Largest resident size of the process and its children, sampled every 50 ms."""
        return self._peak_rss

    def close(self) -> None:
        """Stops measuring; kills what is left in the group and removes it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._group is not None:
            self._hit = self.hit
            self._peak_group = self._group.peak()
            self._group.remove()
            self._group = None


def _rss(process) -> int:
    try:
        return process.memory_info().rss
    except Exception:  # noqa: BLE001 - a process that just ended uses nothing
        return 0
