"""The older (Colab) edition of Week 2 as data (COURSE.md, Week 2 "legacy way").

The older course's Week 2 is its Week 1 again (``create_train_val_dirs``, ``split_data``
copying 90 % of each class to ``training/`` and the rest to ``validation/``,
``train_val_generators``, ``create_model``) with one lesson added: the training generator
augments, ``ImageDataGenerator(rescale=1./255, rotation_range=40, width_shift_range=0.2,
height_shift_range=0.2, shear_range=0.2, zoom_range=0.2, horizontal_flip=True,
fill_mode='nearest')``, and the validation generator only rescales. 150×150 RGB, binary
labels, no callback: the notebook trains its 15 epochs and should end with training and
validation accuracy ≥ 0.80.

The data is the current Week 2's (`autograder.weeks.c2w2.standin`): every student picture
shows the animal in one pose and the held-out pictures turn, mirror, shift and zoom it a
little, as every sound augmentation does (`autograder.weeks.c2w2.pose.HELDOUT`); whether the
training generator augments is the generators' check.

Epochs: the course's own 15, all of them (no callback in this edition), and no more. The
budget is honest for the lesson: the older course's augmentation met 0.80 / 0.80 on this
data after 2 and 3 epochs (docs/stand-ins.md, `bench/c2w2_learnability.py`, 120×120), so
15 leave a model that learns slowly room to do it; and bounded for the grader: it is the
slowest part of the grading (about a minute an epoch through ``ImageDataGenerator`` on the
CI-scale data on the shared 2-core machine), so a larger budget would cost every submission
minutes without changing a sound one's verdict.

Points (22), by lesson:

========================  ====  ==============================================================
lesson                    pts   checks
========================  ====  ==============================================================
folders and split          5    Week 1 colab's ``train_val_dirs_made`` and four split checks
generators                 3    Week 1 colab's image size, binary labels, rescale
augmentation               4    ``generators_augment_training`` (2), ``validation_not_augmented``
                                (1), ``training_does_not_overfit`` (1, the grader's measurement)
model                      5    the five model checks of both Week 1 editions
training                   1    ``training_reached_bars`` (0.80 / 0.80 within 15 epochs)
held-out                   4    ``heldout_accuracy`` on animals posed as augmentation poses them
========================  ====  ==============================================================

Against the current Week 2's 25: its augmentation lesson is the augmentation model (2), the
model that uses it (2), one rescaling (1), augmentation off when predicting (1), validation
unchanged (1), no overfitting (1); here the generator carries the first four as its 2 points
(the grader applies its transformations itself), the rescaling is the generators' point, and
augmentation off when predicting has no counterpart (a generator only feeds training). The
current edition's callback (3 points) has none either; the folders and split (5) are this
edition's own.
"""

from __future__ import annotations

import dataclasses

from autograder.weeks.c2w2.rules import RULES as CURRENT_RULES

__all__ = ["RULES", "AUGMENTATION"]

RULES = dataclasses.replace(CURRENT_RULES, image_size=(150, 150), validation_split=0.1,
                            max_epochs=15)
"""The current Week 2's classes and bars (accuracy and val_accuracy ≥ 0.80, held-out ≥ 0.70,
at most 10 points between the saved model's training and validation accuracy) at this
edition's size (150×150) and epochs (15). The grader measures the saved model on the student
data split 90/10 with the course's seed, as for Week 1's older edition (the notebook's own
split is random)."""

AUGMENTATION = ("rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, "
                "shear_range=0.2, zoom_range=0.2, horizontal_flip=True, fill_mode='nearest'")
"""The course's training-generator augmentation, as the hints spell it."""
