"""Checks of ``create_model()``: read from the saved model's config, never recompiled.

Week 1 grades the checks of every image week (`autograder.checks.cnn`) and one of its own:
the model rescales its pixels first.
"""

from __future__ import annotations

from autograder.artifacts.model_config import describe_layer
from autograder.checks.base import check, failed, passed
from autograder.checks.cnn import NEEDS, cnn_checks, head_units, judge
from autograder.weeks.c2w1.rules import RULES

__all__ = ["model_input_shape", "model_rescaling_first", "model_three_conv_layers",
           "model_binary_head", "model_loss_matches_head", "model_accuracy_metric", "head_units"]

(model_input_shape, model_three_conv_layers, model_binary_head, model_loss_matches_head,
 model_accuracy_metric) = cnn_checks(RULES)


@check("model_rescaling_first", title="The first layer rescales pixels with Rescaling(1./255)",
       points=1, needs=NEEDS)
def model_rescaling_first(artifacts):
    return judge(artifacts, _rescaling_first)


def _rescaling_first(summary):
    layers = summary.layers
    first = layers[0] if layers else None
    if first is not None and first.class_name == "Rescaling":
        scale, offset = first.config.get("scale"), first.config.get("offset", 0.0)
        if isinstance(scale, (int, float)) and abs(scale - 1 / 255) < 1e-6 and not offset:
            return passed()
    return failed(expected="Rescaling(1./255) right after the Input",
                  found=f"{describe_layer(first)} as the first layer",
                  fix="add tf.keras.layers.Rescaling(1./255) as the first layer, so the model "
                      "itself turns pixels 0–255 into 0–1 (also on images it has never seen).")
