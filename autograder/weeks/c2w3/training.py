"""Week 3's callback, training and held-out checks.

The callback stops once the training accuracy is above 0.999, whatever the validation
accuracy (whether it is a working Keras callback is the check every week shares). Training
is graded on the callback's rule as it ran and on the grader's own measurement of the saved
model on the student's training pictures (`training_reached_bar`, calibrated); held-out
accuracy is measured by the grader on pictures the kernel never saw, fed with the scaling of
the data the notebook trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.checks.advice import data_words, shortfall
from autograder.checks.base import Check, MissingArtifact, check, failed, passed
from autograder.checks.callbacks import CallbackProbes, verified_probes
from autograder.checks.training import MEASURE_TOLERANCE, meets_bar
from autograder.weeks.c2w3.checks import input_scaling, model_anatomy
from autograder.weeks.c2w3.scoring import INCEPTION, PixelScaling
from autograder.weeks.c2w3.rules import RULES

__all__ = ["PROBES", "Lesson", "callback_stops_above_bar", "callback_keeps_training_below_bar",
           "training_checks", "training_reached_bar", "heldout_accuracy"]

_BAR = 0.999


def _draw(source) -> list[tuple[float, float]]:
    """(accuracy, val_accuracy) logs the callback is probed with, drawn per grading: above
    0.999 it must stop whatever the validation accuracy; at or below it, it must go on.
    0.999 itself is not probed (the course writes `> 0.999`, and `>=` is as good); 0.9991
    and 0.998, just either side, always are, and so are a validation accuracy above the bar
    with the training accuracy below it and the other way round (a callback that reads the
    wrong one)."""
    val = source.random
    return [(0.9991, val()), (0.998, 1.0), (1.0, source.uniform(0.0, 0.9)), (0.998, val()),
            *((source.uniform(0.9991, 1.0), val()) for _ in range(2)),
            *((source.uniform(0.0, 0.998), val()) for _ in range(3))]


#: Draws the callback's probe logs for each grading.
PROBES = CallbackProbes(_draw)


def _probes(artifacts, *, stop: bool):
    return [{**probe, "accuracy": a, "val_accuracy": v}
            for (a, v), probe in verified_probes(artifacts) if (a > _BAR) == stop]


def _behaves(artifacts, *, stop: bool, fix: str):
    for probe in _probes(artifacts, stop=stop):
        if probe.get("stopped") is not stop:
            return failed(expected=f"training to {'stop' if stop else 'go on'} after an epoch "
                                   f"with accuracy={probe['accuracy']} and val_accuracy="
                                   f"{probe['val_accuracy']}",
                          found=probe.get("error") or ("it stopped" if probe.get("stopped")
                                                       else "it kept training"), fix=fix)
    return passed()


@check("callback_stops_above_bar", title="EarlyStoppingCallback stops training once accuracy "
       "> 0.999", points=1, needs=("callback",), claims=("callback.probes",))
def callback_stops_above_bar(artifacts):
    return _behaves(artifacts, stop=True, fix="in on_epoch_end, set self.model.stop_training = "
                    "True when logs['accuracy'] > 0.999 (the validation accuracy does not count).")


@check("callback_keeps_training_below_bar", title="EarlyStoppingCallback keeps training while "
       "accuracy ≤ 0.999", points=1, needs=("callback",), claims=("callback.probes",))
def callback_keeps_training_below_bar(artifacts):
    return _behaves(artifacts, stop=False, fix="stop only when logs['accuracy'] > 0.999.")


#: Training pictures the grader scores the trained model on: every n-th per class.
TRAIN_SAMPLE_EVERY = 4


def _measured(artifacts, folder: str, every: int = 1):
    from autograder.weeks.c2w3.scoring import score_folder

    data = artifacts.data
    if data is None or data.student_images_dir is None:
        raise MissingArtifact("This check runs only in the grader.")
    return artifacts.cached(f"score-{folder}", lambda: score_folder(
        artifacts.loaded_model("trained_model"), data.student_images_dir / folder,
        class_names=list(artifacts.rules.class_names), scaling=input_scaling(artifacts),
        size=artifacts.rules.image_size, every=every))


def _stopping_problem(accuracy: list[float], requested) -> str | None:
    """What is wrong with when training stopped (None: nothing): at the first epoch above
    the callback's bar, or after every epoch `fit` was given when none was above it."""
    above = [epoch for epoch, value in enumerate(accuracy, 1) if value > _BAR]
    if above and above[0] < len(accuracy):
        return (f"accuracy {accuracy[above[0] - 1]:.4f} > {_BAR} after epoch {above[0]}, yet "
                f"training went on to epoch {len(accuracy)}")
    if not above and isinstance(requested, int) and len(accuracy) < requested:
        return (f"training stopped after epoch {len(accuracy)} of the {requested} it was "
                f"given, at accuracy {accuracy[-1]:.4f} (≤ {_BAR}): something other than "
                f"the callback's rule stopped it")
    return None


