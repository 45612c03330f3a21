"""Saving the model the notebook trained: its weights and compile settings, not the optimizer's
state."""

from __future__ import annotations

import json
import zipfile

import numpy as np

from autograder.kernel.exporters import export_trained_model


def test_trained_model_is_saved_without_the_optimizers_variables(tmp_path):
    import keras

    from autograder.kernel import fit_record

    fit_record.install()  # as the grader's prelude does in the kernel (once per process)
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(500, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.RMSprop(1e-5), "binary_crossentropy", metrics=["accuracy"])
    history = model.fit(np.random.rand(64, 20), np.random.randint(0, 2, 64), epochs=1,
                        verbose=0)
    model.save(tmp_path / "with_optimizer.keras")

    made = export_trained_model({"history": history}, tmp_path, file="trained.keras")

    assert made == {"file": "trained.keras", "source": "history.model", "fit_finished": True}
    saved = tmp_path / "trained.keras"
    # RMSprop keeps one slot per trainable weight: the file is about half as large
    assert saved.stat().st_size < 0.6 * (tmp_path / "with_optimizer.keras").stat().st_size
    with zipfile.ZipFile(saved) as archive:
        compiled = json.loads(archive.read("config.json"))["compile_config"]
    assert compiled["optimizer"]["config"]["learning_rate"] == np.float32(1e-5)
    loaded = keras.models.load_model(saved, compile=False, safe_mode=True)
    probe = np.ones((3, 20), "float32")
    np.testing.assert_allclose(loaded.predict(probe, verbose=0), model.predict(probe, verbose=0),
                               rtol=1e-6)
    # the student's model is as it was: it keeps its optimizer and trains on
    assert model.optimizer is not None and int(model.optimizer.iterations.numpy()) == 2
    model.fit(np.random.rand(32, 20), np.random.randint(0, 2, 32), epochs=1, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == 3
