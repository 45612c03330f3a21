"""A Week 3 notebook as the public (Keras 3) generation of the course writes it.

Same graded names as ours (`train_val_datasets`, `create_pre_trained_model`,
`output_of_last_layer`, `create_final_model`), but the platform's surroundings and that
generation's idioms: the pictures in ``./data/train/`` and ``./data/validation/`` and the
weights in ``./model/`` next to the notebook, ``import unittests`` and its self-check calls,
cells tagged ``graded``, integer labels (no ``label_mode``), InceptionV3 built with
``weights=LOCAL_WEIGHTS_FILE`` and frozen with ``pre_trained_model.trainable = False``, a
fifth of the validation batches split off as a test set, and InceptionV3's preprocessing
mapped over the datasets *after* ``train_val_datasets()`` returned them, just before
``fit`` (up to 100 epochs, stopped by the callback). It asks for nothing the grader lacks,
so it must keep full marks.

`OLDER` is the same assignment as the course's older generation wrote it (generators with
``rescale=1./255``, ``create_pre_trained_model(local_weights_file)`` with ``weights=None``
then ``load_weights``, the callback named ``myCallback``, ``RMSprop(learning_rate=0.0001)``);
its data cells download zips, so only its graded cells are graded, in-process
(`tests/compat/test_c2w3_generations.py`).

``python -m tests.compat.public_generation_c2w3`` rewrites both notebooks.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.compat.public_generation import build as build_cells

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W3_Assignment.ipynb"
OLDER_NOTEBOOK = HERE / "C2W3_older_generation.ipynb"

#: Checks the public notebook must fail: none.
LOSES: frozenset[str] = frozenset()
#: Checks the older notebook's graded cells lose without training: the pixels divided by
#: 255 instead of InceptionV3's preprocessing, and the callback it names `myCallback`.
OLDER_LOSES = frozenset({"inception_preprocessing", "callback_is_working_keras_callback",
                         "callback_stops_above_bar", "callback_keeps_training_below_bar"})
#: The line that trains, as the public notebook writes it (tests change its epochs).
EPOCHS = "epochs=100"

_CELLS = [
    ("md", "# Week 3: transfer learning with InceptionV3 (public-generation layout)"),
    ("graded", """import os

import matplotlib.pyplot as plt
import tensorflow as tf"""),
    ("code", "import unittests"),
    ("graded", """TRAIN_DIR = './data/train/'
VALIDATION_DIR = './data/validation/'"""),
    ("code", """horses_dir = os.path.join(TRAIN_DIR, 'horses')
humans_dir = os.path.join(TRAIN_DIR, 'humans')
print(f"{len(os.listdir(horses_dir))} horses and {len(os.listdir(humans_dir))} humans to train on")

first_horse = tf.keras.utils.load_img(os.path.join(horses_dir, sorted(os.listdir(horses_dir))[0]))
plt.imshow(first_horse)
plt.show()
print("Each picture has shape", tf.keras.utils.img_to_array(first_horse).shape)"""),
    ("graded", """# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    \"\"\"Creates the training and validation datasets.\"\"\"
    training_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=TRAIN_DIR,
        batch_size=32,
        image_size=(150, 150),
        shuffle=True,
        seed=7,
    )
    validation_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=VALIDATION_DIR,
        batch_size=32,
        image_size=(150, 150),
        shuffle=True,
        seed=7,
    )
    return training_dataset, validation_dataset"""),
    ("code", "training_dataset, validation_dataset = train_val_datasets()"),
    ("code", "unittests.test_train_val_datasets(train_val_datasets)"),
    ("code", """validation_batches = int(validation_dataset.cardinality())
