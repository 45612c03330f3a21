"""A Week 3 notebook of the course's older Colab edition (2022–2024) as learners handed it in.

The course's own cells, not ours: the two Horse-or-Human zips fetched with ``!wget`` into
``/tmp`` and unpacked with ``zipfile`` to ``/tmp/training`` and ``/tmp/validation``, the
InceptionV3 no-top weights fetched with ``!wget`` to ``/tmp``, ``train_val_generators`` with
the course's ``ImageDataGenerator`` augmentation, ``create_pre_trained_model
(local_weights_file)`` (``weights=None``, ``load_weights``, every layer frozen), the given
``myCallback`` (stops once accuracy > 0.999), ``output_of_last_layer`` cut at ``mixed7``,
``create_final_model`` (Flatten, Dense(1024, relu), Dropout(0.2), Dense(1, sigmoid),
RMSprop(1e-4)) and ``model.fit(..., epochs=100, verbose=2, callbacks=callbacks)`` with the
callback passed alone, as the course did.

``output_of_last_layer`` keeps the course template's ``print(..., last_desired_layer.
output_shape)``: Keras 2 layers had ``output_shape``, Keras 3 layers have not
(``AttributeError``), so a notebook handed in before Colab moved to Keras 3 fails there on
any Keras 3 kernel. ``build(keras3=True)`` prints ``last_desired_layer.output.shape``
instead, as a learner who ran it on Keras 3 had to. Nothing here knows of the grader.
``python -m tests.compat.older.c2w3`` rewrites the notebooks; `tests/e2e/test_older_public.py`
grades them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "C2W3_Assignment.ipynb"
"""As handed in before Keras 3 (``output_shape``)."""
KERAS3_NOTEBOOK = HERE / "C2W3_Assignment_keras3.ipynb"
"""The same, its ``output_of_last_layer`` printing ``output.shape``."""

_KERAS2_PRINT = "print('last layer output shape: ', last_desired_layer.output_shape)"
_KERAS3_PRINT = "print('last layer output shape: ', last_desired_layer.output.shape)"

_CELLS = [
    ("md", "# Week 3: Transfer Learning"),
    ("code", """import os
import zipfile
import matplotlib.pyplot as plt
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras import Model
from tensorflow.keras.optimizers import RMSprop
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow.keras.preprocessing.image import img_to_array, load_img"""),
    ("code", """# Get the Horse or Human training dataset
!wget -q -P /tmp/ https://storage.googleapis.com/tensorflow-1-public/course2/week3/horse-or-human.zip

# Get the Horse or Human validation dataset
!wget -q -P /tmp/ https://storage.googleapis.com/tensorflow-1-public/course2/week3/validation-horse-or-human.zip

test_local_zip = '/tmp/horse-or-human.zip'
zip_ref = zipfile.ZipFile(test_local_zip, 'r')
zip_ref.extractall('/tmp/training')

val_local_zip = '/tmp/validation-horse-or-human.zip'
zip_ref = zipfile.ZipFile(val_local_zip, 'r')
zip_ref.extractall('/tmp/validation')

zip_ref.close()"""),
    ("code", """# Define the training and validation base directories
train_dir = '/tmp/training'
validation_dir = '/tmp/validation'

# Directory with training horse pictures
train_horses_dir = os.path.join(train_dir, 'horses')
# Directory with training humans pictures
train_humans_dir = os.path.join(train_dir, 'humans')
# Directory with validation horse pictures
validation_horses_dir = os.path.join(validation_dir, 'horses')
# Directory with validation human pictures
validation_humans_dir = os.path.join(validation_dir, 'humans')

# Check the number of images for each class and set
print(f"There are {len(os.listdir(train_horses_dir))} images of horses for training.\\n")
print(f"There are {len(os.listdir(train_humans_dir))} images of humans for training.\\n")
print(f"There are {len(os.listdir(validation_horses_dir))} images of horses for validation.\\n")
print(f"There are {len(os.listdir(validation_humans_dir))} images of humans for validation.\\n")"""),
    ("code", """print("Sample horse image:")
plt.imshow(load_img(f"{os.path.join(train_horses_dir, os.listdir(train_horses_dir)[0])}"))
plt.show()

