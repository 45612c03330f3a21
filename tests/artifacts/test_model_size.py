"""A saved model's input and size, worked out from its config before Keras builds it."""

from __future__ import annotations

import json
import zipfile

import pytest

from autograder.artifacts.model_size import (MAX_CONFIG_BYTES, estimate_model_size,
                                             read_config, refusal)
from autograder.weeks.c2w1.rules import RULES as WEEK1
from autograder.weeks.c2w4.rules import RULES as WEEK4


def layer(class_name: str, **config) -> dict:
    return {"module": "keras.layers", "class_name": class_name, "config": config}


def sequential(batch_shape: list, *layers: dict) -> dict:
    return {"class_name": "Sequential", "config": {
        "name": "sequential", "layers": [layer("InputLayer", batch_shape=batch_shape), *layers]}}


def keras_file(path, document: dict):
    """A ``.keras`` zip holding only its config (what Keras builds before reading weights)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("config.json", json.dumps(document))
    return path


def week1_reference(batch_shape=(None, 150, 150, 3)) -> dict:
    return sequential(list(batch_shape), layer("Rescaling", scale=1 / 255),
                      layer("Conv2D", filters=16, kernel_size=[3, 3], padding="valid"),
                      layer("MaxPooling2D", pool_size=[2, 2]),
                      layer("Conv2D", filters=32, kernel_size=[3, 3]),
                      layer("MaxPooling2D", pool_size=[2, 2]),
                      layer("Conv2D", filters=64, kernel_size=[3, 3]),
                      layer("MaxPooling2D", pool_size=[2, 2]),
                      layer("Flatten"), layer("Dense", units=512), layer("Dense", units=1))


def week1_refusal(document: dict) -> str | None:
    return refusal(estimate_model_size(document), image_size=WEEK1.image_size,
                   channels=WEEK1.channels, max_parameters=WEEK1.max_parameters)


def test_the_reference_architecture_is_counted_exactly_and_accepted():
    size = estimate_model_size(week1_reference())
    assert size.input_shape == (150, 150, 3)
    assert size.parameters == 9_494_561  # keras' count_params() of the same model
    assert week1_refusal(week1_reference()) is None


def test_a_huge_input_is_refused_with_the_weeks_size():
    # the attack: 4 weights, but every held-out image resized to 4000×4000×3
    tiny = sequential([None, 4000, 4000, 3], layer("GlobalAveragePooling2D"),
                      layer("Dense", units=1))
    assert estimate_model_size(tiny).parameters == 4
    message = week1_refusal(tiny)
    assert message.startswith("Your model is too large to grade: expected a model that takes "
                              "150×150×3 images")
    assert "4000×4000×3" in message and "tf.keras.Input(shape=(150, 150, 3))" in message
    assert week1_refusal(week1_reference((None, 300, 300, 3))) is None  # twice: still graded


def test_a_dense_layer_far_wider_than_the_weeks_is_refused_though_it_lies_in_build_config():
    # the attack: Dense(40000) after a 67,500-wide Flatten, about 2.7 G weights
    wide = layer("Dense", units=40000)
    wide["build_config"] = {"input_shape": [None, 1]}  # Keras builds from the real shape
    document = sequential([None, 150, 150, 3], layer("Flatten"), wide, layer("Dense", units=1))
    size = estimate_model_size(document)
    assert size.parameters == 67_500 * 40_000 + 40_000 + 40_001
    message = week1_refusal(document)
    assert "at most 100,000,000 parameters" in message and "2,700,080,001" in message


def test_grey_weeks_and_their_bounds():
    document = sequential([None, 28, 28, 1], layer("Flatten"), layer("Dense", units=26))
    size = estimate_model_size(document)
    assert refusal(size, image_size=WEEK4.image_size, channels=WEEK4.channels,
                   max_parameters=WEEK4.max_parameters) is None
    huge = sequential([None, 28, 28, 1], layer("Flatten"), layer("Dense", units=50_000))
    assert refusal(estimate_model_size(huge), image_size=WEEK4.image_size,
                   channels=WEEK4.channels, max_parameters=WEEK4.max_parameters)


def test_unknown_layers_leave_the_count_to_the_memory_cap():
    document = sequential([None, 150, 150, 3], layer("SomeCustomLayer"), layer("Flatten"),
                          layer("Dense", units=10))
    size = estimate_model_size(document)
    assert size.unknown_layers == ("Dense", "Flatten", "SomeCustomLayer")
    assert size.parameters == 0


def test_a_config_bomb_is_not_read(tmp_path):
    path = tmp_path / "bomb.keras"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", " " * (MAX_CONFIG_BYTES + 1))
    assert path.stat().st_size < 100_000
    with pytest.raises(ValueError, match="config.json holds"):
        read_config(path)
    with pytest.raises(ValueError, match="not a readable .keras"):
        read_config(keras_file(tmp_path / "none.keras", {}).with_name("missing.keras"))


def test_a_functional_model_with_branches_matches_keras(tmp_path):
    from autograder.evaluation._tensorflow import import_keras

    keras = import_keras()
    layers = keras.layers
    inputs = keras.Input((150, 150, 3))
    a = layers.Conv2D(8, 3, padding="same", use_bias=False)(inputs)
    a = layers.BatchNormalization(scale=False)(a)
    b = layers.MaxPooling2D(3, strides=1, padding="same")(inputs)
    b = layers.SeparableConv2D(6, 3, padding="same")(b)
    x = layers.Concatenate()([a, b])
    x = layers.DepthwiseConv2D(3, strides=2)(x)
    x = layers.AveragePooling2D(2)(layers.ZeroPadding2D(1)(x))
    head = keras.Sequential([layers.Flatten(), layers.Dense(7)], name="head")
    model = keras.Model(inputs, layers.Add()([head(x), layers.Dense(7)(layers.GlobalMaxPooling2D()(x))]))
    model.save(tmp_path / "model.keras")
    size = estimate_model_size(read_config(tmp_path / "model.keras"))
    assert (size.input_shape, size.parameters, size.unknown_layers) == (
        (150, 150, 3), model.count_params(), ())


def week3_model(units: int) -> dict:
    """Week 3's course model with a Dense(`units`) head, as its ``.keras`` config."""
    import keras
    import tensorflow as tf

    base = tf.keras.applications.InceptionV3(include_top=False, weights=None,
                                             input_shape=(150, 150, 3))
    x = tf.keras.layers.Flatten()(base.get_layer("mixed7").output)
    x = tf.keras.layers.Dropout(0.2)(tf.keras.layers.Dense(units, activation="relu")(x))
    model = tf.keras.Model(base.input, tf.keras.layers.Dense(1, activation="sigmoid")(x))
    return json.loads(json.dumps(keras.saving.serialize_keras_object(model)))


def test_week3_bound_keeps_its_models_under_the_checking_processs_cap():
    """Week 3's max_parameters lets through only what the capped checking process can score:
    the course's model (1.98 GiB there) and one of twice its weights (2,400 units: 99.3 M,
    3.24 GiB); not one of four times (4,800 units: 190 M went past 4 GiB, bench/README.md)."""
    from autograder.weeks.c2w3.rules import RULES as WEEK3, TOTAL_PARAMS

    def week3_refusal(document):
        return refusal(estimate_model_size(document), image_size=WEEK3.image_size,
                       channels=WEEK3.channels, max_parameters=WEEK3.max_parameters)

    course = week3_model(1024)
    assert estimate_model_size(course).parameters == TOTAL_PARAMS
    assert week3_refusal(course) is None
    assert week3_refusal(week3_model(2400)) is None
    assert "expected a model of at most 100,000,000 parameters" in week3_refusal(week3_model(4800))
