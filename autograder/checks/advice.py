"""Feedback for a model that misses a bar: by how much, on which data, and what usually helps.

A sound model can miss a bar, and advice it already follows helps nobody ("add
convolutions" to a model with three Conv2D blocks, "a model that memorises" to one whose
``fit`` never ran). So each tip says when it applies, judged on the facts the grader read
itself: the saved model's layers (`ModelFacts`), the history's epochs, and the grader's own
measurements. `miss_feedback` keeps the tips that apply, in order, and falls back on what is
left to try when none does.

Example:
    >>> facts = ModelFacts(conv_layers=3, rescaled=True, dropout=False, random_layers=False,
    ...                    epochs=15, max_epochs=15, train=0.99, validation=0.74)
    >>> [tip.key for tip in applicable(IMAGE_TIPS, facts, conv_needed=3)]
    ['memorises']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

__all__ = ["ModelFacts", "Tip", "IMAGE_TIPS", "applicable", "model_facts", "shortfall",
           "data_words", "miss_feedback"]

#: Training accuracy this far above the validation accuracy reads as memorising.
MEMORISING_GAP = 0.10
_RANDOM_PREFIX = "Random"
_DROPOUTS = ("Dropout", "SpatialDropout2D", "GaussianDropout", "AlphaDropout")


@dataclass(frozen=True)
class ModelFacts:
    """What the grader knows about a trained model when it misses a bar."""

    conv_layers: int
    """Conv2D layers in the saved model."""
    rescaled: bool
    """Whether the pixels are scaled (a Rescaling layer, or a legacy generator's rescale)."""
    dropout: bool
    """Whether the model has a dropout layer."""
    random_layers: bool
    """Whether the model has random augmentation layers (``Random…``)."""
    epochs: int | None
    """Epochs ``fit`` ran (its history's length); None when it never ran."""
    max_epochs: int
    """The week's epoch budget."""
    train: float | None = None
    """The grader's accuracy of the saved model on the student's training split, if measured."""
    validation: float | None = None
    """The same on the validation split."""
    augmented_data: bool = False
    """Whether the training data was augmented at random before the model (a legacy
    generator's transformations, as the kernel described them)."""

    @property
    def memorises(self) -> bool:
        """Training accuracy well above validation, measured by the grader after ``fit``."""
        return (self.epochs is not None and self.train is not None
                and self.validation is not None
                and self.train - self.validation >= MEMORISING_GAP)


@dataclass(frozen=True)
class Tip:
    """One piece of advice and when it applies."""

    key: str
    """Short name, for tests and instructors."""
    applies: Callable[[ModelFacts, int], bool]
    """``applies(facts, conv_needed)``."""
    text: Callable[[ModelFacts, int], str]
    """The advice, worded from the facts."""


IMAGE_TIPS: tuple[Tip, ...] = (
    Tip("train", lambda f, n: f.epochs is None,
        lambda f, n: "train the model in the notebook: `history = model.fit(...)` must run to "
                     "the end"),
    Tip("convolutions", lambda f, n: f.conv_layers < n,
        lambda f, n: f"give the model convolutions: it has {f.conv_layers} Conv2D layer(s), "
                     f"the week's network has {n} or more, each followed by MaxPooling2D"),
    Tip("rescale", lambda f, n: not f.rescaled,
        lambda f, n: "scale the pixels to 0–1 (Rescaling(1./255) first in the model)"),
    Tip("memorises", lambda f, n: f.memorises,
        lambda f, n: f"it memorises its training images ({f.train:.2f} on them against "
                     f"{f.validation:.2f} on validation): "
                     + ("random augmentation layers and Dropout" if not (f.random_layers or
                                                                       f.dropout)
                        else "Dropout" if not f.dropout
                        else "augmentation" if not f.random_layers
                        else "a smaller Dense layer or fewer epochs")
                     + " usually help"),
    Tip("longer", lambda f, n: f.epochs is not None and f.epochs < f.max_epochs
        and not f.memorises,
        lambda f, n: f"train longer: it ran {f.epochs} of the {f.max_epochs} epochs allowed "
                     "(let your callback stop it at the bars)"),
)
"""The image weeks' tips, in the order they are given."""

_FALLBACK = ("its architecture already follows the lesson; what usually helps then is a "
             "smaller learning rate (e.g. RMSprop(learning_rate=1e-4)) or another run: a "
             "result this close to the bar can fall either side of it")


def applicable(tips: Sequence[Tip], facts: ModelFacts, *, conv_needed: int) -> list[Tip]:
    """The tips that apply to `facts`, in order."""
    return [tip for tip in tips if tip.applies(facts, conv_needed)]


def model_facts(summary, *, epochs: int | None, max_epochs: int, rescale: float | None = None,
                train: float | None = None, validation: float | None = None,
                augmented_data: bool = False) -> ModelFacts:
    """The facts of a saved model's `summary` (`autograder.artifacts.model_config`)."""
    classes = [layer.class_name for layer in summary.layers]
    return ModelFacts(
        conv_layers=classes.count("Conv2D"),
        rescaled=bool(rescale) or "Rescaling" in classes,
        dropout=any(name in _DROPOUTS for name in classes),
        random_layers=any(name.startswith(_RANDOM_PREFIX) for name in classes),
        epochs=epochs, max_epochs=max_epochs, train=train, validation=validation,
        augmented_data=augmented_data)


def shortfall(reached: float, bar: float) -> str:
    """``"0.874, 0.026 below the bar of 0.90"``."""
    return f"{reached:.3f}, {max(bar - reached, 0):.3f} below the bar of {bar:.2f}"


def data_words(manifest, split: str) -> str:
    """The data a figure was measured on, in a student's words: the split, and whether it is
    the offline stand-in or the real dataset (from the prepared data's manifest)."""
    origin = getattr(manifest, "origin", None)
    kind = {"standin": "the offline stand-in data", "real": "the real dataset"}.get(origin)
    return f"{split} ({kind})" if kind else split


def miss_feedback(facts: ModelFacts, *, conv_needed: int, tips: Sequence[Tip] = IMAGE_TIPS,
                  first: str = "") -> str:
    """What usually helps this model, as one sentence: `first` (a week's own tip) when given,
    then the tips that apply, else the fallback."""
    found = [tip.text(facts, conv_needed) for tip in applicable(tips, facts,
                                                                conv_needed=conv_needed)]
    parts = ([first] if first else []) + found
    return ("; ".join(parts) if parts else _FALLBACK) + "."
