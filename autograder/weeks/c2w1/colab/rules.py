"""The older (Colab) edition of Week 1 as data (OLDER_EDITION.md, COURSE.md).

The same data, images (150×150 RGB), classes and bars as the current edition: training
accuracy ≥ 0.95 and validation accuracy ≥ 0.80 after its 15 epochs (no callback in this
edition: it trains all 15), held-out accuracy ≥ 0.80 as ours. What differs is how the data
reaches the model: ``split_data`` copies 90 % of each class's non-empty files into
``training/<cats|dogs>`` and the rest into ``validation/<cats|dogs>``, and two
``ImageDataGenerator(rescale=1/255)`` read those folders with ``class_mode='binary'``.
"""

from __future__ import annotations

import dataclasses

from autograder.weeks.c2w1.rules import RULES as CURRENT_RULES

__all__ = ["RULES", "SPLIT_SIZE", "CLASS_FOLDERS", "SPLIT_FOLDERS", "RESCALE"]

RULES = dataclasses.replace(CURRENT_RULES, validation_split=0.1)
"""The current edition's rules: this edition states the same size, classes and bars. The
grader's measurement of the saved model splits the student data 90/10 with the course's
seed, as for the current edition (the notebook's own split is random)."""

SPLIT_SIZE = 0.9
"""The fraction of each class's files ``split_data`` copies to training."""

CLASS_FOLDERS = (("Cat", "cats"), ("Dog", "dogs"))
"""Each class's folder in ``PetImages`` and its folder under ``training/`` and
``validation/`` (label 0 first, as the generators number them)."""

SPLIT_FOLDERS = tuple(f"{part}/{folder}" for part in ("training", "validation")
                      for _, folder in CLASS_FOLDERS)
"""The four folders ``create_train_val_dirs(root_path)`` makes under ``root_path``."""

RESCALE = 1 / 255
"""What both generators multiply pixels by."""
