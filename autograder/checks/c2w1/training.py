"""Checks of the training run and of the trained model on held-out data."""

from __future__ import annotations

from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.checks.c2w1.callback import ACCURACY_BAR, VAL_ACCURACY_BAR

__all__ = ["training_reached_bars", "heldout_accuracy", "MAX_EPOCHS"]

MAX_EPOCHS = 15
CLASS_NAMES = ["Cat", "Dog"]


#: How far below a bar the grader's own measurement may fall: a history's last training
#: accuracy is averaged while the weights still move, the measurement is made after.
MEASURE_TOLERANCE = 0.03
VALIDATION_SPLIT, SPLIT_SEED = 0.1, 42


def _measured(artifacts):
    """The saved model's accuracy on the student's training and validation splits."""
    from autograder.data.clean_view import link_clean_copy
    from autograder.evaluation import ModelLoadError, split_accuracy

    data = artifacts.data
    if data is None or data.student_images_dir is None:
        raise MissingArtifact("This check runs only in the grader.")
    model = artifacts.loaded_model("trained_model")

    def measure():
        clean = link_clean_copy(data.student_images_dir, data.student_manifest.bad_files,
                                artifacts.grader_dir / "student-clean")
        return split_accuracy(model, clean, artifacts.grader_dir / "splits",
                              class_names=CLASS_NAMES, validation_split=VALIDATION_SPLIT,
                              seed=SPLIT_SEED, rescale=_rescale(artifacts))

    try:
        return artifacts.cached("split_accuracy", measure)
    except ModelLoadError as error:
        raise MissingArtifact(str(error)) from None


@check("training_reached_bars", title="Training reached accuracy ≥ 0.95 and val_accuracy ≥ "
       "0.80 within 15 epochs", points=1, needs=("history", "trained_model"))
def training_reached_bars(artifacts):
    history = artifacts.get("history")["history"]
    accuracy, val_accuracy = history.get("accuracy"), history.get("val_accuracy")
    if not accuracy or not val_accuracy:
        return failed(expected="a history with 'accuracy' and 'val_accuracy' for each epoch",
                      found=f"the keys {sorted(history)}",
                      fix="compile with metrics=['accuracy'] and pass validation_data to fit.")
    epochs = len(accuracy)
    final = (accuracy[-1], val_accuracy[-1])
    claimed = epochs <= MAX_EPOCHS and final[0] >= ACCURACY_BAR and final[1] >= VAL_ACCURACY_BAR
    if not claimed:
        return failed(
            expected=f"accuracy ≥ {ACCURACY_BAR} and val_accuracy ≥ {VAL_ACCURACY_BAR} at the "
                     f"end of training, within {MAX_EPOCHS} epochs",
            found=f"accuracy {final[0]:.3f} and val_accuracy {final[1]:.3f} after {epochs} "
                  f"epoch(s)",
            fix="check the model (three Conv2D blocks, Rescaling, a sigmoid head, "
                "binary_crossentropy), train for up to 15 epochs and pass your "
                "EarlyStoppingCallback.")
    measured = _measured(artifacts)
    detail = (f"history final={final} epochs={epochs}; measured train={measured.train:.4f} "
              f"({measured.train_images}) validation={measured.validation:.4f} "
              f"({measured.validation_images})")
    if measured.train >= ACCURACY_BAR - MEASURE_TOLERANCE and \
            measured.validation >= VAL_ACCURACY_BAR - MEASURE_TOLERANCE:
        return passed(detail)
    return failed(
        expected="the model you trained to score on your training and validation images what "
                 "your training history says",
        found=f"your history says accuracy {final[0]:.3f} and val_accuracy {final[1]:.3f}, "
              f"but the model you saved scores {measured.train:.3f} on your training images "
              f"and {measured.validation:.3f} on your validation images",
        fix="train the model with `history = model.fit(...)` in the notebook and keep that "
            "model; do not build or edit the history by hand.",
        detail=detail)


def _rescale(artifacts) -> float | None:
    """The legacy ImageDataGenerator rescale the student trained with, if any."""
    try:
        return artifacts.get("datasets")["train"].get("rescale")
    except Exception:  # noqa: BLE001 - no dataset facts: feed raw pixels
        return None


def _score(artifacts):
    from autograder.evaluation import accuracy_on_folder, retrain_and_score

    settings, data = artifacts.settings, artifacts.data
    images_dir = data.heldout_dir
    if settings.mode == "retrain":
        from autograder.data.clean_view import link_clean_copy

        clean = link_clean_copy(data.student_images_dir, data.student_manifest.bad_files,
                                artifacts.grader_dir / "retrain-data")
        result = retrain_and_score(
            artifacts.model_path("created_model"), clean, images_dir, class_names=CLASS_NAMES,
            image_size=(150, 150), seed=settings.seed, max_epochs=settings.max_epochs,
            validation_split=0.1, bars=(ACCURACY_BAR, VAL_ACCURACY_BAR),
            work_dir=artifacts.grader_dir)
        return result.heldout, f"retrained for {result.epochs} epoch(s) by the grader"
    score = accuracy_on_folder(artifacts.loaded_model("trained_model"), images_dir,
                               class_names=CLASS_NAMES, rescale=_rescale(artifacts))
    return score, "the model your notebook trained"


@check("heldout_accuracy", title="The trained model classifies held-out cat and dog images "
       "(never seen in training) with accuracy ≥ 0.80", points=4,
       needs=("trained_model", "created_model", "datasets"), hidden=True, needs_heldout=True)
def heldout_accuracy(artifacts):
    from autograder.evaluation import ModelLoadError

    threshold = artifacts.settings.heldout_threshold
    if artifacts.data is None or artifacts.data.heldout_dir is None:
        return failed(expected="held-out images", found="none",
                      fix="this check runs only in the grader.")
    try:
        score, which = _score(artifacts)
    except ModelLoadError as error:
        return failed(expected="a trained model the grader can load", found=str(error),
                      fix="use only standard tf.keras layers and run the training cell.")
    detail = f"accuracy={score.accuracy:.4f} images={score.images} rescale={score.rescale}"
    if score.accuracy >= threshold:
        return passed(detail)
    return failed(
        expected=f"accuracy ≥ {threshold:.2f} on {score.images:,} held-out images",
        found=f"{score.accuracy:.3f} for {which}",
        fix="make sure the model is trained on the cleaned data until your callback stops it, "
            "and that it keeps Rescaling(1./255) inside the model; a model that memorises the "
            "training images (train accuracy high, validation low) will not generalise.",
        detail=detail)
