"""nbgrader settings for this course folder (the repository root is the course directory).

    nbgrader generate_assignment C2W1      # source/ -> release/
    nbgrader autograde C2W1                # submitted/<student>/C2W1 -> autograded/
    nbgrader generate_feedback C2W1; nbgrader export

The test cells call `autograder.notebook.grade`, which checks the notebook in a separate
grading process with the same checks as `autograder grade` and `pytest autograder`.
"""

import os
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from autograder.config import CONFIG_NAME, load_settings

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

HERE = Path(__file__).resolve().parent

c.CourseDirectory.root = str(HERE)
c.CourseDirectory.course_id = "cnn-in-tensorflow"

# Training runs inside the notebook: give cells the grader's limits, not nbgrader's 30 s.
_settings = load_settings(config_path=HERE / CONFIG_NAME)
c.Execute.timeout = int(_settings.cell_timeout)
c.Execute.startup_timeout = 120
c.Execute.interrupt_on_timeout = True

# The kernel finds the student data through this variable, as with `autograder grade`;
# the grading process the test cells start reads the rest of autograder.toml.
os.environ["AUTOGRADER_DATA_ROOT"] = str(_settings.data_root)
os.environ.setdefault("AUTOGRADER_CONFIG", str(HERE / CONFIG_NAME))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("PYTHONHASHSEED", str(_settings.seed))
os.environ.setdefault("MPLBACKEND", "Agg")

# nbgrader gives 0 points to a test cell with any output on stderr. TensorFlow, absl and
# Keras write log lines and warnings there that say nothing about the student's work:
# drop those outputs before grading (real errors are "error" outputs, not stderr text).
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = (
    r"(tensorflow|absl|oneDNN|cuda|XLA|TF-TRT|keras|Keras|UserWarning|DeprecationWarning"
    r"|FutureWarning|RuntimeWarning|W0000|I0000|E0000|cpu_feature_guard)"
)

# Feedback shows each test cell's verdict and message, never the hidden test code.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
