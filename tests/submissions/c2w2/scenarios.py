"""The corpus of Week 2 submissions: one mistake (or one valid alternative) per notebook.

Each scenario is Week 2's reference solution with a few text edits, and the set of checks it
must lose (none for a valid alternative). ``python -m tests.submissions.c2w2.scenarios``
rewrites the notebooks; `tests/e2e/test_c2w2_corpus.py` proves the committed files match.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.submissions.scenarios import TRAINING, Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SOLUTION = ROOT / "solutions" / "C2W2" / "C2W2_Assignment.ipynb"
#: The checks only a full training can pass: lost by every notebook whose training is cut.
TRAINING_CHECKS = frozenset({"training_reached_bars", "training_does_not_overfit",
                             "heldout_accuracy"})
#: What a model trained without augmentation may lose besides the lesson's checks: the
#: held-out poses are ones every sound augmentation covers, and a model without one may
#: classify them too (`autograder.weeks.c2w2.pose.HELDOUT`), or not.
_UNAUGMENTED = frozenset({"training_does_not_overfit", "heldout_accuracy"})
_AUGMENTATION_IN_MODEL = "        create_augmentation_model(),\n"
_PIPELINES = ("train_dataset = train_dataset.cache().shuffle(1000, seed=42).prefetch("
              "tf.data.AUTOTUNE)\nvalidation_dataset = validation_dataset.cache().prefetch("
              "tf.data.AUTOTUNE)\n")
_RANDOM_LAYERS = ('        tf.keras.layers.RandomFlip("horizontal"),\n'
                  "        tf.keras.layers.RandomRotation(0.2),\n"
                  "        tf.keras.layers.RandomTranslation(0.2, 0.2),\n"
                  "        tf.keras.layers.RandomZoom(0.2),\n")
_RESCALING = "        tf.keras.layers.Rescaling(1.0 / 255),\n"
_NO_CALLBACK = "    callbacks=[EarlyStoppingCallback()],\n"
_DATASETS_CALL = '''    train_dataset, validation_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=DATA_DIR,
        image_size=(120, 120),
        batch_size=32,
        label_mode="binary",
        validation_split=0.15,
        subset="both",
        seed=42,
    )'''

SCENARIOS = {
    "augmentation-defined-but-not-used": Scenario(
        "create_augmentation_model() is right, but create_model() never calls it: the model "
        "trains on the images exactly as they are.",
        {"create_model": {_AUGMENTATION_IN_MODEL: ""}},
        frozenset({"model_uses_augmentation", "augmentation_only_while_training"}),
        may_also_lose=_UNAUGMENTED),
    "validation-augmented-in-a-map": Scenario(
        "The training cell also sends the validation images through the augmentation model, "
        "so the model is validated on distorted images.",
        {TRAINING: {_PIPELINES: _PIPELINES + (
            "augment = create_augmentation_model()\n"
            "validation_dataset = validation_dataset.map(\n"
            "    lambda images, labels: (augment(images, training=True), labels))\n")}},
        frozenset({"validation_not_augmented"}),
        # validated on distorted images, the history's bars may be reached later or never
        may_also_lose=frozenset({"training_reached_bars"})),
    "rescaling-inside-augmentation-model": Scenario(
        "Rescaling(1./255) sits inside the augmentation model instead of create_model().",
        {"create_augmentation_model": {'        tf.keras.layers.RandomZoom(0.2),\n':
                                       '        tf.keras.layers.RandomZoom(0.2),\n'
                                       + _RESCALING},
         "create_model": {_RESCALING: ""}},
        frozenset({"augmentation_model_is_random", "augmentation_model_does_not_rescale"})),
    "rescaled-twice-map-and-layer": Scenario(
        "The training cell divides the pixels by 255 in a tf.data map, and the model's "
        "Rescaling divides them again: the model sees images of values near 0.",
        {TRAINING: {_PIPELINES: (
            "def scale(images, labels):\n    return images / 255.0, labels\n\n"
            "train_dataset = train_dataset.map(scale).cache().shuffle(1000, seed=42)"
            ".prefetch(tf.data.AUTOTUNE)\n"
            "validation_dataset = validation_dataset.map(scale).cache().prefetch("
            "tf.data.AUTOTUNE)\n")}},
        frozenset({"model_rescales_once", "heldout_accuracy"}),
        may_also_lose=frozenset({"training_reached_bars", "training_does_not_overfit"})),
    "no-random-layer-at-all": Scenario(
        "The augmentation model only resizes: nothing in it is random.",
        {"create_augmentation_model": {_RANDOM_LAYERS: "        tf.keras.layers.Resizing(120, "
                                                       "120),\n"}},
        frozenset({"augmentation_model_is_random", "model_uses_augmentation",
                   "augmentation_only_while_training"}),
        may_also_lose=_UNAUGMENTED),
    "random-layers-that-never-change-anything": Scenario(
        "The random layers have factors of 0 (and no flip): they never change an image.",
        {"create_augmentation_model": {_RANDOM_LAYERS: (
            "        tf.keras.layers.RandomRotation(0.0),\n"
            "        tf.keras.layers.RandomTranslation(0.0, 0.0),\n"
            "        tf.keras.layers.RandomZoom(0.0),\n")}},
        frozenset({"augmentation_only_while_training"}),
        may_also_lose=_UNAUGMENTED),
    "no-augmentation-no-early-stopping": Scenario(
        "No augmentation and no early stopping: 35 epochs on the images exactly as they are. "
        "On the stand-in the validation images are as upright as the training ones, so the "
        "curves stay close.",
        {"create_model": {_AUGMENTATION_IN_MODEL: ""},
         TRAINING: {_NO_CALLBACK: ""}},
        frozenset({"model_uses_augmentation", "augmentation_only_while_training"}),
        may_also_lose=_UNAUGMENTED),
    "callback-strict-greater": Scenario(
        "The callback compares with > instead of >=, so it misses the exact bars.",
        {"callback": {'logs.get("accuracy", 0.0) >= 0.80': 'logs.get("accuracy", 0.0) > 0.80',
                      'logs.get("val_accuracy", 0.0) >= 0.80':
                      'logs.get("val_accuracy", 0.0) > 0.80'}},
        frozenset({"callback_stops_at_bars"})),
    "validation-split-20-percent": Scenario(
        "20% of the images are kept for validation instead of 15%.",
        {"train_val_datasets": {"validation_split=0.15": "validation_split=0.2"}},
        frozenset({"datasets_split_sizes"})),
    "valid-augmentation-in-a-tf-data-map": Scenario(
        "A valid alternative: the training images are augmented in a tf.data map (after the "
        "cache, so every epoch gets new ones); the model itself has no random layers.",
        {"create_model": {_AUGMENTATION_IN_MODEL: ""},
         TRAINING: {_PIPELINES: (
             "augment = create_augmentation_model()\n"
             "train_dataset = train_dataset.cache().shuffle(1000, seed=42).map(\n"
             "    lambda images, labels: (augment(images, training=True), labels),\n"
             "    num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)\n"
             "validation_dataset = validation_dataset.cache().prefetch(tf.data.AUTOTUNE)\n")}}),
    "valid-functional-api": Scenario(
        "A valid alternative: create_model() is written with the functional API.",
        {"create_model": {
            "    model = tf.keras.Sequential([\n"
            "        tf.keras.Input(shape=(120, 120, 3)),\n"
            "        create_augmentation_model(),\n"
            "        tf.keras.layers.Rescaling(1.0 / 255),\n":
            "    inputs = tf.keras.Input(shape=(120, 120, 3))\n"
            "    x = create_augmentation_model()(inputs)\n"
            "    x = tf.keras.layers.Rescaling(1.0 / 255)(x)\n"
            "    for layer in [\n",
            '        tf.keras.layers.Dense(1, activation="sigmoid"),\n    ])\n':
            '    ]:\n        x = layer(x)\n'
            '    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)\n'
            "    model = tf.keras.Model(inputs, outputs)\n"}}),
    "valid-legacy-image-data-generator": Scenario(
        "A valid alternative, the older course's way: ImageDataGenerators with "
        "flow_from_directory, random transformations on the training generator only, "
        "rescale=1/255 on both; the model has no random or Rescaling layer.",
        {"train_val_datasets": {_DATASETS_CALL: '''    generator = tf.keras.preprocessing.image.ImageDataGenerator
    common = dict(target_size=(120, 120), batch_size=32, class_mode="binary", seed=42)
    train_dataset = generator(
        rescale=1.0 / 255, validation_split=0.15, rotation_range=40, width_shift_range=0.2,
        height_shift_range=0.2, zoom_range=0.2, horizontal_flip=True,
    ).flow_from_directory(DATA_DIR, subset="training", **common)
    validation_dataset = generator(rescale=1.0 / 255, validation_split=0.15).flow_from_directory(
        DATA_DIR, subset="validation", **common)'''},
         "look": {"images, labels = next(iter(train_dataset.take(1)))":
                  "images, labels = train_dataset[0]",
                  'axes[0, 0].imshow(images[0].numpy().astype("uint8"))':
                  "axes[0, 0].imshow(images[0])",
                  'augment(images[:1], training=True)[0].numpy().astype("uint8")':
                  "augment(images[:1], training=True)[0].numpy()"},
         "create_model": {_AUGMENTATION_IN_MODEL: "", _RESCALING: ""},
         TRAINING: {_PIPELINES: ""}}),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from Week 2's reference solution."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
