"""Week 2's calibration population: cats and dogs with augmentation, within the week's rules
(random layers without Rescaling, at least three Conv2D, the 0.80 / 0.80 callback).

Sound variants: the reference (flip, rotation 0.2, translation 0.2, zoom 0.2; four blocks),
milder and stronger layers, contrast, three blocks, Dropout, Adam, RMSprop 1e-4, and the
older course's ``ImageDataGenerator`` at full strength. Unsound: the same network without
augmentation (the week's lesson): it loses the points of the model and its training that
show the lesson (the held-out poses of the stand-in's generator 3 are ones every sound
augmentation covers; a model without one may classify them too, see
`autograder.weeks.c2w2.pose.HELDOUT`).
"""

from __future__ import annotations

from bench.calibration.variants import SOUND, TRAINING, UNSOUND, Variant
from bench.calibration.weeks import TRAINING_BARS, Bar, Week, rule_values

__all__ = ["WEEK", "VARIANTS", "BARS"]

_AUGMENTATION = '''# GRADED FUNCTION: create_augmentation_model
def create_augmentation_model():
    return tf.keras.Sequential([
        tf.keras.Input(shape=(120, 120, 3)),
{layers}
    ])
'''

_MODEL = '''# GRADED FUNCTION: create_model
def create_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(120, 120, 3)),
{augment}        tf.keras.layers.Rescaling(1.0 / 255),
{layers}
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer={optimizer}, loss="binary_crossentropy", metrics=["accuracy"])
    return model
'''
_AUGMENT = "        create_augmentation_model(),\n"
_L = "        tf.keras.layers."
_RMSPROP = "tf.keras.optimizers.RMSprop(learning_rate={})"

_GENERATOR = '''# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    train_datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        rescale=1.0 / 255, rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
        shear_range=0.2, zoom_range=0.2, horizontal_flip=True, fill_mode="nearest",
        validation_split=0.15)
    validation_datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        rescale=1.0 / 255, validation_split=0.15)
    common = dict(target_size=(120, 120), batch_size=32, class_mode="binary", seed=42)
    train_generator = train_datagen.flow_from_directory(DATA_DIR, subset="training", **common)
    validation_generator = validation_datagen.flow_from_directory(
        DATA_DIR, subset="validation", **common)
    return train_generator, validation_generator
'''
_GENERATOR_FIT = '''train_dataset, validation_dataset = train_val_datasets()
model = create_model()
history = model.fit(
    train_dataset,
    epochs=35,
    validation_data=validation_dataset,
    callbacks=[EarlyStoppingCallback()],
    verbose=2,
)
'''
_GENERATOR_LOOK = '''train_dataset, validation_dataset = train_val_datasets()
images, labels = train_dataset[0]
print(f"One batch: images {images.shape}, labels {labels.shape}")
'''


def _blocks(*filters: int) -> list[str]:
    return [line for count in filters for line in (
        f'Conv2D({count}, (3, 3), activation="relu")', "MaxPooling2D(2, 2)")]


def _model(*lines: str, augment: str = _AUGMENT, optimizer: str = _RMSPROP.format(0.001),
           rescale: bool = True) -> str:
    text = _MODEL.format(augment=augment, layers="\n".join(_L + l + "," for l in lines),
                         optimizer=optimizer)
    return text if rescale else text.replace("        tf.keras.layers.Rescaling(1.0 / 255),\n",
                                             "")


def _augmentation(*lines: str) -> str:
    return _AUGMENTATION.format(layers="\n".join(_L + l + "," for l in lines))


_FOUR = (*_blocks(32, 64, 64, 64), "Flatten()", 'Dense(512, activation="relu")')


def _sound(name: str, what: str, **cells: str) -> Variant:
    return Variant(name, SOUND, what, cells)


VARIANTS = (
    _sound("reference", "The course's reference: flip, rotation 0.2, translation 0.2, zoom "
                        "0.2; four blocks, Dense(512), RMSprop 1e-3."),
    _sound("milder-layers", "Flip, rotation 0.1, zoom 0.1 (Keras's augmentation tutorial; "
                            "no translation).",
           create_augmentation_model=_augmentation('RandomFlip("horizontal")',
                                                   "RandomRotation(0.1)", "RandomZoom(0.1)")),
    _sound("stronger-layers", "Flip, rotation 0.3, translation 0.3, zoom 0.3, contrast 0.2.",
           create_augmentation_model=_augmentation(
               'RandomFlip("horizontal")', "RandomRotation(0.3)",
               "RandomTranslation(0.3, 0.3)", "RandomZoom(0.3)", "RandomContrast(0.2)")),
    _sound("three-blocks", "Three blocks of 32, 64 and 128 filters.",
           create_model=_model(*_blocks(32, 64, 128), "Flatten()",
                               'Dense(512, activation="relu")')),
    _sound("dropout", "Dropout(0.5) before the head.",
           create_model=_model(*_FOUR, "Dropout(0.5)")),
    _sound("adam", "Adam(1e-3).",
           create_model=_model(*_FOUR, optimizer="tf.keras.optimizers.Adam(learning_rate=0.001)")),
    _sound("rmsprop-1e-4", "RMSprop(1e-4).",
           create_model=_model(*_FOUR, optimizer=_RMSPROP.format(1e-4))),
    _sound("dense-256", "Dense(256) instead of Dense(512).",
           create_model=_model(*_blocks(32, 64, 64, 64), "Flatten()",
                               'Dense(256, activation="relu")')),
    _sound("older-augmentation", "The older course's ImageDataGenerator(rotation_range=40, "
                                 "shifts, shear and zoom 0.2, horizontal flips) with "
                                 "flow_from_directory; the model without its own augmentation "
                                 "or Rescaling.",
           train_val_datasets=_GENERATOR, look=_GENERATOR_LOOK,
           create_model=_model(*_FOUR, augment="", rescale=False), **{TRAINING: _GENERATOR_FIT}),
    Variant("no-augmentation", UNSOUND, "The reference's network without its augmentation "
                                        "model.",
            {"create_model": _model(*_FOUR, augment="")},
            ignores="augmentation shows the network the poses its training pictures lack",
            loses=frozenset({"model_uses_augmentation", "augmentation_only_while_training"})),
)


BARS = (*TRAINING_BARS,
        Bar("max_overfit_gap", "overfit_gap", "training_does_not_overfit", above=False))

WEEK = Week("C2W2", VARIANTS, BARS, rule_values("autograder.weeks.c2w2.rules", BARS))
