"""Week 4's calibration population: what learners write for Sign Language MNIST.

Sound variants: the reference, the public CSV notebook's own model and generators, one and
two convolution blocks with 32 to 128 filters, BatchNormalization with Dropout, RMSprop and a
slower Adam, one-hot labels, re-indexed labels, both course generations' augmentation
(the older ``ImageDataGenerator`` at full strength, the current random layers). Unsound:
models without convolutions (the week's lesson), one of them wide enough to memorise.
"""

from __future__ import annotations

from bench.calibration.variants import SOUND, UNSOUND, Variant
from bench.calibration.weeks import TRAINING_BARS, Week, rule_values

__all__ = ["WEEK", "VARIANTS", "BARS"]

TRAIN = "train"  # Week 4's training cell has a grade id of its own

_TF_DATA = '''# GRADED FUNCTION: train_val_datasets
def train_val_datasets(training_images, training_labels, validation_images, validation_labels):
    training_images = np.expand_dims(training_images, axis=-1)
    validation_images = np.expand_dims(validation_images, axis=-1)
{labels}    train_dataset = (tf.data.Dataset.from_tensor_slices((training_images, training_labels))
                     .shuffle(len(training_labels), seed=42)
                     .batch(32))
    validation_dataset = tf.data.Dataset.from_tensor_slices(
        (validation_images, validation_labels)).batch(32)
    return train_dataset, validation_dataset
'''

_GENERATORS = '''# GRADED FUNCTION: train_val_datasets
def train_val_datasets(training_images, training_labels, validation_images, validation_labels):
    training_images = np.expand_dims(training_images, axis=3)
    validation_images = np.expand_dims(validation_images, axis=3)
    train_datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        rescale=1.0 / 255, {augmentation})
    train_generator = train_datagen.flow(x=training_images, y=training_labels, batch_size=32)
    validation_datagen = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1.0 / 255)
    validation_generator = validation_datagen.flow(x=validation_images, y=validation_labels,
                                                   batch_size=32)
    return train_generator, validation_generator
'''

_MODEL = '''# GRADED FUNCTION: create_model
def create_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
{layers}
    ])
    model.compile(optimizer={optimizer}, loss="{loss}", metrics=["accuracy"])
    return model
'''

_FIT_TF_DATA = '''train_dataset, validation_dataset = train_val_datasets(
    training_images, training_labels, validation_images, validation_labels)
train_dataset = train_dataset.prefetch(tf.data.AUTOTUNE)
validation_dataset = validation_dataset.prefetch(tf.data.AUTOTUNE)
model = create_model()
history = model.fit(train_dataset, epochs=15, validation_data=validation_dataset, verbose=2)
'''

_FIT_GENERATORS = '''train_generator, validation_generator = train_val_datasets(
    training_images, training_labels, validation_images, validation_labels)
model = create_model()
history = model.fit(train_generator, epochs=15, validation_data=validation_generator,
                    verbose=2)
'''

_L = "        tf.keras.layers."


def _layers(*lines: str) -> str:
    return "\n".join(_L + line + "," for line in lines)


def _model(*lines: str, optimizer: str = '"adam"',
           loss: str = "sparse_categorical_crossentropy") -> str:
    return _MODEL.format(layers=_layers(*lines), optimizer=optimizer, loss=loss)


_RESCALE = "Rescaling(1.0 / 255)"
_TWO_BLOCKS = ('Conv2D(32, (3, 3), activation="relu")', "MaxPooling2D(2, 2)",
               'Conv2D(64, (3, 3), activation="relu")', "MaxPooling2D(2, 2)")
_HEAD = ("Flatten()", 'Dense(128, activation="relu")', 'Dense(26, activation="softmax")')
_OLDER_AUGMENTATION = ("rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,\n"
                       "        shear_range=0.2, zoom_range=0.2, horizontal_flip=True, "
                       "fill_mode='nearest'")
_ONE_HOT = ("    training_labels = tf.keras.utils.to_categorical(training_labels, 26)\n"
            "    validation_labels = tf.keras.utils.to_categorical(validation_labels, 26)\n")
_REINDEX = ("    training_labels = np.where(training_labels > 9, training_labels - 1, "
            "training_labels)\n"
            "    validation_labels = np.where(validation_labels > 9, validation_labels - 1, "
            "validation_labels)\n")
_CONVOLUTIONS = frozenset({"model_uses_convolutions"})
"""What a model without convolutions must lose: the week's structural check (its held-out
figure is reported beside it; at CI scale a wide dense network clears the held-out bar)."""


def _sound(name: str, what: str, **cells: str) -> Variant:
    return Variant(name, SOUND, what, cells)


