"""The grader's traced inference gives what an eager call gives, once traced per model."""

import numpy as np
import pytest

from autograder.evaluation._tensorflow import import_keras
from autograder.evaluation.heldout import inference


def _cnn():
    keras = import_keras()
    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input((24, 24, 3)), keras.layers.Rescaling(1 / 255),
                             keras.layers.RandomFlip(), keras.layers.Conv2D(4, 3),
                             keras.layers.Flatten(), keras.layers.Dense(2, "softmax")])


def test_traced_inference_matches_eager_calls_for_every_batch_size():
    model = _cnn()
    run = inference(model)
    assert inference(model) is run  # traced once per model, reused for the next folder
    for batch in (5, 3, 5):
        images = np.random.default_rng(batch).uniform(0, 255, (batch, 24, 24, 3)).astype("f4")
        np.testing.assert_allclose(run(images), np.asarray(model(images, training=False)),
                                   rtol=1e-5, atol=1e-6)


class _EagerOnly:
    """A model whose call reads a tensor's value, which a traced graph cannot."""

    def __init__(self):
        self.calls = 0

    def __call__(self, images, training=False):
        self.calls += 1
        return np.asarray(images).sum(axis=(1, 2, 3), keepdims=False)[:, None] * 0 + 0.75


def test_a_model_the_graph_cannot_run_is_called_eagerly_and_traced_only_once():
    images = np.ones((2, 4, 4, 3), dtype="float32")
    model = _EagerOnly()
    run = inference(model)
    for _ in range(3):
        np.testing.assert_allclose(run(images), [[0.75], [0.75]])
    assert model.calls == 1 + 3  # one failed trace, then eager calls only


def test_a_model_that_fails_raises_its_own_error():
    class Broken:
        def __call__(self, images, training=False):
            raise ValueError("input 0 of layer conv2d is incompatible")

    with pytest.raises(ValueError, match="incompatible"):
        inference(Broken())(np.ones((1, 4, 4, 3), dtype="float32"))


def test_the_traced_function_lives_and_dies_with_its_model():
    import gc
    import weakref

    model = _cnn()
    inference(model)(np.zeros((1, 24, 24, 3), dtype="float32"))
    alive = weakref.ref(model)
    del model
    gc.collect()
    assert alive() is None
