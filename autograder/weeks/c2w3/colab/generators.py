"""Checks of the older edition's ``train_val_generators(TRAINING_DIR, VALIDATION_DIR)``.

The kernel describes the two iterators it returns (`autograder.kernel.datasets`); these
read that description: 150×150 RGB pictures with binary labels of the folders ``horses``
(0) and ``humans`` (1); pixels rescaled by 1/255 in both (this edition's models take pixels
in 0–1, and the grader scores the trained model on pictures scaled as its training batch
was); and random augmentation in the training generator only, the older Week 3's lesson
on a small training set.
"""

from __future__ import annotations

from autograder.checks.base import check, failed, passed
from autograder.checks.generators import (Words, both, first_problem, wrong_labels,
                                          wrong_rescale, wrong_size)
from autograder.weeks.c2w3.colab.rules import RESCALE, RULES

__all__ = ["generators_read_folders", "generators_rescale", "generators_augment_training"]

_HEIGHT, _WIDTH = RULES.image_size
_WORDS = Words("picture", tuple(RULES.class_names))


@check("generators_read_folders", title=f"train_val_generators() yields {_HEIGHT}×{_WIDTH} "
       f"RGB pictures with binary labels (class_mode='binary') for {' and '.join(_WORDS.folders)}",
       points=1, needs=("datasets",), claims=("datasets",))
def generators_read_folders(artifacts):
    return first_problem(wrong_size(name, facts, RULES.image_size, _WORDS)
                         or wrong_labels(name, facts, _WORDS) for name, facts in both(artifacts))


@check("generators_rescale", title="Both generators rescale pixels by 1/255", points=1,
       needs=("datasets",), claims=("datasets",))
def generators_rescale(artifacts):
    return first_problem(wrong_rescale(name, facts, RESCALE) for name, facts in both(artifacts))


@check("generators_augment_training", title="The training generator augments its pictures "
       "at random (rotation, shifts, shear, zoom or flips) and the validation generator does "
       "not", points=1, needs=("datasets",), claims=("datasets",))
def generators_augment_training(artifacts):
    (_, train), (_, validation) = both(artifacts)
    if train["kind"] != "directory_iterator":
        return failed(expected="a training generator from ImageDataGenerator(...)."
                               "flow_from_directory with random transformations",
                      found=f"a {train['kind']} dataset",
                      fix="make the training generator with ImageDataGenerator(rescale=1./255, "
                          "rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, "
                          "shear_range=0.2, zoom_range=0.2, horizontal_flip=True).")
    if not train.get("augmentation"):
        return failed(expected="the training generator to change its pictures at random, so "
                               "that the model sees more than the few hundred there are",
                      found="ImageDataGenerator with no random transformation",
                      fix="give the training ImageDataGenerator the course's augmentation: "
                          "rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, "
                          "shear_range=0.2, zoom_range=0.2, horizontal_flip=True.")
    if validation.get("augmentation"):
        found = ", ".join(f"{k}={v}" for k, v in sorted(validation["augmentation"].items()))
        return failed(expected="the validation pictures as they are (only rescaled), so that "
                               "validation accuracy measures the pictures themselves",
                      found=f"a validation generator with {found}",
                      fix="make the validation generator with ImageDataGenerator(rescale=1./255) "
                          "and nothing else.")
    return passed(", ".join(sorted(train["augmentation"])))
