"""Week 3's older (Colab) edition: ``train_val_generators`` with ``ImageDataGenerator``
(rescale 1/255, augmentation), ``create_pre_trained_model(local_weights_file)``,
``output_of_last_layer``, ``create_final_model`` (RMSprop 1e-4) and the course's
``myCallback``.

The same pictures, model lesson and bars as the current edition, and the same checks where
the lesson is the same: the base's weights from the given file, frozen, cut at ``mixed7``,
the head (Dense 1024 relu, Dropout, one sigmoid unit), loss, metric, learning rate (titled
1e-4, either course rate passes), the parameter counts, the callback's probes (`callback`),
the training rule and the held-out measurement (fed the pictures scaled as the notebook's
training batch was: 0–1 here). Its own checks where the edition teaches something else: the
generators (`generators`).

Points (21, as the current edition): the current edition's 1 point for InceptionV3's own
preprocessing becomes 3 for ``train_val_generators`` (the folders and labels, the 1/255
rescaling, augmentation of the training pictures only), a graded function of this edition;
to keep the week's 21, the callback's 3 points become 1 (``myCallback``'s whole rule in
one check: the course's notebook came with it nearly written, a one-line condition, and the
training check holds the rule as it ran). The rest
is the current edition's, point for point.
"""

from __future__ import annotations

from autograder.assignments.spec import (TRAINING_ARTIFACTS, ArtifactSpec, Assignment, Edition,
                                         created_model)
from autograder.checks.cnn import cnn_checks
from autograder.weeks.c2w3 import ASSIGNMENT as CURRENT
from autograder.weeks.c2w3 import checks, training
from autograder.weeks.c2w3.colab import callback, generators
from autograder.weeks.c2w3.colab.rules import CALLBACK, FOLDER_VARIABLES, RULES
from autograder.weeks.c2w3.scoring import UNIT

__all__ = ["COLAB", "EDITION"]

EDITION = Edition(
    name="colab",
    title="the course's older Colab edition (train_val_generators with ImageDataGenerator, "
          "create_pre_trained_model(local_weights_file), myCallback, 2022–2024)",
    marks=("train_val_generators", "myCallback"),
    primary=False, legacy_keras=True)

(_, _, _binary_head, _loss, _accuracy_metric) = cnn_checks(RULES)

_LESSON = training.Lesson(
    callback=CALLBACK, pixels=UNIT,
    pixels_tip="rescale the pictures by 1/255 in both generators (ImageDataGenerator("
               "rescale=1./255))",
    rate_tip="what usually helps then is another run: RMSprop(learning_rate=1e-4) as the "
             "course has it, for all its epochs")
training_reached_bar, heldout_accuracy = training.training_checks(_LESSON)

COLAB = Assignment(
    id="C2W3",
    title="Week 3: Horse or Human with a frozen InceptionV3 (older Colab edition)",
    notebook="C2W3_Assignment.ipynb",
    data=CURRENT.data,  # the same pictures, weights file and served downloads
    worker_resources=CURRENT.worker_resources,  # GPU workers where a cluster has them
    rules=RULES,
    fixtures=(training.PROBES,),
    artifacts=(
        ArtifactSpec("datasets", "datasets", (("function", "train_val_generators"),
                                              ("args", FOLDER_VARIABLES))),
        created_model("create_final_model", ("pre_trained_model", "last_output")),
        ArtifactSpec("fresh_base", "model_if_trainable",
                     (("function", "create_pre_trained_model"), ("file", "fresh_base.keras"),
                      ("variable", "pre_trained_model"), ("always", True),
                      ("args", ("local_weights_file",)))),
        ArtifactSpec("callback", "callback", (("name", CALLBACK),)),
        *TRAINING_ARTIFACTS,
        ArtifactSpec("fit_data", "fit_data", (("first_batch", True),)),
    ),
    checks=(
        generators.generators_read_folders,
        generators.generators_rescale,
        generators.generators_augment_training,
        checks.base_weights_from_file,
        checks.base_frozen,
        checks.cut_at_mixed7,
        checks.head_dense_relu,
        checks.head_dropout,
        _binary_head,
        _loss,
        _accuracy_metric,
        checks.learning_rate_check("1e-4", "0.0001"),
        checks.parameter_counts,
        callback.callback_stops_at_bar,
        training_reached_bar,
        heldout_accuracy,
    ),
    edition=EDITION,
)
