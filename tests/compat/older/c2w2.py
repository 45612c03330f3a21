"""A Week 2 notebook of the course's older Colab edition (2022–2024) as learners handed it in.

The older course's Week 2 is its Week 1 again with the training generator augmenting
(`tests.compat.older.c2w1`): the same ``!wget`` of the Microsoft zip into ``/tmp``,
``zipfile``, ``!find … -exec rm``, forum-style ``create_train_val_dirs`` and ``split_data``,
``verbose=1`` training for the course's 15 epochs and the ``download_history()`` cell that
imports ``google.colab``; ``train_val_generators`` gives the training
``ImageDataGenerator`` the course's transformations (``rotation_range=40``, shifts, shear and
zoom of 0.2, ``horizontal_flip``, ``fill_mode='nearest'``) and the validation one only
``rescale``. Nothing here knows of the grader. ``python -m tests.compat.older.c2w2`` rewrites
the notebook; `tests/e2e/test_older_public.py` grades it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.compat.older import c2w1

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W2_Assignment.ipynb"

_TITLE = "# Week 2: Tackle Overfitting with Data Augmentation"

_GENERATORS = """# GRADED FUNCTION: train_val_generators
def train_val_generators(TRAINING_DIR, VALIDATION_DIR):
  \"\"\"
  Creates the training and validation data generators

  Args:
    TRAINING_DIR (string): directory path containing the training images
    VALIDATION_DIR (string): directory path containing the testing/validation images

  Returns:
    train_generator, validation_generator - tuple containing the generators
  \"\"\"
  ### START CODE HERE

  # Instantiate the ImageDataGenerator class (don't forget to set the arguments to augment the images)
  train_datagen = ImageDataGenerator(rescale=1./255,
                                     rotation_range=40,
                                     width_shift_range=0.2,
                                     height_shift_range=0.2,
                                     shear_range=0.2,
                                     zoom_range=0.2,
                                     horizontal_flip=True,
                                     fill_mode='nearest')

  # Pass in the appropriate arguments to the flow_from_directory method
  train_generator = train_datagen.flow_from_directory(directory=TRAINING_DIR,
                                                      batch_size=20,
                                                      class_mode='binary',
                                                      target_size=(150, 150))

  # Instantiate the ImageDataGenerator class (don't forget to set the rescale argument)
  validation_datagen = ImageDataGenerator(rescale=1./255)

  # Pass in the appropriate arguments to the flow_from_directory method
  validation_generator = validation_datagen.flow_from_directory(directory=VALIDATION_DIR,
                                                                batch_size=20,
                                                                class_mode='binary',
                                                                target_size=(150, 150))
  ### END CODE HERE
  return train_generator, validation_generator"""


def _cells() -> list[tuple[str, str]]:
    cells = []
    for kind, text in c2w1._CELLS:
        if kind == "md" and text.startswith("# Week 1"):
            text = _TITLE
        elif text.startswith("# GRADED FUNCTION: train_val_generators"):
            text = _GENERATORS
        cells.append((kind, text))
    return cells


def build() -> nbformat.NotebookNode:
    notebook = c2w1.build()
    for cell, (_, text) in zip(notebook.cells, _cells(), strict=True):
        cell.source = text
    return notebook


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    print(f"Wrote {NOTEBOOK}")
