"""Week 2: image augmentation that is really used.

Everything about the week is here: its rules (`rules`), its data (`standin` and `pose` for
the offline stand-in, `real` for the real Kaggle photos), where and whether a model
augments (`augmentation`), and its checks (`checks`, plus the dataset, CNN, callback and
training checks every image week shares, made from its rules).
"""

from __future__ import annotations

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, Edition, PublicPath, created_model)
from autograder.checks.advice import Tip
from autograder.checks.callbacks import CallbackProbes, bar_probes, callback_checks
from autograder.checks.cnn import cnn_checks
from autograder.checks.image_datasets import dataset_checks
from autograder.checks.training import retrain_image_folder, training_checks
from autograder.weeks.c2w2 import checks
from autograder.weeks.c2w2.real import prepare_real
from autograder.weeks.c2w2.rules import RULES
from autograder.weeks.c2w2.standin import DATASET, GENERATOR, IMAGES, generate

__all__ = ["ASSIGNMENT", "C2W2", "EDITIONS"]

_datasets = dataset_checks(RULES)
(_input_shape, _three_conv, _binary_head, _loss, _accuracy_metric) = cnn_checks(RULES)
_callback = callback_checks(RULES)
_training, _heldout = training_checks(
    RULES, model_hint="augmentation right after the Input, Rescaling, three Conv2D blocks, a "
                      "sigmoid head, binary_crossentropy",
    heldout_what="cats and dogs, turned, shifted, zoomed and flipped",
    heldout_tips=(Tip(
        "augment", lambda facts, needed: not facts.random_layers,
        lambda facts, needed: "the held-out animals are turned, shifted, zoomed and flipped: "
                              "train on augmented images (random flips, rotations, shifts and "
                              "zooms, as layers right after the Input), or a model that only "
                              "saw animals in one pose does not recognise them in another"),))

ASSIGNMENT = C2W2 = Assignment(
    id="C2W2",
    title="Week 2: Cats vs Dogs with image augmentation",
    notebook="C2W2_Assignment.ipynb",
    data=DataSpec(dataset=DATASET, images_subdir=IMAGES, standin=generate, real=prepare_real,
                  standin_generator=GENERATOR,
                  public_paths=(PublicPath(IMAGES, ""),)),
    rules=RULES,
    fixtures=(CallbackProbes(bar_probes(RULES.accuracy_bar, RULES.val_accuracy_bar)),),
    artifacts=(
        ArtifactSpec("datasets", "datasets", (("function", "train_val_datasets"),)),
        ArtifactSpec("augmentation_model", "model",
                     (("function", "create_augmentation_model"),
                      ("file", "augmentation_model.keras"))),
        created_model("create_model"),
        ArtifactSpec("callback", "callback", (("name", "EarlyStoppingCallback"),)),
        *TRAINING_ARTIFACTS,
        ArtifactSpec("fit_data", "fit_data"),
    ),
    checks=(
        *_datasets,
        checks.augmentation_model_is_random,
        checks.augmentation_model_does_not_rescale,
        _input_shape,
        checks.model_uses_augmentation,
        checks.model_rescales_once,
        _three_conv,
        _binary_head,
        _loss,
        _accuracy_metric,
        checks.augmentation_only_while_training,
        checks.validation_not_augmented,
        *_callback,
        _training,
        checks.training_does_not_overfit,
        _heldout,
    ),
    retrain=retrain_image_folder,
    edition=Edition(name="keras3", title="the current Keras 3 edition of the course "
                    "(train_val_datasets, create_augmentation_model, EarlyStoppingCallback)",
                    marks=("train_val_datasets", "create_augmentation_model",
                           "EarlyStoppingCallback")),
)

from autograder.weeks.c2w2.colab import COLAB  # noqa: E402 - it reuses this week's rules

EDITIONS = (ASSIGNMENT, COLAB)
"""The editions of the course this week grades, the main one first."""
