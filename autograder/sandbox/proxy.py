"""The grader's side of the offline downloads: an HTTP proxy that knows only the course's files.

Clients in the sandbox (wget, curl, urllib, requests, gdown, Keras' ``get_file``) are told
to use a proxy (``https_proxy``); a relay in the sandbox (`autograder.sandbox.relay`) hands
each of their connections to this server over a Unix socket in the run's sockets folder.
The server answers like the real hosts would, for the course's URLs only
(`autograder.course_downloads`): ``CONNECT`` to a host it serves is accepted and its TLS
ended here with a certificate the sandbox trusts (`autograder.sandbox.tls`); a request for a
course file gets the file (a folder is zipped on first use, `autograder.data.archives`).
Any other host is refused at ``CONNECT``, as a host without network would be unreachable,
with a reason that says the grader is offline; any other path on a served host is a 404
that says the same. A URL is looked up in a table, never turned into a path, so nothing but
the files of that table can be read this way.
"""

from __future__ import annotations

import http.server
import logging
import os
import socketserver
import ssl
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Callable, Sequence

from autograder.course_downloads import CourseFile, find_course_file
from autograder.sandbox.relay import unix_address

__all__ = ["DownloadServer", "OFFLINE_REASON"]

_log = logging.getLogger(__name__)

OFFLINE_REASON = ("Offline: the grader runs notebooks without network and serves only the "
                  "course's own downloads")
"""What a refused request says (in the HTTP reason, which wget, curl, urllib and requests
print)."""
_MAX_CONNECTIONS = 16
_IDLE_TIMEOUT_S = 120.0


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "autograder-offline"
    sys_version = ""
    server: "_Server"
    tunnel_host: str | None = None

    def setup(self) -> None:
        self.request.settimeout(_IDLE_TIMEOUT_S)
        super().setup()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's name
        _log.debug("offline downloads: " + format, *args)

    def _refuse(self, status: HTTPStatus, detail: str) -> None:
        body = f"{OFFLINE_REASON}. {detail}\n".encode()
        self.send_response(status, f"{OFFLINE_REASON} ({detail})")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_CONNECT(self) -> None:
        host = self.path.rsplit(":", 1)[0].lower()
        if self.tunnel_host is not None or host not in self.server.hosts:
            self.close_connection = True
            return self._refuse(HTTPStatus.BAD_GATEWAY, f"{host} cannot be reached")
        self.send_response(HTTPStatus.OK, "Connection established")
        self.end_headers()
        self.wfile.flush()
        try:
            self.connection = self.server.tls.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError) as error:  # a client that does not trust us, say
            _log.debug("offline downloads: TLS with the client failed: %s", error)
            self.close_connection = True
            return
        self.tunnel_host = host
        self.close_connection = False  # an HTTP/1.0 CONNECT (Python's) goes on in the tunnel
        self.rfile = self.connection.makefile("rb", self.rbufsize)
        self.wfile = socketserver._SocketWriter(self.connection)

    def _url(self) -> str:
        if self.tunnel_host is not None:
            return f"https://{self.tunnel_host}{self.path}"
        return self.path  # a plain-HTTP proxy request names the whole URL

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = self._url()
        course_file = find_course_file(url, self.server.files)
        if course_file is None:
            host = url.split("/")[2] if url.count("/") >= 2 else url
            if self.tunnel_host is None and host.split(":")[0].lower() not in self.server.hosts:
                return self._refuse(HTTPStatus.BAD_GATEWAY, f"{host} cannot be reached")
            return self._refuse(HTTPStatus.NOT_FOUND, f"{url} is not one of them")
        try:
            path = self.server.materialise(course_file)
        except Exception as error:  # noqa: BLE001 - any failure is a 503 that names it
            _log.warning("offline downloads: could not make %s: %s", course_file.name, error)
            return self._refuse(HTTPStatus.SERVICE_UNAVAILABLE,
                                f"the grader could not provide {course_file.name}")
        self._send_file(course_file, path)

    def _send_file(self, course_file: CourseFile, path: Path) -> None:
        size = path.stat().st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/zip" if course_file.zipped
                         else "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.send_header("Content-Disposition", f'attachment; filename="{course_file.name}"')
        self.end_headers()
        if self.command == "HEAD":
            return
        with open(path, "rb") as source:
            while block := source.read(1 << 20):
                self.wfile.write(block)


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, socket_path: Path, *, files: Sequence[CourseFile], hosts: Sequence[str],
                 tls: ssl.SSLContext, materialise: Callable[[CourseFile], Path]) -> None:
        self.files, self.hosts, self.tls = tuple(files), frozenset(hosts), tls
        self.materialise = materialise
        self._slots = threading.BoundedSemaphore(_MAX_CONNECTIONS)
        address = unix_address(str(socket_path))  # a deep scratch folder: through its fd
        self._folder_fd = (int(address.split("/")[4]) if address.startswith("/proc/self/fd/")
                           else None)
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        if self._folder_fd is not None:
            os.close(self._folder_fd)
            self._folder_fd = None

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):  # a flood of connections: refuse more
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        _log.debug("offline downloads: a connection failed", exc_info=True)


class DownloadServer:
    """Serves the course's files on a Unix socket while a sandbox runs.

    Args:
        socket_path: where to listen (in the run's sockets folder, which the sandbox sees).
        files: the files it serves.
        hosts: the hosts it answers for (`autograder.course_downloads.served_hosts`).
        certificate_chain: the server certificate for `hosts` (PEM).
        certificate_key: its private key (PEM).
        materialise: gives the path of a file's bytes (zipping a folder on first use).

    Example:
        >>> with DownloadServer(...) as server:  # doctest: +SKIP
        ...     run_the_sandbox()
    """

    def __init__(self, socket_path: Path, *, files: Sequence[CourseFile], hosts: Sequence[str],
                 certificate_chain: Path, certificate_key: Path,
                 materialise: Callable[[CourseFile], Path]) -> None:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(certificate_chain, certificate_key)
        self.socket_path = Path(socket_path)
        self.socket_path.unlink(missing_ok=True)
        self._server = _Server(self.socket_path, files=files, hosts=hosts, tls=tls,
                               materialise=materialise)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={
            "poll_interval": 0.2}, name="offline-downloads", daemon=True)

    def __enter__(self) -> "DownloadServer":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Starts answering, in a thread of its own."""
        self._thread.start()

    def close(self) -> None:
        """Stops answering and removes the socket."""
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
        self.socket_path.unlink(missing_ok=True)
