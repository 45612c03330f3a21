"""Checks of ``create_model()``: input, at most two convolution blocks, a softmax head that
fits the labels, a loss that matches their encoding.

Read from the saved model's config, never recompiled; each judges ``create_model()``'s model
and the model the notebook trained (`autograder.checks.cnn.judge`). Whether the labels are
integers or one-hot, and how far they go, comes from the datasets the notebook made.
"""

from __future__ import annotations

from autograder.artifacts.model_config import describe_layer
from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.checks.cnn import head_units, judge, logits_fix, logits_mismatch
from autograder.checks.keras_names import loss_name
from autograder.weeks.c2w4.datasets import splits
from autograder.weeks.c2w4.rules import HEAD_UNITS

__all__ = ["model_input_shape", "model_uses_convolutions", "model_conv_pool_limit",
           "model_softmax_head", "model_loss_matches_labels", "label_encoding"]

_NEEDS = ("created_model",)


def label_encoding(artifacts) -> tuple[bool, int] | None:
    """(one-hot?, labels needed) of the notebook's training data: the one-hot width, or
    the largest integer label + 1; None if the datasets could not be read."""
    try:
        train, _ = splits(artifacts)
    except MissingArtifact:
        return None
    if train["one_hot"]:
        return True, int(train["labels_shape"][-1])
    return False, max(train["label_values"], default=-1) + 1


@check("model_input_shape", title="create_model() starts with tf.keras.Input((28, 28, 1))",
       points=1, needs=_NEEDS)
def model_input_shape(artifacts):
    def one(summary):
        shape = summary.input_shape
        if shape is not None and tuple(shape)[1:] == (28, 28, 1):
            return passed()
        return failed(expected="an input of shape (28, 28, 1)",
                      found="no declared input" if shape is None
                      else f"input shape {tuple(shape)[1:]}",
                      fix="start the model with tf.keras.Input(shape=(28, 28, 1)).")
    return judge(artifacts, one)


@check("model_uses_convolutions", title="create_model() learns with convolutions: at least one "
       "Conv2D layer", points=1, needs=_NEEDS)
def model_uses_convolutions(artifacts):
    """The week's lesson is a CNN for images; a dense network on raw pixels ignores it,
    whatever accuracy it reaches on the stand-in (issue 26: only the bars caught it)."""
    def one(summary):
        convs = summary.count("Conv2D")
        if convs >= 1:
            return passed(f"{convs} Conv2D")
        dense = summary.count("Dense")
        return failed(expected="at least one Conv2D layer: the week builds a convolutional "
                               "network for the 28×28 hand signs",
                      found=f"no Conv2D layer ({dense} Dense layer(s) on the flattened pixels)",
                      fix="start the model with Conv2D + MaxPooling2D blocks (e.g. "
                          "Conv2D(64, (3, 3), activation='relu'), MaxPooling2D(2, 2), twice) "
                          "before Flatten and the Dense layers.")
    return judge(artifacts, one)


@check("model_conv_pool_limit", title="create_model() has at most 2 Conv2D and 2 "
       "MaxPooling2D layers", points=1, needs=_NEEDS)
def model_conv_pool_limit(artifacts):
    def one(summary):
        convs, pools = summary.count("Conv2D"), summary.count("MaxPooling2D")
        if convs <= 2 and pools <= 2:
            return passed(f"{convs} Conv2D, {pools} MaxPooling2D")
        return failed(expected="at most 2 Conv2D and at most 2 MaxPooling2D layers",
                      found=f"{convs} Conv2D and {pools} MaxPooling2D",
                      fix="keep two Conv2D + MaxPooling2D blocks: a 28×28 picture is small.")
    return judge(artifacts, one)


@check("model_softmax_head", title="The last layer is Dense(24, 25 or 26, activation="
       "'softmax') and fits the labels", points=1, needs=_NEEDS)
def model_softmax_head(artifacts):
    encoding = label_encoding(artifacts)

    def one(summary):
        units, activation = head_units(summary)
        last = summary.layers[-1] if summary.layers else None
        if units not in HEAD_UNITS or activation != "softmax":
            return failed(expected="a last layer Dense(n, activation='softmax') with n = 26 for "
                                   "the labels 0–25 (or 24 for labels re-indexed 0–23)",
                          found=describe_layer(last),
                          fix="end the model with tf.keras.layers.Dense(26, "
                              "activation='softmax').")
        if encoding is None or (encoding[1] == units if encoding[0] else encoding[1] <= units):
            return passed()
        found = (f"one-hot labels of width {encoding[1]}" if encoding[0]
                 else f"labels up to {encoding[1] - 1}")
        return failed(expected=f"labels that fit {units} outputs", found=found,
                      fix="use Dense(26) for the labels 0–25 as they are in the file; use "
                          "Dense(24) only if you re-index the labels to 0–23.")
    return judge(artifacts, one)


@check("model_loss_matches_labels", title="The loss matches the labels: sparse_categorical_"
       "crossentropy for integers, categorical_crossentropy for one-hot", points=1, needs=_NEEDS)
def model_loss_matches_labels(artifacts):
    encoding = label_encoding(artifacts)
    one_hot = bool(encoding and encoding[0])
    wanted = "categorical_crossentropy" if one_hot else "sparse_categorical_crossentropy"

    def one(summary):
        compiled = summary.compile_config
        if not compiled:
            return failed(expected="a model compiled inside create_model()",
                          found="no compile call", fix=f"call model.compile(optimizer='adam', "
                                                       f"loss='{wanted}', metrics=['accuracy']).")
        name, from_logits = loss_name(compiled.get("loss"))
        mismatch = logits_mismatch(summary, from_logits)
        if name == wanted and mismatch is None:
            return passed()
        if name == wanted:
            return failed(expected=f"loss={wanted!r} reading the head's outputs as they are: "
                                   "probabilities after a softmax, logits (from_logits=True) "
                                   "after a linear layer",
                          found=mismatch,
                          fix=logits_fix(summary, "softmax", "CategoricalCrossentropy"
                                         if one_hot else "SparseCategoricalCrossentropy"))
        labels = "one-hot labels" if one_hot else "integer labels (one number per picture)"
        return failed(expected=f"loss={wanted!r} for {labels}",
                      found=f"loss={name!r}" + (", from_logits=True" if from_logits else ""),
                      fix=f"compile with loss={wanted!r}" + (
                          "" if name != "binary_crossentropy" else
                          " (binary_crossentropy is for two classes)") + ".")
    return judge(artifacts, one)