@dataclass(frozen=True)
class Lesson:
    """What an edition's training advice names: its callback and how it feeds InceptionV3."""

    callback: str = "EarlyStoppingCallback"
    """The callback class the edition's notebook trains with."""
    pixels: PixelScaling = INCEPTION
    """The scaling the edition feeds InceptionV3 (the current course: its own)."""
    pixels_tip: str = ("preprocess the pictures with "
                       "tf.keras.applications.inception_v3.preprocess_input")
    """The advice when a model was fed other pixels."""
    rate_tip: str = ("what usually helps then is the older course's learning rate, "
                     "RMSprop(learning_rate=1e-4), or another run")
    """The advice when nothing in the structure is off."""


def training_checks(lesson: Lesson = Lesson()) -> tuple[Check, Check]:
    """The training and held-out checks, advising in `lesson`'s words.

    Returns:
        ``(training_reached_bar, heldout_accuracy)``.
    """
    name = lesson.callback

    @check("training_reached_bar", title="Training stopped once accuracy > 0.999, or ran all "
           f"its epochs (at most {RULES.max_epochs}), and learnt its training pictures "
           f"(accuracy ≥ {RULES.heldout_threshold:.2f})",
           points=1, needs=("history", "trained_model", "datasets"))
    def training_reached_bar(artifacts):
        """The course's callback rule as it ran, and a model that learnt.

        The course trains until its callback sees accuracy > 0.999, and says that happens
        "within a few epochs" on the real pictures. On the stand-in, sound models that
        augment their pictures (both course generations do) reach 0.77-0.82 in the history
        and 0.92 on the grader's measurement in 20 epochs, never 0.999
        (``bench/calibration``): a bar of 0.999 failed them. So the grade is the rule itself:
        training ended at the first epoch above 0.999, or, never above it, ran every epoch
        ``fit`` was given (at most the week's ``max_epochs``); and the grader's measurement
        of the saved model on a sample of the training pictures meets the held-out bar
        (`meets_bar`, the one tolerance) and what the history says (the model saved is the
        model trained). Held-out accuracy is the heldout check's."""
        record = artifacts.get("history")
        accuracy = record["history"].get("accuracy") or []
        requested = (record.get("params") or {}).get("epochs")
        limit = artifacts.rules.max_epochs
        floor = artifacts.rules.heldout_threshold
        expected = (f"training to stop once accuracy > {_BAR} or to run all its epochs (at "
                    f"most {limit}), with accuracy ≥ {floor:.2f} on the training pictures")
        if not accuracy or len(accuracy) > limit:
            return failed(expected=expected,
                          found=f"accuracy {accuracy[-1]:.4f} after {len(accuracy)} epoch(s)"
                          if accuracy else "no 'accuracy' in the history",
                          fix=f"compile with metrics=['accuracy'] and train at most {limit} "
                              f"epochs with your {name} in fit's callbacks.")
        problem = _stopping_problem(accuracy, requested)
        if problem:
            return failed(expected=expected, found=problem,
                          fix=f"pass {name}() in fit's callbacks=[...] and stop only when "
                              f"logs['accuracy'] > {_BAR}.")
        measured = _measured(artifacts, "train", TRAIN_SAMPLE_EVERY)
        asked = (record.get("params") or {}).get("asked_epochs")
        budget = (f" (the grader's budget: your fit asked for {asked})"
                  if isinstance(asked, int) else "")
        detail = (f"history {accuracy[-1]:.4f} after {len(accuracy)} of {requested} "
                  f"epoch(s){budget}; measured {measured.accuracy:.4f} on {measured.images}")
        if not meets_bar(measured.accuracy, accuracy[-1]):
            return failed(expected="the model you trained to score on your training pictures "
                                   "what your history says",
                          found=f"your history says {accuracy[-1]:.3f}, the model you saved "
                                f"scores {measured.accuracy:.3f} on {measured.images} of your "
                                "training pictures",
                          fix="train with `history = model.fit(...)` and keep that model.",
                          detail=detail)
        if meets_bar(measured.accuracy, floor):
            return passed(detail)
        manifest = artifacts.data.student_manifest if artifacts.data is not None else None
        pictures = data_words(manifest, f"{measured.images} of your training pictures")
        return failed(expected=expected + f" (the grader measures the model you saved, "
                                          f"within {MEASURE_TOLERANCE} of {floor:.2f})",
                      found=f"the model you saved scores {shortfall(measured.accuracy, floor)} "
                            f"on {pictures} after {len(accuracy)} epoch(s){budget}",
                      fix=_advice(artifacts, len(accuracy), lesson), detail=detail)

    @check("heldout_accuracy", title="The trained model tells held-out horses from humans "
           f"(never seen in training) with accuracy ≥ {RULES.heldout_threshold:.2f}",
           points=4, needs=("trained_model", "created_model", "datasets"), hidden=True,
           needs_heldout=True)
    def heldout_accuracy(artifacts):
        from autograder.weeks.c2w3.scoring import score_folder

        threshold = artifacts.rules.heldout_threshold
        if artifacts.data is None or artifacts.data.heldout_dir is None:
            return failed(expected="held-out pictures", found="none",
                          fix="this check runs only in the grader.")
        score = artifacts.cached("score-heldout", lambda: score_folder(
            artifacts.loaded_model("trained_model"), artifacts.data.heldout_dir,
            class_names=list(artifacts.rules.class_names), scaling=input_scaling(artifacts),
            size=artifacts.rules.image_size))
        detail = f"accuracy={score.accuracy:.4f} images={score.images}"
        if score.accuracy >= threshold:
            return passed(detail)
        history = artifacts.get("history")["history"].get("accuracy") or []
        heldout = data_words(artifacts.data.heldout_manifest,
                             f"{score.images} held-out pictures")
        return failed(expected=f"accuracy ≥ {threshold:.2f} on {score.images} held-out "
                               "pictures",
                      found=f"{shortfall(score.accuracy, threshold)} for the model your "
                            f"notebook trained, on {heldout}",
                      fix=_advice(artifacts, len(history), lesson), detail=detail)

    return training_reached_bar, heldout_accuracy


