"""Per-grading scratch folders that are removed however a grading ends.

A grading's folder (its kernel's working folder, the artifacts, the checking process's
files) is removed when the grading returns, raises or is interrupted (`scratch_folder`).
A grading process killed outright (a batch's time limit sends SIGKILL; the machine's OOM
killer) runs no clean-up of its own, so each folder holds an ``.owner`` file locked by the
process that made it (``flock``: the lock dies with the process), and the next grading
removes every folder whose lock nobody holds (`sweep_abandoned`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = ["OWNER_FILE", "scratch_folder", "sweep_abandoned"]

OWNER_FILE = ".owner"


def sweep_abandoned(work_root: Path) -> list[Path]:
    """Removes the scratch folders below `work_root` whose grading process is gone;
    returns them. Kept folders (``--keep-work``) hold no owner file and stay."""
    removed = []
    try:
        candidates = [p for p in Path(work_root).iterdir() if (p / OWNER_FILE).is_file()]
    except OSError:
        return removed
    for folder in candidates:
        try:
            fd = os.open(folder / OWNER_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live grading holds it
            os.close(fd)
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(fd)
    return removed


@contextmanager
def scratch_folder(work_root: Path, prefix: str, *, keep: bool = False) -> Iterator[Path]:
    """A new folder ``<work_root>/<prefix>-<random>`` for one grading, removed on the way
    out however the block ends (unless `keep`: then it stays, its owner file removed, so no
    sweep takes it). Abandoned folders of killed gradings are swept first."""
    work_root = Path(work_root)
    work_root.mkdir(parents=True, exist_ok=True)
    sweep_abandoned(work_root)
    folder = work_root / f"{prefix}-{uuid.uuid4().hex[:12]}"
    folder.mkdir()
    owner = os.open(folder / OWNER_FILE, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(owner, fcntl.LOCK_EX)
        yield folder
    finally:
        if keep:
            (folder / OWNER_FILE).unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        os.close(owner)
