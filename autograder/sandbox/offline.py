"""The course's downloads, served to a sandbox that has no network.

The older edition's notebooks fetch their data and weights from the internet
(`autograder.course_downloads`). In the sandbox those URLs reach the grader's copies of the
same files instead, and nothing else is reachable:

- every client is given a proxy, ``http://127.0.0.1:3128``, through the variables wget,
  curl, urllib (and so Keras' ``get_file``), requests and pip all read (``http_proxy``,
  ``https_proxy``), and told to trust the grader's certificate authority
  (``SSL_CERT_FILE``, ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE``, a ``wgetrc``);
- a relay in the sandbox (`autograder.sandbox.relay`, started before the kernel) listens
  there, on the sandbox's own loopback, and hands each connection to the grader over a
  Unix socket in the run's sockets folder;
- the grader answers (`autograder.sandbox.proxy`) with the course's files only, made from
  the student data (a folder zipped on first use and cached, `autograder.data.archives`);
- where gdown is not installed, a stand-in ``gdown`` command and module
  (``autograder/sandbox/shims``) fetch a Drive id through the same proxy.

A grading whose notebook downloads nothing pays for one small process and one thread.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from autograder.course_downloads import (CourseFile, course_files, files_left_out,
                                         served_hosts, source_path)
from autograder.sandbox.tls import ServerCertificate, server_certificate

__all__ = ["OfflineDownloads", "offline_downloads", "INSIDE", "PROXY_PORT", "SOCKET_NAME"]

PROXY_PORT = 3128
"""The proxy's port on the sandbox's loopback."""
SOCKET_NAME = "downloads.sock"
"""The grader's socket, in the run's sockets folder."""
INSIDE = Path("/run/offline-downloads")
"""Where the sandbox sees the authority's certificate and wget's settings."""
_SHIMS = Path(__file__).resolve().parent / "shims"
_RELAY = Path(__file__).resolve().parent / "relay.py"


@dataclass(frozen=True)
class OfflineDownloads:
    """What a sandbox needs to reach the course's files and nothing else."""

    files: tuple[CourseFile, ...]
    """The files served."""
    images_dir: Path
    """The student images folder the files' sources lie in (the grader's copy)."""
    socket: Path
    """The grader's Unix socket (inside the run's sockets folder, which the sandbox sees)."""
    certificate: ServerCertificate
    """The server's certificate and the authority the sandbox trusts."""
    archive_cache: Path | None = None
    """Where zipped folders are kept (`autograder.data.archives.default_archive_cache`)."""
    shims: Path | None = field(default=None)
    """Folder of the stand-in ``gdown`` (None where gdown is installed)."""
    manifest: Any = None
    """The student data's `autograder.data.manifest.DataManifest`: which of its files are
    undecodable (`autograder.course_downloads.files_left_out`)."""

    @property
    def wgetrc(self) -> Path:
        """wget's settings file naming the authority (next to it, public)."""
        return self.certificate.authority.with_name("wgetrc")

    @property
    def shown(self) -> tuple[tuple[Path, Path], ...]:
        """``(file, where the sandbox sees it)`` for the authority and wget's settings, at
        a place that names none of the grader's folders (wget prints it)."""
        return ((self.certificate.authority, INSIDE / "authority.pem"),
                (self.wgetrc, INSIDE / "wgetrc"))

    def environment(self, env: Mapping[str, str]) -> dict[str, str]:
        """`env` with the proxy, the trusted authority and the shims added."""
        proxy = f"http://127.0.0.1:{PROXY_PORT}"
        authority = str(INSIDE / "authority.pem")
        added = {name: proxy for name in ("http_proxy", "https_proxy", "HTTP_PROXY",
                                          "HTTPS_PROXY")}
        added.update({"SSL_CERT_FILE": authority, "REQUESTS_CA_BUNDLE": authority,
                      "CURL_CA_BUNDLE": authority, "WGETRC": str(INSIDE / "wgetrc")})
        result = {**env, **added}
        if self.shims is not None:
            for name in ("PATH", "PYTHONPATH"):
                result[name] = ":".join(p for p in (str(self.shims), env.get(name, "")) if p)
        return result

    def command(self, command: Sequence[str]) -> list[str]:
        """`command` started behind the relay (standard library only, no site packages)."""
        return [sys.executable, "-I", "-S", str(_RELAY), "--port", str(PROXY_PORT),
                "--socket", str(self.socket), "--", *command]

    def materialise(self, course_file: CourseFile) -> Path:
        """The path of `course_file`'s bytes: its source, or its source zipped (cached),
        without the files the published archive does not have (`files_left_out`)."""
        from autograder.data.archives import folder_zip

        source = source_path(course_file, self.images_dir)
        if course_file.zipped:
            return folder_zip(source, prefix=course_file.zip_prefix or "",
                              cache=self.archive_cache,
                              exclude=files_left_out(course_file, source, self.manifest))
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing")
        return source

    def server(self):
        """The grader's download server for one run (`autograder.sandbox.proxy`)."""
        from autograder.sandbox.proxy import DownloadServer

        return DownloadServer(self.socket, files=self.files, hosts=served_hosts(self.files),
                              certificate_chain=self.certificate.chain,
                              certificate_key=self.certificate.key,
                              materialise=self.materialise)


def offline_downloads(dataset: str, images_dir: Path, runtime: Path, *,
                      tls_cache: Path | None = None,
                      archive_cache: Path | None = None,
                      manifest: Any = None) -> OfflineDownloads | None:
    """The offline downloads of `dataset`'s week, for a sandbox whose sockets folder is
    `runtime`; None where the week downloads nothing.

    Args:
        dataset: `DataSpec.dataset`, e.g. ``"cats_and_dogs"``.
        images_dir: the student images folder (`DataLocation.images_dir`).
        runtime: the run's sockets folder (`SandboxSpec.runtime`).
        tls_cache: where certificates are kept (`autograder.sandbox.tls.default_tls_cache`).
        archive_cache: where zipped folders are kept.
        manifest: the student data's manifest (its undecodable files), if read.
    """
    files = course_files(dataset)
    if not files:
        return None
    certificate = server_certificate(served_hosts(files), cache=tls_cache)
    wgetrc = certificate.authority.with_name("wgetrc")
    expected = f"ca_certificate = {INSIDE / 'authority.pem'}\n"
    if not wgetrc.is_file() or wgetrc.read_text() != expected:  # atomic: gradings run in parallel
        partial = wgetrc.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(expected)
        os.replace(partial, wgetrc)
    gdown_installed = importlib.util.find_spec("gdown") is not None or shutil.which("gdown")
    return OfflineDownloads(files=files, images_dir=Path(images_dir),
                            socket=Path(runtime) / SOCKET_NAME, certificate=certificate,
                            archive_cache=archive_cache, manifest=manifest,
                            shims=None if gdown_installed else _SHIMS)
