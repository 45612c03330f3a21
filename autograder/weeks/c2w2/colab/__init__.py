"""Week 2's older (Colab) edition: Week 1's older notebook with an augmenting training
generator (``create_train_val_dirs``, ``split_data``, ``train_val_generators``,
``create_model``, 15 epochs).

The current Week 2's data (one pose per student picture, held-out animals posed as
augmentation poses them), this edition's size and epochs (`rules`); Week 1's older checks
where the lesson is the same (the folders, the split on the grader's hidden probe, the
generators, the model), the current Week 2's bars, and this edition's augmentation checks
(`augmentation`): the training generator's transformations applied by the grader, a
validation generator that only rescales, and the grader's own measurements of the saved
model. Points: 22, by lesson in `rules`.
"""

from __future__ import annotations

import dataclasses

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, Edition, PublicPath, created_model)
from autograder.checks.advice import Tip
from autograder.checks.training import training_checks
from autograder.weeks.c2w1 import model
from autograder.weeks.c2w1.colab import generators, splitting
from autograder.weeks.c2w1.colab.probe import SplitProbe
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS
from autograder.weeks.c2w2.colab import augmentation
from autograder.weeks.c2w2.colab.rules import AUGMENTATION, RULES
from autograder.weeks.c2w2.real import prepare_real
from autograder.weeks.c2w2.standin import DATASET, GENERATOR, IMAGES, generate

__all__ = ["COLAB", "EDITION", "AUGMENT_TIP"]

EDITION = Edition(
    name="colab",
    title="the course's older Colab edition (create_train_val_dirs, split_data and "
          "ImageDataGenerator generators with augmentation, 2022–2024)",
    marks=("create_train_val_dirs", "create_train_test_dirs", "split_data",
           "train_val_generators"),
    primary=False, legacy_keras=True)

AUGMENT_TIP = Tip(
    "augment", lambda facts, needed: not (facts.augmented_data or facts.random_layers),
    lambda facts, needed: "the held-out animals are turned, shifted, zoomed and flipped: train "
                          "on augmented pictures (ImageDataGenerator(rescale=1./255, "
                          + AUGMENTATION + ") for the training generator), or a model that "
                          "only saw animals in one pose does not recognise them in another")
"""Advice for a missed held-out bar, given only to a model trained without augmentation."""

training_reached_bars, heldout_accuracy = training_checks(
    RULES, model_hint="three Conv2D blocks, a sigmoid head, binary_crossentropy, a training "
    "generator that augments and generators that rescale by 1/255",
    heldout_what="cats and dogs, turned, shifted, zoomed and flipped", how_to_stop="",
    heldout_tips=(AUGMENT_TIP,))
# The grader's measurement reads the training generator's rescale (this edition's models
# take 0–1 pixels), so a self-check of the bars exports the generators too (as Week 1's).
training_reached_bars = dataclasses.replace(
    training_reached_bars, needs=(*training_reached_bars.needs, "datasets"))

COLAB = Assignment(
    id="C2W2",
    title="Week 2: Cats vs Dogs with image augmentation (older Colab edition)",
    notebook="C2W2_Assignment.ipynb",
    data=DataSpec(dataset=DATASET, images_subdir=IMAGES, standin=generate, real=prepare_real,
                  standin_generator=GENERATOR, public_paths=(PublicPath(IMAGES, ""),)),
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
        ArtifactSpec("fit_data", "fit_data"),
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
        augmentation.generators_augment_training,
        augmentation.validation_not_augmented,
        model.model_input_shape,
        model.model_three_conv_layers,
        model.model_binary_head,
        model.model_loss_matches_head,
        model.model_accuracy_metric,
        training_reached_bars,
        augmentation.training_does_not_overfit,
        heldout_accuracy,
    ),
    # The grader's retraining feeds raw pixels; this edition's models expect the
    # generators' 0–1 pixels (as Week 1's older edition).
    retrain=None,
    edition=EDITION,
)
