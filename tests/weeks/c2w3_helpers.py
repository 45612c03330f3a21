"""Week 3 test data: a quick stand-in weights file (no pretraining) for structural tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from autograder.weeks.c2w3.weights import WEIGHTS_FILE, write_legacy_h5


def write_quick_weights(folder: Path) -> Path:
    """Writes `WEIGHTS_FILE` into `folder`: an InceptionV3 base at 150×150 with weights
    drawn from a fixed generator (in the course file's layout and names, not pretrained),
    so that the weights check can tell them from a fresh initialisation."""
    import keras

    base = keras.applications.InceptionV3(include_top=False, weights=None,
                                          input_shape=(150, 150, 3))
    rng = np.random.default_rng(0)
    base.set_weights([rng.uniform(0.5, 1.0, w.shape).astype("float32")
                      for w in base.get_weights()])
    write_legacy_h5(base, folder / WEIGHTS_FILE)
    keras.backend.clear_session()
    return folder / WEIGHTS_FILE
