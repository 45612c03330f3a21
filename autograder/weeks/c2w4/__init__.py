"""Week 4: multiclass classification of Sign Language MNIST (24 letters, 28×28 grey).

Everything about the week is here: its rules (`rules`), its data (`signs` and `standin` for
the offline stand-in, `real` for the real Kaggle CSV files), the hidden parsing probe
(`probe`), and its checks (`parsing`, `datasets`, `model`, `training`, plus the accuracy
metric check every image week shares).
"""

from __future__ import annotations

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, PublicPath, created_model)
from autograder.checks.cnn import cnn_checks
from autograder.weeks.c2w4 import datasets, model, parsing, training
from autograder.weeks.c2w4.probe import PROBE_FILE, ParsingProbe
from autograder.weeks.c2w4.real import prepare_real
from autograder.weeks.c2w4.rules import RULES
from autograder.weeks.c2w4.standin import (DATASET, FOLDER, TEST_CSV, TRAIN_CSV, TRAIN_PNG,
                                           VALIDATION_PNG, generate)

__all__ = ["ASSIGNMENT", "C2W4", "ARRAYS", "PUBLIC_PATHS"]

ARRAYS = ("training_images", "training_labels", "validation_images", "validation_labels")
"""The notebook's variables train_val_datasets() is called with, as the course calls it."""

PUBLIC_PATHS = (PublicPath(TRAIN_CSV, TRAIN_CSV), PublicPath(TEST_CSV, TEST_CSV),
                PublicPath(f"data/{TRAIN_PNG}", TRAIN_PNG, as_is=True),
                PublicPath(f"data/{VALIDATION_PNG}", VALIDATION_PNG, as_is=True))
"""What the public course's notebooks read next to themselves: the CSV generation
``./sign_mnist_train.csv`` and ``./sign_mnist_test.csv``, the image-folder generation
``data/train/<Letter>/`` and ``data/validation/<Letter>/`` (the same rows as PNG files)."""

_accuracy_metric = cnn_checks(RULES)[4]

ASSIGNMENT = C2W4 = Assignment(
    id="C2W4",
    title="Week 4: Multi-class classification of Sign Language MNIST",
    notebook="C2W4_Assignment.ipynb",
    data=DataSpec(dataset=DATASET, images_subdir=FOLDER, standin=generate, real=prepare_real,
                  public_paths=PUBLIC_PATHS),
    rules=RULES,
    fixtures=(ParsingProbe(),),
    artifacts=(
        ArtifactSpec("parsing", "parsed_csv",
                     (("function", "parse_data_from_input"), ("file", PROBE_FILE))),
        # The CSV generation of the public course names it train_val_generators(arrays…);
        # the image-folder generation's train_val_datasets() takes no arguments.
        ArtifactSpec("datasets", "array_datasets",
                     (("function", "train_val_datasets"), ("args", ARRAYS),
                      ("aliases", ("train_val_generators",)))),
        created_model("create_model"),
        *TRAINING_ARTIFACTS,
    ),
    checks=(
        parsing.parse_data_types,
        parsing.parse_data_skips_header,
        parsing.parse_data_values_intact,
        datasets.datasets_channel_axis,
        datasets.datasets_keep_every_row,
        model.model_input_shape,
        model.model_uses_convolutions,
        model.model_conv_pool_limit,
        model.model_softmax_head,
        model.model_loss_matches_labels,
        _accuracy_metric,
        training.training_reached_bars,
        training.heldout_accuracy,
    ),
)
