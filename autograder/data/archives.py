"""A folder of course data as the zip file the course publishes, made once and cached.

The older edition of the course downloads its pictures as zip files
(``kagglecatsanddogs_5340.zip``: ``PetImages/Cat/*.jpg`` …; ``horse-or-human.zip``:
``horses/*.png`` …). `folder_zip` makes the same layout from the grader's student folder,
quirks and all (empty files, ``Thumbs.db``, files that are not pictures; the caller may
leave some out, `autograder.course_downloads.CourseFile.openable_only`), when a notebook
first asks for it, and keeps it in a cache named by what went into it (every member's path,
size and modification time, and the layout), so that a second grading reuses it and a
grading that downloads nothing pays nothing; when the folder's files change (the data is
prepared again), the next request makes a new archive and removes the old one. The archive is the same bytes for the same
files: members in sorted order, one fixed date, stored uncompressed (pictures do not shrink).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import zipfile
from pathlib import Path
from typing import Iterable

__all__ = ["ARCHIVE_FORMAT", "archive_key", "default_archive_cache", "folder_zip"]

ARCHIVE_FORMAT = "1"
"""Version of the archive's layout rules; a change makes new cache entries."""
_DATE = (1980, 1, 1, 0, 0, 0)


def default_archive_cache() -> Path:
    """``$XDG_CACHE_HOME/autograder/archives`` (by default ``~/.cache/autograder/archives``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "autograder" / "archives"


def _members(folder: Path, exclude: frozenset[str] = frozenset()) -> list[tuple[str, Path]]:
    """``(path inside the folder, file)`` of every file below `folder` but those `exclude`
    names, sorted; linked files are followed (the grader's data may be links to the real
    files)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs.sort()
        for name in files:
            path = Path(root) / name
            inside = path.relative_to(folder).as_posix()
            if inside not in exclude:
                found.append((inside, path))
    return sorted(found)


def archive_key(folder: Path, prefix: str, exclude: frozenset[str] = frozenset()) -> str:
    """What names `folder`'s archive in the cache: a SHA-256 of the layout, of the files left
    out, and of every member's path, size and modification time."""
    digest = hashlib.sha256(f"zip-{ARCHIVE_FORMAT}\0{prefix}\0".encode())
    if exclude:  # an archive of every file keeps the key it had before files could be left out
        digest.update(("left out\0" + "\0".join(sorted(exclude)) + "\n").encode())
    for name, path in _members(Path(folder), exclude):
        stat = path.stat()
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _write_zip(folder: Path, prefix: str, target: Path, exclude: frozenset[str]) -> None:
    members = _members(folder, exclude)
    folders = sorted({prefix + name.rsplit("/", 1)[0] + "/" for name, _ in members if "/" in name}
                     | ({prefix} if prefix else set()))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for name in folders:  # the published archives list their folders too
            archive.writestr(zipfile.ZipInfo(name, _DATE), b"")
        for name, path in members:
            info = zipfile.ZipInfo(prefix + name, _DATE)
            info.external_attr = 0o644 << 16
            with open(path, "rb") as source, archive.open(info, "w") as member:
                while block := source.read(1 << 20):
                    member.write(block)


def folder_zip(folder: Path, *, prefix: str = "", cache: Path | None = None,
               exclude: Iterable[str] = ()) -> Path:
    """The zip of every file below `folder`, each stored as ``prefix + its path inside``.

    Made on first use and kept in `cache` (another process making the same archive at the
    same time waits for it instead of making it twice).

    Args:
        folder: the folder to pack, e.g. the student's ``PetImages``.
        prefix: the folder the members sit in inside the archive (``"PetImages/"``), or ``""``.
        cache: where archives are kept; `default_archive_cache` by default.
        exclude: paths inside `folder` (``"Cat/12.jpg"``) left out of the archive.

    Returns:
        The archive's path in the cache (``<cache>/<folder tag>-<archive_key>.zip``); the
        archive the folder's earlier files made is removed.

    Raises:
        FileNotFoundError: if `folder` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Expected a folder to zip. Received: {folder} (missing).")
    cache = Path(cache or default_archive_cache())
    cache.mkdir(parents=True, exist_ok=True)
    # one archive per folder and layout is kept: the one of its files as they are now
    origin = hashlib.sha256(f"{folder.resolve()}\0{prefix}".encode()).hexdigest()[:16]
    exclude = frozenset(exclude)
    target = cache / f"{origin}-{archive_key(folder, prefix, exclude)}.zip"
    if target.is_file():
        return target
    with open(cache / f"{origin}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            partial = target.with_suffix(f".{os.getpid()}.partial")
            try:
                _write_zip(folder, prefix, partial, exclude)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            for older in cache.glob(f"{origin}-*.zip"):  # a grading still sending one keeps
                if older != target:                     # its open copy until it is done
                    older.unlink(missing_ok=True)
    return target
