"""The launcher a sandboxed kernel starts through (runs outside the sandbox).

    python -m autograder.sandbox.launch [--cgroup-procs FILE]... --file-bytes N -- bwrap ...

It joins the run's control groups (so every process the kernel starts is counted),
caps the size of any one file written and turns core dumps off, then replaces itself
with bubblewrap: limits and group membership are inherited by everything inside.

Bubblewrap itself starts with an empty environment. Its ``--clearenv`` only clears the
environment of the program it runs; bubblewrap stays inside as the sandbox's process 1,
whose ``/proc/1/environ`` the kernel can read, so whatever bubblewrap inherited (the
grading process's settings, the held-out folder, tokens) would be readable there.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Applies the caps, then executes the command after ``--``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        raise SystemExit("usage: launch [--cgroup-procs FILE]... --file-bytes N -- COMMAND")
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="autograder.sandbox.launch")
    parser.add_argument("--cgroup-procs", action="append", default=[])
    parser.add_argument("--file-bytes", type=int, required=True)
    options = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    for procs in options.cgroup_procs:
        with open(procs, "w", encoding="ascii") as handle:
            handle.write(str(os.getpid()))
    resource.setrlimit(resource.RLIMIT_FSIZE, (options.file_bytes, options.file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.execve(command[0], command, {})  # see the module docstring: nothing to inherit


if __name__ == "__main__":
    main()
