"""Reading below the artifacts folder without following a link in any part of a path.

The kernel wrote the artifacts folder; the grader reads it outside the sandbox. A link
there (``parsing -> /``, ``model.keras -> /etc/passwd``) would make the grader read a host
path of the student's choosing. Checking only a path's last part is not enough: a linked
*folder* on the way leads anywhere. Here each part below the folder is opened relative to
the one above it with ``O_NOFOLLOW``, so no link is ever followed, and ``..`` or an absolute
path is refused before anything is opened.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator

__all__ = ["UnsafePath", "checked_path", "open_below"]

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafePath(ValueError):
    """A path below the artifacts folder that the grader will not read; says why.

    Attributes:
        missing: True when a part of the path does not exist at all (not a link).
    """

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def _parts(relative: str | os.PathLike) -> tuple[str, ...]:
    text = os.fspath(relative)
    parts = PurePosixPath(text).parts
    if not parts or text.startswith("/") or any(p in ("..", ".", "") for p in parts):
        raise UnsafePath(f"{text!r} is not a plain path below the folder")
    return parts


@contextmanager
def _parent_fd(root: Path, parts: tuple[str, ...]) -> Iterator[int]:
    """A descriptor of the folder holding `parts`' last part, reached without links."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)  # the grader's own path
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, _DIRECTORY, dir_fd=fd)
            except OSError as error:  # ELOOP or ENOTDIR: a link or a file on the way
                raise UnsafePath(f"{part!r} is not a folder (a link is never followed): "
                                 f"{error.strerror}", missing=error.errno == errno.ENOENT
                                 ) from None
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def checked_path(root: Path, relative: str | os.PathLike, *, directory: bool = False,
                 max_bytes: int | None = None) -> Path:
    """``root / relative``, once every part of it below `root` is known to be no link.

    For readers that need a path (Keras opens a ``.keras`` file by name): the sandbox is
    gone when the grader reads, so nothing can swap a part between this check and the read.

    Args:
        root: the artifacts folder (its own path is the grader's, and trusted).
        relative: the path below it the kernel named.
        directory: expect a folder at the end instead of a regular file.
        max_bytes: for a file, its largest size.

    Raises:
        UnsafePath: if a part is a link or not a folder, the end is not a regular file (or
            folder), is missing or too large, or `relative` leaves `root`.
    """
    parts = _parts(relative)
    with _parent_fd(Path(root), parts) as fd:
        try:
            info = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
        except OSError as error:
            raise UnsafePath(f"{parts[-1]!r}: {error.strerror}",
                             missing=error.errno == errno.ENOENT) from None
    wanted = stat.S_ISDIR if directory else stat.S_ISREG
    if not wanted(info.st_mode):
        raise UnsafePath(f"{parts[-1]!r} is not a {'folder' if directory else 'regular file'}")
    if max_bytes is not None and info.st_size > max_bytes:
        raise UnsafePath(f"{parts[-1]!r} holds {info.st_size} bytes (at most {max_bytes})")
    return Path(root).joinpath(*parts)


def open_below(root: Path, relative: str | os.PathLike, *, max_bytes: int) -> BinaryIO:
    """Opens the regular file `relative` below `root` for reading, no link followed.

    Raises:
        UnsafePath: as `checked_path`.
    """
    parts = _parts(relative)
    with _parent_fd(Path(root), parts) as parent:
        try:
            fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                         dir_fd=parent)
        except OSError as error:
            raise UnsafePath(f"{parts[-1]!r}: {error.strerror}",
                             missing=error.errno == errno.ENOENT) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        os.close(fd)
        raise UnsafePath(f"{parts[-1]!r} is not a regular file of at most {max_bytes} bytes")
    return os.fdopen(fd, "rb")
