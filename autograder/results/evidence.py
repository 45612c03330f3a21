"""What the grader saw besides the verdicts, as data for reports: curves, layers, mistakes.

A report shows a student *why* a check failed: the learning curves against the week's bars,
the layers of the model with their parameters, images of the student's own validation split
the model got wrong, and for multiclass weeks the confusion matrix of the held-out images.
Of the held-out set only counts are ever kept here: students read all of it. The grader collects these outside the sandbox
(`autograder.evaluation.evidence`); this module only holds them. Nothing here renders:
reporters (`autograder.reporters`) draw them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Bars", "Confusion", "Evidence", "LayerRow", "Misclassified", "evidence_from_dict",
           "evidence_to_dict"]


@dataclass(frozen=True)
class Bars:
    """The week's bars, for drawing them on the curves."""

    accuracy: float
    """Training accuracy the callback stops at."""
    val_accuracy: float
    """Validation accuracy the callback stops at."""
    max_epochs: int
    """Epochs the notebook may train for."""
    heldout: float
    """Held-out accuracy the week asks for."""
    max_overfit_gap: float | None = None
    """Largest training-minus-validation accuracy the week allows (Week 2), else None."""


@dataclass(frozen=True)
class LayerRow:
    """One layer of the model the grader loaded (safe mode), in forward order."""

    name: str
    """The layer's name in the model."""
    class_name: str
    """Keras class, e.g. ``"Conv2D"``; a nested model is one row."""
    output_shape: str
    """Its output shape, e.g. ``"(None, 74, 74, 16)"``; ``""`` when unknown."""
    trainable_params: int
    """Parameters that training changes."""
    frozen_params: int
    """Parameters that training leaves alone (frozen layers, batch-norm statistics)."""


@dataclass(frozen=True)
class Misclassified:
    """One image of the student's validation split that the model got wrong (never a
    held-out image: the student already has every image shown)."""

    true_label: str
    """Its class."""
    predicted_label: str
    """The class the model gave it."""
    confidence: float
    """The model's probability for the predicted class."""
    thumbnail_png: str
    """A small copy of the image, PNG, base64-encoded."""


@dataclass(frozen=True)
class Confusion:
    """Counts of held-out images per true class (rows) and predicted class (columns)."""

    class_names: tuple[str, ...]
    """Class names in label order."""
    counts: tuple[tuple[int, ...], ...]
    """``counts[true][predicted]``."""


@dataclass(frozen=True)
class Evidence:
    """Everything a report draws, each part None or empty when the grader could not make it."""

    bars: Bars | None = None
    """The week's bars."""
    history: dict[str, list[float]] = field(default_factory=dict)
    """Per-epoch metrics as the notebook's training history recorded them (``accuracy``,
    ``val_accuracy``, ``loss``, ``val_loss`` …): what the student's kernel reported."""
    measured: dict[str, float] = field(default_factory=dict)
    """Accuracies the grader measured itself on the saved model (``train``, ``validation``,
    ``heldout``)."""
    model_name: str = ""
    """Which model the layers are of, in the student's words."""
    layers: tuple[LayerRow, ...] = ()
    """The model's layers."""
    heldout_images: int = 0
    """How many held-out images were scored."""
    misclassified: tuple[Misclassified, ...] = ()
    """A few images of the student's validation split the model got wrong."""
    mistakes_from: str = ""
    """Which images `misclassified` are of: ``"validation"`` (the student's validation
    split). Mistakes of any other origin (result files of older graders held held-out
    images) are dropped when read and never drawn."""
    confusion: Confusion | None = None
    """The confusion matrix on the held-out images (made for every week; reports draw it
    for multiclass weeks)."""


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    """The JSON-ready dict of `evidence` (lists where the dataclasses hold tuples)."""
    return _plain(asdict(evidence))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def evidence_from_dict(data: dict[str, Any]) -> Evidence:
    """Inverse of `evidence_to_dict`."""
    bars = data.get("bars")
    confusion = data.get("confusion")
    return Evidence(
        bars=Bars(**bars) if bars else None,
        history={k: list(v) for k, v in data.get("history", {}).items()},
        measured=dict(data.get("measured", {})),
        model_name=data.get("model_name", ""),
        layers=tuple(LayerRow(**row) for row in data.get("layers", [])),
        heldout_images=int(data.get("heldout_images", 0)),
        misclassified=tuple(Misclassified(**m) for m in data.get("misclassified", []))
        if data.get("mistakes_from") == "validation" else (),
        mistakes_from="validation" if data.get("mistakes_from") == "validation" else "",
        confusion=Confusion(tuple(confusion["class_names"]),
                            tuple(tuple(row) for row in confusion["counts"]))
        if confusion else None)
