"""Week 4 notebooks as the public (Keras 3) generations of the course write them.

Two versions of the assignment circulate, and a learner of each writes a different notebook:

- the **CSV version** (``C2W4_Assignment.ipynb``): reads ``./sign_mnist_train.csv`` and
  ``./sign_mnist_test.csv`` next to the notebook with ``csv.reader`` (``next(reader)`` skips the
  header), graded ``parse_data_from_input(filename)``, ``train_val_generators(...)`` with the
  older ``ImageDataGenerator(...).flow`` (under ``tf.keras.preprocessing.image``, the only
  place it survives in Keras 3), and ``create_model()`` with a 26-way softmax on the raw
  labels and ``sparse_categorical_crossentropy``. It asks for everything we grade, so it must
  keep full marks;
- the **image-folder version** (``C2W4_Assignment_image_folders.ipynb``): the same pictures as
  PNG files in ``data/train/<Letter>/`` and ``data/validation/<Letter>/``, ``import unittests``
  and its self-check calls, graded ``train_val_datasets()`` (no arguments:
  ``image_dataset_from_directory`` in grey, one-hot labels of the 24 letters) and
  ``create_model()`` with ``Dense(24, activation='softmax')`` and
  ``categorical_crossentropy``. It has no ``parse_data_from_input``, so it loses only the three
  parsing checks.

Cells tagged ``graded``, as the platform tags them. ``python -m tests.compat.public_generation_c2w4``
rewrites both notebooks; `tests/e2e/test_public_generation.py` grades them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.compat.public_generation import build as build_cells

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W4_Assignment.ipynb"
FOLDERS_NOTEBOOK = HERE / "C2W4_Assignment_image_folders.ipynb"

#: Checks the CSV-version notebook must fail: none.
LOSES: frozenset[str] = frozenset()
#: Checks the image-folder notebook must fail: those of the function it does not define.
FOLDERS_LOSES = frozenset({"parse_data_types", "parse_data_skips_header",
                           "parse_data_values_intact"})

_CURVES = ("code", """acc = history.history["accuracy"]
val_acc = history.history["val_accuracy"]
loss = history.history["loss"]
val_loss = history.history["val_loss"]
epochs = range(len(acc))

fig, ax = plt.subplots(1, 2, figsize=(10, 4))
ax[0].plot(epochs, acc, "r", label="Training accuracy")
ax[0].plot(epochs, val_acc, "b", label="Validation accuracy")
ax[1].plot(epochs, loss, "r", label="Training loss")
ax[1].plot(epochs, val_loss, "b", label="Validation loss")
for axis in ax:
    axis.set_xlabel("epochs")
    axis.legend()
plt.show()""")

_CSV_CELLS = [
    ("md", "# Week 4: Multi-class Classification (public CSV version)"),
    ("code", """import csv
import string

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator"""),
    ("code", """TRAINING_FILE = './sign_mnist_train.csv'
VALIDATION_FILE = './sign_mnist_test.csv'

with open(TRAINING_FILE) as training_file:
    line = training_file.readline()
    print(f"The header has {len(line.split(','))} fields: {line[:40]}...")
    line = training_file.readline()
    print(f"A row starts like this: {line[:40]}...")"""),
    ("graded", """# GRADED FUNCTION: parse_data_from_input
def parse_data_from_input(filename):
    \"\"\"Parses the pictures and labels out of a CSV file.\"\"\"
    with open(filename) as file:
        ### START CODE HERE
        reader = csv.reader(file, delimiter=',')
        next(reader)  # the header: label,pixel1,...,pixel784
        labels = []
        images = []
        for row in reader:
            labels.append(row[0])
            images.append(np.array(row[1:], dtype=float).reshape(28, 28))
        labels = np.array(labels, dtype=float)
        images = np.array(images, dtype=float)
        ### END CODE HERE
        return images, labels"""),
    ("code", """training_images, training_labels = parse_data_from_input(TRAINING_FILE)
validation_images, validation_labels = parse_data_from_input(VALIDATION_FILE)

print(f"Training images has shape: {training_images.shape} and dtype: {training_images.dtype}")
print(f"Training labels has shape: {training_labels.shape} and dtype: {training_labels.dtype}")
print(f"Validation images has shape: {validation_images.shape} and dtype: {validation_images.dtype}")
print(f"Validation labels has shape: {validation_labels.shape} and dtype: {validation_labels.dtype}")"""),
    ("code", """def plot_categories(training_images, training_labels):
    fig, axes = plt.subplots(1, 10, figsize=(16, 15))
    letters = list(string.ascii_lowercase)
    for k in range(10):
        axes[k].imshow(training_images[k], cmap="Greys_r")
        axes[k].set_title(f"{letters[int(training_labels[k])]}")
        axes[k].set_axis_off()
    plt.tight_layout()
    plt.show()

plot_categories(training_images, training_labels)"""),
    ("graded", """# GRADED FUNCTION: train_val_generators
def train_val_generators(training_images, training_labels, validation_images, validation_labels):
    \"\"\"Creates the training and validation data generators.\"\"\"
    ### START CODE HERE
    # the generators want a channel axis: (N, 28, 28) -> (N, 28, 28, 1)
    training_images = np.expand_dims(training_images, axis=3)
    validation_images = np.expand_dims(validation_images, axis=3)

    train_datagen = ImageDataGenerator(rescale=1./255,
                                       rotation_range=10,
                                       width_shift_range=0.1,
                                       height_shift_range=0.1,
                                       zoom_range=0.1,
                                       fill_mode='nearest')
    train_generator = train_datagen.flow(x=training_images,
                                         y=training_labels,
                                         batch_size=32)

    validation_datagen = ImageDataGenerator(rescale=1./255)
    validation_generator = validation_datagen.flow(x=validation_images,
                                                   y=validation_labels,
                                                   batch_size=32)
    ### END CODE HERE
    return train_generator, validation_generator"""),
    ("code", """train_generator, validation_generator = train_val_generators(
    training_images, training_labels, validation_images, validation_labels)