VARIANTS = (
    _sound("reference", "The course's reference: two Conv2D blocks (32, 64), Dense(128), Adam."),
    _sound("public-csv-notebook",
           "The public CSV notebook's own solution: ImageDataGenerator with mild augmentation "
           "(rotation 10, shifts and zoom 0.1), Conv2D 64 + 64, Dense(512), no Rescaling.",
           train_val_datasets=_GENERATORS.format(augmentation=(
               "rotation_range=10, width_shift_range=0.1, height_shift_range=0.1,\n"
               "        zoom_range=0.1, fill_mode='nearest'")),
           create_model=_model('Conv2D(64, (3, 3), activation="relu")', "MaxPooling2D(2, 2)",
                               'Conv2D(64, (3, 3), activation="relu")', "MaxPooling2D(2, 2)",
                               "Flatten()", 'Dense(512, activation="relu")',
                               'Dense(26, activation="softmax")'),
           **{TRAIN: _FIT_GENERATORS}),
    _sound("one-block-32", "One Conv2D(32) + MaxPooling2D block, Dense(128).",
           create_model=_model(_RESCALE, 'Conv2D(32, (3, 3), activation="relu")',
                               "MaxPooling2D(2, 2)", *_HEAD)),
    _sound("two-blocks-64-128", "Two blocks of 64 and 128 filters, Dense(256).",
           create_model=_model(_RESCALE, 'Conv2D(64, (3, 3), activation="relu")',
                               "MaxPooling2D(2, 2)", 'Conv2D(128, (3, 3), activation="relu")',
                               "MaxPooling2D(2, 2)", "Flatten()",
                               'Dense(256, activation="relu")',
                               'Dense(26, activation="softmax")')),
    _sound("bn-dropout", "Two blocks with BatchNormalization, Dropout(0.25) and Dropout(0.5).",
           create_model=_model(_RESCALE, 'Conv2D(32, (3, 3), activation="relu")',
                               "BatchNormalization()", "MaxPooling2D(2, 2)",
                               'Conv2D(64, (3, 3), activation="relu")',
                               "BatchNormalization()", "MaxPooling2D(2, 2)", "Dropout(0.25)",
                               "Flatten()", 'Dense(128, activation="relu")', "Dropout(0.5)",
                               'Dense(26, activation="softmax")')),
    _sound("rmsprop", "The reference's layers with RMSprop(learning_rate=0.001).",
           create_model=_model(_RESCALE, *_TWO_BLOCKS, *_HEAD,
                               optimizer="tf.keras.optimizers.RMSprop(learning_rate=0.001)")),
    _sound("adam-3e-4", "The reference's layers with a slower Adam(learning_rate=3e-4).",
           create_model=_model(_RESCALE, *_TWO_BLOCKS, *_HEAD,
                               optimizer="tf.keras.optimizers.Adam(learning_rate=3e-4)")),
    _sound("one-hot-categorical", "One-hot labels with categorical_crossentropy.",
           train_val_datasets=_TF_DATA.format(labels=_ONE_HOT),
           create_model=_model(_RESCALE, *_TWO_BLOCKS, *_HEAD, loss="categorical_crossentropy")),
    _sound("reindexed-24", "Labels re-indexed to 0–23 and a Dense(24) head.",
           train_val_datasets=_TF_DATA.format(labels=_REINDEX),
           create_model=_model(_RESCALE, *_TWO_BLOCKS, *_HEAD[:2],
                               'Dense(24, activation="softmax")')),
    _sound("older-augmentation",
           "The older course's full augmentation: ImageDataGenerator(rotation_range=40, shifts, "
           "shear and zoom 0.2, horizontal flips), the reference's layers without Rescaling.",
           train_val_datasets=_GENERATORS.format(augmentation=_OLDER_AUGMENTATION),
           create_model=_model(*_TWO_BLOCKS, *_HEAD), **{TRAIN: _FIT_GENERATORS}),
    _sound("augmentation-layers",
           "The current course's way: RandomRotation(0.1), RandomTranslation(0.1, 0.1) and "
           "RandomZoom(0.1) layers at the start of the model.",
           create_model=_model("RandomRotation(0.1)", "RandomTranslation(0.1, 0.1)",
                               "RandomZoom(0.1)", _RESCALE, *_TWO_BLOCKS, *_HEAD)),
    Variant("dense-only", UNSOUND, "Flatten, Dense(128), Dense(26): no convolution.",
            {"create_model": _model(_RESCALE, *_HEAD)},
            ignores="convolutions find a hand's fingers wherever they are", loses=_CONVOLUTIONS),
    Variant("dense-memoriser", UNSOUND,
            "Flatten, two Dense(1024), Dense(26): wide enough to memorise the training rows.",
            {"create_model": _model(_RESCALE, "Flatten()", 'Dense(1024, activation="relu")',
                                    'Dense(1024, activation="relu")',
                                    'Dense(26, activation="softmax")')},
            ignores="convolutions find a hand's fingers wherever they are", loses=_CONVOLUTIONS),
)


BARS = TRAINING_BARS

WEEK = Week("C2W4", VARIANTS, BARS, rule_values("autograder.weeks.c2w4.rules", BARS))
