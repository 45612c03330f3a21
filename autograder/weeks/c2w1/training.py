"""Checks of the training run and of the trained model on held-out data."""

from __future__ import annotations

from autograder.checks.training import retrain_image_folder, training_checks
from autograder.weeks.c2w1.rules import RULES

__all__ = ["training_reached_bars", "heldout_accuracy", "retrain"]

training_reached_bars, heldout_accuracy = training_checks(
    RULES, model_hint="three Conv2D blocks, Rescaling, a sigmoid head, binary_crossentropy",
    heldout_what="cat and dog images",
    heldout_fix="make sure the model is trained on the cleaned data until your callback stops "
                "it, and that it keeps Rescaling(1./255) inside the model; a model that "
                "memorises the training images (train accuracy high, validation low) will not "
                "generalise.")
retrain = retrain_image_folder
