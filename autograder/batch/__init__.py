"""Course-scale batches: every submission of an assignment graded in parallel.

    autograder batch submitted/ --assignment C2W1 --workers 4
    autograder batch submitted/ --assignment C2W1 --backend dask --scheduler tcp://host:8786

Each submission is graded by ``autograder grade`` in a process of its own (its own
sandboxed kernel, its own limits), on local slots or on Dask workers; only the batch
writes result files, one per submission, as each grading ends.
"""

from autograder.batch.backends import DaskBackend, GradingTask, LocalBackend
from autograder.batch.command import batch
from autograder.batch.jobs import Job, find_submissions, make_jobs, settings_environment
from autograder.batch.progress import BatchProgress
from autograder.batch.run import ATTEMPTS, BatchOutcome, run_batch
from autograder.batch.summary import BatchRow, BatchSummary, summarize, write_grades_csv
from autograder.batch.worker import GradingFailed, grade_job

__all__ = ["batch", "run_batch", "BatchOutcome", "ATTEMPTS", "Job", "find_submissions",
           "make_jobs", "settings_environment", "GradingTask", "LocalBackend", "DaskBackend",
           "BatchProgress", "BatchRow", "BatchSummary", "summarize", "write_grades_csv",
           "GradingFailed", "grade_job"]
