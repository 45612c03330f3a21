"""Week 3: transfer learning with a frozen InceptionV3 cut at ``mixed7``.

Everything about the week is here: its rules (`rules`), its data (`standin` and `figures`
for the offline stand-in, `real` for the real Horse or Human files), the InceptionV3 weights
the notebook loads (`weights`: Keras' file, or a stand-in pretrained offline), what a
transfer-learning model is made of (`anatomy`), how the grader scores it (`scoring`), and
its checks (`checks`, `training`, plus the head, loss and metric checks every image week
shares). Grading never retrains InceptionV3: the held-out check scores the saved model.
The course's older Colab edition of the week is `colab` (``EDITIONS``: this one first).
"""

from __future__ import annotations

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment,
                                         DataSpec, Edition, PublicPath, created_model)
from autograder.checks.callbacks import callback_checks
from autograder.checks.cnn import cnn_checks
from autograder.weeks.c2w3 import checks, training
from autograder.weeks.c2w3.real import prepare_real
from autograder.weeks.c2w3.rules import RULES
from autograder.weeks.c2w3.standin import DATASET, GENERATOR, IMAGES, generate
from autograder.weeks.c2w3.weights import WEIGHTS_FILE

__all__ = ["ASSIGNMENT", "C2W3", "EDITIONS"]

(_, _, _binary_head, _loss, _accuracy_metric) = cnn_checks(RULES)
_callback_is_keras_callback = callback_checks(RULES)[0]

ASSIGNMENT = C2W3 = Assignment(
    id="C2W3",
    title="Week 3: Horse or Human with a frozen InceptionV3",
    notebook="C2W3_Assignment.ipynb",
    data=DataSpec(dataset=DATASET, images_subdir=IMAGES, standin=generate, real=prepare_real,
                  standin_generator=GENERATOR,
                  # where the public (Keras 3) notebook reads its pictures and weights
                  public_paths=(PublicPath("data/train", "train"),
                                PublicPath("data/validation", "validation"),
                                PublicPath(f"model/{WEIGHTS_FILE}", WEIGHTS_FILE))),
    rules=RULES,
    fixtures=(training.PROBES,),
    artifacts=(
        ArtifactSpec("datasets", "datasets", (("function", "train_val_datasets"),)),
        created_model("create_final_model", ("pre_trained_model", "last_output")),
        # the base as create_pre_trained_model() loads it, always: training may have changed
        # the notebook's own, even one frozen only afterwards (the older generation's
        # function is given the weights file)
        ArtifactSpec("fresh_base", "model_if_trainable",
                     (("function", "create_pre_trained_model"), ("file", "fresh_base.keras"),
                      ("variable", "pre_trained_model"), ("always", True),
                      ("args", ("local_weights_file",)))),
        ArtifactSpec("callback", "callback", (("name", "EarlyStoppingCallback"),)),
        *TRAINING_ARTIFACTS,
        # the pixels the trained model was fit on: the public notebook preprocesses its
        # datasets after train_val_datasets() returned them
        ArtifactSpec("fit_data", "fit_data", (("first_batch", True),)),
    ),
    checks=(
        checks.inception_preprocessing,
        checks.base_weights_from_file,
        checks.base_frozen,
        checks.cut_at_mixed7,
        checks.head_dense_relu,
        checks.head_dropout,
        _binary_head,
        _loss,
        _accuracy_metric,
        checks.learning_rate,
        checks.parameter_counts,
        _callback_is_keras_callback,
        training.callback_stops_above_bar,
        training.callback_keeps_training_below_bar,
        training.training_reached_bar,
        training.heldout_accuracy,
    ),
    # InceptionV3's forward passes are this course's heaviest work: on a cluster with GPU
    # workers (and the gpu setting) its gradings go there; anywhere else, to any worker
    worker_resources={"GPU": 1},
    edition=Edition(name="keras3", title="the current Keras 3 edition of the course "
                    "(train_val_datasets, create_pre_trained_model(), EarlyStoppingCallback)",
                    marks=("train_val_datasets", "EarlyStoppingCallback")),
)

from autograder.weeks.c2w3.colab import COLAB  # noqa: E402 - it reuses this week's checks

EDITIONS = (ASSIGNMENT, COLAB)
"""The editions of the course this week grades, the main one first."""
