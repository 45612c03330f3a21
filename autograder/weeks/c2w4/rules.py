"""Week 4's rules as data (COURSE.md): Sign Language MNIST, 28×28 grey, labels 0–25 (A–Z)
with J (9) and Z (25) absent, batches of 32, within 15 epochs.

The course aims at 99 % training and 95 % validation accuracy on the real photos. The bars
here are what the course's two-Conv2D network reaches on the offline stand-in in 15
epochs at CI scale (training 0.95, validation 0.90; measured 0.978 / 0.963, held-out 0.950,
while a dense-only model stays near 0.64: ``bench/c2w4_learnability.py``); held-out ≥ 0.90.
"""

from __future__ import annotations

import string

from autograder.assignments.spec import Rules

__all__ = ["RULES", "LETTERS", "ABSENT", "PRESENT", "HEAD_UNITS"]

LETTERS = tuple(string.ascii_uppercase)
"""Class names in label order: label 0 is A, label 25 is Z."""
ABSENT = (9, 25)
"""Labels that never occur (J and Z need motion)."""
PRESENT = tuple(label for label in range(26) if label not in ABSENT)
"""The 24 labels the data holds."""
HEAD_UNITS = (24, 25, 26)
"""Softmax widths the course accepts: 26 for the raw labels, 24 for re-indexed ones."""

RULES = Rules(class_names=LETTERS, image_size=(28, 28), label_mode="int",
              validation_split=0.0, split_seed=42, batch_size=32, accuracy_bar=0.95,
              val_accuracy_bar=0.90, max_epochs=15, heldout_threshold=0.90,
              channels=1, max_parameters=25_000_000)
"""``max_parameters``: the course's two-Conv2D network has 245,850 weights at 28×28×1; a
hundred times that is still small (100 MB)."""
