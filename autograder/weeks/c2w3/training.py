"""Week 3's callback, training and held-out checks.

The callback stops once the training accuracy is above 0.999, whatever the validation
accuracy (whether it is a working Keras callback is the check every week shares). Training is held against the grader's own measurement of the saved model on the
student's training pictures; held-out accuracy is measured by the grader on pictures the
kernel never saw, fed with the scaling of the data the notebook trained on.
"""

from __future__ import annotations

from autograder.checks.base import MissingArtifact, check, failed, passed
from autograder.checks.callbacks import CallbackProbes, verified_probes
from autograder.checks.training import meets_bar
from autograder.weeks.c2w3.checks import input_scaling
from autograder.weeks.c2w3.rules import RULES

__all__ = ["PROBES", "callback_stops_above_bar",
           "callback_keeps_training_below_bar", "training_reached_bar", "heldout_accuracy"]

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


@check("training_reached_bar", title="Training reached accuracy > 0.999 within "
       f"{RULES.max_epochs} epochs",
       points=1, needs=("history", "trained_model", "datasets"))
def training_reached_bar(artifacts):
    """The grader's measurement of the saved model on a sample of the training pictures
    meets the bar (`meets_bar`: the same tolerance whichever of it and the history is lower),
    within the week's epochs."""
    accuracy = artifacts.get("history")["history"].get("accuracy") or []
    limit = artifacts.rules.max_epochs
    fix = ("check the frozen base, its weights and preprocessing, compile with "
           "metrics=['accuracy'] and pass your EarlyStoppingCallback to fit.")
    expected = f"accuracy > {_BAR} at the end of training, within {limit} epochs"
    if not accuracy or len(accuracy) > limit:
        return failed(expected=expected,
                      found=f"accuracy {accuracy[-1]:.4f} after {len(accuracy)} epoch(s)"
                      if accuracy else "no 'accuracy' in the history", fix=fix)
    measured = _measured(artifacts, "train", TRAIN_SAMPLE_EVERY)
    detail = f"history {accuracy[-1]:.4f}; measured {measured.accuracy:.4f} on {measured.images}"
    if meets_bar(measured.accuracy, _BAR, above=True):
        return passed(detail)
    if accuracy[-1] <= _BAR:
        return failed(expected=expected, found=f"accuracy {accuracy[-1]:.4f} after "
                      f"{len(accuracy)} epoch(s) (the model you saved scores "
                      f"{measured.accuracy:.3f} on {measured.images} of your training pictures)",
                      fix=fix, detail=detail)
    return failed(expected="the model you trained to score on your training pictures what your "
                           "history says",
                  found=f"your history says {accuracy[-1]:.3f}, the model you saved scores "
                        f"{measured.accuracy:.3f} on {measured.images} of your training pictures",
                  fix="train with `history = model.fit(...)` and keep that model.", detail=detail)


@check("heldout_accuracy", title="The trained model tells held-out horses from humans (never "
       f"seen in training) with accuracy ≥ {RULES.heldout_threshold:.2f}", points=4,
       needs=("trained_model", "created_model", "datasets"), hidden=True, needs_heldout=True)
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
    return failed(expected=f"accuracy ≥ {threshold:.2f} on {score.images} held-out pictures",
                  found=f"{score.accuracy:.3f} for the model your notebook trained",
                  fix="freeze the pre-trained InceptionV3 with its weights loaded, cut it at "
                      "mixed7, preprocess the images with inception_v3.preprocess_input and "
                      "train the head until your callback stops.", detail=detail)
