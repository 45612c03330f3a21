"""Week 2: augmentation found wherever it sits, and measured on the loaded model."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autograder.artifacts.model_config import read_model_summary
from autograder.weeks.c2w2.augmentation import behaviour, random_layers, rescalings

SHAPE = (120, 120, 3)


def _augmentation():
    return keras.Sequential([keras.layers.RandomFlip("horizontal"),
                             keras.layers.RandomRotation(0.2),
                             keras.layers.RandomTranslation(0.2, 0.2),
                             keras.layers.RandomZoom(0.2)], name="augmentation")


def _head():
    return [keras.layers.Rescaling(1 / 255), keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.MaxPooling2D(), keras.layers.Flatten(),
            keras.layers.Dense(1, activation="sigmoid")]


def _nested():
    return keras.Sequential([keras.Input(SHAPE), _augmentation(), *_head()])


def _flat():
    return keras.Sequential([keras.Input(SHAPE), keras.layers.RandomFlip("horizontal"),
                             keras.layers.RandomRotation(0.2), *_head()])


def _functional():
    inputs = keras.Input(SHAPE)
    x = _augmentation()(inputs)
    for layer in _head():
        x = layer(x)
    return keras.Model(inputs, x)


def _plain():
    return keras.Sequential([keras.Input(SHAPE), *_head()])


def _saved(model, tmp_path):
    path = tmp_path / "m.keras"
    model.save(path)
    return read_model_summary(path), keras.models.load_model(path, compile=False, safe_mode=True)


@pytest.fixture(scope="module")
def image():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, SHAPE).astype("float32")


@pytest.mark.parametrize("build, count", [(_nested, 4), (_flat, 2), (_functional, 4)])
def test_random_layers_are_found_wherever_they_sit_and_augment_only_in_training(
        build, count, tmp_path, image):
    summary, loaded = _saved(build(), tmp_path)
    assert len(random_layers(summary)) == count and len(rescalings(summary)) == 1
    measured = behaviour(loaded, image)
    assert measured.varies_in_training and measured.identity_in_inference


def test_a_model_without_random_layers_has_no_augmenting_part(tmp_path, image):
    summary, loaded = _saved(_plain(), tmp_path)
    assert random_layers(summary) == () and behaviour(loaded, image) is None


def test_random_layers_that_do_nothing_are_measured_as_such(tmp_path, image):
    """Factors of 0 make 'random' layers that never change an image: no augmentation."""
    idle = keras.Sequential([keras.Input(SHAPE), keras.layers.RandomRotation(0.0),
                             keras.layers.RandomZoom(0.0), *_head()])
    summary, loaded = _saved(idle, tmp_path)
    assert len(random_layers(summary)) == 2
    assert not behaviour(loaded, image).varies_in_training


def test_a_legacy_generators_random_transformations_are_described(tmp_path):
    """The older course's way: ImageDataGenerator(rotation_range=40, …) with
    flow_from_directory; its validation generator only rescales."""
    import tensorflow as tf
    from PIL import Image

    from autograder.kernel.datasets import describe_dataset
    from autograder.artifacts.schema import invalid_reason

    for name in ("Cat", "Dog"):
        (tmp_path / name).mkdir()
        Image.new("RGB", (30, 30), (200, 10, 10)).save(tmp_path / name / "0.jpg")
    make = tf.keras.preprocessing.image.ImageDataGenerator
    augmenting = make(rescale=1 / 255, rotation_range=40, width_shift_range=0.2,
                      height_shift_range=0.2, shear_range=0.2, zoom_range=0.2,
                      horizontal_flip=True, fill_mode="nearest")
    options = dict(target_size=(120, 120), batch_size=2, class_mode="binary")
    train = describe_dataset(augmenting.flow_from_directory(tmp_path, **options), "training")
    validation = describe_dataset(make(rescale=1 / 255).flow_from_directory(tmp_path, **options),
                                  "validation")
    assert train["augmentation"] == {
        "rotation_range": 40, "width_shift_range": 0.2, "height_shift_range": 0.2,
        "shear_range": 0.2, "zoom_range": [0.8, 1.2], "horizontal_flip": True}
    assert validation["augmentation"] == {} and validation["rescale"] == pytest.approx(1 / 255)
    entry = {"ok": True, "train": train, "validation": validation}
    assert invalid_reason("datasets", entry) is None
