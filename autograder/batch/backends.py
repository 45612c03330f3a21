"""Where gradings run: local slots (one grading process each) or a Dask cluster.

Both take the same task (`GradingTask`: one job → its result JSON) and hand back futures;
the batch (`autograder.batch.run`) waits on them, writes each result as it arrives and
retries a lost one once. A backend never writes a result file itself.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import uuid
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from autograder.batch.jobs import Job
from autograder.batch.worker import grade_job, stop_gradings

__all__ = ["GradingTask", "LocalBackend", "DaskBackend"]


@dataclass(frozen=True)
class GradingTask:
    """Grades one job with the batch's settings (picklable, so a Dask worker can run it)."""

    environment: Mapping[str, str]
    """The batch's ``AUTOGRADER_*`` settings (`settings_environment`)."""
    timeout: float
    """Seconds one grading may take, kernel and checks together."""
    threads: int | None = None
    """TensorFlow threads per grading; None: the worker's cores over its slots on its host."""
    threads_by_host: Mapping[str, int] = field(default_factory=dict)
    """On a cluster: threads per grading for each worker host (cores over task slots)."""
    grader_version: str = ""
    """The batch's grader fingerprint; a worker running another grader refuses."""
    evidence: str = ""
    """The evidence store each grading keeps its sandbox's files in (``""``: none kept)."""

    def __call__(self, job: Job) -> dict[str, Any]:
        return grade_job(job, environment=self.environment, timeout=self.timeout,
                         threads=self.threads or self._worker_threads(),
                         grader_version=self.grader_version, evidence=self.evidence)

    def _worker_threads(self) -> int | None:
        """On a Dask worker: its host's share of cores per grading slot."""
        try:
            from distributed import get_worker
            from distributed.utils import get_ip

            worker = get_worker()
        except (ImportError, ValueError):
            return None
        host = worker.address.split("://")[-1].rsplit(":", 1)[0]
        return self.threads_by_host.get(host) or self.threads_by_host.get(get_ip()) or max(
            1, len(os.sched_getaffinity(0)) // max(1, worker.state.nthreads))


class LocalBackend:
    """`slots` gradings at once on this machine, each in a grading process of its own."""

    def __init__(self, task: Callable[[Job], dict], *, slots: int):
        self.slots = slots
        self._task = task
        self._pool = futures.ThreadPoolExecutor(max_workers=slots, thread_name_prefix="grading")

    def submit(self, job: Job, attempt: int) -> futures.Future:
        return self._pool.submit(self._task, job)

    def wait(self, pending: set) -> tuple[set, set]:
        done, not_done = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
        return set(done), set(not_done)

    def close(self) -> None:
        """Ends the pool; gradings still running (an interrupted batch) are killed."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        stop_gradings()
        self._pool.shutdown(wait=True)


class DaskBackend:
    """Gradings as tasks of a Dask cluster: a local one (`workers` processes) or the
    existing one at `scheduler`. A task's notebook, data and grader must be at the same
    paths on every worker (a shared file system); results come back to this process.

    A worker that dies takes its task with it: the local cluster's scheduler gives the
    task up at once (``allowed-failures`` 0) and the batch retries it once itself; an
    existing cluster's scheduler first retries it by its own setting (Dask's default: 3).

    `resources` each task needs (``--resources``) must be on some worker, or the batch stops
    at once; `preferred` ones (the week's ``worker_resources``, with the ``gpu`` setting)
    are asked for only where some worker has them, else the tasks run on any worker.
    """

    def __init__(self, task: GradingTask, *, workers: int = 2, scheduler: str | None = None,
                 resources: Mapping[str, float] | None = None,
                 preferred: Mapping[str, float] | None = None):
        import dask
        from distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
            self.resources = dict(resources or {})
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                self._cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, memory_limit=0,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL)  # a lost grading is reported by the batch
            self._client = Client(self._cluster)
            self.resources = {}  # one machine: every worker has what it has
        info = self._client.scheduler_info(n_workers=-1)["workers"]
        self.slots = sum(worker["nthreads"] for worker in info.values()) or workers
        self._check_resources(info)
        if scheduler:  # the week's wish (a GPU), kept only where some worker can grant it
            offered = {name: amount for name, amount in (preferred or {}).items()
                       if _has_resource(info, name, amount)}
            for name, amount in (preferred or {}).items():
                if name not in offered:
                    print(f"autograder: no Dask worker has {name}={amount:g}, which this "
                          f"assignment's gradings prefer; grading on the workers there are.",
                          file=sys.stderr)
            self.resources = {**offered, **self.resources}
        if task.threads is None:
            task = dataclasses.replace(task, threads_by_host=self._threads_by_host(info))
        self._task = task
        self._batch = uuid.uuid4().hex[:8]  # a key of an earlier batch is not this one's

    def _check_resources(self, info: Mapping[str, Any]) -> None:
        """Refuses to wait forever for a resource no worker has."""
        for name, amount in self.resources.items():
            if not _has_resource(info, name, amount):
                raise RuntimeError(
                    f"Expected a Dask worker with resource {name}={amount:g} for this "
                    f"assignment. Found none among {len(info)} workers. How to fix: start "
                    f"workers with `--resources {name}={amount:g}` (see README, 'Batches on a "
                    f"cluster').")

    def _threads_by_host(self, info: Mapping[str, Any]) -> dict[str, int]:
        """Per worker host: its cores over the grading slots its workers have together."""
        cores = self._client.run(lambda: len(os.sched_getaffinity(0)))
        slots: dict[str, int] = {}
        host_cores: dict[str, int] = {}
        for address, worker in info.items():
            slots[worker["host"]] = slots.get(worker["host"], 0) + worker["nthreads"]
            host_cores[worker["host"]] = max(host_cores.get(worker["host"], 1),
                                             cores.get(address, 1))
        return {host: max(1, host_cores[host] // max(1, n)) for host, n in slots.items()}

    def submit(self, job: Job, attempt: int):
        return self._client.submit(self._task, job, key=f"grade-{job.key}-{attempt}-{self._batch}",
                                   pure=False, resources=self.resources or None)

    def wait(self, pending: set) -> tuple[set, set]:
        from distributed import wait

        done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(not_done)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _has_resource(info: Mapping[str, Any], name: str, amount: float) -> bool:
    """Whether some worker of the scheduler's `info` has `amount` of resource `name`."""
    return any(worker.get("resources", {}).get(name, 0) >= amount for worker in info.values())
