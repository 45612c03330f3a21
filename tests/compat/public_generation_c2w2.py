"""A Week 2 notebook as the public (Keras 3) generation of the course writes it.

Same graded names as ours (`train_val_datasets`, `create_augmentation_model`, `create_model`,
`EarlyStoppingCallback`), but the platform's surroundings: the data in ``./PetImages`` next to
the notebook, ``import unittests`` and its self-check calls, cells tagged ``graded``, a
functional-API model around the augmentation model, its own variable names, and the history
pickled to ``history.pkl`` "for grading". Week 2 asks for nothing it lacks, so it must keep
full marks. ``python -m tests.compat.public_generation_c2w2`` rewrites the notebook;
`tests/e2e/test_public_generation.py` grades it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.compat.public_generation import build as build_cells

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W2_Assignment.ipynb"

#: Checks this notebook must fail: none.
LOSES: frozenset[str] = frozenset()

_CELLS = [
    ("md", "# Week 2: tackle overfitting with data augmentation (public-generation layout)"),
    ("code", """import os
import pickle

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

import unittests

DATA_DIR = "./PetImages"
print(f"There are {len(os.listdir(os.path.join(DATA_DIR, 'Cat')))} images of cats.")
print(f"There are {len(os.listdir(os.path.join(DATA_DIR, 'Dog')))} images of dogs.")"""),
    ("graded", """# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    \"\"\"Creates datasets for training and validation.\"\"\"
    training_dataset, validation_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=DATA_DIR,
        image_size=(120, 120),
        batch_size=128,
        label_mode="binary",
        validation_split=0.15,
        subset="both",
        seed=42,
    )
    return training_dataset, validation_dataset"""),
    ("code", """training_dataset, validation_dataset = train_val_datasets()
unittests.test_train_val_datasets(train_val_datasets)"""),
    ("graded", """# GRADED FUNCTION: create_augmentation_model
def create_augmentation_model():
    \"\"\"Creates a model (layers stacked on top of each other) for augmenting images.\"\"\"
    augmentation_model = tf.keras.Sequential([
        tf.keras.Input(shape=(120, 120, 3)),
        tf.keras.layers.RandomFlip("horizontal"),
        tf.keras.layers.RandomRotation(0.2, fill_mode="nearest"),
        tf.keras.layers.RandomTranslation(0.2, 0.2, fill_mode="nearest"),
        tf.keras.layers.RandomZoom(0.2, fill_mode="nearest"),
    ])
    return augmentation_model"""),
    ("code", "unittests.test_create_augmentation_model(create_augmentation_model)"),
    ("graded", """# GRADED FUNCTION: create_model
def create_model():
    \"\"\"Creates the untrained model for classifying cats and dogs.\"\"\"
    augmentation_layers = create_augmentation_model()
    inputs = tf.keras.Input(shape=(120, 120, 3))
    x = augmentation_layers(inputs)
    x = tf.keras.layers.Rescaling(1.0 / 255)(x)
    for filters in (32, 64, 64, 64):
        x = tf.keras.layers.Conv2D(filters, (3, 3), activation="relu")(x)
        x = tf.keras.layers.MaxPooling2D(2, 2)(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(512, activation="relu")(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.001),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model"""),
    ("code", """model = create_model()
model.summary()
unittests.test_create_model(create_model)"""),
    ("graded", """# GRADED CLASS: EarlyStoppingCallback
class EarlyStoppingCallback(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if logs["accuracy"] >= 0.80 and logs["val_accuracy"] >= 0.80:
            self.model.stop_training = True
            print("\\nReached 80% train accuracy and 80% validation accuracy, "
                  "so cancelling training!")"""),
    ("code", """training_dataset_final = training_dataset.cache().shuffle(1000).prefetch(
    buffer_size=tf.data.AUTOTUNE)
validation_dataset_final = validation_dataset.cache().prefetch(buffer_size=tf.data.AUTOTUNE)
history = model.fit(training_dataset_final, epochs=35,
                    validation_data=validation_dataset_final,
                    callbacks=[EarlyStoppingCallback()], verbose=2)"""),
    ("code", """acc, val_acc = history.history["accuracy"], history.history["val_accuracy"]
plt.plot(acc, label="training")
plt.plot(val_acc, label="validation")
plt.legend()
plt.show()"""),
    ("code", """with open("history.pkl", "wb") as f:
    pickle.dump(history.history, f)"""),
]


def build() -> nbformat.NotebookNode:
    """Returns the notebook, deterministically."""
    return build_cells(_CELLS)


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
