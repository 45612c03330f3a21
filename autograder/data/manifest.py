"""What a prepared data folder holds, as versioned JSON next to it (``manifest.json``)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from autograder.results.store import write_json_atomic

__all__ = ["MANIFEST_NAME", "DataManifest", "write_manifest", "read_manifest"]

MANIFEST_NAME = "manifest.json"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class DataManifest:
    """A prepared split of a dataset (the student's copy, or the grader's held-out set)."""

    dataset: str
    """Dataset name, e.g. ``"cats_and_dogs"``."""
    origin: str
    """``"standin"`` (generated offline) or ``"real"`` (prepared from the real files)."""
    scale: str
    """``"ci"``, ``"full"`` or ``"probe"`` for stand-ins; ``"real"`` for real data."""
    seed: int
    """Seed the folder was generated or split with (for course data, the public ``seed`` of
    ``autograder.toml``). With `drawn_from_secret`, the seed alone does not reproduce it."""
    split: str
    """``"student"`` or ``"heldout"``."""
    classes: tuple[str, ...]
    """Class folder names in label order, e.g. ``("Cat", "Dog")``."""
    images: dict[str, int]
    """Decodable images per class."""
    zero_byte: tuple[str, ...] = ()
    """Empty files, relative to the images folder (``"Cat/666.jpg"``)."""
    undecodable: tuple[str, ...] = ()
    """Files with an image name that TensorFlow cannot decode."""
    other_files: tuple[str, ...] = ()
    """Files that are not images at all (``"Cat/Thumbs.db"``)."""
    description: str = ""
    """One sentence a student can read, naming the data."""
    generator: str = ""
    """Version of the stand-in's drawing (e.g. ``"2"``), changed whenever the same seed
    would draw different pictures; ``""`` for real data and for the first version. Data
    whose generator is not the week's current one is rebuilt."""
    drawn_from_secret: bool = False
    """Whether the folder's images (stand-in) or its choice of photos (real data) were drawn
    from the course's secret (``secret.key`` in the held-out root) instead of `seed` alone.
    Manifests written before the secret existed read as False."""
    schema_version: int = SCHEMA_VERSION
    """Version of this JSON layout."""

    @property
    def bad_files(self) -> frozenset[str]:
        """Every file a clean copy must leave out."""
        return frozenset(self.zero_byte) | frozenset(self.undecodable) | frozenset(self.other_files)


def write_manifest(manifest: DataManifest, path: Path) -> None:
    """Writes `manifest` as JSON to `path`, atomically."""
    write_json_atomic(dataclasses.asdict(manifest), path)


def read_manifest(path: Path) -> DataManifest:
    """Reads a manifest written by `write_manifest`.

    Raises:
        ValueError: if it was written by another schema version.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"Expected a data manifest with schema_version {SCHEMA_VERSION}. "
                         f"Received: {data.get('schema_version')!r} in {path}.")
    for name in ("classes", "zero_byte", "undecodable", "other_files"):
        data[name] = tuple(data[name])
    return DataManifest(**data)
