"""Checks of the older edition's ``train_val_generators(TRAINING_DIR, VALIDATION_DIR)``.

The kernel describes the two iterators it returns (`autograder.kernel.datasets`); these
read that description: 150×150 RGB pictures with binary labels of the folders ``horses``
(0) and ``humans`` (1); pixels rescaled by 1/255 in both (this edition's models take pixels
in 0–1, and the grader scores the trained model on pictures scaled as its training batch
was); and random augmentation in the training generator only, the older Week 3's lesson
on a small training set.
"""

from __future__ import annotations

from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.weeks.c2w3.colab.rules import RESCALE, RULES

__all__ = ["generators_read_folders", "generators_rescale", "generators_augment_training"]

_HEIGHT, _WIDTH = RULES.image_size
_FOLDERS = list(RULES.class_names)
_CALL = "train_val_generators(TRAINING_DIR, VALIDATION_DIR)"


def _both(artifacts):
    facts = artifacts.get("datasets")
    try:
        return (("training", facts["train"]), ("validation", facts["validation"]))
    except KeyError:  # the schema holds both; a claim that lacks one says nothing
        raise MissingArtifact(f"Expected {_CALL} to return (train_generator, "
                              "validation_generator).") from None


def _binary(facts) -> bool:
    if facts["kind"] == "directory_iterator":
        return facts.get("class_mode") == "binary"
    return list(facts["element_spec"][1]["shape"][1:]) == [1]


@check("generators_read_folders", title=f"train_val_generators() yields {_HEIGHT}×{_WIDTH} "
       f"RGB pictures with binary labels (class_mode='binary') for {' and '.join(_FOLDERS)}",
       points=1, needs=("datasets",), claims=("datasets",))
def generators_read_folders(artifacts):
    for name, facts in _both(artifacts):
        shape = list(facts["element_spec"][0]["shape"])
        if shape[1:] != [_HEIGHT, _WIDTH, 3]:
            return failed(expected=f"{name} pictures of shape (batch, {_HEIGHT}, {_WIDTH}, 3)",
                          found=f"shape {tuple(shape)}",
                          fix=f"pass target_size=({_HEIGHT}, {_WIDTH}) to flow_from_directory "
                              "and keep color_mode='rgb'.")
        if not _binary(facts):
            mode = facts.get("class_mode")
            return failed(expected=f"the {name} generator to give one label per picture, 0 "
                                   f"({_FOLDERS[0]}) or 1 ({_FOLDERS[1]})",
                          found=f"class_mode={mode!r}" if mode is not None else
                          f"labels of shape {tuple(facts['element_spec'][1]['shape'])}",
                          fix="pass class_mode='binary' to flow_from_directory (the model "
                              "ends in one sigmoid unit).")
        if facts["class_names"] and list(facts["class_names"]) != _FOLDERS:
            argument = "TRAINING_DIR" if name == "training" else "VALIDATION_DIR"
            return failed(expected=f"the {name} generator to read the folders {_FOLDERS}",
                          found=f"the classes {list(facts['class_names'])}",
                          fix=f"point it at {argument}, the folder that holds "
                              f"{'/ and '.join(_FOLDERS)}/.")
    return passed()


@check("generators_rescale", title="Both generators rescale pixels by 1/255", points=1,
       needs=("datasets",), claims=("datasets",))
def generators_rescale(artifacts):
    for name, facts in _both(artifacts):
        rescale = facts.get("rescale")
        if rescale is None or abs(float(rescale) - RESCALE) > 1e-6:
            return failed(expected=f"the {name} generator to multiply pixels by 1/255",
                          found="no rescaling" if rescale is None else f"rescale={rescale:g}",
                          fix="make it with ImageDataGenerator(rescale=1./255), for training "
                              "and validation alike.")
    return passed()


@check("generators_augment_training", title="The training generator augments its pictures "
       "at random (rotation, shifts, shear, zoom or flips) and the validation generator does "
       "not", points=1, needs=("datasets",), claims=("datasets",))
def generators_augment_training(artifacts):
    (_, train), (_, validation) = _both(artifacts)
    if train["kind"] != "directory_iterator":
        return failed(expected="a training generator from ImageDataGenerator(...)."
                               "flow_from_directory with random transformations",
                      found=f"a {train['kind']} dataset",
                      fix="make the training generator with ImageDataGenerator(rescale=1./255, "
                          "rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, "
                          "shear_range=0.2, zoom_range=0.2, horizontal_flip=True).")
    if not train.get("augmentation"):
        return failed(expected="the training generator to change its pictures at random, so "
                               "that the model sees more than the few hundred there are",
                      found="ImageDataGenerator with no random transformation",
                      fix="give the training ImageDataGenerator the course's augmentation: "
                          "rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, "
                          "shear_range=0.2, zoom_range=0.2, horizontal_flip=True.")
    if validation.get("augmentation"):
        found = ", ".join(f"{k}={v}" for k, v in sorted(validation["augmentation"].items()))
        return failed(expected="the validation pictures as they are (only rescaled), so that "
                               "validation accuracy measures the pictures themselves",
                      found=f"a validation generator with {found}",
                      fix="make the validation generator with ImageDataGenerator(rescale=1./255) "
                          "and nothing else.")
    return passed(", ".join(sorted(train["augmentation"])))
