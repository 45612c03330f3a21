"""Checks of a week's ``create_model()`` CNN, made from its rules.

Read from the saved model's config, never recompiled. Each judges ``create_model()``'s
model and, in the ``trained`` mode, the model the notebook trained (the one the held-out
check scores), so a notebook whose training cell trains some other model keeps no point.
`cnn_checks(rules)` returns the checks every image week grades; a week adds its own
(Week 1's Rescaling first, Week 2's augmentation) with `judge`.
"""

from __future__ import annotations

import dataclasses

from autograder.artifacts.model_config import describe_layer
from autograder.checks.base import Check, check, failed, passed
from autograder.checks.keras_names import loss_name, metric_names

__all__ = ["cnn_checks", "judge", "judged_models", "head_units", "logits_fix", "logits_mismatch",
           "NEEDS"]

NEEDS = ("created_model",)


def judged_models(artifacts) -> list[tuple[str, str]]:
    """(artifact, how to name it to the student) of each model the checks judge."""
    judged = [("created_model", "create_model()'s model")]
    if artifacts.settings is not None and artifacts.settings.mode == "trained" \
            and artifacts.has("trained_model"):
        judged.append(("trained_model", "the model your notebook trained"))
    return judged


def judge(artifacts, judge_one):
    """Runs `judge_one(summary)` on every judged model; the first failure is the outcome."""
    outcome = passed()
    for name, what in judged_models(artifacts):
        outcome = judge_one(artifacts.model_summary(name))
        if not outcome.passed:
            if name != "created_model":
                outcome = dataclasses.replace(outcome, feedback=f"In {what}: {outcome.feedback}")
            return outcome
    return outcome


def head_units(summary) -> tuple[int | None, str | None]:
    """Returns (units, activation) of the model's head, looking through a final Activation."""
    if not summary.layers:
        return None, None
    last = summary.layers[-1]
    if last.class_name == "Activation" and len(summary.layers) > 1:
        before = summary.layers[-2]
        if before.class_name == "Dense" and before.config.get("activation") in (None, "linear"):
            return before.config.get("units"), last.config.get("activation")
    if last.class_name == "Dense":
        return last.config.get("units"), last.config.get("activation")
    return None, None


def logits_mismatch(summary, from_logits: bool) -> str | None:
    """What is wrong with how the loss reads the head's outputs, or None when it reads them
    as they are.

    A sigmoid or softmax head gives probabilities, which the loss must take as they are
    (``from_logits=False``, Keras' default); a linear head gives logits, which the loss must
    be told about (``from_logits=True``), else it reads raw scores as probabilities (clipped
    to [1e-7, 1 - 1e-7]) and the model learns little or nothing. Other heads (``relu`` …)
    are the head check's to judge, not the loss's.

    Example:
        A ``Dense(1)`` head compiled with ``loss='binary_crossentropy'`` gives "a linear last
        layer (it outputs logits) and a loss that takes them as probabilities".
    """
    units, activation = head_units(summary)
    if units is None:
        return None
    if activation in ("sigmoid", "softmax") and from_logits:
        return (f"from_logits=True after a {activation} last layer (it outputs probabilities, "
                f"and the loss would squash them a second time)")
    if activation in (None, "linear") and not from_logits:
        return ("a linear last layer (it outputs logits) and a loss that takes them as "
                "probabilities (from_logits=False)")
    return None


def logits_fix(summary, activation_name: str, loss_class: str) -> str:
    """How to make the loss read the head's outputs as they are (see `logits_mismatch`)."""
    _, activation = head_units(summary)
    if activation in ("sigmoid", "softmax"):
        return f"leave out from_logits=True: the {activation} already gives probabilities."
    return (f"give the last Dense layer activation='{activation_name}' (the course's head), or "
            f"compile with loss=tf.keras.losses.{loss_class}(from_logits=True).")


