"""Model checks: pass on the reference create_model(), fail on each wrong variant."""

from __future__ import annotations

import pytest

from autograder.assignments import get_assignment
from autograder.checks import run_checks
from tests.conftest import assert_replacements_apply, reference_namespace

MODEL_CHECKS = [c for c in get_assignment("C2W1").checks if c.needs == ("created_model",)]

SMALLER = {"Dense(512": "Dense(8"}  # keeps the saved files small; architecture unchanged

WRONG = {
    "no-rescaling": ({"tf.keras.layers.Rescaling(1.0 / 255),\n": ""}, {"model_rescaling_first"}),
    "rescaling-by-255": ({"Rescaling(1.0 / 255)": "Rescaling(255.0)"}, {"model_rescaling_first"}),
    "no-input": ({"tf.keras.Input(shape=(150, 150, 3)),\n": ""}, {"model_input_shape"}),
    "input-128": ({"shape=(150, 150, 3)": "shape=(128, 128, 3)"}, {"model_input_shape"}),
    "two-conv-layers": ({'tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),\n': ""},
                        {"model_three_conv_layers"}),
    "softmax-one-unit": ({'Dense(1, activation="sigmoid")': 'Dense(1, activation="softmax")'},
                         {"model_binary_head"}),
    "relu-head": ({'Dense(1, activation="sigmoid")': 'Dense(1, activation="relu")'},
                  {"model_binary_head"}),
    "categorical-loss": ({'loss="binary_crossentropy"': 'loss="categorical_crossentropy"'},
                         {"model_loss_matches_head"}),
    "from-logits-after-sigmoid": (
        {'loss="binary_crossentropy"': "loss=tf.keras.losses.BinaryCrossentropy(from_logits=True)"},
        {"model_loss_matches_head"}),
    # a linear head outputs logits: a loss told so is right (only the course's head shape is
    # lost), one that takes them as probabilities is a second mistake
    "linear-head-loss-without-from-logits": (
        {'Dense(1, activation="sigmoid")': "Dense(1)"},
        {"model_binary_head", "model_loss_matches_head"}),
    "linear-head-loss-from-logits": (
        {'Dense(1, activation="sigmoid")': "Dense(1)",
         'loss="binary_crossentropy"': "loss=tf.keras.losses.BinaryCrossentropy(from_logits=True)"},
        {"model_binary_head"}),
    "linear-two-unit-head-sparse-loss-without-from-logits": (
        {'Dense(1, activation="sigmoid")': 'Dense(2, activation="linear")',
         'loss="binary_crossentropy"': 'loss="sparse_categorical_crossentropy"'},
        {"model_binary_head", "model_loss_matches_head"}),
    "acc-metric": ({'metrics=["accuracy"]': 'metrics=["acc"]'}, {"model_accuracy_metric"}),
    "not-compiled": ({"model.compile(": "dict("}, {"model_loss_matches_head",
                                                  "model_accuracy_metric"}),
}

TOLERATED = {
    "two-unit-softmax": {'Dense(1, activation="sigmoid")': 'Dense(2, activation="softmax")',
                         'loss="binary_crossentropy"': 'loss="sparse_categorical_crossentropy"'},
    "loss-object": {'loss="binary_crossentropy"': "loss=tf.keras.losses.BinaryCrossentropy()"},
    "functional-api": None,
}

FUNCTIONAL = '''
def create_model():
    inputs = tf.keras.Input(shape=(150, 150, 3))
    x = tf.keras.layers.Rescaling(1 / 255)(inputs)
    for filters in (16, 32, 64):
        x = tf.keras.layers.Conv2D(filters, 3, activation="relu")(x)
        x = tf.keras.layers.MaxPooling2D()(x)
    x = tf.keras.layers.Flatten()(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=tf.keras.losses.binary_crossentropy,
                  metrics=[tf.keras.metrics.BinaryAccuracy(name="accuracy")])
    return model
'''


def _failed(export, namespace) -> set[str]:
    results = run_checks(MODEL_CHECKS, export(namespace, "created_model"))
    assert not [r for r in results if r.status == "grader_error"], results
    return {r.check_id for r in results if not r.passed}


def test_reference_model_passes_every_model_check(export):
    assert _failed(export, reference_namespace("create_model", replace=SMALLER)) == set()


@pytest.mark.parametrize("scenario", sorted(WRONG))
def test_wrong_model_loses_exactly_its_points(export, scenario):
    replace, expected = WRONG[scenario]
    assert_replacements_apply("create_model", replace)
    namespace = reference_namespace("create_model", replace={**SMALLER, **replace})
    assert _failed(export, namespace) == expected


@pytest.mark.parametrize("scenario", sorted(TOLERATED))
def test_tolerated_variants_pass(export, scenario):
    if TOLERATED[scenario] is None:
        namespace = reference_namespace()
        exec(FUNCTIONAL, namespace)
    else:
        namespace = reference_namespace("create_model", replace={**SMALLER, **TOLERATED[scenario]})
    assert _failed(export, namespace) == set()


def test_feedback_says_expected_found_and_fix(export):
    namespace = reference_namespace("create_model", replace={
        **SMALLER, 'Dense(1, activation="sigmoid")': 'Dense(2, activation="relu")'})
    results = run_checks(MODEL_CHECKS, export(namespace, "created_model"))
    head = next(r for r in results if r.check_id == "model_binary_head")
    assert "Expected the last layer Dense(1, activation='sigmoid')" in head.feedback
    assert "Found Dense(2, activation='relu')" in head.feedback
    assert "How to fix:" in head.feedback


def test_missing_function_names_itself(export):
    results = run_checks(MODEL_CHECKS, export(reference_namespace(), "created_model"))
    assert all(not r.passed for r in results)
    assert "`create_model` is not defined" in results[0].feedback


def test_raising_function_reports_the_error(export):
    namespace = reference_namespace()
    exec("def create_model():\n    raise NotImplementedError()\n", namespace)
    results = run_checks(MODEL_CHECKS, export(namespace, "created_model"))
    assert "create_model() raised NotImplementedError" in results[0].feedback


def test_checks_do_not_recompile_the_students_model(export):
    """The export saves the model as it is: optimizer and loss objects stay the student's."""
    namespace = reference_namespace("create_model", replace=SMALLER)
    built = []
    original = namespace["create_model"]
    namespace["create_model"] = lambda: built.append(original()) or built[-1]
    export(namespace, "created_model")
    model = built[0]
    assert model.loss == "binary_crossentropy"
    assert type(model.optimizer).__name__ == "RMSprop"


def _loss_result(export, scenario: str):
    """The loss check's result on the reference's create_model() with `scenario`'s edit."""
    replace = WRONG[scenario][0]
    namespace = reference_namespace("create_model", replace={**SMALLER, **replace})
    results = run_checks(MODEL_CHECKS, export(namespace, "created_model"))
    [loss] = [r for r in results if r.check_id == "model_loss_matches_head"]
    return loss


def test_the_loss_feedback_says_how_it_reads_the_heads_outputs(export):
    loss = _loss_result(export, "linear-head-loss-without-from-logits")
    assert "a linear last layer (it outputs logits)" in loss.feedback
    assert "BinaryCrossentropy(from_logits=True)" in loss.feedback
    loss = _loss_result(export, "from-logits-after-sigmoid")
    assert "from_logits=True after a sigmoid" in loss.feedback
    assert "leave out from_logits=True" in loss.feedback
