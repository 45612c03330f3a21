"""Checks of the older edition's ``train_val_generators(TRAINING_DIR, VALIDATION_DIR)``.

The kernel describes the two iterators it returns (`autograder.kernel.datasets`); these
read that description: 150×150 RGB images, binary labels of the split's folders (``cats``
0, ``dogs`` 1), and pixels rescaled by 1/255 in both generators (this edition's models
take pixels in 0–1: the grader rescales the images it scores the trained model on by what
the training generator did). Week 1 of this edition asks for no augmentation, so none is
judged.
"""

from __future__ import annotations

from autograder.checks.base import check
from autograder.checks.generators import (Words, both, first_problem, wrong_labels,
                                          wrong_rescale, wrong_size)
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS, RESCALE, RULES

__all__ = ["generators_image_size", "generators_binary_labels", "generators_rescale"]

_HEIGHT, _WIDTH = RULES.image_size
_WORDS = Words("image", tuple(folder for _, folder in CLASS_FOLDERS))


@check("generators_image_size", title=f"train_val_generators() yields {_HEIGHT}×{_WIDTH} RGB "
       "images", points=1, needs=("datasets",), claims=("datasets",))
def generators_image_size(artifacts):
    return first_problem(wrong_size(name, facts, RULES.image_size, _WORDS)
                         for name, facts in both(artifacts))


@check("generators_binary_labels", title="train_val_generators() gives binary labels "
       f"(class_mode='binary') for {' and '.join(_WORDS.folders)}", points=1,
       needs=("datasets",), claims=("datasets",))
def generators_binary_labels(artifacts):
    return first_problem(wrong_labels(name, facts, _WORDS) for name, facts in both(artifacts))


@check("generators_rescale", title="Both generators rescale pixels by 1/255", points=1,
       needs=("datasets",), claims=("datasets",))
def generators_rescale(artifacts):
    return first_problem(wrong_rescale(name, facts, RESCALE) for name, facts in both(artifacts))
