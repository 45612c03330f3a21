"""Week 3's InceptionV3 weights: Keras' ImageNet file when the course has it, a stand-in
pretrained offline otherwise.

The course loads ``inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5`` from a local
file into ``InceptionV3(include_top=False)``. That file cannot be downloaded here, and a
frozen *random* InceptionV3 teaches a head nothing, so `standin_weights` makes a file in the
same legacy HDF5 layout, with the same layer names, by pretraining InceptionV3 (up to
``mixed7``, the course's cut) on a separate synthetic source task: telling eight kinds of
glyphs apart (`autograder.weeks.c2w3.figures.GLYPHS`), at 75×75 (the convolutions' weights
do not depend on the input size). The batch-normalisation statistics are then measured at
the course's 150×150. Everything is seeded and made with nothing that depends on the CPU
(`autograder.weeks.c2w3.pretrain`): every machine makes the same file, whose SHA-256 is
recorded in `STANDIN_SHA256`. The file is cached (`default_cache`), keyed by its recipe and
seed, so it is made once per machine.

A course with the real file names it with ``AUTOGRADER_C2W3_WEIGHTS`` (a path); that file
wins whenever it exists.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from autograder.weeks.c2w3.pretrain import DETERMINISTIC_ENV

__all__ = ["WEIGHTS_FILE", "WEIGHTS_ENV", "RECIPE", "STANDIN_SHA256", "provide_weights",
           "standin_weights", "write_legacy_h5", "file_sha256", "default_cache"]

WEIGHTS_FILE = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"
"""The file's name, as Keras publishes it and the course loads it."""
WEIGHTS_ENV = "AUTOGRADER_C2W3_WEIGHTS"
"""Variable naming a local copy of Keras' real file."""
RECIPE = {"version": 4, "pretrain_size": 75, "steps": 240, "batch": 32, "learning_rate": 1e-3,
          "calibration_size": 150, "calibration_images": 96, "mixed7_threshold": 1.0}
"""What the stand-in is made from; a change makes a new cached file. Version 4: made in a
process with TensorFlow's CPU-specific kernels off and one thread (`pretrain`), the same file
on every CPU."""
STANDIN_SHA256: dict[tuple[str, int], str] = {
    ("recipe-4", 42): "e71eb0febd6a4a6689a97cd82ed93932c95f73a89a73649a08beb85ef23384ce",
}
"""SHA-256 of the stand-in file for (recipe version, seed), as made on an AMD EPYC; a file
made elsewhere is compared with it (`standin_weights` warns on a difference, and
``tests/data/test_c2w3_standin_weights.py`` regenerates a small recipe's file and compares)."""


def _recorded_key(recipe: dict, seed: int) -> tuple[str, int]:
    return (f"recipe-{recipe.get('version')}", seed) if recipe == RECIPE else ("", seed)


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


def standin_weights(path: Path, *, seed: int = 42, recipe: dict | None = None) -> dict:
    """Pretrains the stand-in InceptionV3 and writes its weights file to `path`.

    The training runs in a Python process of its own with TensorFlow's CPU-specific kernels
    off and one thread (`autograder.weeks.c2w3.pretrain`), so that the file is the same
    bytes on every machine: `STANDIN_SHA256` records it.

    Args:
        path: the ``.h5`` file to write.
        seed: fixes the weights.
        recipe: what to make (default `RECIPE`; tests make a small one).

    Returns:
        What was made: the recipe, the seed, the file's SHA-256, whether it is the recorded
        one, and how long it took.

    Raises:
        RuntimeError: when the pretraining process fails (its last output is in the message).
    """
    recipe = dict(RECIPE if recipe is None else recipe)
    started = time.monotonic()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(path).with_suffix(".tmp.h5")
    package_root = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, **DETERMINISTIC_ENV,
           "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                       os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "autograder.weeks.c2w3.pretrain", str(temporary),
         "--seed", str(seed), "--recipe", json.dumps(recipe, sort_keys=True)],
        env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the stand-in weights could not be made (exit {done.returncode}): "
                           f"{(done.stderr or done.stdout)[-2000:]}")
    os.replace(temporary, path)
    digest = file_sha256(path)
    recorded = STANDIN_SHA256.get(_recorded_key(recipe, seed))
    if recorded is not None and recorded != digest:
        warnings.warn(f"the stand-in InceptionV3 weights made here (sha256 {digest}) differ "
                      f"from the recorded file ({recorded}): Week 3's verdicts on this machine "
                      "may differ from those measured elsewhere", stacklevel=2)
    return {"origin": "standin", "recipe": recipe, "seed": seed, "sha256": digest,
            "recorded_sha256": recorded, "seconds": round(time.monotonic() - started, 1)}


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
