"""Artifacts: what a submission's notebook produced, exported from its kernel.

What runs inside the student's kernel is `autograder.kernel`; `cells` writes the export
cell that calls it; `load` and `model_config` run in the grading process and never execute
student code.
"""

from autograder.artifacts.cells import epilogue_code, export_artifacts, kernel_exports
from autograder.kernel import ARTIFACTS_FILE
from autograder.artifacts.load import Artifacts, GradingData, load_artifacts
from autograder.artifacts.model_config import LayerInfo, ModelSummary, read_model_summary

__all__ = ["ARTIFACTS_FILE", "epilogue_code", "export_artifacts", "kernel_exports",
           "Artifacts", "GradingData",
           "load_artifacts", "LayerInfo", "ModelSummary", "read_model_summary"]
