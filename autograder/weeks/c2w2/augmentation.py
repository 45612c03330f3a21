"""Where a model augments its images, and whether it really does (grading process only).

Structure is read from the saved model's config (`ModelSummary`): random preprocessing
layers wherever they sit (a nested ``Sequential``, the model itself, several nested levels),
and the ``Rescaling`` layers. Behaviour is measured on the model the grader loaded itself
(safe mode, outside the kernel): the part of the model up to its last random layer is run
on one image twice in training mode (the outputs must differ) and twice in inference mode
(they must be equal, and equal to the image: augmentation is off when predicting).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autograder.artifacts.model_config import LayerInfo, ModelSummary

__all__ = ["RANDOM_LAYERS", "random_layers", "rescalings", "Behaviour", "behaviour"]

#: Keras 3's random preprocessing layers (the ones that change an image at random while
#: training and pass it through unchanged when predicting).
RANDOM_LAYERS = frozenset({
    "RandomFlip", "RandomRotation", "RandomTranslation", "RandomZoom", "RandomContrast",
    "RandomBrightness", "RandomCrop", "RandomShear", "RandomGrayscale", "RandomHue",
    "RandomSaturation", "RandomSharpness", "RandomColorJitter", "RandomPerspective",
    "RandomElasticTransform", "RandomErasing", "RandomGaussianBlur", "RandomInvert",
    "RandomPosterization", "RandAugment", "AugMix", "RandomColorDegeneration",
    "Solarization", "CutMix", "MixUp",
})


def random_layers(summary: ModelSummary) -> tuple[LayerInfo, ...]:
    """The model's random preprocessing layers, nested ones included, in forward order."""
    return tuple(layer for layer in summary.layers if layer.class_name in RANDOM_LAYERS)


def rescalings(summary: ModelSummary) -> tuple[LayerInfo, ...]:
    """The model's ``Rescaling`` layers, nested ones included."""
    return tuple(layer for layer in summary.layers if layer.class_name == "Rescaling")


@dataclass(frozen=True)
class Behaviour:
    """What the model's augmenting part did to one image."""

    varies_in_training: bool
    """Two passes in training mode gave different images."""
    identity_in_inference: bool
    """Two passes in inference mode gave the same images, the ones the part gives with its
    random layers left out (for a functional model: the same images twice)."""


def _augmenting_part(model):
    """A function running `model`'s layers up to and including its last random one, as
    ``part(images, training)``; None when it has none. Nested models are entered."""
    import keras

    def flatten(layer):
        inner = getattr(layer, "layers", None)
        if isinstance(layer, keras.Model) and inner:
            return [leaf for child in inner for leaf in flatten(child)]
        return [layer]

    if not isinstance(model, keras.Sequential):
        return _functional_part(model)
    layers = [leaf for layer in model.layers for leaf in flatten(layer)]
    last = max((i for i, layer in enumerate(layers)
                if type(layer).__name__ in RANDOM_LAYERS), default=None)
    if last is None:
        return None

    def part(images, training, bypass=False):
        for layer in layers[:last + 1]:
            if not (bypass and type(layer).__name__ in RANDOM_LAYERS):
                images = layer(images, training=training)
        return images

    return part


def _functional_part(model):
    """For a functional model: the sub-model from its input to its last random layer."""
    import keras

    found = [layer for layer in model.layers
             if type(layer).__name__ in RANDOM_LAYERS
             or (isinstance(layer, keras.Model) and _augmenting_part(layer) is not None)]
    if not found:
        return None
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    sub = keras.Model(inputs, found[-1].output)

    def part(images, training, bypass=False):
        return None if bypass else sub(images, training=training)

    return part


def behaviour(model, image: np.ndarray, *, tries: int = 3) -> Behaviour | None:
    """Runs the model's augmenting part on `image` (H, W, 3, pixels 0–255).

    Returns None when the model has no random layer.
    """
    part = _augmenting_part(model)
    if part is None:
        return None
    batch = np.asarray(image, dtype="float32")[None]
    varies = False
    for _ in range(tries):  # a flip can leave an image as it was, once in a while
        first = np.asarray(part(batch, True))
        second = np.asarray(part(batch, True))
        if first.shape != second.shape or not np.allclose(first, second, atol=1e-3):
            varies = True
            break
    inference = [np.asarray(part(batch, False)) for _ in range(2)]
    bypassed = part(batch, False, bypass=True)
    expected = inference[0] if bypassed is None else np.asarray(bypassed)
    identity = all(out.shape == expected.shape and np.allclose(out, expected, atol=1e-3)
                   for out in inference)
    return Behaviour(varies_in_training=varies, identity_in_inference=identity)
