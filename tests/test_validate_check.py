"""`validate_check`, the line of each nbgrader test cell, in-process on a notebook's namespace
(the real ``nbgrader validate`` runs in tests/e2e/test_nbgrader_validate.py)."""

from __future__ import annotations

import numpy as np
import pytest

import autograder.notebook as notebook
from autograder.notebook import CheckFailed, validate_check

PLACEHOLDER = "def parse_data_from_input(filename):\n    raise NotImplementedError()\n"
PARSE = """
def parse_data_from_input(filename):
    with open(filename) as file:
        rows = np.loadtxt(file, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    return rows[:, 1:].reshape(-1, 28, 28), rows[:, 0]
"""


@pytest.fixture
def live(monkeypatch):
    """Returns ``run(code)``: a notebook namespace after `code`, which validate_check reads."""
    namespace: dict = {"np": np}
    monkeypatch.setattr(notebook, "_namespace", lambda: namespace)

    def run(code: str) -> dict:
        exec(code, namespace)  # noqa: S102 - the test's own notebook cell
        return namespace

    return run


def test_a_placeholder_says_which_function_to_complete(live):
    live(PLACEHOLDER)
    with pytest.raises(CheckFailed) as failure:
        validate_check("C2W4", "parse_data_types")
    message = str(failure.value)
    assert message.startswith("✗ parse_data_from_input() returns float64 arrays")
    assert "How to fix: complete parse_data_from_input() above" in message
    assert isinstance(failure.value, AssertionError)
    assert all(len(line) <= 82 for line in message.splitlines())  # nbgrader cuts at 87
    # IPython shows the message, not the grader's frames
    assert failure.value._render_traceback_() == ["CheckFailed:", *message.splitlines()]


def test_a_wrong_function_fails_with_the_checks_feedback_and_a_right_one_passes(live, capsys):
    live(PARSE.replace("rows[:, 1:].reshape", "rows[:, :784].reshape"))  # the label as a pixel
    with pytest.raises(CheckFailed) as failure:
        validate_check("C2W4", "parse_data_values_intact")
    assert "Expected" in str(failure.value) and "How to fix:" in str(failure.value)
    live(PARSE)
    validate_check("C2W4", "parse_data_values_intact")
    assert capsys.readouterr().out.startswith("✓ parse_data_from_input() keeps each row's label")


def test_a_held_out_check_needs_a_trained_model_and_its_history(live, capsys):
    """The held-out accuracy never runs in the kernel; a model `fit` never trained fails."""
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), tf.keras.layers.Flatten(),
                                 tf.keras.layers.Dense(26, activation="softmax")])
    model.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    namespace = live("")
    namespace["model"] = model  # fit crashed: the model exists, its history does not
    with pytest.raises(CheckFailed, match="No training history was found"):
        validate_check("C2W4", "heldout_accuracy")
    namespace["history"] = model.fit(np.zeros((4, 28, 28, 1)), np.arange(4), verbose=0)
    validate_check("C2W4", "heldout_accuracy")
    out = capsys.readouterr().out
    assert out.startswith("• The trained model reads held-out hand signs")
    assert "Graded when you submit, on held-out pictures your notebook never sees" in out
