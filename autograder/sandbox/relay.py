"""The sandbox's end of the offline downloads: a relay from a loopback port to the grader.

    python -I -S relay.py --port PORT --socket SOCKET -- KERNEL COMMAND...

Runs inside the sandbox, before the kernel: it listens on ``127.0.0.1:PORT`` (the sandbox's
own loopback; it has no other network), starts a process that hands every connection made
there to the grader's download server on the Unix socket ``SOCKET``
(`autograder.sandbox.proxy`), then becomes the kernel. The sandbox's clients find it as their
proxy (``http_proxy``, ``https_proxy``). It is run by its path, with the standard library
only: nothing of the grader is imported into the sandbox.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading

__all__ = ["main", "unix_address"]

_BLOCK = 1 << 16
_MAX_CONNECTIONS = 32
_SUN_PATH = 100
"""Longest Unix socket path used as it is (the kernel's limit is 107 bytes)."""


def unix_address(path: str) -> str:
    """`path`, or where it is too long for a Unix socket (a deep scratch folder), the same
    file reached through an open descriptor of its folder: ``/proc/self/fd/N/NAME``. The
    descriptor stays open for the life of the process (closed on exec)."""
    if len(os.fsencode(path)) <= _SUN_PATH:
        return path
    folder, name = os.path.split(path)
    descriptor = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY)
    return f"/proc/self/fd/{descriptor}/{name}"


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while block := source.recv(_BLOCK):
            target.sendall(block)
    except OSError:
        pass
    finally:
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def _relay(client: socket.socket, socket_path: str, slots: threading.BoundedSemaphore) -> None:
    try:
        with client, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as grader:
            try:
                grader.connect(socket_path)
            except OSError:
                return  # the client sees the connection closed: nothing is served
            back = threading.Thread(target=_pump, args=(grader, client), daemon=True)
            back.start()
            _pump(client, grader)
            back.join()
    finally:
        slots.release()


def _serve(listener: socket.socket, socket_path: str) -> None:
    slots = threading.BoundedSemaphore(_MAX_CONNECTIONS)
    while True:
        client, _ = listener.accept()
        if not slots.acquire(blocking=False):
            client.close()
            continue
        threading.Thread(target=_relay, args=(client, socket_path, slots), daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    """Listens, starts the relaying process, then executes the command after ``--``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        raise SystemExit("usage: relay.py --port PORT --socket SOCKET -- COMMAND")
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="relay.py")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--socket", required=True)
    options = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", options.port))
    listener.listen(64)
    if os.fork() == 0:
        os.setsid()  # not in the kernel's process group: an interrupt does not reach it
        try:
            _serve(listener, unix_address(options.socket))
        finally:
            os._exit(0)
    listener.close()
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
