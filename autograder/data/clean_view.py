"""A clean view of a dirty images folder, made of symbolic links (nothing is copied)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

__all__ = ["link_clean_copy"]


def link_clean_copy(images_dir: Path, bad: Collection[str], target: Path) -> Path:
    """Mirrors `images_dir` into `target` with symbolic links, leaving out `bad` files.

    Args:
        images_dir: one subfolder per class.
        bad: files to leave out, relative to `images_dir` (``"Cat/666.jpg"``), e.g. a
            manifest's ``bad_files``. Files without an image suffix are left out too.
        target: folder to fill; created if missing.

    Returns:
        `target`.
    """
    for class_dir in sorted(p for p in Path(images_dir).iterdir() if p.is_dir()):
        (target / class_dir.name).mkdir(parents=True, exist_ok=True)
        for path in class_dir.iterdir():
            relative = f"{class_dir.name}/{path.name}"
            if relative not in bad and path.suffix.lower() in (".jpg", ".jpeg", ".png"):
                (target / relative).symlink_to(path.resolve())
    return target