print(f"Images of training generator have shape: {train_generator.x.shape}")
print(f"Labels of training generator have shape: {train_generator.y.shape}")
print(f"Images of validation generator have shape: {validation_generator.x.shape}")
print(f"Labels of validation generator have shape: {validation_generator.y.shape}")"""),
    ("graded", """# GRADED FUNCTION: create_model
def create_model():
    ### START CODE HERE
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        tf.keras.layers.Conv2D(64, (3, 3), activation='relu'),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Conv2D(64, (3, 3), activation='relu'),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(512, activation='relu'),
        tf.keras.layers.Dense(26, activation='softmax')
    ])

    model.compile(optimizer='adam',
                  loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    ### END CODE HERE
    return model"""),
    ("code", """model = create_model()

history = model.fit(train_generator,
                    epochs=15,
                    validation_data=validation_generator)"""),
    _CURVES,
]

_FOLDER_CELLS = [
    ("md", "# Week 4: Multi-class Classification (public image-folder version)"),
    ("code", """import os

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf"""),
    ("code", "import unittests"),
    ("code", """TRAIN_DIR = 'data/train/'
VALIDATION_DIR = 'data/validation/'"""),
    ("code", """fig, axes = plt.subplots(1, 6, figsize=(14, 3))
fig.suptitle('A few letters of the training set', fontsize=16)
for ii, letter in enumerate(['A', 'B', 'C', 'D', 'E', 'F']):
    folder = os.path.join(TRAIN_DIR, letter)
    img = tf.keras.utils.load_img(os.path.join(folder, sorted(os.listdir(folder))[0]))
    axes[ii].imshow(img)
    axes[ii].set_title(f'Letter {letter}')

sample_array = tf.keras.utils.img_to_array(img)
print(f"Each image has shape: {sample_array.shape}")"""),
    ("graded", """# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    \"\"\"Creates the training and validation datasets.\"\"\"
    ### START CODE HERE ###
    train_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=TRAIN_DIR,
        batch_size=32,
        image_size=(28, 28),
        color_mode='grayscale',  # the pictures are grey: one channel
        label_mode='categorical',
    )
    validation_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=VALIDATION_DIR,
        batch_size=32,
        image_size=(28, 28),
        color_mode='grayscale',
        label_mode='categorical',
    )
    ### END CODE HERE ###
    return train_dataset, validation_dataset"""),
    ("code", """train_dataset, validation_dataset = train_val_datasets()
print(f"Images of train dataset have shape: {train_dataset.element_spec[0].shape}")
print(f"Labels of train dataset have shape: {train_dataset.element_spec[1].shape}")
print(f"Images of validation dataset have shape: {validation_dataset.element_spec[0].shape}")
print(f"Labels of validation dataset have shape: {validation_dataset.element_spec[1].shape}")"""),
    ("code", "unittests.test_train_val_datasets(train_val_datasets)"),
    ("graded", """# GRADED FUNCTION: create_model
def create_model():
    \"\"\"Creates the classifier model.\"\"\"
    ### START CODE HERE ###
    # no more than 2 Conv2D and 2 MaxPooling2D
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        tf.keras.layers.Rescaling(1. / 255),
        tf.keras.layers.Conv2D(32, (3, 3), activation='relu'),
        tf.keras.layers.MaxPooling2D((2, 2)),
        tf.keras.layers.Conv2D(64, (3, 3), activation='relu'),
        tf.keras.layers.MaxPooling2D((2, 2)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(128, activation='relu'),
        tf.keras.layers.Dense(24, activation='softmax'),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(),
                  loss='categorical_crossentropy',
                  metrics=['accuracy'])
    ### END CODE HERE ###
    return model"""),
    ("code", """model = create_model()
unittests.parameter_count(model)
print(f'Input shape: {model.input_shape}')
print(f'Output shape: {model.output_shape}')
model.summary()"""),
    ("code", """for images, labels in train_dataset.take(1):
    example_batch_images = images
    example_batch_labels = labels

try:
    model.evaluate(example_batch_images, example_batch_labels, verbose=False)
except Exception:
    print("Your model does not fit the dataset: check the loss, the last layer and label_mode.")
else:
    predictions = model.predict(example_batch_images, verbose=False)
    print(f"predictions have shape: {predictions.shape}")"""),
    ("code", "unittests.test_create_model(create_model)"),
    ("code", """history = model.fit(train_dataset,
                    epochs=15,
                    validation_data=validation_dataset)"""),
    _CURVES,
]


def build() -> nbformat.NotebookNode:
    """Returns the CSV-version notebook, deterministically."""
    return build_cells(_CSV_CELLS)


def build_folders() -> nbformat.NotebookNode:
    """Returns the image-folder-version notebook, deterministically."""
    return build_cells(_FOLDER_CELLS)


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    nbformat.write(build_folders(), FOLDERS_NOTEBOOK)
    print(f"wrote {NOTEBOOK} and {FOLDERS_NOTEBOOK}")
