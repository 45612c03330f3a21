"""The course's secret: what makes the grader's held-out data impossible to regenerate.

The stand-in's student data comes from a public seed (``seed`` in ``autograder.toml``),
so anyone with this package can rebuild it byte for byte. The held-out images must not
be rebuildable that way, or a "model" could simply memorise them. They are drawn from
32 random bytes kept in ``<heldout_root>/secret.key`` instead: created once, readable by
its owner only, never printed and never written to a manifest or result.

Everything drawn from the secret goes through `secret_entropy` or `secret_seed` with a
*purpose* (``"heldout-standin"``, ``"heldout-split"``, ``"probe"``): values for different
purposes are independent HMACs, so publishing one (the probe's seed, say) reveals
nothing about the others nor about the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

__all__ = ["SECRET_NAME", "SECRET_BYTES", "secret_path", "load_or_create_secret",
           "secret_entropy", "secret_seed"]

SECRET_NAME = "secret.key"
SECRET_BYTES = 32


def secret_path(heldout_root: Path) -> Path:
    """Where the course's secret lives: ``<heldout_root>/secret.key``."""
    return Path(heldout_root) / SECRET_NAME


def load_or_create_secret(heldout_root: Path) -> bytes:
    """Returns the course's secret, creating it on first use.

    A new secret is 32 bytes from `secrets.token_bytes`, written atomically with mode
    0600; if two processes create one at the same time, both return the one that won.

    Args:
        heldout_root: the grader's held-out folder (``heldout_root`` setting).

    Returns:
        The secret's bytes.

    Raises:
        ValueError: if the file exists but does not hold 32 bytes.
    """
    path = secret_path(heldout_root)
    if not path.is_file():
        _create(path)
    secret = path.read_bytes()
    if len(secret) != SECRET_BYTES:
        raise ValueError(f"Expected {SECRET_BYTES} bytes in the course's secret {path}. "
                         f"Received: {len(secret)} bytes. Delete the file and run "
                         "`autograder data` again to make a new one (the held-out data is "
                         "then regenerated).")
    return secret


def _create(path: Path) -> None:
    """Writes a fresh secret to `path` unless one appears there first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600: readable and writable by its owner only.
    handle, temporary = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(secrets.token_bytes(SECRET_BYTES))
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)  # never replaces a secret another process just made
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _mac(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, purpose.encode(), hashlib.sha256).digest()


def secret_entropy(secret: bytes, purpose: str) -> int:
    """A 256-bit integer for `purpose`, derived from `secret` (HMAC-SHA256 of the purpose).

    Example:
        >>> secret_entropy(bytes(32), "heldout-standin") == secret_entropy(bytes(32), "probe")
        False
    """
    return int.from_bytes(_mac(secret, purpose), "big")


def secret_seed(secret: bytes, purpose: str) -> int:
    """A 64-bit seed for `purpose`: the first 8 bytes of HMAC-SHA256(secret, purpose).

    Any function that takes an integer seed can be drawn from the secret this way, e.g. the
    hidden cleaning probe: ``generate(..., scale="probe", seed=secret_seed(secret, "probe"))``.

    Example:
        >>> 0 <= secret_seed(bytes(32), "probe") < 2**64
        True
    """
    return int.from_bytes(_mac(secret, purpose)[:8], "big")
