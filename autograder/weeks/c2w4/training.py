"""Checks of Week 4's training and of the trained model on the grader's held-out file.

Both rest on the grader's own measurements of the saved model: it finds how the notebook
fed its model on the student's validation file (`autograder.evaluation.heldout_csv`),
scores the training and validation files with it, and then the held-out file, whose
feedback says which letters the model gets wrong and for which it takes them. The training
accuracy ``fit`` records is measured on the pictures as they were trained on: augmented (the
older course's ``ImageDataGenerator(rotation_range=…)``) or through dropout, it reads lower
than the model's accuracy on the training file. The bars are judged by the one rule of
`autograder.checks.training` (`meets_bar`): the grader's measurement decides, with the same
tolerance whichever reading is lower.
"""

from __future__ import annotations

from autograder.checks.advice import (IMAGE_TIPS, Tip, data_words, miss_feedback, model_facts,
                                      shortfall)
from autograder.checks.base import MissingArtifact, Outcome, check, failed, passed
from autograder.checks.training import (
    MEASURE_TOLERANCE, history_finals, history_not_reproduced, meets_bar)
from autograder.weeks.c2w4.datasets import student_csv
from autograder.weeks.c2w4.rules import LETTERS, PRESENT, RULES
from autograder.weeks.c2w4.standin import HELDOUT_CSV, TEST_CSV, TRAIN_CSV

__all__ = ["training_reached_bars", "heldout_accuracy", "letter_summary"]


def _measured(artifacts):
    """(validation score, training score) of the model the notebook trained.

    Also kept for the report, as the image weeks keep theirs (``split_accuracy``): both
    accuracies and the model's prediction for each row of the student's own validation file,
    from which the report draws its mistakes."""
    from autograder.evaluation import ModelLoadError
    from autograder.evaluation.heldout_csv import accuracy_on_csv, find_convention, predict_csv
    from autograder.evaluation.splits import SplitScores

    def measure():
        model = artifacts.loaded_model("trained_model")
        validation = find_convention(model, student_csv(artifacts, TEST_CSV), PRESENT)
        train = accuracy_on_csv(model, student_csv(artifacts, TRAIN_CSV), validation.convention,
                                PRESENT)
        return validation, train

    def for_report(validation, train):
        rows = predict_csv(artifacts.loaded_model("trained_model"),
                           student_csv(artifacts, TEST_CSV), validation.convention, PRESENT,
                           keep_images=True)
        return SplitScores(train=train.accuracy, validation=validation.accuracy,
                           train_images=train.images, validation_images=validation.images,
                           validation_predictions=rows)

    try:
        scores = artifacts.cached("csv_measurements", measure)
        artifacts.cached("split_accuracy", lambda: for_report(*scores))
        return scores
    except ModelLoadError as error:
        raise MissingArtifact(str(error)) from None


#: Conv2D layers of the week's network (at most two; advice never asks for more than one).
_CONV_NEEDED = 1
#: What usually helps a sound Week 4 model that confuses letters, where it does not augment.
_AUGMENT = Tip("augment", lambda facts, needed: not facts.random_layers,
               lambda facts, needed: "small random turns, shifts and zooms of the training "
                                     "pictures (RandomRotation(0.05), RandomTranslation(0.1, "
                                     "0.1), RandomZoom(0.1) after the Input) usually help the "
                                     "letters it confuses")


def _facts(artifacts, train=None, validation=None):
    """Advice facts of the trained model: the grader finds how its pixels are fed itself, so
    it is never told to rescale."""
    history = artifacts.get("history")["history"].get("accuracy") or []
    return model_facts(artifacts.model_summary("trained_model"), epochs=len(history) or None,
                       max_epochs=artifacts.rules.max_epochs, rescale=1.0, train=train,
                       validation=validation)


def _manifest(artifacts):
    return artifacts.data.student_manifest if artifacts.data is not None else None


def letter_summary(score, limit: int = 3) -> str:
    """The weakest letters and the most frequent confusions, in words."""
    weakest = sorted(score.per_label.items(), key=lambda item: item[1])[:limit]
    weak = ", ".join(f"{LETTERS[label]} {accuracy:.0%}" for label, accuracy in weakest
                     if accuracy < 1.0)
    mixed = ", ".join(f"{LETTERS[true]} read as "
                      f"{LETTERS[predicted] if 0 <= predicted < 26 else 'no letter'} "
                      f"({count}×)" for true, predicted, count in score.confusions[:limit])
    if not mixed:
        return "Every letter was recognised on every held-out picture."
    return f"Letters recognised least often: {weak}. Most frequent confusions: {mixed}."


@check("training_reached_bars", title=f"Training reached accuracy ≥ {RULES.accuracy_bar:.2f} "
       f"and val_accuracy ≥ {RULES.val_accuracy_bar:.2f} within {RULES.max_epochs} epochs",
       points=1, needs=("history", "trained_model"))
