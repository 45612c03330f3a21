"""Scoring models on data the student never sees (grading process only)."""

from autograder.evaluation.heldout import (
    FolderPredictions, HeldoutScore, ModelLoadError, accuracy_on_folder, heldout_accuracy,
    load_student_model, predict_folder)
from autograder.evaluation.splits import SplitScores, split_accuracy
from autograder.evaluation.retrain import retrain_model

__all__ = ["FolderPredictions", "HeldoutScore", "ModelLoadError", "predict_folder",
           "accuracy_on_folder", "heldout_accuracy", "load_student_model", "SplitScores", "split_accuracy", "retrain_model"]
