"""Week 3's InceptionV3 weights: Keras' ImageNet file when the course has it, a stand-in
pretrained offline otherwise.

The course loads ``inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5`` from a local
file into ``InceptionV3(include_top=False)``. That file cannot be downloaded here, and a
frozen *random* InceptionV3 teaches a head nothing, so `standin_weights` makes a file in the
same legacy HDF5 layout, with the same layer names, by pretraining InceptionV3 (up to
``mixed7``, the course's cut) on a separate synthetic source task: telling eight kinds of
glyphs apart (`autograder.weeks.c2w3.figures.GLYPHS`), at 75×75 (the convolutions' weights
do not depend on the input size). The batch-normalisation statistics are then measured at
the course's 150×150. Everything is seeded: the same machine makes the same file. The file
is cached (`default_cache`), keyed by its recipe and seed, so it is made once per machine.

A course with the real file names it with ``AUTOGRADER_C2W3_WEIGHTS`` (a path); that file
wins whenever it exists.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import numpy as np

__all__ = ["WEIGHTS_FILE", "WEIGHTS_ENV", "RECIPE", "provide_weights", "standin_weights",
           "write_legacy_h5", "file_sha256", "default_cache"]

WEIGHTS_FILE = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"
"""The file's name, as Keras publishes it and the course loads it."""
WEIGHTS_ENV = "AUTOGRADER_C2W3_WEIGHTS"
"""Variable naming a local copy of Keras' real file."""
RECIPE = {"version": 3, "pretrain_size": 75, "steps": 240, "batch": 32, "learning_rate": 1e-3,
          "calibration_size": 150, "calibration_images": 96, "mixed7_threshold": 1.0}
"""What the stand-in is made from; a change makes a new cached file."""



def default_cache() -> Path:
    """Where stand-in weights are kept between courses on one machine:
    ``$XDG_CACHE_HOME/autograder`` (by default ``~/.cache/autograder``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "autograder"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _legacy_names(model) -> list[str]:
    """Keras 2's names of `model`'s layers (``conv2d_1`` …, ``mixed0`` …), as in the real
    file, whatever this session numbered them."""
    counters: dict[str, int] = {}
    names = []
    for layer in model.layers:
        if layer.name.startswith("mixed"):
            names.append(layer.name)
            continue
        prefix = {"InputLayer": "input"}.get(type(layer).__name__,
                                               layer.name.rstrip("0123456789").rstrip("_"))
        counters[prefix] = counters.get(prefix, 0) + 1
        names.append(f"{prefix}_{counters[prefix]}")
    return names


def write_legacy_h5(model, path: Path) -> None:
    """Writes `model`'s weights in Keras' legacy HDF5 weights layout (``layer_names``, one
    group per layer with ``weight_names`` such as ``conv2d_1/kernel:0``), the layout of
    Keras' published file, which ``model.load_weights(path)`` reads by layer order."""
    import h5py

    names = _legacy_names(model)
    with h5py.File(path, "w") as file:
        file.attrs["layer_names"] = [name.encode() for name in names]
        file.attrs["backend"] = b"tensorflow"
        file.attrs["keras_version"] = b"2.1.5"
        for layer, name in zip(model.layers, names):
            group = file.create_group(name)
            weight_names = []
            for variable in layer.weights:
                weight = f"{name}/{variable.name}:0"
                group.create_dataset(weight, data=np.asarray(variable.numpy()))
                weight_names.append(weight.encode())
            group.attrs["weight_names"] = weight_names