print("\\nSample human image:")
plt.imshow(load_img(f"{os.path.join(train_humans_dir, os.listdir(train_humans_dir)[0])}"))
plt.show()"""),
    ("code", """# Load the first example of a horse
sample_image  = load_img(f"{os.path.join(train_horses_dir, os.listdir(train_horses_dir)[0])}")

# Convert the image into its numpy array representation
sample_array = img_to_array(sample_image)

print(f"Each image has shape: {sample_array.shape}")"""),
    ("code", """# GRADED FUNCTION: train_val_generators
def train_val_generators(TRAINING_DIR, VALIDATION_DIR):
  \"\"\"
  Creates the training and validation data generators

  Args:
    TRAINING_DIR (string): directory path containing the training images
    VALIDATION_DIR (string): directory path containing the testing/validation images

  Returns:
    train_generator, validation_generator: tuple containing the generators
  \"\"\"
  ### START CODE HERE

  # Instantiate the ImageDataGenerator class
  # Don't forget to normalize pixel values and set arguments to augment the images
  train_datagen = ImageDataGenerator(rescale = 1./255.,
                                     rotation_range = 40,
                                     width_shift_range = 0.2,
                                     height_shift_range = 0.2,
                                     shear_range = 0.2,
                                     zoom_range = 0.2,
                                     horizontal_flip = True,
                                     fill_mode = 'nearest')

  # Pass in the appropriate arguments to the flow_from_directory method
  train_generator = train_datagen.flow_from_directory(directory=TRAINING_DIR,
                                                      batch_size=32,
                                                      class_mode='binary',
                                                      target_size=(150, 150))

  # Instantiate the ImageDataGenerator class (don't forget to set the rescale argument)
  # Remember that validation data should not be augmented
  validation_datagen = ImageDataGenerator(rescale = 1./255.)

  # Pass in the appropriate arguments to the flow_from_directory method
  validation_generator = validation_datagen.flow_from_directory(directory=VALIDATION_DIR,
                                                                batch_size=20,
                                                                class_mode='binary',
                                                                target_size=(150, 150))
  ### END CODE HERE
  return train_generator, validation_generator"""),
    ("code", """# Test your generators
train_generator, validation_generator = train_val_generators(train_dir, validation_dir)"""),
    ("code", """# Download the inception v3 weights
!wget --no-check-certificate \\
    https://storage.googleapis.com/mledu-datasets/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5 \\
    -O /tmp/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5

# Import the inception model
from tensorflow.keras.applications.inception_v3 import InceptionV3

# Create an instance of the inception model from the local pre-trained weights
local_weights_file = '/tmp/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5'"""),
    ("code", """# GRADED FUNCTION: create_pre_trained_model
def create_pre_trained_model(local_weights_file):
  \"\"\"
  Initializes an InceptionV3 model.

  Args:
    local_weights_file (string): path pointing to a pretrained weights H5 file

  Returns:
    pre_trained_model: the initialized InceptionV3 model
  \"\"\"
  ### START CODE HERE
  pre_trained_model = InceptionV3(input_shape = (150, 150, 3),
                                  include_top = False,
                                  weights = None)

  pre_trained_model.load_weights(local_weights_file)

  # Make all the layers in the pre-trained model non-trainable
  for layer in pre_trained_model.layers:
    layer.trainable = False

  ### END CODE HERE

  return pre_trained_model"""),
    ("code", """pre_trained_model = create_pre_trained_model(local_weights_file)

# Print the model summary
pre_trained_model.summary()"""),
    ("code", """total_params = pre_trained_model.count_params()
num_trainable_params = sum([w.shape.num_elements() for w in pre_trained_model.trainable_weights])

print(f"There are {total_params:,} total parameters in this model.")
print(f"There are {num_trainable_params:,} trainable parameters in this model.")"""),
    ("code", """# Define a Callback class that stops training once accuracy reaches 99.9%
class myCallback(tf.keras.callbacks.Callback):
  def on_epoch_end(self, epoch, logs={}):
    if(logs.get('accuracy')>0.999):
      print("\\nReached 99.9% accuracy so cancelling training!")
      self.model.stop_training = True"""),
    ("code", f"""# GRADED FUNCTION: output_of_last_layer
