"""Scoring models on data the student never sees (grading process only)."""

from autograder.evaluation.heldout import (
    HeldoutScore, ModelLoadError, accuracy_on_folder, heldout_accuracy, load_student_model)
from autograder.evaluation.splits import SplitScores, split_accuracy
from autograder.evaluation.retrain import retrain_model

__all__ = ["HeldoutScore", "ModelLoadError", "accuracy_on_folder", "heldout_accuracy",
           "load_student_model", "SplitScores", "split_accuracy", "retrain_model"]
