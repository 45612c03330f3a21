"""The report's pictures, drawn with matplotlib (Agg) from a result's `Evidence`.

Each function returns a PNG as base64 text, ready for a ``data:`` URL, or None when the
evidence has nothing to draw. Figures are made with `matplotlib.figure.Figure`, never
pyplot, so no global state or display is touched.
"""

from __future__ import annotations

import base64
import io

from autograder.results.evidence import Evidence

__all__ = ["learning_curves", "mistakes", "confusion_matrix"]

_TRAIN, _VAL, _BAR, _GAP = "#1f77b4", "#ff7f0e", "#555555", "#d62728"


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=False)  # headless; never opens a window
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _series(history: dict, *names: str) -> list | None:
    for name in names:
        if history.get(name):
            return history[name]
    return None


def learning_curves(evidence: Evidence) -> str | None:
    """Accuracy and loss per epoch, training vs validation, with the week's bars, the
    grader's own measurements and, where the week bounds overfitting, the gap marked."""
    history = evidence.history
    accuracy = _series(history, "accuracy", "acc")
    val_accuracy = _series(history, "val_accuracy", "val_acc")
    loss, val_loss = _series(history, "loss"), _series(history, "val_loss")
    if not (accuracy or val_accuracy or loss or val_loss):
        return None
    figure = _figure(10, 3.8)
    left, right = figure.subplots(1, 2)
    _accuracy_panel(left, evidence, accuracy, val_accuracy)
    _curves(right, loss, val_loss, "loss")
    right.set_title("Loss")
    return _png(figure)


def _curves(axes, train, val, what: str) -> int:
    epochs = 0
    for values, colour, label in ((train, _TRAIN, f"training {what}"),
                                  (val, _VAL, f"validation {what}")):
        if values:
            xs = [i + 1 for i, v in enumerate(values) if v is not None]
            axes.plot(xs, [v for v in values if v is not None], marker="o", markersize=3,
                      color=colour, label=label)
            epochs = max(epochs, len(values))
    axes.set_xlabel("epoch")
    if epochs:
        axes.legend(loc="best", fontsize=8)
    return epochs


def _accuracy_panel(axes, evidence: Evidence, accuracy, val_accuracy) -> None:
    epochs = _curves(axes, accuracy, val_accuracy, "accuracy")
    axes.set_title("Accuracy (as your training history recorded it)", fontsize=10)
    axes.set_ylim(0, 1.02)
    bars = evidence.bars
    if bars is not None:
        axes.axhline(bars.accuracy, color=_TRAIN, linestyle="--", linewidth=1,
                     label=f"training bar {bars.accuracy:.2f}")
        axes.axhline(bars.val_accuracy, color=_VAL, linestyle=":", linewidth=1.5,
                     label=f"validation bar {bars.val_accuracy:.2f}")
        axes.axvline(bars.max_epochs, color=_BAR, linestyle="-.", linewidth=1,
                     label=f"epoch limit {bars.max_epochs}")
        axes.set_xlim(0.5, max(epochs, bars.max_epochs) + 0.5)
        if bars.max_overfit_gap is not None and accuracy and val_accuracy:
            _gap(axes, accuracy, val_accuracy, bars.max_overfit_gap)
    measured = evidence.measured
    if epochs and "train" in measured and "validation" in measured:
        axes.scatter([epochs, epochs], [measured["train"], measured["validation"]],
                     marker="*", s=120, color=[_TRAIN, _VAL], edgecolor="black", zorder=5,
                     label="measured by the grader on your saved model")
    axes.legend(loc="lower right", fontsize=7)


def _gap(axes, accuracy, val_accuracy, allowed: float) -> None:
    pairs = [(i + 1, a, v) for i, (a, v) in enumerate(zip(accuracy, val_accuracy))
             if a is not None and v is not None]
    if not pairs:
        return
    xs = [p[0] for p in pairs]
    axes.fill_between(xs, [p[1] for p in pairs], [p[2] for p in pairs], color=_GAP, alpha=0.15,
                      label=f"training − validation gap (allowed ≤ {allowed * 100:.0f} points)")
    epoch, a, v = max(pairs, key=lambda p: p[1] - p[2])
    if a - v > 0:
        axes.annotate(f"largest gap {100 * (a - v):.0f} points", xy=(epoch, (a + v) / 2),
                      fontsize=8, color=_GAP, ha="center")


def mistakes(evidence: Evidence, columns: int = 4) -> str | None:
    """The student's validation images the model got wrong (`Evidence.misclassified`), each
    titled with predicted and true label; None when there are none or they are of another
    origin (`Evidence.mistakes_from`)."""
    from PIL import Image

    wrong = evidence.misclassified
    if not wrong or evidence.mistakes_from != "validation":
        return None
    columns = min(columns, len(wrong))
    rows = -(-len(wrong) // columns)
    figure = _figure(2.2 * columns, 2.5 * rows)
    for index, axes in enumerate(figure.subplots(rows, columns, squeeze=False).flat):
        axes.axis("off")
        if index >= len(wrong):
            continue
        item = wrong[index]
        with Image.open(io.BytesIO(base64.b64decode(item.thumbnail_png))) as image:
            axes.imshow(image.convert("RGB"))
        axes.set_title(f"predicted {item.predicted_label} ({item.confidence:.0%})\n"
                       f"true {item.true_label}", fontsize=9, color=_GAP)
    return _png(figure)


def confusion_matrix(evidence: Evidence) -> str | None:
    """Held-out counts per true class (rows) and predicted class (columns)."""
    confusion = evidence.confusion
    if confusion is None or not confusion.class_names:
        return None
    names, counts = confusion.class_names, confusion.counts
    size = max(3.0, 0.45 * len(names) + 1.5)
    figure = _figure(size + 1, size)
    axes = figure.subplots()
    image = axes.imshow(counts, cmap="Blues")
    figure.colorbar(image, ax=axes, shrink=0.8)
    axes.set_xticks(range(len(names)), labels=names, rotation=90 if len(names) > 6 else 0)
    axes.set_yticks(range(len(names)), labels=names)
    axes.set_xlabel("predicted class")
    axes.set_ylabel("true class")
    peak = max((max(row) for row in counts), default=0)
    if len(names) <= 30:
        for row, values in enumerate(counts):
            for column, value in enumerate(values):
                axes.text(column, row, str(value), ha="center", va="center", fontsize=8,
                          color="white" if value > peak / 2 else "black")
    return _png(figure)