test_dataset, validation_dataset = tf.keras.utils.split_dataset(
    validation_dataset, validation_batches // 5)
print(f"validation batches: {validation_dataset.cardinality()}, "
      f"test batches: {test_dataset.cardinality()}")"""),
    ("graded", """LOCAL_WEIGHTS_FILE = './model/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5'"""),
    ("graded", """# GRADED FUNCTION: create_pre_trained_model
def create_pre_trained_model():
    \"\"\"Creates InceptionV3 without its top, with the local weights, frozen.\"\"\"
    pre_trained_model = tf.keras.applications.inception_v3.InceptionV3(
        include_top=False,
        input_shape=(150, 150, 3),
        weights=LOCAL_WEIGHTS_FILE,
    )
    pre_trained_model.trainable = False
    return pre_trained_model"""),
    ("code", """pre_trained_model = create_pre_trained_model()
total_params = pre_trained_model.count_params()
trainable_params = sum(w.shape.num_elements() for w in pre_trained_model.trainable_weights)
print(f"{total_params:,} parameters in all, {trainable_params:,} trainable")"""),
    ("code", "unittests.test_create_pre_trained_model(create_pre_trained_model)"),
    ("code", """class EarlyStoppingCallback(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if logs['accuracy'] > 0.999:
            self.model.stop_training = True
            print("\\nAccuracy above 99.9%, stopping the training")"""),
    ("graded", """# GRADED FUNCTION: output_of_last_layer
def output_of_last_layer(pre_trained_model):
    \"\"\"Returns the output of the layer the new head is put on.\"\"\"
    last_desired_layer = pre_trained_model.get_layer('mixed7')
    last_output = last_desired_layer.output
    print('last layer output shape: ', last_output.shape)
    return last_output"""),
    ("code", "last_output = output_of_last_layer(pre_trained_model)"),
    ("code", "unittests.test_output_of_last_layer(output_of_last_layer, pre_trained_model)"),
    ("graded", """# GRADED FUNCTION: create_final_model
def create_final_model(pre_trained_model, last_output):
    \"\"\"Puts a new classification head on the pre-trained model.\"\"\"
    x = tf.keras.layers.Flatten()(last_output)
    x = tf.keras.layers.Dense(1024, activation='relu')(x)
    x = tf.keras.layers.Dropout(0.2)(x)
    x = tf.keras.layers.Dense(1, activation='sigmoid')(x)
    model = tf.keras.Model(inputs=pre_trained_model.input, outputs=x)
    model.compile(
        optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.00001),
        loss='binary_crossentropy',
        metrics=['accuracy'],
    )
    return model"""),
    ("code", """model = create_final_model(pre_trained_model, last_output)
total_params = model.count_params()
trainable_params = sum(w.shape.num_elements() for w in model.trainable_weights)
print(f"{total_params:,} parameters in all, {trainable_params:,} trainable")"""),
    ("code", "unittests.test_create_final_model(create_final_model, pre_trained_model, last_output)"),
    ("code", """def preprocess(image, label):
    return tf.keras.applications.inception_v3.preprocess_input(image), label

training_dataset = training_dataset.map(preprocess)
validation_dataset = validation_dataset.map(preprocess)
test_dataset = test_dataset.map(preprocess)"""),
    ("code", f"""history = model.fit(
    training_dataset,
    validation_data=validation_dataset,
    {EPOCHS},
    verbose=2,
    callbacks=[EarlyStoppingCallback()],
)"""),
    ("code", """acc = history.history['accuracy']
val_acc = history.history['val_accuracy']
plt.plot(range(len(acc)), acc, 'r', label='Training accuracy')
plt.plot(range(len(acc)), val_acc, 'b', label='Validation accuracy')
plt.title('Training and validation accuracy')
plt.legend()
plt.show()"""),
    ("code", """test_loss, test_accuracy = model.evaluate(test_dataset)
print(f"test accuracy: {test_accuracy:.3f}")"""),
]

OLDER = [
    ("md", "# Week 3: transfer learning (the course's older generation)"),
    ("code", """import os
import zipfile
import matplotlib.pyplot as plt
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras import Model
from tensorflow.keras.optimizers import RMSprop
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow.keras.applications.inception_v3 import InceptionV3"""),
    ("download", """!wget -q https://storage.googleapis.com/tensorflow-1-public/course2/week3/horse-or-human.zip
!wget -q https://storage.googleapis.com/tensorflow-1-public/course2/week3/validation-horse-or-human.zip
zipfile.ZipFile('./horse-or-human.zip', 'r').extractall('/tmp/training')
zipfile.ZipFile('./validation-horse-or-human.zip', 'r').extractall('/tmp/validation')"""),
    ("download", """train_dir = '/tmp/training'
validation_dir = '/tmp/validation'"""),
    ("graded", """# GRADED FUNCTION: train_val_generators
def train_val_generators(TRAINING_DIR, VALIDATION_DIR):
  train_datagen = ImageDataGenerator(rescale=1./255,
                                     rotation_range=40,
                                     width_shift_range=0.2,
                                     height_shift_range=0.2,
                                     shear_range=0.2,
                                     zoom_range=0.2,
                                     horizontal_flip=True)
  train_generator = train_datagen.flow_from_directory(directory=TRAINING_DIR,
                                                      batch_size=32,
                                                      class_mode='binary',
                                                      target_size=(150, 150))
  validation_datagen = ImageDataGenerator(rescale=1./255)
  validation_generator = validation_datagen.flow_from_directory(directory=VALIDATION_DIR,
                                                                batch_size=32,
                                                                class_mode='binary',
                                                                target_size=(150, 150))
  return train_generator, validation_generator"""),
    ("code", "train_generator, validation_generator = train_val_generators(train_dir, validation_dir)"),
    ("download", """!wget --no-check-certificate https://storage.googleapis.com/mledu-datasets/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5 -O /tmp/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5
local_weights_file = '/tmp/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5'"""),
    ("graded", """# GRADED FUNCTION: create_pre_trained_model
def create_pre_trained_model(local_weights_file):
  pre_trained_model = InceptionV3(input_shape=(150, 150, 3),
                                  include_top=False,
                                  weights=None)
  pre_trained_model.load_weights(local_weights_file)
  for layer in pre_trained_model.layers:
    layer.trainable = False
  return pre_trained_model"""),
    ("code", "pre_trained_model = create_pre_trained_model(local_weights_file)"),
    ("code", """class myCallback(tf.keras.callbacks.Callback):
  def on_epoch_end(self, epoch, logs={}):
    if(logs.get('accuracy')>0.999):
      print("\\nReached 99.9% accuracy so cancelling training!")
      self.model.stop_training = True"""),
    ("graded", """# GRADED FUNCTION: output_of_last_layer
def output_of_last_layer(pre_trained_model):
  last_desired_layer = pre_trained_model.get_layer('mixed7')
  last_output = last_desired_layer.output
  print('last layer output: ', last_output)
  return last_output"""),
    ("code", "last_output = output_of_last_layer(pre_trained_model)"),
    ("graded", """# GRADED FUNCTION: create_final_model
def create_final_model(pre_trained_model, last_output):
  x = layers.Flatten()(last_output)
  x = layers.Dense(1024, activation='relu')(x)
  x = layers.Dropout(0.2)(x)
  x = layers.Dense(1, activation='sigmoid')(x)
  model = Model(inputs=pre_trained_model.input, outputs=x)
  model.compile(optimizer=RMSprop(learning_rate=0.0001),
                loss='binary_crossentropy',
                metrics=['accuracy'])
  return model"""),
    ("code", "model = create_final_model(pre_trained_model, last_output)"),
    ("code", f"""callbacks = myCallback()
history = model.fit(train_generator,
                    validation_data=validation_generator,
                    {EPOCHS.replace('=', ' = ')},
                    verbose=2,
                    callbacks=callbacks)"""),
]


def build(cells=None) -> nbformat.NotebookNode:
    """Returns the public notebook (or the notebook of `cells`), deterministically. Cells
    of kind ``download`` are code cells tagged ``download`` (the older notebook's own data
    and weights come from the internet)."""
    notebook = build_cells([("code" if kind == "download" else kind, text)
                            for kind, text in cells or _CELLS])
    for (kind, _), cell in zip(cells or _CELLS, notebook.cells):
        if kind == "download":
            cell.metadata["tags"] = ["download"]
    return notebook


def build_older() -> nbformat.NotebookNode:
    """Returns the older generation's notebook, deterministically."""
    return build(OLDER)


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    nbformat.write(build_older(), OLDER_NOTEBOOK)
    print(f"wrote {NOTEBOOK} and {OLDER_NOTEBOOK}")
