"""Checks of the training run and of the trained model on held-out data."""

from __future__ import annotations

from autograder.checks.training import retrain_image_folder, training_checks
from autograder.weeks.c2w1.rules import RULES

__all__ = ["training_reached_bars", "heldout_accuracy", "retrain"]

training_reached_bars, heldout_accuracy = training_checks(
    RULES, model_hint="three Conv2D blocks, Rescaling, a sigmoid head, binary_crossentropy",
    # the image weeks' tips (autograder.checks.advice) cover what a missed bar here needs:
    # training, three Conv2D blocks, Rescaling, memorising, more epochs; each where it applies
    heldout_what="cat and dog images")
retrain = retrain_image_folder
