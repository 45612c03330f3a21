"""Week 2's rules as data (COURSE.md): 120×120 RGB, binary Cat/Dog, 15 % validation with
seed 42, stop at accuracy ≥ 0.80 and val_accuracy ≥ 0.80 within 35 epochs, held-out accuracy
≥ 0.80 on animals posed as augmentation poses them."""

from __future__ import annotations

from autograder.assignments.spec import Rules

__all__ = ["RULES"]

RULES = Rules(class_names=("Cat", "Dog"), image_size=(120, 120), label_mode="binary",
              validation_split=0.15, split_seed=42, batch_size=32, accuracy_bar=0.80,
              val_accuracy_bar=0.80, max_epochs=35, heldout_threshold=0.80,
              max_overfit_gap=0.10)
