"""Week 2's own checks: augmentation that is really used, once, and only while training.

Structure is read from the saved models' configs; behaviour is measured on the models the
grader loaded itself. The older course's way (an ``ImageDataGenerator`` with random
transformations feeding a model without random layers) is accepted: its facts come from the
datasets the notebook returned.
"""

from __future__ import annotations

import numpy as np

from autograder.artifacts.dataset_graph import PipelineMaps, read_pipeline_maps
from autograder.kernel import MAX_GRAPH_BYTES
from autograder.artifacts.model_config import describe_layer
from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.checks.cnn import judged_models
from autograder.checks.image_datasets import both_splits
from autograder.weeks.c2w2.augmentation import behaviour, random_layers, rescalings
from autograder.weeks.c2w2.rules import RULES

__all__ = ["augmentation_model_is_random", "augmentation_model_does_not_rescale",
           "model_uses_augmentation", "model_rescales_once",
           "augmentation_only_while_training", "validation_not_augmented",
           "training_does_not_overfit"]

_LAYERS_HINT = ("tf.keras.layers.RandomFlip('horizontal'), RandomRotation(0.2), "
                "RandomTranslation(0.2, 0.2) and RandomZoom(0.2)")


def _generator_augmentation(artifacts, split: str) -> dict:
    """The legacy generator's random transformations on `split` ("train"/"validation"), as
    returned by the dataset function or as given to fit."""
    found = {}
    for name in ("datasets", "fit_data"):
        facts = artifacts.get(name)[split] if artifacts.has(name) else {}
        if facts.get("kind") == "directory_iterator":
            found.update(facts.get("augmentation") or {})
    return found


def _pipeline_maps(artifacts, split: str) -> PipelineMaps:
    """What the ``map`` steps of the ``tf.data`` pipeline given to fit do (parsed by the
    grader from the pipeline's graph); nothing when fit got no such pipeline."""
    facts = artifacts.get("fit_data")[split] if artifacts.has("fit_data") else {}
    if facts.get("kind") != "tf.data" or not facts.get("graph"):
        return PipelineMaps((), False)

    def read() -> PipelineMaps:
        try:
            path = artifacts.file(facts["graph"], max_bytes=MAX_GRAPH_BYTES)
            return read_pipeline_maps(path)
        except (MissingArtifact, ValueError):
            return PipelineMaps((), False)

    return artifacts.cached(f"pipeline_maps:{split}", read)


def _data_augmentation(artifacts, split: str) -> list[str]:
    """What changes `split`'s images at random before they reach the model: a legacy
    generator's transformations, or random operations in a ``tf.data`` map."""
    return sorted(_generator_augmentation(artifacts, split)) + [
        f"tf.data map ({', '.join(ops)})" for ops in [_pipeline_maps(artifacts, split).random_ops]
        if ops]


def _generator_rescale(artifacts) -> float | None:
    for name in ("fit_data", "datasets"):
        if artifacts.has(name) and artifacts.get(name)["train"].get("rescale"):
            return artifacts.get(name)["train"]["rescale"]
    return None


@check("augmentation_model_is_random", title="create_augmentation_model() is made of random "
       "preprocessing layers", points=1, needs=("augmentation_model",))
def augmentation_model_is_random(artifacts):
    summary = artifacts.model_summary("augmentation_model")
    randoms = random_layers(summary)
    others = [layer for layer in summary.layers if layer not in randoms]
    if randoms and not others:
        return passed(f"{len(randoms)} random layers")
    if not randoms:
        return failed(expected="random preprocessing layers, such as " + _LAYERS_HINT,
                      found="no random layer" if not summary.layers else
                      "only " + ", ".join(describe_layer(layer) for layer in summary.layers[:4]),
                      fix="return a tf.keras.Sequential of random layers, e.g. " + _LAYERS_HINT
                          + ".")
    return failed(expected="only random preprocessing layers in the augmentation model",
                  found=", ".join(describe_layer(layer) for layer in others[:4]),
                  fix="keep Rescaling, Conv2D and the like in create_model(); the augmentation "
                      "model only changes images at random.")


@check("augmentation_model_does_not_rescale", title="The augmentation model has no Rescaling "
       "layer", points=1, needs=("augmentation_model",))
def augmentation_model_does_not_rescale(artifacts):
    found = rescalings(artifacts.model_summary("augmentation_model"))
    if not found:
        return passed()
    return failed(expected="no Rescaling layer in create_augmentation_model()",
                  found=describe_layer(found[0]),
                  fix="rescale once, in create_model(), right after the augmentation model.")


@check("model_uses_augmentation", title="The model trains on augmented images", points=2,
       needs=("created_model", "datasets"))
def model_uses_augmentation(artifacts):
    in_data = _data_augmentation(artifacts, "train")
    for name, what in judged_models(artifacts):
        if not random_layers(artifacts.model_summary(name)) and not in_data:
            return failed(
                expected="random preprocessing layers in the model (your augmentation model "
                         "right after the Input), or training data augmented at random (a "
                         "tf.data map or a generator with random transformations)",
                found=f"no augmentation in {what} or in the data it was trained on",
                fix="call create_augmentation_model() inside create_model() and put it right "
                    "after tf.keras.Input((120, 120, 3)).")
    return passed(f"in the training data: {in_data}" if in_data else "random layers")


