"""The cause of a crash as a student reads it, from a real traceback (no kernel).

``crashes/dense-10-head.*`` are the exception message (4,537 characters) and traceback that a
Week 4 notebook with a ``Dense(10)`` head raised in its training cell, as the grader recorded
them (``tests/submissions/c2w4/dense-10-head.ipynb``, graded on the CI-scale stand-in).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.execute import CellFailure
from autograder.execute._text import keep_ends
from autograder.execute.cause import CAUSE_LIMIT, explain, student_line, without_paths
from autograder.execute.summary import summarize

CRASHES = Path(__file__).with_name("crashes")
EVALUE = (CRASHES / "dense-10-head.evalue.txt").read_text()
TRACEBACK = (CRASHES / "dense-10-head.traceback.txt").read_text()
FIT_CELL = CellFailure(16, "error", "InvalidArgumentError", EVALUE, TRACEBACK,
                       "train_dataset, validation_dataset = train_val_datasets(")
#: What tells the student where the paths of the grader and its Python installation were.
GRADER_PATHS = ("<frozen runpy>", "site-packages", ".venv", "/autograder/", "File \"")


def test_the_explaining_last_line_is_kept_and_the_frames_dropped():
    assert len(EVALUE) > 4000 and EVALUE.startswith("Graph execution error")

    assert explain(EVALUE) == "indices[1] = 21 is not in [0, 10)"


def test_the_student_reads_type_cell_line_and_cause_and_no_path_of_the_grader():
    message = FIT_CELL.student_message()

    assert message == (
        "Cell 17 (`train_dataset, validation_dataset = train_val_datasets(`) raised "
        "InvalidArgumentError at line 7 (`history = model.fit(`): "
        "indices[1] = 21 is not in [0, 10).")
    assert not [part for part in GRADER_PATHS if part in message]


def test_the_run_summary_carries_the_cause():
    text = summarize("cell_errors", failures=[FIT_CELL], stopped_by=None, cells_run=20)

    assert "indices[1] = 21 is not in [0, 10)" in text and "<frozen runpy>" not in text


def test_the_students_own_line_is_found_in_the_traceback():
    assert student_line(TRACEBACK) == (7, "history = model.fit(")
    assert student_line("Traceback (most recent call last):\n  File \"x.py\", line 1") is None


@pytest.mark.parametrize("evalue, expected", [
    ("name 'history' is not defined", "name 'history' is not defined"),
    ("-1 is not a valid label", "-1 is not a valid label"),
    # Keras 3 wraps a layer's error in a call header and echoes the arguments after it
    ("Exception encountered when calling Sequential.call().\n\n\x1b[1mInput 0 of layer "
     "\"dense\" is incompatible with the layer: expected axis -1 of input shape to have value "
     "3200\x1b[0m\n\nArguments received by Sequential.call():\n  • inputs=tf.Tensor(shape=(None,"
     " 150, 150, 3), dtype=float32)\n  • training=True",
     "Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input "
     "shape to have value 3200"),
])
def test_short_and_wrapped_messages_keep_their_meaning(evalue, expected):
    assert explain(evalue) == expected


def test_a_message_of_frames_only_explains_nothing_rather_than_show_them():
    assert explain("Graph execution error:\n\n  File \"<frozen runpy>\", line 198, in x") == ""
    assert explain("") == ""


def test_the_cause_is_bounded():
    long = "\n".join(f"line {i}: " + "x" * 90 for i in range(200))

    assert len(explain(long)) <= CAUSE_LIMIT
    assert explain(long).endswith("x" * 20)  # the last lines, not the first


def test_paths_of_python_the_grader_and_the_scratch_folder_are_removed():
    import keras

    package = Path(keras.__file__).parent / "src" / "losses" / "losses.py"
    grader = Path(__file__).resolve().parents[2] / "autograder" / "kernel" / "export.py"
    scratch = "/tmp/autograder-work/C2W4-0123456789ab/work/sign_mnist_train.csv"

    text = without_paths(f"{package} and {grader} and '{scratch}'")

    assert text == "keras/src/losses/losses.py and autograder/kernel/export.py and " \
                   "'sign_mnist_train.csv'"


def test_long_messages_keep_both_ends_when_stored():
    kept = keep_ends("head " + "x" * 30_000 + " indices[1] = 21 is not in [0, 10)", 20_000)

    assert len(kept) == 20_000 and kept.startswith("head ")
    assert kept.endswith("indices[1] = 21 is not in [0, 10)")
