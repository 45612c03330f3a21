"""The code the grader runs inside the student's kernel, and nothing else.

It imports nothing of the grader outside this package (only the standard library and what
the kernel has: NumPy, TensorFlow, Keras), so the student's kernel never loads the checks,
the rules, the data paths or the answer keys; `tests/kernel/test_isolation.py` proves it.
It is told what to export as data (`epilogue.export`'s ``exports``), written into the cell
by the grader (`autograder.artifacts.cells`).

What it writes is a claim: the grader validates its form (`autograder.artifacts.schema`),
and each check names the claims it rests on (`autograder.checks.base.Check.claims`).
"""

from autograder.kernel.arrays import PARSED_FILES, PARSING_FOLDER
from autograder.kernel.epilogue import ARTIFACTS_FILE, ARTIFACTS_SCHEMA_VERSION, export
from autograder.kernel.exporters import CLEANING_FOLDER, EXPORTERS
from autograder.kernel.fit_data import MAX_GRAPH_BYTES, graph_file
from autograder.kernel.splitting import SPLITTING_FOLDER

__all__ = ["ARTIFACTS_FILE", "ARTIFACTS_SCHEMA_VERSION", "CLEANING_FOLDER", "EXPORTERS",
           "MAX_GRAPH_BYTES", "PARSED_FILES", "PARSING_FOLDER", "SPLITTING_FOLDER", "export",
           "graph_file"]
