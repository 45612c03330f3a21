"""Augmentation in a ``tf.data`` map: recorded at ``fit``, read by the grader from the
pipeline's graph. Real pipelines and a real (one-step) fit: nothing here is a made-up fact."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autograder.artifacts.dataset_graph import read_pipeline_maps
from autograder.kernel.fit_data import export_fit_data
from autograder.kernel.fit_record import install
from autograder.artifacts.schema import invalid_reason
from tests.weeks.test_c2w2_checks import SHAPE, _failed, augmentation, head, model


def _pairs() -> tf.data.Dataset:
    images = np.random.default_rng(0).uniform(0, 255, (4, *SHAPE)).astype("float32")
    return tf.data.Dataset.from_tensor_slices((images, np.array([0.0, 1.0, 0.0, 1.0]))).batch(2)


def _augmented(dataset: tf.data.Dataset) -> tf.data.Dataset:
    augment = augmentation()
    return dataset.map(lambda x, y: (augment(x, training=True), y))


def _rescaled(dataset: tf.data.Dataset) -> tf.data.Dataset:
    return dataset.map(lambda x, y: (x / 255.0, y))


def _failed_after_fit(tmp_path, created, train, validation) -> set[str]:
    install()
    history = created.fit(train, validation_data=validation, epochs=1, verbose=0)
    fit_data = {"ok": True, **export_fit_data({"history": history, "model": created}, tmp_path)}
    assert invalid_reason("fit_data", fit_data) is None
    return _failed(tmp_path, augmentation(), created, fit_data=fit_data)


def test_augmentation_in_a_training_map_keeps_full_marks(tmp_path):
    assert _failed_after_fit(tmp_path, model(*head()), _augmented(_pairs()), _pairs()) == set()


def test_the_reference_way_with_plain_pipelines_keeps_full_marks(tmp_path):
    assert _failed_after_fit(tmp_path, model(augmentation(), *head()), _pairs().cache(),
                             _pairs()) == set()


def test_augmenting_the_validation_map_too_loses_its_check(tmp_path):
    assert _failed_after_fit(tmp_path, model(*head()), _augmented(_pairs()),
                             _augmented(_pairs())) == {"validation_not_augmented"}


def test_a_rescaling_map_and_a_rescaling_layer_rescale_twice(tmp_path):
    assert _failed_after_fit(tmp_path, model(augmentation(), *head()), _rescaled(_pairs()),
                             _rescaled(_pairs())) == {"model_rescales_once"}


def test_a_plain_pipeline_and_no_random_layer_is_no_augmentation(tmp_path):
    assert _failed_after_fit(tmp_path, model(*head()), _pairs(), _pairs()) == {
        "model_uses_augmentation", "augmentation_only_while_training"}


@pytest.mark.parametrize("content", [b"", b"\x00not a graph\xff" * 10])
def test_a_file_that_is_no_graph_is_read_as_no_pipeline(tmp_path, content):
    path = tmp_path / "fit_train.pb"
    path.write_bytes(content)
    try:
        maps = read_pipeline_maps(path)
    except ValueError:
        return
    assert maps.random_ops == () and not maps.rescales


def test_fit_is_recorded_once_however_often_the_prelude_runs():
    install()
    install()
    assert keras.Model.fit.__wrapped__.__name__ == "fit"
    assert not getattr(keras.Model.fit.__wrapped__, "_autograder_records", False)
