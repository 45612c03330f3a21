"""Which notebooks a batch grades, their keys, and the environment each grading gets."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_notebook

from autograder.batch.jobs import (
    THREAD_VARIABLES, find_submissions, make_jobs, settings_environment, threads_per_submission)
from autograder.config import load_settings
from autograder.sandbox.spec import ENV_ALLOWED
from tests.batch.conftest import submitted


def test_nbgrader_layout_keys_by_student_and_skips_other_assignments(tmp_path):
    notebooks = submitted(tmp_path, "bob", "alice")
    submitted(tmp_path, "alice", assignment="C2W2")
    found = find_submissions(tmp_path / "submitted", "C2W1")
    assert found == sorted(notebooks)
    jobs, clashes = make_jobs(found, assignment="C2W1", root=tmp_path / "submitted")
    assert [job.key for job in jobs] == ["alice/C2W1/C2W1_Assignment", "bob/C2W1/C2W1_Assignment"]
    assert [job.student for job in jobs] == ["alice", "bob"] and clashes == ()
    assert all(len(job.sha256) == 64 and job.notebook.startswith("/") for job in jobs)


def test_any_other_layout_keys_by_relative_path(tmp_path):
    for name in ("section-a/ann.ipynb", "section-b/ben/work.ipynb",
                 "section-a/.ipynb_checkpoints/ann-checkpoint.ipynb",
                 "section-b/ben/C2W2_Assignment.ipynb", "c2w2/cat.ipynb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_notebook(), tmp_path / name)
    jobs, _ = make_jobs(find_submissions(tmp_path, "C2W1"), assignment="C2W1", root=tmp_path)
    assert [job.key for job in jobs] == ["section-a/ann", "section-b/ben/work"]
    assert {job.student for job in jobs} == {""}


def test_a_grading_process_resolves_the_batch_settings(settings, tmp_path):
    settings = settings.replace(mode="retrain", sandbox=False, cell_timeout=12.5,
                                assignments={"C2W1": {"heldout_threshold": 0.85}})
    env = settings_environment(settings)
    again = load_settings({}, env=env, cwd=tmp_path)
    assert again == settings
    assert again.assignments == {"C2W1": {"heldout_threshold": 0.85}}


def test_threads_share_the_cores_and_reach_the_sandboxed_kernel():
    assert [threads_per_submission(n, cores=8) for n in (1, 2, 3, 8, 16)] == [8, 4, 2, 1, 1]
    assert set(THREAD_VARIABLES) <= set(ENV_ALLOWED)


def test_the_thread_counts_reach_the_kernel_and_nothing_else_of_the_batch(settings, monkeypatch):
    from autograder.batch.jobs import thread_environment
    from autograder.pipeline import kernel_environment

    for name, value in {**thread_environment(1), **settings_environment(settings)}.items():
        monkeypatch.setenv(name, value)
    env = kernel_environment(settings)
    assert {name: env.get(name) for name in THREAD_VARIABLES} == dict.fromkeys(THREAD_VARIABLES, "1")
    assert not any(name.startswith("AUTOGRADER_") and name not in (
        "AUTOGRADER_DATA_ROOT", "AUTOGRADER_SEED") for name in env)
