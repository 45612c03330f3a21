"""The older edition's augmentation lesson: the training generator augments, validation does
not, and the model it trained shows it.

The kernel describes each ``ImageDataGenerator`` it returned or gave ``fit`` by its settings
(`autograder.kernel.datasets`): a claim. What decides is produced by the grader itself,
outside the kernel: it applies the claimed transformations to a test picture of its own
(`generators_augment_training`: they must change it), measures the saved model on the
student's training and validation pictures (`training_does_not_overfit`) and on held-out
animals posed as augmentation poses them (the held-out check): a model that never saw an
augmented picture memorises the students' one pose and misses both.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.weeks.c2w2.colab.rules import AUGMENTATION, RULES

__all__ = ["generators_augment_training", "validation_not_augmented",
           "training_does_not_overfit", "changes_pictures", "MAX_OVERFIT_GAP"]

MAX_OVERFIT_GAP = RULES.max_overfit_gap
"""How far the saved model may score above its validation pictures on its training ones
(the current Week 2's bar)."""

#: The ImageDataGenerator settings that change pictures at random, and the values each takes
#: (the kernel's description, `autograder.kernel.datasets`, names these and no others).
_SETTINGS = {"rotation_range": (int, float), "width_shift_range": (int, float),
             "height_shift_range": (int, float), "shear_range": (int, float),
             "zoom_range": (int, float, list), "channel_shift_range": (int, float),
             "horizontal_flip": (bool,), "vertical_flip": (bool,), "brightness_range": (list,)}
_HINT = f"ImageDataGenerator(rescale=1./255, {AUGMENTATION})"


def _generator(artifacts, split: str) -> dict:
    """The facts of the `split` ("train"/"validation") generator ``fit`` was given (the
    function's own when fit's input was not recorded).

    Raises:
        MissingArtifact: when ``train_val_generators`` returned nothing to judge.
    """
    given = artifacts.get("fit_data")[split] if artifacts.has("fit_data") else {}
    if given.get("kind") == "directory_iterator":
        return given
    facts = artifacts.get("datasets")
    try:
        return facts[split]
    except KeyError:  # the schema holds both splits: a claim that lacks one says nothing
        raise MissingArtifact("Expected train_val_generators(TRAINING_DIR, VALIDATION_DIR) to "
                              "return (train_generator, validation_generator).") from None


def _probe_picture() -> np.ndarray:
    """An asymmetric test picture (a gradient and a block): any flip, turn, shift, shear or
    zoom changes it."""
    height, width = RULES.image_size
    y, x = np.mgrid[0:height, 0:width]
    picture = np.stack([x * 255 / width, y * 255 / height, (x + 2 * y) % 256], axis=-1)
    picture[10:40, 15:35] = 255
    return picture.astype("float32")


def _plain(name: str, value) -> bool:
    """Whether `value` is a value of the setting `name` (a pair of numbers for a range)."""
    if isinstance(value, list):
        return (list in _SETTINGS.get(name, ()) and len(value) == 2
                and all(isinstance(v, (int, float)) for v in value))
    return isinstance(value, _SETTINGS.get(name, ()))


def changes_pictures(settings: dict, *, tries: int = 4) -> bool:
    """Whether an ``ImageDataGenerator`` with `settings` (the kernel's description of the
    student's) changes the grader's test picture, made and applied in this process.

    Settings of an unexpected kind count as no transformation (they are the kernel's claim).
    """
    import tensorflow as tf

    kept = {name: value for name, value in settings.items() if _plain(name, value)}
    if not kept:
        return False
    try:
        generator = tf.keras.preprocessing.image.ImageDataGenerator(**kept)
    except (TypeError, ValueError):
        return False
    picture, state = _probe_picture(), np.random.get_state()
    try:  # the generator draws from NumPy's global generator: left as it was found
        return any(not np.allclose(generator.random_transform(picture, seed=seed), picture,
                                   atol=1.0) for seed in range(tries))
    finally:
        np.random.set_state(state)


@check("generators_augment_training", title="The training generator augments its pictures "
       "(random turns, shifts, shears, zooms or flips)", points=2,
       needs=("datasets",), claims=("datasets", "fit_data"))
def generators_augment_training(artifacts):
    facts = _generator(artifacts, "train")
    settings = facts.get("augmentation") or {}
    if facts.get("kind") != "directory_iterator":
        return failed(expected="a training generator made with ImageDataGenerator("
                               "...).flow_from_directory(TRAINING_DIR, ...)",
                      found=f"a training input of kind {facts.get('kind')!r}",
                      fix=f"make the training generator with {_HINT}.")
    if not settings:
        return failed(expected="random transformations in the training generator",
                      found="an ImageDataGenerator with none (only "
                            + (f"rescale={facts['rescale']:g})" if facts.get("rescale")
                               else "its defaults)"),
                      fix=f"make the training generator with {_HINT}; the model then sees each "
                          "animal turned, shifted, zoomed and flipped, not in one pose only.")
    if not changes_pictures(settings):
        return failed(expected="transformations that change the training pictures",
                      found=f"the settings {settings}, which left a test picture unchanged",
                      fix=f"give the transformations non-zero ranges, e.g. {AUGMENTATION}.")
    return passed(f"training generator: {settings}")


@check("validation_not_augmented", title="The validation generator does not augment (it only "
       "rescales)", points=1, needs=("datasets",), claims=("datasets", "fit_data"))
def validation_not_augmented(artifacts):
    facts = _generator(artifacts, "validation")
    if facts.get("kind") != "directory_iterator":  # "no augmentation" is not free to a
        return failed(                                # made-up or missing generator
            expected="a validation generator made with ImageDataGenerator(rescale=1./255)"
                     ".flow_from_directory(VALIDATION_DIR, ...)",
            found=f"a validation input of kind {facts.get('kind')!r}",
            fix="make the validation generator with ImageDataGenerator(rescale=1./255).")
    settings = facts.get("augmentation") or {}
    if not settings:
        return passed()
    return failed(expected="validation pictures as they are (only rescaled)",
                  found=f"random transformations on the validation generator: "
                        f"{', '.join(f'{k}={v}' for k, v in sorted(settings.items()))}",
                  fix="augment the training generator alone; make the validation one with "
                      "ImageDataGenerator(rescale=1./255): the validation accuracy measures "
                      "the pictures as they are.")


@check("training_does_not_overfit", title=f"The trained model scores no more than "
       f"{MAX_OVERFIT_GAP * 100:.0f} points higher on its training images than on its "
       "validation images", points=1, needs=("history", "trained_model", "datasets"))
def training_does_not_overfit(artifacts):
    """Measured by the grader on the saved model, fed as its generators fed it (their
    rescale) without augmentation: the history's training accuracy was read on augmented
    pictures and says nothing about memorising."""
    from autograder.checks.training import measured_splits

    artifacts.get("history")
    measured = measured_splits(artifacts)
    gap = measured.train - measured.validation
    detail = (f"measured train={measured.train:.4f} ({measured.train_images}) "
              f"validation={measured.validation:.4f} ({measured.validation_images})")
    if gap <= MAX_OVERFIT_GAP + 1e-9:  # 0.93 - 0.83 is 0.10000000000000009
        return passed(detail)
    return failed(
        expected=f"the model you trained to score at most {MAX_OVERFIT_GAP:.0%} more on its "
                 "training images than on its validation images",
        found=f"{measured.train:.3f} on your training images and {measured.validation:.3f} on "
              "your validation images",
        fix=f"augment the training pictures ({_HINT}) so that the model cannot memorise them.",
        detail=detail)
