"""The corpus of Week 4 submissions: one mistake (or one valid alternative) per notebook.

Each scenario is the reference solution with a few text edits, and the set of checks it
must lose (no more, no fewer; none for a valid alternative). ``python -m
tests.submissions.c2w4.scenarios`` rewrites the notebooks; `tests/e2e/test_c2w4_corpus.py`
proves the committed files match this file and grades each one.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.submissions.scenarios import Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
TRAINING = "train"  # the locked cell that calls model.fit
ROOT = HERE.parent.parent.parent
SOLUTION = ROOT / "solutions" / "C2W4" / "C2W4_Assignment.ipynb"
TRAINED = frozenset({"training_reached_bars", "heldout_accuracy"})
FEW_EPOCHS = {"epochs=15": "epochs=3"}  # a model that cannot learn needs no 15 epochs to show it
HEAD = 'tf.keras.layers.Dense(26, activation="softmax")'
SPARSE = 'loss="sparse_categorical_crossentropy"'
TF_DATA = ('''    train_dataset = (tf.data.Dataset.from_tensor_slices((training_images, training_labels))
                     .shuffle(len(training_labels), seed=42)
                     .batch(32))
    validation_dataset = tf.data.Dataset.from_tensor_slices(
        (validation_images, validation_labels)).batch(32)''')
ONE_HOT = {"    training_images = np.expand_dims(training_images, axis=-1)":
           "    training_labels = tf.keras.utils.to_categorical(training_labels, 26)\n"
           "    validation_labels = tf.keras.utils.to_categorical(validation_labels, 26)\n"
           "    training_images = np.expand_dims(training_images, axis=-1)"}
REINDEX = {"    training_images = np.expand_dims(training_images, axis=-1)":
           "    # J (9) never occurs: letters after it move down by one, so labels run 0–23\n"
           "    training_labels = np.where(training_labels > 9, training_labels - 1, "
           "training_labels)\n"
           "    validation_labels = np.where(validation_labels > 9, validation_labels - 1, "
           "validation_labels)\n"
           "    training_images = np.expand_dims(training_images, axis=-1)"}
PARSE = 'rows = np.loadtxt(file, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)'

SCENARIOS = {
    # -- mistakes ------------------------------------------------------------------------
    "dense-10-head": Scenario(
        "The head has 10 outputs (as for digits), but the labels go up to 24.",
        {"create_model": {HEAD: HEAD.replace("26", "10")}, TRAINING: FEW_EPOCHS},
        frozenset({"model_softmax_head"}) | TRAINED, trains=False),
    "sigmoid-multiclass-head": Scenario(
        "The 26-unit head uses a sigmoid instead of a softmax.",
        {"create_model": {HEAD: HEAD.replace("softmax", "sigmoid")}},
        frozenset({"model_softmax_head"}),
        # Keras normalises the outputs in its cross-entropy, so the model may still learn
        may_also_lose=TRAINED),
    "binary-crossentropy-24-classes": Scenario(
        "loss='binary_crossentropy' for 24 classes.",
        {"create_model": {SPARSE: 'loss="binary_crossentropy"'}, TRAINING: FEW_EPOCHS},
        frozenset({"model_loss_matches_labels"}) | TRAINED, trains=False),
    "one-hot-labels-sparse-loss": Scenario(
        "The labels are one-hot encoded, but the loss is still sparse_categorical_crossentropy.",
        {"train_val_datasets": ONE_HOT, TRAINING: FEW_EPOCHS},
        frozenset({"model_loss_matches_labels"}) | TRAINED, trains=False),
    "label-read-as-pixel": Scenario(
        "The parser takes the first 784 columns as pixels: the label becomes pixel 1 and the "
        "last pixel is lost.",
        {"parse_data_from_input": {"rows[:, 1:]": "rows[:, :784]"}},
        frozenset({"parse_data_values_intact"}), may_also_lose=TRAINED),
    "header-parsed-as-data": Scenario(
        "The parser reads the header line as a picture (np.genfromtxt without skip_header): "
        "one picture of NaNs more in each file.",
        {"parse_data_from_input": {PARSE: 'rows = np.genfromtxt(file, delimiter=",")'},
         TRAINING: FEW_EPOCHS},
        frozenset({"parse_data_skips_header", "datasets_keep_every_row"}) | TRAINED,
        trains=False),
    "no-channel-axis": Scenario(
        "The datasets yield (batch, 28, 28) pictures: no channel axis.",
        {"train_val_datasets": {
            "    training_images = np.expand_dims(training_images, axis=-1)\n"
            "    validation_images = np.expand_dims(validation_images, axis=-1)\n": ""},
         TRAINING: FEW_EPOCHS},
        frozenset({"datasets_channel_axis"}) | TRAINED, trains=False),
    "three-conv2d": Scenario(
        "Three Conv2D layers where the week allows two.",
        {"create_model": {"        tf.keras.layers.Flatten(),":
                          '        tf.keras.layers.Conv2D(64, (3, 3), activation="relu", '
                          'padding="same"),\n        tf.keras.layers.Flatten(),'}},
        frozenset({"model_conv_pool_limit"})),
    "dense-only-ignores-convolutions": Scenario(
        "Flatten and Dense layers only: the model ignores the week's lesson.",
        {"create_model": {'        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n'
                          '        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n': ""}},
        frozenset({"model_uses_convolutions"}),
        # a dense network may or may not reach the bars on the stand-in: the lesson's point
        # is lost either way
        may_also_lose=TRAINED),
    # -- valid alternatives: full marks -----------------------------------------------------
    "valid-head-24-reindexed-labels": Scenario(
        "Labels re-indexed to 0–23 and a 24-unit head.",
        {"train_val_datasets": REINDEX, "create_model": {HEAD: HEAD.replace("26", "24")}}),
    "valid-head-25-units": Scenario(
        "A 25-unit head for the labels 0–24 as they are.",
        {"create_model": {HEAD: HEAD.replace("26", "25")}}),
    "valid-one-hot-categorical-loss": Scenario(
        "One-hot labels with categorical_crossentropy.",
        {"train_val_datasets": ONE_HOT,
         "create_model": {SPARSE: 'loss="categorical_crossentropy"'}}),
    "valid-legacy-generators": Scenario(
        "The older course's ImageDataGenerator(rescale=1/255).flow(...) instead of tf.data, "
        "with no Rescaling layer in the model.",
        {"train_val_datasets": {TF_DATA: (
            "    generator = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1.0 / 255)\n"
            "    train_dataset = generator.flow(training_images, training_labels, batch_size=32,"
            " seed=42)\n"
            "    validation_dataset = tf.keras.preprocessing.image.ImageDataGenerator(\n"
            "        rescale=1.0 / 255).flow(validation_images, validation_labels, "
            "batch_size=32, shuffle=False)")},
         "create_model": {"        tf.keras.layers.Rescaling(1.0 / 255),\n": ""},
         TRAINING: {"train_dataset = train_dataset.prefetch(tf.data.AUTOTUNE)\n"
                    "validation_dataset = validation_dataset.prefetch(tf.data.AUTOTUNE)\n": ""}}),
    "valid-parses-csv-with-pandas": Scenario(
        "The parser reads the CSV with pandas, as the course's platform allows.",
        {"parse_data_from_input": {
            "    with open(filename) as file:\n"
            "        rows = np.loadtxt(file, delimiter=\",\", skiprows=1, dtype=np.float64, "
            "ndmin=2)\n"
            "        labels = rows[:, 0]\n"
            "        images = rows[:, 1:].reshape(-1, 28, 28)\n":
            "    import pandas as pd\n\n"
            "    frame = pd.read_csv(filename)\n"
            "    labels = frame[\"label\"].to_numpy(dtype=np.float64)\n"
            "    images = frame.drop(columns=\"label\").to_numpy(dtype=np.float64)"
            ".reshape(-1, 28, 28)\n"}}),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from C2W4's reference solution."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
