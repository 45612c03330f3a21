"""Week 1's calibration population: cats and dogs, what learners write within the week's rules
(at least three Conv2D layers, a one-unit sigmoid head, the 0.95 / 0.80 callback).

Sound variants: the reference (16-32-64 filters, RMSprop 1e-3), the public notebook's
functional model, 32-64-128 filters, four blocks, BatchNormalization, Dropout, Adam at two
learning rates, RMSprop 1e-4, a smaller Dense layer. Unsound: a model without convolutions
(the week's lesson: convolutions on real-world pictures), and one wide dense network that
memorises its training images.
"""

from __future__ import annotations

from bench.calibration.variants import SOUND, UNSOUND, Variant
from bench.calibration.weeks import TRAINING_BARS, Week, rule_values

__all__ = ["WEEK", "VARIANTS", "BARS"]

_MODEL = '''# GRADED FUNCTION: create_model
def create_model():
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(150, 150, 3)),
        tf.keras.layers.Rescaling(1.0 / 255),
{layers}
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer={optimizer}, loss="binary_crossentropy", metrics=["accuracy"])
    return model
'''

_PUBLIC = '''# GRADED FUNCTION: create_model
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
    return model
'''

_RMSPROP = "tf.keras.optimizers.RMSprop(learning_rate={})"
_ADAM = "tf.keras.optimizers.Adam(learning_rate={})"
_L = "        tf.keras.layers."


def _blocks(*filters: int, norm: bool = False) -> list[str]:
    lines = []
    for count in filters:
        lines.append(f'Conv2D({count}, (3, 3), activation="relu")')
        lines += ["BatchNormalization()"] if norm else []
        lines.append("MaxPooling2D(2, 2)")
    return lines


def _model(*lines: str, optimizer: str = _RMSPROP.format(0.001)) -> str:
    return _MODEL.format(layers="\n".join(_L + line + "," for line in lines),
                         optimizer=optimizer)


_DENSE = ("Flatten()", 'Dense(512, activation="relu")')
_CONVOLUTIONS = frozenset({"model_three_conv_layers", "heldout_accuracy"})
"""What a model without convolutions must lose (the week's lesson)."""


def _sound(name: str, what: str, model: str) -> Variant:
    return Variant(name, SOUND, what, {"create_model": model})


VARIANTS = (
    Variant("reference", SOUND, "The course's reference: 16-32-64 filters, Dense(512), "
                                "RMSprop 1e-3."),
    _sound("public-notebook", "The public notebook's functional model (same layers).", _PUBLIC),
    _sound("filters-32-64-128", "Three blocks of 32, 64 and 128 filters.",
           _model(*_blocks(32, 64, 128), *_DENSE)),
    _sound("four-blocks", "Four blocks (16-32-64-64 filters).",
           _model(*_blocks(16, 32, 64, 64), *_DENSE)),
    _sound("batch-norm", "BatchNormalization after each convolution.",
           _model(*_blocks(16, 32, 64, norm=True), *_DENSE)),
    _sound("dropout", "Dropout(0.5) before the head.",
           _model(*_blocks(16, 32, 64), *_DENSE, "Dropout(0.5)")),
    _sound("adam-1e-3", "The reference's layers with Adam(1e-3).",
           _model(*_blocks(16, 32, 64), *_DENSE, optimizer=_ADAM.format(0.001))),
    _sound("adam-3e-4", "The reference's layers with Adam(3e-4).",
           _model(*_blocks(16, 32, 64), *_DENSE, optimizer=_ADAM.format(3e-4))),
    _sound("rmsprop-1e-4", "The reference's layers with RMSprop(1e-4).",
           _model(*_blocks(16, 32, 64), *_DENSE, optimizer=_RMSPROP.format(1e-4))),
    _sound("dense-128", "Dense(128) instead of Dense(512).",
           _model(*_blocks(16, 32, 64), "Flatten()", 'Dense(128, activation="relu")')),
    Variant("dense-only", UNSOUND, "Flatten and Dense(512) on raw pixels: no convolution.",
            {"create_model": _model(*_DENSE)},
            ignores="convolutions recognise an animal wherever it is in the picture",
            loses=_CONVOLUTIONS),
)


BARS = TRAINING_BARS

WEEK = Week("C2W1", VARIANTS, BARS, rule_values("autograder.weeks.c2w1.rules", BARS))
