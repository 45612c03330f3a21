"""Week 1's older (Colab) edition: ``create_train_val_dirs``, ``split_data``,
``train_val_generators`` with ``ImageDataGenerator``, ``create_model``, 15 epochs.

The same data, model lesson and bars as the current edition, and the same checks where
the lesson is the same (the model's five, the training bars, the held-out measurement);
its own checks where the edition teaches something else: the folders, the split made by
copying files (`splitting`, run on the grader's hidden probe) and the generators
(`generators`). No callback in this edition, so no callback points.

Points (18): the data lesson is worth 8 in both editions (here 1 for the folders, 4 for
the split, 3 for the generators; in the current one 3 for cleaning, 5 for the datasets),
the model 5 (the current edition's sixth, Rescaling inside the model, is the generators'
rescaling here), training 1 and the held-out measurement 4 as in the current edition; the
current edition's 3 callback points have no counterpart.
"""

from __future__ import annotations

import dataclasses

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, Edition, PublicPath, created_model)
from autograder.checks.training import training_checks
from autograder.weeks.c2w1 import model
from autograder.weeks.c2w1.colab import generators, splitting
from autograder.weeks.c2w1.colab.probe import SplitProbe
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS, RULES
from autograder.weeks.c2w1.pet_images import prepare_real
from autograder.weeks.c2w1.probe import IMAGES
from autograder.weeks.c2w1.standin import generate

__all__ = ["COLAB", "EDITION"]

EDITION = Edition(
    name="colab",
    title="the course's older Colab edition (create_train_val_dirs, split_data and "
          "ImageDataGenerator generators, 2022–2024)",
    marks=("create_train_val_dirs", "create_train_test_dirs", "split_data",
           "train_val_generators"),
    primary=False, legacy_keras=True)

training_reached_bars, heldout_accuracy = training_checks(
    RULES, model_hint="three Conv2D blocks, a sigmoid head, binary_crossentropy, generators "
    "that rescale by 1/255", heldout_what="cat and dog images", how_to_stop="")
# This edition's models take the generators' 0–1 pixels: the grader's measurement reads the
# training generator's rescale, so a self-check of the bars exports the generators too.
training_reached_bars = dataclasses.replace(
    training_reached_bars, needs=(*training_reached_bars.needs, "datasets"))

COLAB = Assignment(
    id="C2W1",
    title="Week 1: Cats vs Dogs — using a large, real-world dataset (older Colab edition)",
    notebook="C2W1_Assignment.ipynb",
    data=DataSpec(dataset="cats_and_dogs", images_subdir=IMAGES, standin=generate,
                  real=prepare_real, public_paths=(PublicPath(IMAGES, ""),)),
    rules=RULES,
    fixtures=(SplitProbe(),),
    artifacts=(
        ArtifactSpec("train_val_dirs", "train_val_dirs", (("function", "create_train_val_dirs"),)),
        ArtifactSpec("split", "split_data", (
            ("function", "split_data"),
            ("classes", tuple(CLASS_FOLDERS)))),
        ArtifactSpec("datasets", "datasets", (("function", "train_val_generators"),
                                              ("args", ("TRAINING_DIR", "VALIDATION_DIR")))),
        created_model("create_model"),
        *TRAINING_ARTIFACTS,
    ),
    checks=(
        splitting.train_val_dirs_made,
        splitting.split_copies_files,
        splitting.split_skips_zero_length,
        splitting.split_sizes,
        splitting.split_disjoint,
        generators.generators_image_size,
        generators.generators_binary_labels,
        generators.generators_rescale,
        model.model_input_shape,
        model.model_three_conv_layers,
        model.model_binary_head,
        model.model_loss_matches_head,
        model.model_accuracy_metric,
        training_reached_bars,
        heldout_accuracy,
    ),
    # The grader's retraining feeds raw pixels (the current edition's models rescale
    # themselves); this edition's models expect the generators' 0–1 pixels.
    retrain=None,
    edition=EDITION,
)
