"""Week 3's calibration population: transfer learning with a frozen InceptionV3, within the
week's rules (the course's head: Dense(1024, relu), Dropout 0.1–0.5, RMSprop 1e-5 or 1e-4).

Sound variants: the reference, the older course's learning rate (1e-4), Dropout 0.1 and 0.5,
the base frozen as a whole (``trainable = False``), the public notebook's 100 epochs with the
callback, the current course's augmentation layers and the older course's full
``ImageDataGenerator`` augmentation (with InceptionV3's own preprocessing), no cache.
Unsound: a random base (the weights never loaded) and a base left trainable: both ignore the
week's lesson, that a network trained on another task gives features worth keeping.
"""

from __future__ import annotations

from bench.calibration.variants import SOUND, TRAINING, UNSOUND, Variant
from bench.calibration.weeks import Bar, Week

__all__ = ["WEEK", "VARIANTS", "BARS"]

_FINAL = '''# GRADED FUNCTION: create_final_model
def create_final_model(pre_trained_model, last_output):
    x = tf.keras.layers.Flatten()(last_output)
    x = tf.keras.layers.Dense(1024, activation="relu")(x)
    x = tf.keras.layers.Dropout({dropout})(x)
    x = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    model = tf.keras.Model(inputs=pre_trained_model.input, outputs=x)
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate={rate}),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model
'''

_BASE = '''# GRADED FUNCTION: create_pre_trained_model
def create_pre_trained_model():
    pre_trained_model = tf.keras.applications.inception_v3.InceptionV3(
        input_shape=(150, 150, 3), include_top=False, weights=None)
{load}{freeze}    return pre_trained_model
'''
_LOAD = "    pre_trained_model.load_weights(LOCAL_WEIGHTS_FILE)\n"
_FREEZE_LAYERS = "    for layer in pre_trained_model.layers:\n        layer.trainable = False\n"

_DATASETS_LAYERS = '''# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    augment = tf.keras.Sequential([
        tf.keras.layers.RandomFlip("horizontal"),
        tf.keras.layers.RandomRotation(0.2),
        tf.keras.layers.RandomZoom(0.2),
    ])
    def preprocess(images, labels):
        return tf.keras.applications.inception_v3.preprocess_input(images), labels

    def augmented(images, labels):
        return augment(images, training=True), labels

    train_dataset = tf.keras.utils.image_dataset_from_directory(
        TRAIN_DIR, image_size=(150, 150), batch_size=32, label_mode="binary", seed=42)
    validation_dataset = tf.keras.utils.image_dataset_from_directory(
        VALIDATION_DIR, image_size=(150, 150), batch_size=32, label_mode="binary", shuffle=False)
    train_dataset = train_dataset.map(augmented).map(preprocess)
    validation_dataset = validation_dataset.map(preprocess)
    return train_dataset, validation_dataset
'''

_DATASETS_GENERATOR = '''# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    preprocess = tf.keras.applications.inception_v3.preprocess_input
    train_datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        preprocessing_function=preprocess, rotation_range=40, width_shift_range=0.2,
        height_shift_range=0.2, shear_range=0.2, zoom_range=0.2, horizontal_flip=True)
    train_generator = train_datagen.flow_from_directory(
        TRAIN_DIR, batch_size=32, class_mode="binary", target_size=(150, 150), seed=42)
    validation_datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        preprocessing_function=preprocess)
    validation_generator = validation_datagen.flow_from_directory(
        VALIDATION_DIR, batch_size=32, class_mode="binary", target_size=(150, 150),
        shuffle=False)
    return train_generator, validation_generator
'''

_FIT = '''train_dataset, validation_dataset = train_val_datasets()
{prepare}history = model.fit(
    train_dataset,
    epochs={epochs},
    validation_data=validation_dataset,
    callbacks=[EarlyStoppingCallback()],
    verbose=2,
)
'''
_CACHE = ("train_dataset = train_dataset.cache().shuffle(1000, seed=42).prefetch(tf.data.AUTOTUNE)\n"
          "validation_dataset = validation_dataset.cache().prefetch(tf.data.AUTOTUNE)\n")
_NO_CACHE_FIT = {TRAINING: _FIT.format(prepare="", epochs=20)}


def _final(dropout: float = 0.2, rate: str = "0.00001") -> dict[str, str]:
    return {"create_final_model": _FINAL.format(dropout=dropout, rate=rate)}


def _sound(name: str, what: str, **cells: str) -> Variant:
    return Variant(name, SOUND, what, cells)


_TRANSFER = "features learnt on another task are worth keeping: load them and freeze them"

VARIANTS = (
    _sound("reference", "The course's reference: frozen InceptionV3 cut at mixed7, its head, "
                        "RMSprop 1e-5, up to 20 epochs with the 0.999 callback."),
    _sound("rmsprop-1e-4", "The older course's RMSprop(learning_rate=1e-4).",
           **_final(rate="0.0001")),
    _sound("dropout-0.1", "Dropout(0.1) in the head.", **_final(dropout=0.1)),
    _sound("dropout-0.5", "Dropout(0.5) in the head.", **_final(dropout=0.5)),
    _sound("frozen-as-a-whole", "The base frozen with pre_trained_model.trainable = False.",
           create_pre_trained_model=_BASE.format(
               load=_LOAD, freeze="    pre_trained_model.trainable = False\n")),
    _sound("epochs-100", "The public notebook's epochs=100, the callback stopping it.",
           **{TRAINING: _FIT.format(prepare=_CACHE, epochs=100)}),
    _sound("augmentation-layers", "Random flip, rotation 0.2 and zoom 0.2 layers mapped over "
                                  "the training images before preprocess_input.",
           train_val_datasets=_DATASETS_LAYERS, **_NO_CACHE_FIT),
    _sound("older-augmentation", "The older course's ImageDataGenerator (rotation 40, shifts, "
                                 "shear and zoom 0.2, horizontal flips) with InceptionV3's "
                                 "preprocess_input.",
           train_val_datasets=_DATASETS_GENERATOR, **_NO_CACHE_FIT),
    _sound("no-cache", "The datasets fed to fit as they are (no cache, no shuffle buffer).",
           **_NO_CACHE_FIT),
    Variant("random-base", UNSOUND, "InceptionV3(weights=None), frozen, the weights never "
                                    "loaded.",
            {"create_pre_trained_model": _BASE.format(load="", freeze=_FREEZE_LAYERS)},
            ignores=_TRANSFER, loses=frozenset({"base_weights_from_file", "heldout_accuracy"})),
    Variant("unfrozen-base", UNSOUND, "The weights loaded but the base left trainable.",
            {"create_pre_trained_model": _BASE.format(load=_LOAD, freeze="")},
            ignores=_TRANSFER, loses=frozenset({"base_frozen"})),
)


def _bar_values() -> dict[str, float]:
    from autograder.weeks.c2w3.rules import RULES

    return {"heldout_threshold": RULES.heldout_threshold}


BARS = (Bar("heldout_threshold", "measured_train", "training_reached_bar", measured=True),
        Bar("heldout_threshold", "heldout", "heldout_accuracy"))
"""The training point holds the grader's measurement on a sample of the training pictures
against the held-out bar (with the one tolerance), besides the callback's rule as it ran
(stopped at the first epoch above 0.999, or every epoch run), which is not a bar. Until
2026-12-07 it held that measurement against 0.999 itself: the augmented variants (0.92)
missed it, so a sound model lost the point (``autograder/weeks/c2w3/training.py``)."""

WEEK = Week("C2W3", VARIANTS, BARS, _bar_values)
