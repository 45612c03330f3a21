"""Artifacts: what a submission's notebook produced, exported from its kernel.

`export` runs inside the student's kernel; `load` and `model_config` run in the grading
process and never execute student code.
"""

from autograder.artifacts.export import ARTIFACTS_FILE, epilogue_code, export_artifacts
from autograder.artifacts.load import Artifacts, GradingData, load_artifacts
from autograder.artifacts.model_config import LayerInfo, ModelSummary, read_model_summary

__all__ = ["ARTIFACTS_FILE", "epilogue_code", "export_artifacts", "Artifacts", "GradingData",
           "load_artifacts", "LayerInfo", "ModelSummary", "read_model_summary"]