def cnn_checks(rules) -> tuple[Check, Check, Check, Check, Check]:
    """The input-shape, three-Conv2D, binary-head, loss and accuracy-metric checks.

    Returns:
        ``(model_input_shape, model_three_conv_layers, model_binary_head,
        model_loss_matches_head, model_accuracy_metric)``.
    """
    height, width = rules.image_size

    def _input_shape(summary):
        shape = summary.input_shape
        if shape is not None and tuple(shape)[1:] == (height, width, 3):
            return passed()
        return failed(expected=f"an input of shape ({height}, {width}, 3)",
                      found="no declared input" if shape is None
                      else f"input shape {tuple(shape)[1:]}",
                      fix=f"start the model with tf.keras.Input(shape=({height}, {width}, 3)).")

    @check("model_input_shape", title=f"create_model() starts with tf.keras.Input(({height}, "
           f"{width}, 3))", points=1, needs=NEEDS)
    def model_input_shape(artifacts):
        return judge(artifacts, _input_shape)

    @check("model_three_conv_layers", title="create_model() has at least 3 Conv2D layers",
           points=1, needs=NEEDS)
    def model_three_conv_layers(artifacts):
        return judge(artifacts, _three_conv_layers)

    def _three_conv_layers(summary):
        count = summary.count("Conv2D")
        if count >= 3:
            return passed(f"{count} Conv2D layers")
        return failed(expected="at least 3 Conv2D layers", found=f"{count}",
                      fix="stack three Conv2D + MaxPooling2D blocks (e.g. 16, 32 and 64 filters) "
                          "before Flatten.")

    @check("model_binary_head", title="The last layer is Dense(1, activation='sigmoid')",
           points=1, needs=NEEDS)
    def model_binary_head(artifacts):
        return judge(artifacts, _binary_head)

    def _binary_head(summary):
        units, activation = head_units(summary)
        if (units, activation) in ((1, "sigmoid"), (2, "softmax")):
            return passed()
        last = summary.layers[-1] if summary.layers else None
        return failed(expected="the last layer Dense(1, activation='sigmoid') for two classes",
                      found=describe_layer(last),
                      fix="end the model with tf.keras.layers.Dense(1, activation='sigmoid').")

    @check("model_loss_matches_head", title="The loss matches the head and the binary labels",
           points=1, needs=NEEDS)
    def model_loss_matches_head(artifacts):
        return judge(artifacts, _loss_matches_head)

    def _loss_matches_head(summary):
        compiled = summary.compile_config
        if not compiled:
            return failed(expected="a model compiled inside create_model()", found="no compile call",
                          fix="call model.compile(optimizer=..., loss='binary_crossentropy', "
                              "metrics=['accuracy']) before returning the model.")
        name, from_logits = loss_name(compiled.get("loss"))
        units, _ = head_units(summary)
        wanted = "sparse_categorical_crossentropy" if units == 2 else "binary_crossentropy"
        mismatch = logits_mismatch(summary, from_logits)
        if name == wanted and mismatch is None:
            return passed()
        if name == wanted:
            return failed(expected=f"loss={wanted!r} reading the head's outputs as they are: "
                                   "probabilities after a sigmoid, logits (from_logits=True) "
                                   "after a linear layer",
                          found=mismatch,
                          fix=logits_fix(summary, "sigmoid" if units != 2 else "softmax",
                                         "BinaryCrossentropy" if units != 2
                                         else "SparseCategoricalCrossentropy"))
        found = f"loss={name!r}" + (", from_logits=True" if from_logits else "")
        return failed(expected=f"loss={wanted!r} for a head with {units or 1} unit(s) and labels "
                               "0/1", found=found, fix=f"compile with loss={wanted!r}.")

    @check("model_accuracy_metric", title="The model reports the 'accuracy' metric", points=1,
           needs=NEEDS)
    def model_accuracy_metric(artifacts):
        return judge(artifacts, _accuracy_metric)

    def _accuracy_metric(summary):
        compiled = summary.compile_config or {}
        names = metric_names(compiled.get("metrics"))
        if "accuracy" in names:
            return passed()
        return failed(expected="metrics=['accuracy'] (the callback and the grader read the "
                               "'accuracy' and 'val_accuracy' logs)",
                      found=f"metrics={names}",
                      fix="compile with metrics=['accuracy'] (not 'acc').")

    return (model_input_shape, model_three_conv_layers, model_binary_head,
            model_loss_matches_head, model_accuracy_metric)
