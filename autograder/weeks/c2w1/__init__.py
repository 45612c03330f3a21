"""Week 1: Cats vs Dogs on a large, dirty, real-world dataset.

Everything about the week is here: its rules (`rules`), its data (`standin` for the
offline stand-in, `pet_images` for the real Kaggle files), the hidden cleaning probe
(`probe`), and its checks (`cleaning`, `datasets`, `model`, `callback`, `training`).
The course's older Colab edition of the week is `colab` (``EDITIONS``: this one first).
"""

from __future__ import annotations

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, Edition, PublicPath, created_model)
from autograder.weeks.c2w1 import callback, cleaning, datasets, model, training
from autograder.weeks.c2w1.pet_images import prepare_real
from autograder.weeks.c2w1.probe import IMAGES, CleaningProbe
from autograder.weeks.c2w1.rules import RULES
from autograder.weeks.c2w1.standin import generate

__all__ = ["ASSIGNMENT", "C2W1", "EDITIONS"]

ASSIGNMENT = C2W1 = Assignment(
    id="C2W1",
    title="Week 1: Cats vs Dogs — using a large, real-world dataset",
    notebook="C2W1_Assignment.ipynb",
    data=DataSpec(dataset="cats_and_dogs", images_subdir=IMAGES, standin=generate,
                  real=prepare_real, public_paths=(PublicPath(IMAGES, ""),)),
    rules=RULES,
    fixtures=(CleaningProbe(), callback.PROBES),
    artifacts=(
        ArtifactSpec("cleaning", "cleaning", (("function", "clean_images"), ("folder", IMAGES))),
        ArtifactSpec("datasets", "datasets", (("function", "train_val_datasets"),)),
        created_model("create_model"),
        ArtifactSpec("callback", "callback", (("name", "EarlyStoppingCallback"),)),
        *TRAINING_ARTIFACTS,
    ),
    checks=(
        cleaning.clean_images_drops_bad_files,
        cleaning.clean_images_keeps_good_files,
        datasets.datasets_image_size,
        datasets.datasets_binary_labels,
        datasets.datasets_split_sizes,
        datasets.datasets_disjoint,
        datasets.datasets_exclude_dirty_files,
        model.model_input_shape,
        model.model_rescaling_first,
        model.model_three_conv_layers,
        model.model_binary_head,
        model.model_loss_matches_head,
        model.model_accuracy_metric,
        callback.callback_is_working_keras_callback,
        callback.callback_stops_at_bars,
        callback.callback_keeps_training_below_bars,
        training.training_reached_bars,
        training.heldout_accuracy,
    ),
    retrain=training.retrain,
    edition=Edition(name="keras3", title="the current Keras 3 edition of the course "
                    "(clean_images, train_val_datasets, EarlyStoppingCallback)",
                    marks=("clean_images", "train_val_datasets", "EarlyStoppingCallback")),
)

from autograder.weeks.c2w1.colab import COLAB  # noqa: E402 - it reuses this week's checks

EDITIONS = (ASSIGNMENT, COLAB)
"""The editions of the course this week grades, the main one first."""
