"""What one sandboxed run may see and use."""

from __future__ import annotations

import site
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from autograder.sandbox.offline import OfflineDownloads

__all__ = ["Limits", "SandboxSpec", "python_mounts", "gpu_devices", "GIB", "ENV_ALLOWED"]

GIB = 1024 ** 3

#: Variables of the grader's environment a kernel may inherit; everything else is dropped
#: (the grader's own settings, tokens, paths). The run adds its own on top.
ENV_ALLOWED = ("LANG", "LC_ALL", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
               # thread pools, sized by a batch so parallel gradings share the cores
               "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


@dataclass(frozen=True)
class Limits:
    """Resource caps of one sandboxed run."""

    memory_bytes: int = 6 * GIB
    """Resident memory of everything in the sandbox together."""
    processes: int = 1024
    """Tasks (processes and threads) in the sandbox; TensorFlow alone starts dozens."""
    file_bytes: int = 2 * GIB
    """Largest single file the sandbox may write."""
    disk_bytes: int = 4 * GIB
    """Everything written to the run's writable folders together."""
    tmp_bytes: int = 1 * GIB
    """Size of the sandbox's private ``/dev/shm``, and of its ``/tmp`` where that is memory
    (`SandboxSpec.tmp_dir` None)."""


@dataclass(frozen=True)
class SandboxSpec:
    """The file system, environment and caps of one sandboxed kernel.

    Paths keep their names inside, so the kernel sees the same paths the grader does.
    """

    workdir: Path
    """The kernel's working folder (writable)."""
    runtime: Path
    """Folder for the kernel's connection file and sockets (writable; the kernel has no
    network, so it talks to the grader over Unix sockets here)."""
    readonly: tuple[Path, ...]
    """Folders and files visible read-only (the Python installation, the grader's code,
    the student data)."""
    writable: tuple[Path, ...]
    """Folders visible read-write besides `workdir` (artifacts, the kernel's sockets)."""
    env: Mapping[str, str] = field(default_factory=dict)
    """The kernel's whole environment (built from `ENV_ALLOWED` plus the run's own)."""
    limits: Limits = Limits()
    """Caps on memory, processes, file size and disk."""
    downloads: "OfflineDownloads | None" = None
    """The course's downloads, served to the sandbox instead of the network
    (`autograder.sandbox.offline`); None: no URL answers, as without network."""
    tmp_dir: Path | None = None
    """A folder of the run's own bound at ``/tmp``: disk, counted in `disk_folders` and capped
    by `Limits.disk_bytes`, for the course's older notebooks, which download and unzip the
    data there (Week 1's real zip and its pictures: about 1.6 GB); None: ``/tmp`` is memory
    (a tmpfs of `Limits.tmp_bytes`)."""
    devices: tuple[Path, ...] = ()
    """Device files passed in as they are (`gpu_devices`, the ``gpu`` setting); the sandbox
    otherwise has only ``/dev``'s harmless ones (null, zero, random, tty)."""

    @property
    def disk_folders(self) -> tuple[Path, ...]:
        """The folders whose total size `Limits.disk_bytes` caps."""
        return (self.workdir, *self.writable, self.runtime,
                *([self.tmp_dir] if self.tmp_dir is not None else []))


def python_mounts() -> tuple[Path, ...]:
    """The folders this Python and its packages live in, for read-only use inside.

    The installation (``sys.base_prefix``), the virtual environment (``sys.prefix``),
    the folder of each ``sys.path`` entry that is a site or package folder, and the
    folder this package was imported from (an editable install lives outside the venv).
    """
    import autograder

    found: list[Path] = [Path(sys.base_prefix), Path(sys.prefix), Path(sys.exec_prefix),
                         Path(sys.executable).resolve().parent.parent,
                         Path(autograder.__file__).resolve().parent]
    for entry in [*sys.path, *site.getsitepackages()]:
        path = Path(entry) if entry else None
        if path is not None and path.is_dir() and ("site-packages" in path.parts
                                                   or "dist-packages" in path.parts
                                                   or path.name.startswith("python3")):
            found.append(path.resolve())
    return _outermost(found)


def _outermost(paths: list[Path]) -> tuple[Path, ...]:
    """Existing paths with those inside another one left out, in a stable order."""
    unique = sorted({p.resolve() for p in paths if p.exists()}, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in unique:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return tuple(kept)


#: The device files an NVIDIA GPU is used through (driver, unified memory, its control).
_GPU_DEVICE_PATTERNS = ("nvidia[0-9]*", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools",
                        "nvidia-modeset")


def gpu_devices(dev: Path = Path("/dev")) -> tuple[Path, ...]:
    """This machine's NVIDIA device files, for a sandbox that may use the GPU (none on a
    machine without one). The driver's libraries are already visible: they live in the
    system folders the sandbox shows read-only."""
    found: dict[Path, None] = {}
    for pattern in _GPU_DEVICE_PATTERNS:
        for path in sorted(Path(dev).glob(pattern)):
            if path.exists() and not path.is_dir():
                found[path] = None
    return tuple(found)