def _allowed(rules) -> int:
    """The epochs a grading trains at most: the week's limit, or its budget if lower."""
    budget = rules.epoch_budget
    return rules.max_epochs if budget is None else min(budget, rules.max_epochs)


def _advice(artifacts, epochs: int, lesson: Lesson = Lesson()) -> str:
    """What usually helps a transfer-learning model that misses a bar, leaving out what its
    structure already does (read from the model the grader loaded)."""
    parts = model_anatomy(artifacts, "trained_model")
    rescaled = any(layer.class_name == "Rescaling" for layer in parts.preprocessing)
    tips = [tip for applies, tip in (
        (parts.trainable_base_weights > 0, "freeze the pre-trained InceptionV3 "
                                           "(pre_trained_model.trainable = False)"),
        (parts.cut != "mixed7", "take the head's input from get_layer('mixed7').output"),
        (input_scaling(artifacts) != lesson.pixels and not rescaled, lesson.pixels_tip),
        (epochs < _allowed(artifacts.rules), f"train longer: it ran {epochs} of the "
                                             f"{_allowed(artifacts.rules)} epochs allowed"),
    ) if applies]
    if tips:
        return "; ".join(tips) + "."
    return ("its structure already follows the lesson (a frozen InceptionV3 cut at mixed7, "
            f"pictures scaled as the course does); {lesson.rate_tip}: a result this close to "
            "the bar can fall either side of it.")


training_reached_bar, heldout_accuracy = training_checks()
