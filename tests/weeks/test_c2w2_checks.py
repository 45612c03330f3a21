"""Week 2's augmentation checks: each wrong way loses its check, each valid way keeps them."""

from __future__ import annotations

import keras
import pytest

from autograder.artifacts.load import Artifacts
from autograder.checks import run_checks
from autograder.config import load_settings
from autograder.weeks.c2w2 import checks

CHECKS = (checks.augmentation_model_is_random, checks.augmentation_model_does_not_rescale,
          checks.model_uses_augmentation, checks.model_rescales_once,
          checks.augmentation_only_while_training, checks.validation_not_augmented)
SHAPE = (120, 120, 3)


def augmentation(*extra, factor=0.2):
    return keras.Sequential([keras.Input(SHAPE), keras.layers.RandomFlip("horizontal"),
                             keras.layers.RandomRotation(factor),
                             keras.layers.RandomTranslation(factor, factor),
                             keras.layers.RandomZoom(factor), *extra], name="augmentation")


def idle():
    """'Random' layers whose factors of 0 never change an image."""
    return keras.Sequential([keras.Input(SHAPE), keras.layers.RandomRotation(0.0),
                             keras.layers.RandomZoom(0.0)], name="idle")


def head(rescale=True):
    return [*([keras.layers.Rescaling(1 / 255)] if rescale else []),
            keras.layers.Conv2D(4, 3, activation="relu"), keras.layers.MaxPooling2D(),
            keras.layers.Flatten(), keras.layers.Dense(1, activation="sigmoid")]


def model(*parts):
    built = keras.Sequential([keras.Input(SHAPE), *parts])
    built.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return built


def tf_data():
    return {"kind": "tf.data", "rescale": None}


def generator(**augmentation):
    return {"kind": "directory_iterator", "rescale": 1 / 255, "augmentation": augmentation}


LEGACY = dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
              shear_range=0.2, zoom_range=[0.8, 1.2], horizontal_flip=True)


def _failed(tmp_path, augmentation_model, created, train=None, validation=None,
            **more_facts) -> set[str]:
    """Ids of the augmentation checks that fail on these models and dataset facts."""
    augmentation_model.save(tmp_path / "augmentation_model.keras")
    created.save(tmp_path / "created_model.keras")
    facts = {"augmentation_model": {"ok": True, "file": "augmentation_model.keras"},
             "created_model": {"ok": True, "file": "created_model.keras"},
             "datasets": {"ok": True, "train": train or tf_data(),
                          "validation": validation or tf_data()}, **more_facts}
    artifacts = Artifacts(folder=tmp_path, facts=facts, data=None,
                          settings=load_settings(env={}, cwd=tmp_path))
    results = run_checks(CHECKS, artifacts)
    assert not [r for r in results if r.status == "grader_error"], results
    return {r.check_id for r in results if not r.passed}


def test_the_reference_way_passes(tmp_path):
    assert _failed(tmp_path, augmentation(), model(augmentation(), *head())) == set()


def test_the_legacy_generator_way_passes(tmp_path):
    plain = keras.Sequential([keras.Input(SHAPE), keras.layers.RandomFlip("horizontal")])
    assert _failed(tmp_path, plain, model(*head(rescale=False)), train=generator(**LEGACY),
                   validation=generator()) == set()


def test_random_layers_in_the_model_itself_pass(tmp_path):
    flat = model(keras.layers.RandomFlip("horizontal"), keras.layers.RandomRotation(0.2), *head())
    assert _failed(tmp_path, augmentation(), flat) == set()


@pytest.mark.parametrize("name, parts, expected", [
    ("augmentation-defined-but-not-used", lambda: (augmentation(), model(*head())),
     {"model_uses_augmentation", "augmentation_only_while_training"}),
    ("rescaling-inside-augmentation",
     lambda: (augmentation(keras.layers.Rescaling(1 / 255)),
              model(augmentation(keras.layers.Rescaling(1 / 255)), *head(rescale=False))),
     {"augmentation_model_is_random", "augmentation_model_does_not_rescale"}),
    ("rescaling-twice",
     lambda: (augmentation(), model(keras.layers.Rescaling(1 / 255), augmentation(), *head())),
     {"model_rescales_once"}),
    ("no-random-layer-at-all",
     lambda: (keras.Sequential([keras.Input(SHAPE), keras.layers.Resizing(120, 120)]),
              model(*head())),
     {"augmentation_model_is_random", "model_uses_augmentation",
      "augmentation_only_while_training"}),
    ("random-layers-that-do-nothing",
     lambda: (idle(), model(idle(), *head())),
     {"augmentation_only_while_training"}),
])
def test_each_mistake_loses_exactly_its_checks(tmp_path, name, parts, expected):
    augmentation_model, created = parts()
    assert _failed(tmp_path, augmentation_model, created) == expected, name


def test_augmenting_the_validation_generator_loses_its_check(tmp_path):
    assert _failed(tmp_path, augmentation(), model(*head(rescale=False)),
                   train=generator(**LEGACY), validation=generator(**LEGACY)) == {
        "validation_not_augmented"}


def test_a_generator_that_rescales_and_a_rescaling_layer_rescale_twice(tmp_path):
    assert _failed(tmp_path, augmentation(), model(augmentation(), *head()),
                   train=generator(), validation=generator()) == {"model_rescales_once"}


@pytest.mark.parametrize("train, validation, passes", [
    (0.77, 0.80, True),   # the reference: augmented training scores less on plain images
    (0.99, 0.80, False),  # memorised its training images
    (0.90, 0.80, True),   # exactly 10 points
])
def test_overfitting_is_measured_on_the_saved_model(tmp_path, train, validation, passes):
    """The grader's own measurement decides, not the history: its training accuracy was
    measured on augmented images (here it claims the opposite of what the model does)."""
    from autograder.artifacts.load import GradingData
    from autograder.evaluation import SplitScores

    facts = {"history": {"ok": True, "history": {"accuracy": [0.5, 0.8],
                                                 "val_accuracy": [0.5, 0.99]}}}
    data = GradingData(student_manifest=None, student_images_dir=tmp_path, heldout_dir=None)
    artifacts = Artifacts(folder=tmp_path, facts=facts, data=data, settings=None)
    artifacts._cache["split_accuracy"] = SplitScores(train, validation, 1000, 300)
    (result,) = run_checks((checks.training_does_not_overfit,), artifacts)
    assert result.passed == passes, result.feedback


def test_nothing_exported_passes_nothing(tmp_path):
    artifacts = Artifacts(folder=tmp_path, facts={}, data=None,
                          settings=load_settings(env={}, cwd=tmp_path))
    results = run_checks((*CHECKS, checks.training_does_not_overfit), artifacts)
    assert not [r for r in results if r.passed], results
