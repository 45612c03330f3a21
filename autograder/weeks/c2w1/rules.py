"""Week 1's rules as data (COURSE.md): 150×150 RGB, binary Cat/Dog, 10 % validation with
seed 42, batches of 128, stop at accuracy ≥ 0.95 and val_accuracy ≥ 0.80 within 15 epochs,
held-out accuracy ≥ 0.80."""

from __future__ import annotations

from autograder.assignments.spec import Rules

__all__ = ["RULES"]

RULES = Rules(class_names=("Cat", "Dog"), image_size=(150, 150), label_mode="binary",
              validation_split=0.1, split_seed=42, batch_size=128, accuracy_bar=0.95,
              val_accuracy_bar=0.80, max_epochs=15, heldout_threshold=0.80,
              max_parameters=100_000_000)
"""``max_parameters``: the reference model has 9,494,561 weights (three Conv2D, Dense(512));
ten times that leaves room for a network without its last pooling (42 M)."""
