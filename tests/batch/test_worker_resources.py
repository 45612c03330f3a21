"""A week's worker resources (Week 3's GPU) are a preference: on a cluster whose workers have
them, its gradings are sent there; on one without, they run on any worker and the batch
says so. Resources named with ``--resources`` stay a requirement. Real schedulers with
real worker processes (no grading runs)."""

from __future__ import annotations

import contextlib
import logging

import pytest
from distributed import LocalCluster

from autograder import grader_fingerprint
from autograder.assignments import get_assignment
from autograder.batch import DaskBackend, GradingTask
from autograder.batch.jobs import settings_environment


@contextlib.contextmanager
def _cluster(**worker_resources):
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                           dashboard_address=None, resources=worker_resources or None,
                           silence_logs=logging.CRITICAL)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _backend(settings, address, **kwargs) -> DaskBackend:
    task = GradingTask(environment=settings_environment(settings), timeout=1, threads=1,
                       grader_version=grader_fingerprint())
    return DaskBackend(task, scheduler=address, **kwargs)


def test_the_transfer_learning_weeks_prefer_a_gpu():
    assert get_assignment("C2W3").worker_resources == {"GPU": 1}
    assert get_assignment("C2W3_colab").worker_resources == {"GPU": 1}
    assert all(not get_assignment(week).worker_resources for week in ("C2W1", "C2W2", "C2W4"))


def test_a_preferred_gpu_is_asked_for_only_where_a_worker_has_one(settings, capsys):
    with _cluster() as cpu_only:
        backend = _backend(settings, cpu_only, preferred={"GPU": 1})
        backend.close()
    assert backend.resources == {}  # any worker grades it
    assert "no Dask worker has GPU=1" in capsys.readouterr().err
    with _cluster(GPU=1) as with_gpu:
        backend = _backend(settings, with_gpu, preferred={"GPU": 1})
        backend.close()
    assert backend.resources == {"GPU": 1}
    assert "no Dask worker" not in capsys.readouterr().err


def test_a_required_resource_no_worker_has_stops_the_batch(settings):
    with _cluster() as cpu_only, pytest.raises(RuntimeError, match="--resources GPU=1"):
        _backend(settings, cpu_only, resources={"GPU": 1})
