"""The older (Colab) edition of Week 3 as data (COURSE.md).

The same pictures, classes, frozen InceptionV3 cut at ``mixed7``, head and bars as the
current edition. What differs is how the pictures reach the model: two
``ImageDataGenerator`` read ``train_dir`` and ``validation_dir`` with ``rescale=1/255``
(pixels in 0–1, not InceptionV3's [-1, 1]), the training one with the course's random
augmentation; the base is given the weights file (``create_pre_trained_model(
local_weights_file)``), RMSprop's learning rate is 1e-4, and the callback is the course's
``myCallback`` (stops once accuracy > 0.999).
"""

from __future__ import annotations

from autograder.weeks.c2w3.rules import RULES as CURRENT_RULES

__all__ = ["RULES", "RESCALE", "NOTEBOOK_EPOCHS", "CALLBACK", "FOLDER_VARIABLES",
           "VALIDATION_BATCH"]

RULES = CURRENT_RULES
"""The current edition's rules. ``max_epochs`` stays 100: the older notebook trains
``epochs=100`` and lets ``myCallback`` stop it, and a student's notebook that does so is
graded the same (the training check holds the callback's rule as it ran)."""

NOTEBOOK_EPOCHS = 20
"""What our notebook's training cell asks ``fit`` for, where the course wrote 100. On the
CI-scale stand-in (384 training pictures, 12 batches through the generators' augmentation,
which cannot be cached) one epoch took about 43 s on the loaded 2-core AMD EPYC, and the
augmented history never reaches 0.999, so the callback never stops it: 100 epochs would
grade in over an hour where 20 grade in about a quarter of it; the current edition's
notebook trains at most 20 for the same reason (``autograder.weeks.c2w3.rules``), as Week 1's
older edition keeps the course's own 15 (short enough). In 20 epochs the older recipe clears
both bars on the stand-in (measured in ``tests/e2e/test_c2w3_colab.py``)."""

RESCALE = 1 / 255
"""What both generators multiply pixels by (the older course's scaling)."""

CALLBACK = "myCallback"
"""The older course's callback class (given complete in its notebook)."""

FOLDER_VARIABLES = ("train_dir", "validation_dir")
"""The notebook's variables ``train_val_generators`` is called with."""

VALIDATION_BATCH = 20
"""The older course's validation batch size (training: 32, `RULES.batch_size`)."""
