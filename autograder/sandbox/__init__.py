"""The sandbox every student kernel runs in.

A submission's code runs with the student's intent. The sandbox (bubblewrap, from the
distribution's packages) gives the kernel its own PID, network, IPC and UTS namespaces,
an empty root where only the Python installation, the grader's code and the student
data are visible (read-only), a scratch folder and a size-capped ``/tmp``, an
environment built from an allow-list, and caps on memory, processes, file size and
disk. When the run ends the whole sandbox is killed: nothing survives into the next
submission. Held-out data, settings, other submissions, results and the grading
process are not visible at all.

`SandboxSpec` says what one run may see and use; `launch_argv` turns it into the
command that starts a kernel inside; `Guard` applies the caps and watches them from
outside while the kernel runs. `offline_downloads` gives a sandbox the course's downloads
instead of the network (the older edition's ``wget`` and ``gdown`` cells,
`autograder.sandbox.offline`).
"""

from autograder.sandbox.bwrap import SandboxUnavailable, bwrap_path, check_sandbox, launch_argv
from autograder.sandbox.guard import Guard, Violation
from autograder.sandbox.offline import OfflineDownloads, offline_downloads
from autograder.sandbox.spec import Limits, SandboxSpec, gpu_devices, python_mounts

__all__ = ["Guard", "Limits", "OfflineDownloads", "SandboxSpec", "SandboxUnavailable", "Violation",
           "bwrap_path", "check_sandbox", "gpu_devices", "launch_argv", "offline_downloads",
           "python_mounts"]