def _glyph_batch(rng, size: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    from autograder.weeks.c2w3.figures import GLYPHS, draw_glyph

    labels = rng.integers(0, len(GLYPHS), count)
    images = np.stack([np.asarray(draw_glyph(rng, int(label), size), dtype="float32")
                       for label in labels])
    return images / 127.5 - 1.0, labels  # InceptionV3's own preprocessing


def _pretrain(seed: int):
    """Trains InceptionV3 up to mixed7 on the glyphs; returns the whole base (notop)."""
    import keras

    from autograder.weeks.c2w3.figures import GLYPHS

    keras.utils.set_random_seed(seed)
    size = RECIPE["pretrain_size"]
    base = keras.applications.InceptionV3(include_top=False, weights=None,
                                          input_shape=(size, size, 3))
    features = keras.layers.GlobalAveragePooling2D()(base.get_layer("mixed7").output)
    head = keras.layers.Dense(len(GLYPHS), activation="softmax")(features)
    model = keras.Model(base.input, head)
    model.compile(keras.optimizers.Adam(RECIPE["learning_rate"]),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.default_rng([seed, 3])
    for _ in range(RECIPE["steps"]):
        images, labels = _glyph_batch(rng, size, RECIPE["batch"])
        model.train_on_batch(images, labels)
    return base


def _sparsen_cut(base, threshold: float) -> None:
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


def _calibrated(base, seed: int):
    """The same weights in an InceptionV3 at 150×150 whose batch-normalisation statistics
    are measured on glyphs of that size (the pretraining saw 75×75)."""
    import keras

    size = RECIPE["calibration_size"]
    calibrated = keras.applications.InceptionV3(include_top=False, weights=None,
                                                input_shape=(size, size, 3))
    calibrated.set_weights(base.get_weights())
    _sparsen_cut(calibrated, RECIPE["mixed7_threshold"])
    batch_norms = [layer for layer in calibrated.layers
                   if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in batch_norms:
        layer.momentum = 0.0  # the statistics of this one batch, layer after layer
    images, _ = _glyph_batch(np.random.default_rng([seed, 4]), size,
                             RECIPE["calibration_images"])
    calibrated(images, training=True)
    return calibrated


def standin_weights(path: Path, *, seed: int = 42) -> dict:
    """Pretrains the stand-in InceptionV3 and writes its weights file to `path`.

    Args:
        path: the ``.h5`` file to write.
        seed: fixes the weights (with the machine's TensorFlow).

    Returns:
        What was made: the recipe, the seed, the file's SHA-256 and how long it took.
    """
    import tensorflow as tf

    started = time.monotonic()
    tf.config.experimental.enable_op_determinism()
    base = _calibrated(_pretrain(seed), seed)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(path).with_suffix(".tmp.h5")
    write_legacy_h5(base, temporary)
    os.replace(temporary, path)
    return {"origin": "standin", "recipe": RECIPE, "seed": seed, "sha256": file_sha256(path),
            "seconds": round(time.monotonic() - started, 1)}


def provide_weights(target: Path, *, seed: int = 42, cache_root: Path | None = None,
                    real_file: Path | None = None) -> dict:
    """Puts the course's weights file at `target`: the real file named by
    ``AUTOGRADER_C2W3_WEIGHTS`` (else `real_file`) when it exists, else the stand-in (made
    once, cached in `cache_root`, by default `default_cache()`).

    Returns:
        What the file is (origin, SHA-256; for the stand-in its recipe and seed).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    real = os.environ.get(WEIGHTS_ENV) or real_file
    if real and Path(real).is_file():
        shutil.copyfile(real, target)
        return {"origin": "real", "sha256": file_sha256(target), "source": str(real)}
    cache = Path(cache_root or default_cache()) / "inception-standin"
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(json.dumps([RECIPE, seed], sort_keys=True).encode()).hexdigest()[:16]
    cached, facts_path = cache / f"{key}.h5", cache / f"{key}.json"
    # One maker at a time: a second grader or test worker on this machine waits for the
    # first one's file instead of writing the same temporary file beside it.
    with open(cache / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cached.is_file() and facts_path.is_file()):
            facts = standin_weights(cached, seed=seed)
            temporary = facts_path.with_suffix(".tmp")
            temporary.write_text(json.dumps(facts, indent=1), encoding="utf-8")
            os.replace(temporary, facts_path)
    shutil.copyfile(cached, target)
    return json.loads(facts_path.read_text(encoding="utf-8"))
