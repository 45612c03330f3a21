"""Checks of the older edition's ``train_val_generators(TRAINING_DIR, VALIDATION_DIR)``.

The kernel describes the two iterators it returns (`autograder.kernel.datasets`); these
read that description: 150×150 RGB images, binary labels of the split's folders (``cats``
0, ``dogs`` 1), and pixels rescaled by 1/255 in both generators (this edition's models
take pixels in 0–1: the grader rescales the images it scores the trained model on by what
the training generator did). Week 1 of this edition asks for no augmentation, so none is
judged.
"""

from __future__ import annotations

from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS, RESCALE, RULES

__all__ = ["generators_image_size", "generators_binary_labels", "generators_rescale"]

_HEIGHT, _WIDTH = RULES.image_size
_FOLDERS = [folder for _, folder in CLASS_FOLDERS]
_CALL = "train_val_generators(TRAINING_DIR, VALIDATION_DIR)"


def _both(artifacts):
    facts = artifacts.get("datasets")
    try:
        return (("training", facts["train"]), ("validation", facts["validation"]))
    except KeyError:  # the schema holds both; a claim that lacks one says nothing
        raise MissingArtifact(f"Expected {_CALL} to return (train_generator, "
                              "validation_generator).") from None


@check("generators_image_size", title=f"train_val_generators() yields {_HEIGHT}×{_WIDTH} RGB "
       "images", points=1, needs=("datasets",), claims=("datasets",))
def generators_image_size(artifacts):
    for name, facts in _both(artifacts):
        shape = list(facts["element_spec"][0]["shape"])
        if shape[1:] != [_HEIGHT, _WIDTH, 3]:
            return failed(expected=f"{name} images of shape (batch, {_HEIGHT}, {_WIDTH}, 3)",
                          found=f"shape {tuple(shape)}",
                          fix=f"pass target_size=({_HEIGHT}, {_WIDTH}) to flow_from_directory "
                              "and keep color_mode='rgb'.")
    return passed()


@check("generators_binary_labels", title="train_val_generators() gives binary labels "
       f"(class_mode='binary') for {' and '.join(_FOLDERS)}", points=1, needs=("datasets",),
       claims=("datasets",))
def generators_binary_labels(artifacts):
    for name, facts in _both(artifacts):
        mode = facts.get("class_mode")
        label_spec = facts["element_spec"][1]
        binary = mode == "binary" if facts["kind"] == "directory_iterator" else (
            list(label_spec["shape"][1:]) == [1])
        if not binary:
            return failed(expected=f"the {name} generator to give one label per image, 0 "
                                   f"({_FOLDERS[0]}) or 1 ({_FOLDERS[1]})",
                          found=f"class_mode={mode!r}" if mode is not None else
                          f"labels of shape {tuple(label_spec['shape'])}",
                          fix="pass class_mode='binary' to flow_from_directory (the model "
                              "ends in one sigmoid unit).")
        if facts["class_names"] and list(facts["class_names"]) != _FOLDERS:
            folder = "TRAINING_DIR" if name == "training" else "VALIDATION_DIR"
            return failed(expected=f"the {name} generator to read the folders {_FOLDERS}",
                          found=f"the classes {list(facts['class_names'])}",
                          fix=f"point it at {folder}, the folder that holds "
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
                          fix="make it with tf.keras.preprocessing.image.ImageDataGenerator("
                              "rescale=1./255), for training and validation alike.")
    return passed()
