"""Scoring models on data the student never sees (grading process only)."""

from autograder.evaluation.heldout import (
    HeldoutScore, ModelLoadError, heldout_accuracy, load_student_model)
from autograder.evaluation.retrain import RetrainScore, retrain_and_score

__all__ = ["HeldoutScore", "ModelLoadError", "heldout_accuracy", "load_student_model",
           "RetrainScore", "retrain_and_score"]
