"""One kernel process per submission: started in its folder, always shut down."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from queue import Empty
from typing import Mapping

from ipykernel.kernelspec import RESOURCES, get_kernel_dict

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpec, KernelSpecManager
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient

from autograder.execute.errors import KernelStartFailed
from autograder.sandbox import Guard, SandboxSpec, SandboxUnavailable, Violation, launch_argv
from autograder.sandbox.sockets import socket_problem

__all__ = ["Kernel", "NativeKernelSpecManager"]

_log = logging.getLogger(__name__)

# A kill plus reaping normally takes well under a second; past this the process is
# wedged in the OS and we stop waiting rather than hang the batch.
_SHUTDOWN_TIMEOUT_S = 10.0


class NativeKernelSpecManager(KernelSpecManager):
    """Resolves "python3" to this interpreter's ipykernel.

    An installed `python3` kernel spec (in ~/.local/share/jupyter, say) may point at
    another Python without the course's packages; grading must run in the grader's
    own environment, so the native name never goes through the spec search.
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """Returns the spec for `kernel_name`, pinned to `sys.executable` for "python3"."""
        if kernel_name == NATIVE_KERNEL_NAME:
            return KernelSpec(resource_dir=RESOURCES, name=kernel_name, **get_kernel_dict())
        return super().get_kernel_spec(kernel_name)


class _SandboxedSpecManager(NativeKernelSpecManager):
    """Resolves "python3" to this interpreter's ipykernel, started inside a sandbox.

    The kernel is interrupted by a message (a signal could not reach it through the
    sandbox's own PID namespace) and talks over Unix sockets (it has no network).
    """

    sandbox: SandboxSpec | None = None
    cgroup_procs: tuple = ()

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = super().get_kernel_spec(kernel_name)
        if kernel_name != NATIVE_KERNEL_NAME or self.sandbox is None:
            raise KernelStartFailed(f"Only the {NATIVE_KERNEL_NAME!r} kernel runs sandboxed; "
                                    f"received {kernel_name!r}.")
        inside = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        return KernelSpec(resource_dir=spec.resource_dir, name=kernel_name,
                          display_name=spec.display_name, language=spec.language,
                          interrupt_mode="message",
                          argv=launch_argv(self.sandbox, inside, cgroup_procs=self.cgroup_procs))


class Kernel:
    """A started kernel and the client talking to it.

    Args:
        client: The notebook client that will execute cells in this kernel.
        sandbox: Where and within which caps the kernel runs; None runs it unconfined
            (only for notebooks the instructor trusts).
    """

    def __init__(self, client: NotebookClient, sandbox: SandboxSpec | None = None) -> None:
        self._client = client
        self._sandbox = sandbox
        self._guard = Guard(sandbox) if sandbox is not None else None
        specs = _SandboxedSpecManager() if sandbox is not None else NativeKernelSpecManager()
        self._km = AsyncKernelManager(kernel_name=client.kernel_name, kernel_spec_manager=specs)
        if sandbox is not None:
            self._km.transport = "ipc"
            self._km.connection_file = str(sandbox.runtime / "kernel.json")
        client.km = self._km
        self._pgid: int | None = None
        self._closed = False

    @property
    def violation(self) -> Violation | None:
        """The sandbox cap (memory, processes, disk) the kernel went past, if any."""
        return self._guard.violation if self._guard is not None else None

    def check_disk(self) -> Violation | None:
        """The disk cap checked now (`autograder.sandbox.guard.Guard.check_disk`); None
        unconfined or within it."""
        return self._guard.check_disk() if self._guard is not None else None

    async def start(self, *, cwd: Path, env: Mapping[str, str]) -> None:
        """Starts the kernel process and waits until it answers.

        Args:
            cwd: The kernel's working directory.
            env: The kernel's complete environment.

        Raises:
            KernelStartFailed: When the spec is unknown, the process cannot start, or
                it does not answer within the client's `startup_timeout`.
        """
        if self._sandbox is not None:
            too_long = socket_problem(self._sandbox.runtime)
            if too_long:  # zmq's own error names neither the setting nor the limit
                raise KernelStartFailed(too_long)
        try:
            if self._guard is not None:
                self._guard.__enter__()
                specs = self._km.kernel_spec_manager
                specs.sandbox, specs.cgroup_procs = self._sandbox, self._guard.cgroup_procs
            # why: the kernel process's own stdout/stderr (TensorFlow start-up logs, ipykernel
            # warnings) would flood the grader's terminal; cell output travels over iopub anyway
            await self._client.async_start_new_kernel(cwd=str(cwd), env=dict(env),
                                                      stdout=subprocess.DEVNULL,
                                                      stderr=subprocess.DEVNULL)
            self._pgid = getattr(self._km.provisioner, "pgid", None)
            if self._guard is not None:
                self._guard.watch(self._km.provisioner.process.pid)
            await self._client.async_start_new_kernel_client()
        except SandboxUnavailable:
            await self.close()
            raise
        except Exception as exc:  # why: every start-up problem means "no kernel", whatever raised it
            await self.close()
            raise KernelStartFailed(f"Could not start kernel {self._client.kernel_name!r}: {exc}") from exc

    async def is_alive(self) -> bool:
        """Returns whether the kernel process is still running."""
        return self._km.has_kernel and bool(await ensure_async(self._km.is_alive()))

    async def responds_within(self, seconds: float) -> bool:
        """Checks that the kernel can run code again, e.g. after an interrupt.

        A silent empty execution is queued behind whatever the kernel is doing, so its
        reply proves the previous cell has really stopped.

        Args:
            seconds: How long to wait for the reply.

        Returns:
            Whether the reply arrived in time.
        """
        kc = self._client.kc
        if kc is None or not await self.is_alive():
            return False
        msg_id = kc.execute("", silent=True, store_history=False)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                reply = await ensure_async(kc.get_shell_msg(timeout=left))
            except Empty:
                return False
            if reply["parent_header"].get("msg_id") == msg_id:
                return True
        return False

    async def close(self) -> None:
        """Kills the kernel and releases its channels and files; safe to call twice."""
        if self._closed:
            return
        try:
            await asyncio.wait_for(self._shutdown(), _SHUTDOWN_TIMEOUT_S)
        except Exception:  # why: closing must never fail a run; the kill below is the fallback
            _log.warning("Kernel shutdown failed; killing its process group.", exc_info=True)
            self.force_kill()
        if self._guard is not None:
            self._guard.close()  # nothing the kernel started survives it
        self._closed = True

    async def _shutdown(self) -> None:
        kc = self._client.kc
        if kc is not None:
            kc.stop_channels()
            self._client.kc = None
        if self._km.has_kernel:
            # now=True: the artifacts are already exported, and a stuck kernel would
            # only waste the polite shutdown's wait.
            await self._km.shutdown_kernel(now=True)
        else:
            await ensure_async(self._km.cleanup_resources())

    def force_kill(self) -> None:
        """Kills the kernel's process group without an event loop.

        For paths where `close()` could not run to the end (a KeyboardInterrupt
        in the grader, a wedged shutdown). Does nothing once `close()` succeeded, so
        a recycled process-group id is never signalled.
        """
        if self._guard is not None and not self._closed:
            self._guard.close()
        if self._closed or self._pgid is None:
            return
        try:
            os.killpg(self._pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._closed = True
