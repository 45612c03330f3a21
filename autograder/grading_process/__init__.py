"""The grader's own work on a submission's outputs, bounded: a checking process with a
memory cap and a time limit (`supervise`), and scratch folders that never outlive their
grading (`scratch`)."""

from autograder.grading_process.scratch import scratch_folder, sweep_abandoned
from autograder.grading_process.supervise import (CheckingFailed, CheckOutcome,
                                                  check_in_process, run_checking_process)

__all__ = ["CheckingFailed", "CheckOutcome", "check_in_process", "run_checking_process",
           "scratch_folder", "sweep_abandoned"]