@check("model_rescales_once", title="Pixels are rescaled by 1/255 exactly once", points=1,
       needs=("created_model", "datasets"))
def model_rescales_once(artifacts):
    by_generator = _generator_rescale(artifacts)
    in_pipeline = _pipeline_maps(artifacts, "train").rescales
    for name, what in judged_models(artifacts):
        layers = rescalings(artifacts.model_summary(name))
        scales = [layer.config.get("scale") for layer in layers]
        total = len(layers) + (by_generator is not None) + in_pipeline
        if total == 1 and all(isinstance(s, (int, float)) and abs(s - 1 / 255) < 1e-6
                              for s in scales + ([by_generator] if by_generator else [])):
            continue
        found = ([describe_layer(layer) for layer in layers]
                 + ([f"ImageDataGenerator(rescale={by_generator:g})"] if by_generator else [])
                 + (["a tf.data map that divides by 255"] if in_pipeline else []))
        return failed(expected="one Rescaling(1./255) (or one generator rescale=1./255)",
                      found=f"{', '.join(found) or 'no rescaling'} for {what}",
                      fix="rescale once: Rescaling(1./255) in create_model() after the "
                          "augmentation model, and none in the augmentation model or the "
                          "datasets.")
    return passed()


def _probe_image() -> np.ndarray:
    """An asymmetric test picture (a gradient and a block): any flip, turn, shift or zoom
    changes it."""
    height, width = RULES.image_size
    y, x = np.mgrid[0:height, 0:width]
    image = np.stack([x * 255 / width, y * 255 / height, (x + 2 * y) % 256], axis=-1)
    image[10:40, 15:35] = 255
    return image.astype("float32")


@check("augmentation_only_while_training", title="Augmentation changes images while training "
       "and leaves them alone when predicting", points=1, needs=("created_model", "datasets"))
def augmentation_only_while_training(artifacts):
    if not random_layers(artifacts.model_summary("created_model")):
        if _data_augmentation(artifacts, "train"):
            return passed("augmentation in the training data only")
        return failed(expected="augmentation that changes images while training",
                      found="no augmentation in create_model()'s model",
                      fix="put your augmentation model right after the Input in create_model().")
    measured = behaviour(artifacts.loaded_model("created_model"), _probe_image())
    if measured is not None and measured.varies_in_training and measured.identity_in_inference:
        return passed()
    if measured is None or not measured.varies_in_training:
        return failed(expected="the same image to come out different each time in training",
                      found="the random layers leave it unchanged",
                      fix="give the random layers non-zero factors, e.g. " + _LAYERS_HINT + ".")
    return failed(expected="images left unchanged when the model predicts",
                  found="the augmenting layers change them in inference too",
                  fix="use Keras' random preprocessing layers, which are off in inference; "
                      "do not transform images with your own layers.")


@check("validation_not_augmented", title="Validation images are not augmented", points=1,
       needs=("datasets",), claims=("datasets", "datasets.file_paths", "fit_data"))
def validation_not_augmented(artifacts):
    # no datasets (or datasets of files that are not the student data's), nothing to judge:
    # the check fails with why; "no augmentation" must not be free to a made-up export
    both_splits(artifacts)
    found = _data_augmentation(artifacts, "validation")
    if not found:
        return passed()
    return failed(expected="validation images as they are (only rescaled)",
                  found=f"random transformations on the validation data: {', '.join(found)}",
                  fix="augment the training images alone: inside the model (random layers are "
                      "off when it is evaluated) or in the training data; give fit the "
                      "validation data unchanged.")


#: How far the saved model may score above its validation images on its own training
#: images: more is a model that memorised them (the course asks for curves that stay close).
MAX_OVERFIT_GAP = RULES.max_overfit_gap


@check("training_does_not_overfit", title="The trained model scores no more than 10 points "
       "higher on its training images than on its validation images", points=1,
       needs=("history", "trained_model"))
def training_does_not_overfit(artifacts):
    """Measured by the grader on the saved model, with augmentation off: a history's training
    accuracy is measured on augmented images and says nothing about memorising."""
    from autograder.checks.training import measured_splits

    artifacts.get("history")
    measured = measured_splits(artifacts)
    gap = measured.train - measured.validation
    detail = (f"measured train={measured.train:.4f} ({measured.train_images}) "
              f"validation={measured.validation:.4f} ({measured.validation_images})")
    if gap <= MAX_OVERFIT_GAP:
        return passed(detail)
    return failed(
        expected=f"the model you trained to score at most {MAX_OVERFIT_GAP:.0%} more on its "
                 "training images than on its validation images",
        found=f"{measured.train:.3f} on your training images and {measured.validation:.3f} on "
              "your validation images",
        fix="augment the training images (random flips, rotations, shifts and zooms) so the "
            "model cannot memorise them, and let your callback stop training at the bars.",
        detail=detail)
