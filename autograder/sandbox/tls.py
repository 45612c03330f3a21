"""The certificates the offline downloads are served with over HTTPS.

The course's URLs are ``https://``: a client inside the sandbox talks TLS to the grader's
download server (`autograder.sandbox.proxy`) as it would to the real host, and checks the
certificate. The grader makes, once per machine, a certificate authority of its own and a
certificate for the hosts it serves, signed by it. Only the authority's *certificate*
(public) is shown to the sandbox, whose clients are told to trust it (and only there); the
keys stay outside, readable by the grader alone, so code in the sandbox can neither read
them nor pass for another host.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

__all__ = ["ServerCertificate", "default_tls_cache", "server_certificate"]

_VALID = datetime.timedelta(days=3650)


@dataclass(frozen=True)
class ServerCertificate:
    """Where the files of one server certificate are."""

    authority: Path
    """The authority's certificate (PEM): what clients in the sandbox trust."""
    chain: Path
    """The server's certificate (PEM), for the listed hosts."""
    key: Path
    """The server's private key (PEM, readable by the grader only)."""


def default_tls_cache() -> Path:
    """``$XDG_CACHE_HOME/autograder/offline-tls`` (by default under ``~/.cache``)."""
    return (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            / "autograder" / "offline-tls")


def _write_private(path: Path, data: bytes) -> None:
    partial = path.with_suffix(f".{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def _pem_key(key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(subject: str, key, issuer: str, issuer_key, *, hosts: Sequence[str] = ()):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(now + _VALID))
    if hosts:
        builder = (builder
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]),
                                  False)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                                  False))
    else:
        builder = (builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
                   .add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                                False, False), True))
    return builder.sign(issuer_key, hashes.SHA256())


def _authority(cache: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    cert_path, key_path = cache / "authority.pem", cache / "authority.key"
    if cert_path.is_file() and key_path.is_file():
        return serialization.load_pem_private_key(key_path.read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    name = "autograder offline downloads (sandbox only)"
    _write_private(key_path, _pem_key(key))
    cert = _certificate(name, key, name, key)
    _write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    os.chmod(cert_path, 0o644)  # public: shown to the sandbox
    return key


def server_certificate(hosts: Sequence[str], *, cache: Path | None = None) -> ServerCertificate:
    """A certificate for `hosts`, signed by the grader's authority; both made on first use.

    Args:
        hosts: the host names it is valid for.
        cache: where the files are kept; `default_tls_cache` by default.

    Returns:
        The paths of the authority's certificate, the server's and its key.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    cache = Path(cache or default_tls_cache())
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    tag = hashlib.sha256("\n".join(sorted(hosts)).encode()).hexdigest()[:16]
    found = ServerCertificate(cache / "authority.pem", cache / f"server-{tag}.pem",
                              cache / f"server-{tag}.key")
    if found.chain.is_file() and found.key.is_file() and found.authority.is_file():
        return found
    with open(cache / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if found.chain.is_file() and found.key.is_file() and found.authority.is_file():
            return found
        authority_key = _authority(cache)
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _certificate(sorted(hosts)[0], key, "autograder offline downloads (sandbox only)",
                            authority_key, hosts=sorted(hosts))
        _write_private(found.key, _pem_key(key))
        _write_private(found.chain, cert.public_bytes(serialization.Encoding.PEM))
    return found
