"""The held-out images as an encrypted bundle (Fernet, from the `cryptography` package).

The instructor makes the bundle once (`seal_heldout`) and keeps the key (a repository or
organisation secret); the CI workflow opens it (`open_heldout`) only after the student's
code has finished, in a step that runs none of it.
"""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

__all__ = ["BUNDLE_NAME", "seal_heldout", "open_heldout"]

BUNDLE_NAME = "heldout.bundle"


def seal_heldout(dataset_dir: Path, bundle: Path, *, key: bytes | None = None) -> bytes:
    """Packs `dataset_dir` (one held-out dataset, with its ``manifest.json``) into an
    encrypted `bundle`; returns the key (new unless given)."""
    from cryptography.fernet import Fernet

    dataset_dir = Path(dataset_dir)
    if not (dataset_dir / "manifest.json").is_file():
        raise FileNotFoundError(f"No held-out data in {dataset_dir} (no manifest.json).")
    key = key or Fernet.generate_key()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        archive.add(dataset_dir, arcname=dataset_dir.name)
    Path(bundle).parent.mkdir(parents=True, exist_ok=True)
    Path(bundle).write_bytes(Fernet(key).encrypt(buffer.getvalue()))
    return key


def open_heldout(bundle: Path, key: bytes | str, heldout_root: Path) -> Path:
    """Decrypts `bundle` into `heldout_root` (mode 0700); returns the dataset folder.

    Raises:
        cryptography.fernet.InvalidToken: for a wrong key or a changed bundle.
    """
    from cryptography.fernet import Fernet

    key = key.encode("ascii") if isinstance(key, str) else key
    data = Fernet(key.strip()).decrypt(Path(bundle).read_bytes())
    heldout_root = Path(heldout_root)
    heldout_root.mkdir(parents=True, exist_ok=True)
    os.chmod(heldout_root, 0o700)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        names = {member.name.split("/")[0] for member in archive.getmembers()}
        archive.extractall(heldout_root, filter="data")  # no links out, no absolute paths
    (name,) = names
    return heldout_root / name
