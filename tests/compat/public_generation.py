"""A Week 1 notebook as the public (Keras 3) generation of the course writes it.

Same graded names as ours, but the platform's surroundings: the data in ``./PetImages``
next to the notebook (already cleaned there), ``import unittests`` and its self-check calls,
cells tagged ``graded`` instead of nbgrader metadata, a functional-API model, and the history
pickled to ``history.pkl`` "for grading". It has no ``clean_images``: the public generation
hands out cleaned data. ``python -m tests.compat.public_generation`` rewrites the notebook;
`tests/e2e/test_public_generation.py` grades it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W1_Assignment.ipynb"

#: Checks this notebook must fail: only those of the cleaning function it does not define.
LOSES = frozenset({"clean_images_drops_bad_files", "clean_images_keeps_good_files"})

_CELLS = [
    ("md", "# Week 1: cats and dogs (public-generation layout)"),
    ("code", """import os
import pickle

import matplotlib.pyplot as plt
import tensorflow as tf

import unittests

DATA_DIR = "./PetImages"
for label in ("Cat", "Dog"):
    print(f"{label}: {len(os.listdir(os.path.join(DATA_DIR, label)))} images")"""),
    ("graded", """# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    training_dataset, validation_dataset = tf.keras.utils.image_dataset_from_directory(
        DATA_DIR, image_size=(150, 150), batch_size=128, label_mode="binary",
        validation_split=0.1, subset="both", seed=42)
    return training_dataset, validation_dataset"""),
    ("code", "unittests.test_train_val_datasets(train_val_datasets)"),
    ("graded", """# GRADED FUNCTION: create_model
def create_model():
    inputs = tf.keras.layers.Input(shape=(150, 150, 3))
    x = tf.keras.layers.Rescaling(scale=1 / 255.0)(inputs)
    for filters in (16, 32, 64):
        x = tf.keras.layers.Conv2D(filters, 3, activation="relu")(x)
        x = tf.keras.layers.MaxPooling2D()(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(512, activation="relu")(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.001),
                  loss=tf.keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    return model"""),
    ("code", "unittests.test_create_model(create_model)"),
    ("graded", """# GRADED CLASS: EarlyStoppingCallback
class EarlyStoppingCallback(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if logs["accuracy"] >= 0.95 and logs["val_accuracy"] >= 0.80:
            self.model.stop_training = True
            print("\\nBoth bars reached, stopping.")"""),
    ("code", "unittests.test_EarlyStoppingCallback(EarlyStoppingCallback)"),
    ("code", """training_dataset, validation_dataset = train_val_datasets()
model = create_model()
history = model.fit(training_dataset.cache(), epochs=15,
                    validation_data=validation_dataset.cache(),
                    callbacks=[EarlyStoppingCallback()], verbose=2)"""),
    ("code", """plt.plot(history.history["accuracy"], label="training")
plt.plot(history.history["val_accuracy"], label="validation")
plt.legend()
plt.show()"""),
    ("code", """with open("history.pkl", "wb") as f:
    pickle.dump(history.history, f)"""),
]


def build(cell_texts=None) -> nbformat.NotebookNode:
    """Returns the notebook made of `cell_texts` (``(kind, text)`` pairs; default: Week 1's),
    deterministically."""
    cells = []
    for kind, text in cell_texts or _CELLS:
        if kind == "md":
            cells.append(new_markdown_cell(text))
        else:
            cell = new_code_cell(text)
            if kind == "graded":
                cell.metadata["tags"] = ["graded"]
            cells.append(cell)
    for index, cell in enumerate(cells):
        cell["id"] = f"public-{index:02d}"
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
