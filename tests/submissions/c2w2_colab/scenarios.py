"""The corpus of the older (Colab) edition's Week 2: one mistake (or one valid alternative)
per notebook, named for it.

Each scenario is the older edition's reference solution (``solutions/C2W2_colab``) with a
few text edits, and the set of checks it must lose (none for a valid alternative).
``python -m tests.submissions.c2w2_colab.scenarios`` rewrites the notebooks;
`tests/e2e/test_colab_corpus.py` proves the committed files match this file and grades
each one through the CLI (``-m slow``). The folders and the split are Week 1's older ones,
so their edits are Week 1's (`tests.submissions.c2w1_colab.scenarios`).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.assignments import get_assignment
from tests.submissions.c2w1_colab.scenarios import (LEAK, SECOND_CONV_BLOCK, SMALL_PICTURES,
                                                    claiming_tests_scenario)
from tests.submissions.scenarios import Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
ASSIGNMENT = "C2W2_colab"
SOLUTION = ROOT / "solutions" / ASSIGNMENT / get_assignment(ASSIGNMENT).notebook
#: The checks only a model trained to the end can pass: lost when training crashes.
TRAINED = frozenset({"training_reached_bars", "training_does_not_overfit", "heldout_accuracy"})
#: The reference's random transformations of the training pictures.
AUGMENTATION = ("        rotation_range=40,\n        width_shift_range=0.2,\n"
                "        height_shift_range=0.2,\n        shear_range=0.2,\n"
                "        zoom_range=0.2,\n        horizontal_flip=True,\n"
                '        fill_mode="nearest",\n')
_VALIDATION_DATAGEN = "    validation_datagen = ImageDataGenerator(rescale=1.0 / 255)\n"
_MODEL = '''    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(150, 150, 3)),
        tf.keras.layers.Conv2D(16, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(512, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
'''
_FUNCTIONAL_MODEL = '''    inputs = tf.keras.Input(shape=(150, 150, 3))
    x = inputs
    for filters in (16, 32, 64):
        x = tf.keras.layers.Conv2D(filters, (3, 3), activation="relu")(x)
        x = tf.keras.layers.MaxPooling2D(2, 2)(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(512, activation="relu")(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    model = tf.keras.Model(inputs, outputs)
'''

SCENARIOS = {
    "split-copies-training-files-into-validation": Scenario(
        "split_data copies the right number of files to VALIDATION_DIR, but takes them from "
        "the start of the shuffled list, where the training files are: the validation "
        "accuracy is measured on pictures the model trained on.",
        {"split_data": LEAK},
        frozenset({"split_disjoint"})),
    "training-generator-not-augmented": Scenario(
        "The training ImageDataGenerator only rescales: the week's augmentation is missing.",
        {"train_val_generators": {AUGMENTATION: ""}},
        frozenset({"generators_augment_training"}),
        # the stand-in's held-out poses are ones every sound augmentation covers, and a model
        # without one may classify them too, or not (stand-in generator 3; as the current
        # edition's augmentation-defined-but-not-used)
        may_also_lose=frozenset({"training_does_not_overfit", "heldout_accuracy"})),
    "validation-generator-augmented": Scenario(
        "The validation ImageDataGenerator gets the training one's random transformations: "
        "the model is validated on distorted pictures.",
        {"train_val_generators": {_VALIDATION_DATAGEN: _VALIDATION_DATAGEN.replace(
            "rescale=1.0 / 255)", "\n        rescale=1.0 / 255,\n" + AUGMENTATION + "    )")}},
        # the training bars and the gap are the grader's measurements of the saved model on
        # pictures as they are, so the history's lower val_accuracy takes nothing away
        frozenset({"validation_not_augmented"})),
    "generators-read-128-pixel-pictures": Scenario(
        "train_val_generators reads the pictures at target_size=(128, 128), not the "
        "(150, 150) the model's Input takes: training fails at its first batch.",
        {"train_val_generators": SMALL_PICTURES},
        frozenset({"generators_image_size"}) | TRAINED, trains=False),
    "two-conv-layers": Scenario(
        "Only two Conv2D blocks.",
        {"create_model": SECOND_CONV_BLOCK},
        frozenset({"model_three_conv_layers"})),
    "test-cells-claim-success": claiming_tests_scenario(SOLUTION),
    "valid-functional-model": Scenario(
        "A valid alternative: create_model() builds the same network with the functional "
        "API and a loop over the three Conv2D blocks.",
        {"create_model": {_MODEL: _FUNCTIONAL_MODEL}}),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from the older Week 2's reference."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
