"""nbgrader settings for this course folder (the repository root is the course directory).

    nbgrader generate_assignment C2W1      # source/ -> release/
    nbgrader autograde C2W1                # submitted/<student>/C2W1 -> autograded/
    nbgrader generate_feedback C2W1; nbgrader export

`nbgrader autograde` does not run the student's notebook in a kernel of its own: where
nbgrader's `Execute` would stand, `AutograderGrade` grades each notebook with
``python -I -m autograder grade`` in a separate process (the same run and checks as
`autograder grade` and `pytest autograder`), copies that run's outputs into the student's
cells and writes each check's verdict and points into its test cell. The hidden test cells
hold no code: nothing a student's cell does in its kernel can change a grade.
"""

from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, ClearOutput, GetGrades,
    IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

from autograder.config import CONFIG_NAME, grading_timeout, load_settings
from autograder.nbgrader_export import DefusedCsvExportPlugin
from autograder.nbgrader_preprocessor import AutograderGrade, InertMarkdown, StudentMetadata

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

HERE = Path(__file__).resolve().parent

c.CourseDirectory.root = str(HERE)
c.CourseDirectory.course_id = "cnn-in-tensorflow"

# nbgrader's own sanitize list, with StudentMetadata where DeduplicateIds stands: nbgrader's
# leaves a duplicated cell's metadata at schema version 0, and that stops the whole
# autograde run for every later student.
c.Autograde.sanitize_preprocessors = [
    ClearOutput, StudentMetadata, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]

# nbgrader's own autograde list, in its order, with AutograderGrade where Execute stands,
# then InertMarkdown: the student's raw HTML in Markdown and raw cells escaped before
# feedback and formgrader render the notebook (the grade is made from it as submitted).
c.Autograde.autograde_preprocessors = [
    AutograderGrade, InertMarkdown, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
    SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]

# The grader process reads the course's settings (data, limits, seed) from autograder.toml;
# AUTOGRADER_* variables of the environment nbgrader runs in still override them.
_settings = load_settings(config_path=HERE / CONFIG_NAME)
c.AutograderGrade.config_file = str(HERE / CONFIG_NAME)
# As a batch bounds one grading: the notebook's limit, the checking process's limit and a
# margin for the export and, in retrain mode, the grader's own training.
c.AutograderGrade.timeout = int(grading_timeout(_settings))

# Only `nbgrader validate` and `generate_solution` still execute in nbgrader's kernel
# (autograde does not): give cells the grader's limits, not nbgrader's 30 s.
c.Execute.timeout = int(_settings.cell_timeout)
c.Execute.startup_timeout = 120
c.Execute.interrupt_on_timeout = True

# TensorFlow, absl and Keras write log lines and warnings on stderr that say nothing about
# the student's work: drop them from the cells nbgrader keeps (nbgrader would give 0 to a
# test cell with stderr output; AutograderGrade writes its verdicts on stdout only).
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = (
    r"(tensorflow|absl|oneDNN|cuda|XLA|TF-TRT|keras|Keras|UserWarning|DeprecationWarning"
    r"|FutureWarning|RuntimeWarning|W0000|I0000|E0000|cpu_feature_guard)"
)

# Feedback shows each test cell's verdict and message, never the hidden test code.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]

# `nbgrader export` writes grades.csv with the csv module, no cell a spreadsheet formula.
c.ExportApp.plugin_class = DefusedCsvExportPlugin

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
