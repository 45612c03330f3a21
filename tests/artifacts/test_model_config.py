"""Reading architecture and compile settings from .keras files, without TensorFlow code."""

from __future__ import annotations

import zipfile

import keras
import pytest

from autograder.artifacts.model_config import describe_layer, read_model_summary


def test_nested_models_are_flattened_and_compile_config_kept(tmp_path):
    augment = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.RandomFlip()])
    model = keras.Sequential([keras.Input((32, 32, 3)), augment, keras.layers.Rescaling(1 / 255),
                              keras.layers.Conv2D(2, 3), keras.layers.Flatten(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="binary_crossentropy", metrics=["accuracy"])
    model.save(tmp_path / "m.keras")
    summary = read_model_summary(tmp_path / "m.keras")
    assert summary.input_shape == (None, 32, 32, 3)
    assert [l.class_name for l in summary.layers] == [
        "RandomFlip", "Rescaling", "Conv2D", "Flatten", "Dense"]
    assert summary.compile_config["loss"] == "binary_crossentropy"
    assert describe_layer(summary.layers[-1]) == "Dense(1, activation='sigmoid')"


def test_lambda_layers_are_read_without_running_them(tmp_path):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Lambda(lambda x: x * 2)])
    model.save(tmp_path / "m.keras")
    assert read_model_summary(tmp_path / "m.keras").layers[0].class_name == "Lambda"


def test_unreadable_file_raises_value_error(tmp_path):
    (tmp_path / "bad.keras").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a readable .keras file"):
        read_model_summary(tmp_path / "bad.keras")
    with zipfile.ZipFile(tmp_path / "empty.keras", "w"):
        pass
    with pytest.raises(ValueError):
        read_model_summary(tmp_path / "empty.keras")


def test_nesting_and_frozen_layers_are_kept(tmp_path):
    augment = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.RandomFlip()],
                               name="augmentation")
    base = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(2, 3),
                             keras.layers.Conv2D(2, 3, name="unfrozen")], name="base")
    base.trainable = False
    head = keras.layers.Dense(1, activation="sigmoid", name="head")
    head.trainable = True
    model = keras.Sequential([keras.Input((32, 32, 3)), augment, base, keras.layers.Flatten(),
                              head])
    model.save(tmp_path / "m.keras")
    summary = read_model_summary(tmp_path / "m.keras")
    assert [(l.class_name, l.path, l.trainable) for l in summary.layers] == [
        ("RandomFlip", ("augmentation",), True), ("Conv2D", ("base",), False),
        ("Conv2D", ("base",), False), ("Flatten", (), True), ("Dense", (), True)]
    assert [l.class_name for l in summary.nested(("augmentation",))] == ["RandomFlip"]
