"""Pretrains the stand-in InceptionV3 and writes its weights file, the same bytes on every CPU.

Run in a process of its own by `autograder.weeks.c2w3.weights.standin_weights`::

    python -m autograder.weeks.c2w3.pretrain OUT.h5 --seed 42 --recipe '{"steps": 240, ...}'

A training of 240 steps amplifies any difference in the last bit of a sum into different
weights, and TensorFlow's default CPU kernels (oneDNN) choose their code, and so the order of
their sums, by the CPU they find: the file made on an AMD EPYC and on an Intel Xeon differed,
and so did Week 3's verdicts. This process therefore runs TensorFlow with nothing that
depends on the machine (`DETERMINISTIC_ENV`): oneDNN off (Eigen's kernels, compiled into the
package for one instruction set whatever the CPU), one thread (Eigen splits its sums by the
thread count), no GPU, op determinism on, no XLA (which compiles for the host CPU). The
pictures are drawn with NumPy and Pillow from seeded generators, and the weights initialised
by Keras' stateless seeded random numbers, neither of which depends on the CPU. The file's
SHA-256 is recorded in `autograder.weeks.c2w3.weights.STANDIN_SHA256`.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np

__all__ = ["DETERMINISTIC_ENV", "make", "main"]

DETERMINISTIC_ENV = {
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "TF_DETERMINISTIC_OPS": "1",
    "TF_XLA_FLAGS": "--tf_xla_auto_jit=0",
    "CUDA_VISIBLE_DEVICES": "-1",
    "KERAS_BACKEND": "tensorflow",
    "PYTHONHASHSEED": "0",
}
"""The environment the pretraining process runs in (set before TensorFlow is imported)."""


def _glyph_batch(rng, size: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    from autograder.weeks.c2w3.figures import GLYPHS, draw_glyph

    labels = rng.integers(0, len(GLYPHS), count)
    images = np.stack([np.asarray(draw_glyph(rng, int(label), size), dtype="float32")
                       for label in labels])
    return images / np.float32(127.5) - np.float32(1.0), labels  # InceptionV3's preprocessing


def _pretrain(seed: int, recipe: dict):
    """Trains InceptionV3 up to mixed7 on the glyphs; returns the whole base (notop)."""
    import keras

    from autograder.weeks.c2w3.figures import GLYPHS

    keras.utils.set_random_seed(seed)
    size = recipe["pretrain_size"]
    base = keras.applications.InceptionV3(include_top=False, weights=None,
                                          input_shape=(size, size, 3))
    features = keras.layers.GlobalAveragePooling2D()(base.get_layer("mixed7").output)
    head = keras.layers.Dense(len(GLYPHS), activation="softmax")(features)
    model = keras.Model(base.input, head)
    model.compile(keras.optimizers.Adam(recipe["learning_rate"]),
                  "sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=False)
    rng = np.random.default_rng([seed, 3])
    for _ in range(recipe["steps"]):
        images, labels = _glyph_batch(rng, size, recipe["batch"])
        model.train_on_batch(images, labels)
    return base


def sparsen_cut(base, threshold: float) -> None:
    """Lowers by `threshold` the offset (beta) of the batch normalisations whose ReLUs make
    up ``mixed7``: each feature becomes ``max(feature - threshold, 0)``. An ImageNet network's
    features are sparse, a few strong responses per picture; the glyph pretraining's were
    dense (half of them on, mean 0.37), and a head trained at RMSprop's 1e-5 on 37,632 dense
    features swung from epoch to epoch (validation accuracy between 0.82 and 0.97 in one
    run), so whether the course's model passed depended on where its last epoch fell."""
    from autograder.weeks.c2w3.anatomy import producers

    for activation in producers(base.get_layer("mixed7")):
        (norm,) = producers(activation)
        norm.beta.assign(norm.beta - threshold)


def _calibrated(base, seed: int, recipe: dict):
    """The same weights in an InceptionV3 at 150×150 whose batch-normalisation statistics
    are measured on glyphs of that size (the pretraining saw 75×75)."""
    import keras

    size = recipe["calibration_size"]
    calibrated = keras.applications.InceptionV3(include_top=False, weights=None,
                                                input_shape=(size, size, 3))
    calibrated.set_weights(base.get_weights())
    sparsen_cut(calibrated, recipe["mixed7_threshold"])
    batch_norms = [layer for layer in calibrated.layers
                   if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in batch_norms:
        layer.momentum = 0.0  # the statistics of this one batch, layer after layer
    images, _ = _glyph_batch(np.random.default_rng([seed, 4]), size,
                             recipe["calibration_images"])
    calibrated(images, training=True)
    return calibrated


def make(path: Path, *, seed: int, recipe: dict) -> None:
    """Pretrains, calibrates and writes the stand-in weights to `path` (legacy HDF5).

    Must run in a process started with `DETERMINISTIC_ENV`; `main` refuses otherwise.
    """
    import tensorflow as tf

    from autograder.weeks.c2w3.weights import write_legacy_h5

    tf.config.experimental.enable_op_determinism()
    base = _calibrated(_pretrain(seed, recipe), seed, recipe)
    write_legacy_h5(base, Path(path))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``OUT --seed N --recipe JSON``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--recipe", required=True, help="the recipe as JSON")
    args = parser.parse_args(argv)
    unset = {k: v for k, v in DETERMINISTIC_ENV.items() if os.environ.get(k) != v}
    if unset:
        parser.error(f"run with the deterministic environment; these differ: {sorted(unset)}")
    make(args.out, seed=args.seed, recipe=json.loads(args.recipe))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