def output_of_last_layer(pre_trained_model):
  \"\"\"
  Gets the last layer output of a model

  Args:
    pre_trained_model (tf.keras Model): model to get the last layer output from

  Returns:
    last_output: output of the model's last layer
  \"\"\"
  ### START CODE HERE
  last_desired_layer = pre_trained_model.get_layer('mixed7')
  {_KERAS2_PRINT}
  last_output = last_desired_layer.output
  print('last layer output: ', last_output)
  ### END CODE HERE

  return last_output"""),
    ("code", """last_output = output_of_last_layer(pre_trained_model)"""),
    ("code", """# Print the type of the pre-trained model
print(f"The pretrained model has type: {type(pre_trained_model)}")"""),
    ("code", """# GRADED FUNCTION: create_final_model
def create_final_model(pre_trained_model, last_output):
  \"\"\"
  Appends a custom model to a pre-trained model

  Args:
    pre_trained_model (tf.keras Model): model that will accept the train/test inputs
    last_output (tensor): last layer output of the pre-trained model

  Returns:
    model: the combined model
  \"\"\"
  # Flatten the output layer to 1 dimension
  x = layers.Flatten()(last_output)

  ### START CODE HERE

  # Add a fully connected layer with 1024 hidden units and ReLU activation
  x = layers.Dense(1024, activation='relu')(x)
  # Add a dropout rate of 0.2
  x = layers.Dropout(0.2)(x)
  # Add a final sigmoid layer for classification
  x = layers.Dense(1, activation='sigmoid')(x)

  # Create the complete model by using the Model class
  model = Model(inputs=pre_trained_model.input, outputs=x)

  # Compile the model
  model.compile(optimizer = RMSprop(learning_rate=0.0001),
                loss = 'binary_crossentropy',
                metrics = ['accuracy'])

  ### END CODE HERE

  return model"""),
    ("code", """# Save your model in a variable
model = create_final_model(pre_trained_model, last_output)

# Inspect parameters
total_params = model.count_params()
num_trainable_params = sum([w.shape.num_elements() for w in model.trainable_weights])

print(f"There are {total_params:,} total parameters in this model.")
print(f"There are {num_trainable_params:,} trainable parameters in this model.")"""),
    ("code", """# Run this and see how many epochs it should take before the callback
# fires, and stops training at 99.9% accuracy
# (It should take a few epochs)
callbacks = myCallback()
history = model.fit(train_generator,
                    validation_data = validation_generator,
                    epochs = 100,
                    verbose = 2,
                    callbacks = callbacks)"""),
    ("code", """def plot_loss_acc(history):
  '''Plots the training and validation loss and accuracy from a history object'''
  acc = history.history['accuracy']
  val_acc = history.history['val_accuracy']
  loss = history.history['loss']
  val_loss = history.history['val_loss']

  epochs = range(len(acc))

  plt.plot(epochs, acc, 'bo', label='Training accuracy')
  plt.plot(epochs, val_acc, 'b', label='Validation accuracy')
  plt.title('Training and validation accuracy')

  plt.figure()

  plt.plot(epochs, loss, 'bo', label='Training Loss')
  plt.plot(epochs, val_loss, 'b', label='Validation Loss')
  plt.title('Training and validation loss')
  plt.legend()

  plt.show()

plot_loss_acc(history)"""),
]


def build(keras3: bool = False) -> nbformat.NotebookNode:
    """The notebook; with `keras3`, its ``output_of_last_layer`` prints ``output.shape``."""
    cells = []
    for kind, text in _CELLS:
        if keras3:
            text = text.replace(_KERAS2_PRINT, _KERAS3_PRINT)
        cells.append(new_markdown_cell(text) if kind == "md" else new_code_cell(text))
    notebook = new_notebook(cells=cells)
    notebook.metadata["colab"] = {"provenance": []}
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "name": "python3"}
    return notebook


if __name__ == "__main__":
    nbformat.write(build(), NOTEBOOK)
    nbformat.write(build(keras3=True), KERAS3_NOTEBOOK)
    print(f"Wrote {NOTEBOOK} and {KERAS3_NOTEBOOK}")
