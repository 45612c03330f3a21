"""The older edition's Keras 2 idioms in a Keras 3 kernel: given back only to notebooks
graded as an edition written for Keras 2, as Keras 2 meant them. Run in a fresh Python each
time: the idioms change Keras' classes for the whole process."""

from __future__ import annotations

import json
import subprocess
import sys

from autograder.assignments import get_assignment
from autograder.pipeline import prelude_code
from tests.conftest import ROOT

_USE = """
import json, numpy as np, keras
from tensorflow.keras.optimizers import RMSprop
{install}
found = {{}}
try:
    found["lr"] = float(RMSprop(lr=1e-4).learning_rate)
except ValueError as error:
    found["lr"] = str(error)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="mixed7"),
                          keras.layers.Dense(1)])
try:
    found["output_shape"] = list(model.get_layer("mixed7").output_shape)
except AttributeError as error:
    found["output_shape"] = str(error)
model.compile(optimizer=keras.optimizers.Adam(lr=0.01) if {installed} else "adam", loss="mse")
batches = ((np.ones((2, 4)), np.ones((2, 1))) for _ in range(10))
try:
    found["fit_generator"] = len(model.fit_generator(batches, steps_per_epoch=2, epochs=2,
                                                     verbose=0).history["loss"])
    found["adam_lr"] = float(model.optimizer.learning_rate)
except AttributeError as error:
    found["fit_generator"] = str(error)
found["rate_unchanged"] = float(RMSprop(learning_rate=0.002).learning_rate)
print(json.dumps(found))
"""


def _run(install: bool) -> dict:
    code = _USE.format(install="from autograder.kernel.keras2_idioms import install\n"
                               "install(); install()" if install else "", installed=install)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={"TF_CPP_MIN_LOG_LEVEL": "3",
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_keras_3_alone_refuses_the_older_editions_idioms():
    found = _run(install=False)
    assert "not recognized" in found["lr"]
    assert "output_shape" in found["output_shape"]
    assert "fit_generator" in found["fit_generator"]


def test_given_back_they_mean_what_keras_2_meant():
    found = _run(install=True)
    assert abs(found["lr"] - 1e-4) < 1e-9 and abs(found["adam_lr"] - 0.01) < 1e-8  # float32
    assert found["output_shape"] == [None, 3]
    assert found["fit_generator"] == 2  # trained through fit: two epochs
    assert abs(found["rate_unchanged"] - 0.002) < 1e-9


def test_only_the_older_editions_get_them():
    assert [get_assignment(name).edition.legacy_keras
            for name in ("C2W1_colab", "C2W2_colab", "C2W3_colab")] == [True] * 3
    assert not any(get_assignment(name).edition.legacy_keras
                   for name in ("C2W1", "C2W2", "C2W3", "C2W4"))
    assert "keras2_idioms" in prelude_code(1, legacy_keras=True)
    assert "keras2_idioms" not in prelude_code(1)