def training_reached_bars(artifacts):
    """The grader's measurement of the saved model on the student's files meets the bars
    (`meets_bar`), within the week's epochs; the history's figures only word the failure."""
    rules = artifacts.rules
    claim = history_finals(artifacts)
    if isinstance(claim, Outcome):
        return claim
    final, epochs = claim
    bars = (f"accuracy ≥ {rules.accuracy_bar} and val_accuracy ≥ {rules.val_accuracy_bar} at "
            f"the end of training, within {rules.max_epochs} epochs")
    fix = ("check the model (two Conv2D blocks, a softmax head, the loss that matches your "
           f"labels) and train for up to {rules.max_epochs} epochs.")
    if epochs > rules.max_epochs:
        return failed(expected=bars, found=f"{epochs} epochs", fix=fix)
    validation, train = _measured(artifacts)
    measured = (train.accuracy, validation.accuracy)
    detail = (f"history final={final} epochs={epochs}; measured train={measured[0]:.4f} "
              f"validation={measured[1]:.4f} ({validation.convention.describe()})")
    if meets_bar(measured[0], rules.accuracy_bar) and meets_bar(measured[1],
                                                                rules.val_accuracy_bar):
        return passed(detail)
    if final[0] >= rules.accuracy_bar and final[1] >= rules.val_accuracy_bar:
        return history_not_reproduced(
            claim, what="files",
            scores=f"{measured[0]:.3f} and {measured[1]:.3f} there", detail=detail)
    missed = " and ".join(
        f"{shortfall(value, bar)} on {data_words(_manifest(artifacts), split)}"
        for value, bar, split in ((measured[0], rules.accuracy_bar, "your training file"),
                                  (measured[1], rules.val_accuracy_bar, "your validation file"))
        if not meets_bar(value, bar))
    facts = _facts(artifacts, *measured)
    return failed(expected=bars + " (the grader measures the model you saved, within "
                                  f"{MEASURE_TOLERANCE} of each bar)",
                  found=f"the model you saved scores {missed}; your history says accuracy "
                        f"{final[0]:.3f} and val_accuracy {final[1]:.3f} after {epochs} "
                        "epoch(s)",
                  fix=miss_feedback(facts, conv_needed=_CONV_NEEDED, tips=IMAGE_TIPS),
                  detail=detail)


# 3 points, not 4 as in the image weeks: the fourth went to `model_uses_convolutions`, so
# that the week's lesson has a point of its own and the total stays 15.
@check("heldout_accuracy", title="The trained model reads held-out hand signs (never seen in "
       f"training) with accuracy ≥ {RULES.heldout_threshold:.2f}", points=3,
       needs=("trained_model",), hidden=True, needs_heldout=True)
def heldout_accuracy(artifacts):
    from autograder.evaluation import ModelLoadError
    from autograder.evaluation.heldout_csv import predict_csv

    threshold = artifacts.rules.heldout_threshold
    if artifacts.data is None or artifacts.data.heldout_dir is None:
        return failed(expected="held-out pictures", found="none",
                      fix="this check runs only in the grader.")
    artifacts.evaluated_model()  # the retrain mode says here that this week has none
    validation, _ = _measured(artifacts)
    try:
        # kept (counts only, no picture) for the report's confusion matrix
        score = artifacts.cached("heldout_predictions", lambda: predict_csv(
            artifacts.loaded_model("trained_model"), artifacts.data.heldout_dir / HELDOUT_CSV,
            validation.convention, PRESENT)).score
    except ModelLoadError as error:
        return failed(expected="a trained model the grader can load", found=str(error),
                      fix="use only standard tf.keras layers and run the training cell.")
    detail = (f"accuracy={score.accuracy:.4f} images={score.images} "
              f"convention={score.convention.describe()} confusions={score.confusions[:10]}")
    summary = letter_summary(score)
    if score.accuracy >= threshold:
        return Outcome(True, f"Accuracy {score.accuracy:.3f} on {score.images:,} held-out "
                             f"pictures. {summary}", detail)
    _, train = _measured(artifacts)
    facts = _facts(artifacts, train.accuracy, validation.accuracy)
    heldout = data_words(artifacts.data.heldout_manifest or _manifest(artifacts),
                         f"{score.images:,} held-out pictures")
    return failed(expected=f"accuracy ≥ {threshold:.2f} on {score.images:,} held-out pictures",
                  found=f"{shortfall(score.accuracy, threshold)} on {heldout}. {summary}",
                  fix=miss_feedback(facts, conv_needed=_CONV_NEEDED,
                                    tips=(_AUGMENT, *IMAGE_TIPS)),
                  detail=detail)
