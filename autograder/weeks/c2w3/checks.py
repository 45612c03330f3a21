"""Week 3's structure checks: a frozen InceptionV3 holding the given weights, cut at
``mixed7``, with the course's head, optimizer and preprocessing.

Everything is read from the models the grader loaded itself (safe mode) and, for the
weights, compared with the course's file outside the sandbox. Each check judges
``create_final_model()``'s model and, in the ``trained`` mode, the model the notebook
trained, except the weights check, which judges the model as built (training a frozen
base changes nothing) and, for the layers a student left trainable (and so training
changed), the base ``create_pre_trained_model()`` returns when the export calls it again.
"""

from __future__ import annotations

import dataclasses

from autograder.checks.base import Check, MissingArtifact, check, failed, passed
from autograder.weeks.c2w3.anatomy import anatomy, base_fingerprints, file_fingerprints
from autograder.weeks.c2w3.rules import (CUT_LAYER, CUT_SHAPE, DENSE_UNITS, LEARNING_RATES,
                                         TOTAL_PARAMS, TRAINABLE_PARAMS)
from autograder.weeks.c2w3.scoring import INCEPTION, pixel_scaling

__all__ = ["base_frozen", "base_weights_from_file", "cut_at_mixed7", "head_dense_relu",
           "head_dropout", "learning_rate", "learning_rate_check", "parameter_counts",
           "inception_preprocessing", "model_anatomy", "judge_models", "input_scaling"]

MODELS = ("created_model",)


def model_anatomy(artifacts, name: str):
    """The `Anatomy` of model artifact `name`, computed once per submission."""
    return artifacts.cached(f"anatomy-{name}", lambda: anatomy(artifacts.loaded_model(name)))


def judge_models(artifacts, judge_one):
    """Runs `judge_one(name)` on create_final_model()'s model and, in the trained mode, on
    the model the notebook trained; the first failure is the outcome."""
    names = ["created_model"]
    if artifacts.settings is not None and artifacts.settings.mode == "trained" \
            and artifacts.has("trained_model"):
        names.append("trained_model")
    outcome = passed()
    for name in names:
        outcome = judge_one(name)
        if not outcome.passed:
            if name == "trained_model":
                outcome = dataclasses.replace(
                    outcome, feedback="In the model your notebook trained: " + outcome.feedback)
            return outcome
    return outcome


def moved_base_layers(artifacts, name: str) -> list[str]:
    """The base layers of model `name` whose weights are not the file's, when the file's
    weights were loaded (``create_pre_trained_model()``'s own base holds them all): what
    training changed, whatever the flags say now. Empty when nothing shows the file was
    loaded (the weights check takes those points, not this one)."""
    if not artifacts.has("fresh_base") or not artifacts.get("fresh_base").get("file"):
        return []
    known = file_fingerprints(weights_file(artifacts))
    fresh = base_fingerprints(artifacts.loaded_model("fresh_base"))
    if not fresh or not all(f in known for f in fresh.values()):
        return []
    return sorted(layer for layer, f in base_fingerprints(artifacts.loaded_model(name)).items()
                  if f not in known)


@check("base_frozen", title="Every InceptionV3 layer is frozen (0 trainable weights in the "
       "base) and training left the file's weights as they were", points=2,
       needs=(*MODELS, "fresh_base"), claims=("created_model", "fresh_base"))
def base_frozen(artifacts):
    def one(name):
        parts = model_anatomy(artifacts, name)
        if parts.base and not parts.trainable_base and parts.trainable_base_weights == 0:
            moved = moved_base_layers(artifacts, name)
            if moved:
                return failed(expected="the pre-trained InceptionV3 frozen while the model "
                                       "trains, so that its weights stay the file's",
                              found=f"{len(moved)} of its layers with weights changed by "
                                    f"training (e.g. {', '.join(moved[:3])}), though they are "
                                    f"marked frozen now",
                              fix="in create_pre_trained_model(), set layer.trainable = False "
                                  "for every layer before the model is compiled and trained.",
                              detail=f"moved: {moved[:50]}")
            return passed(f"{len(parts.base)} base layers, none trainable, none moved")
        return failed(expected="every layer of the pre-trained InceptionV3 frozen, so that only "
                               "the new head trains",
                      found=f"{len(parts.trainable_base)} of its {len(parts.base)} layers "
                            f"trainable ({parts.trainable_base_weights:,} trainable weights)",
                      fix="in create_pre_trained_model(), set layer.trainable = False for every "
                          "layer in pre_trained_model.layers before returning it.")
    return judge_models(artifacts, one)


def weights_file(artifacts):
    """The course's weights file, as the grader holds it (outside the sandbox)."""
    from autograder.weeks.c2w3.weights import WEIGHTS_FILE

    from autograder.weeks.c2w3.standin import DATASET

    if artifacts.data is not None and artifacts.data.student_images_dir is not None:
        return artifacts.data.student_images_dir / WEIGHTS_FILE
    if artifacts.settings is None:  # a self-check reads the course's copy
        raise MissingArtifact("This check runs only in the grader.")
    return artifacts.settings.data_root / DATASET / WEIGHTS_FILE


_WEIGHTS_EXPECTED = ("the pre-trained weights from "
                     "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5 in every "
                     "InceptionV3 layer")
_WEIGHTS_FIX = ("create the model with weights=None and then call "
                "pre_trained_model.load_weights(LOCAL_WEIGHTS_FILE), or pass "
                "weights=LOCAL_WEIGHTS_FILE to InceptionV3.")


@check("base_weights_from_file", title="The InceptionV3 layers hold the weights of the given "
       "file", points=2, needs=MODELS)
def base_weights_from_file(artifacts):
    """Frozen base layers must hold the file's weights in the model as built. Layers left
    trainable may have been changed by training (the frozen check takes those points), so
    for them the base that ``create_pre_trained_model()`` returns, built again by the
    export, is judged instead: not loading the weights is one mistake, not freezing another.
    """
    known = file_fingerprints(weights_file(artifacts))
    found = base_fingerprints(artifacts.loaded_model("created_model"))
    trainable = set(model_anatomy(artifacts, "created_model").trainable_base)
    kept = [f for name, f in found.items() if name not in trainable]
    matching = sum(f in known for f in kept)
    if not found:
        return failed(expected=_WEIGHTS_EXPECTED, found="no InceptionV3 layer with weights",
                      fix=_WEIGHTS_FIX)
    if matching == len(kept) and not trainable:
        return passed(f"{matching} layers with weights match the file")
    # layers left trainable, or frozen only after training changed them: judge the base
    # create_pre_trained_model() returns (not freezing is the frozen check's mistake)
    return _fresh_base_holds_the_file(artifacts, known, matching)


def _fresh_base_holds_the_file(artifacts, known, frozen_matching: int):
    if not artifacts.get("fresh_base").get("file"):
        # the export saw a frozen base though the model's is not: no evidence of loading
        return failed(expected=_WEIGHTS_EXPECTED,
                      found="InceptionV3 layers left trainable, whose weights training has "
                            "changed, and no other way to see what create_pre_trained_model() "
                            "loaded",
                      fix=_WEIGHTS_FIX + " Freeze every layer of the base, and build the final "
                                         "model on the model create_pre_trained_model() returns.")
    fresh = base_fingerprints(artifacts.loaded_model("fresh_base"))
    matching = sum(f in known for f in fresh.values())
    if fresh and matching == len(fresh):
        return passed(f"{frozen_matching} frozen layers match the file, and "
                      f"create_pre_trained_model() loads it into all {matching} layers with "
                      "weights (the layers left trainable were changed by training)")
    return failed(expected=_WEIGHTS_EXPECTED,
                  found=f"create_pre_trained_model() returns a model in which {matching} of the "
                        f"{len(fresh)} layers with weights hold the file's weights (the others "
                        "are freshly initialised)",
                  fix=_WEIGHTS_FIX)


@check("cut_at_mixed7", title="The head starts from the output of the layer 'mixed7', shaped "
       "(None, 7, 7, 768)", points=1, needs=MODELS)
def cut_at_mixed7(artifacts):
    def one(name):
        parts = model_anatomy(artifacts, name)
        if parts.cut == CUT_LAYER and parts.cut_shape == CUT_SHAPE:
            return passed()
        return failed(expected=f"the head to take the output of '{CUT_LAYER}', of shape "
                               f"(None, {', '.join(map(str, CUT_SHAPE))})",
                      found=f"the output of '{parts.cut}', of shape (None, "
                            f"{', '.join(map(str, parts.cut_shape or ()))})",
                      fix=f"in output_of_last_layer(), return "
                          f"pre_trained_model.get_layer('{CUT_LAYER}').output and build the "
                          "head on it.")
    return judge_models(artifacts, one)


def _head(artifacts, name, class_name):
    return [layer for layer in model_anatomy(artifacts, name).head
            if layer.class_name == class_name]


@check("head_dense_relu", title=f"The head has a Dense({DENSE_UNITS}, activation='relu') "
       "after Flatten", points=1, needs=MODELS)
def head_dense_relu(artifacts):
    def one(name):
        dense = _head(artifacts, name, "Dense")
        if any(d.config.get("units") == DENSE_UNITS and d.config.get("activation") == "relu"
               for d in dense) and _head(artifacts, name, "Flatten"):
            return passed()
        found = ", ".join(f"Dense({d.config.get('units')}, activation="
                          f"{d.config.get('activation')!r})" for d in dense) or "no Dense layer"
        return failed(expected=f"Flatten() then Dense({DENSE_UNITS}, activation='relu') on "
                               "the cut's output",
                      found=found + ("" if _head(artifacts, name, "Flatten") else ", no Flatten"),
                      fix=f"x = tf.keras.layers.Flatten()(last_output); x = "
                          f"tf.keras.layers.Dense({DENSE_UNITS}, activation='relu')(x).")
    return judge_models(artifacts, one)


#: Dropout rates that regularise without drowning the signal (the course uses 0.2).
DROPOUT_RANGE = (0.1, 0.5)


@check("head_dropout", title="The head has a Dropout layer with a rate between 0.1 and 0.5",
       points=1, needs=MODELS)
def head_dropout(artifacts):
    def one(name):
        rates = [d.config.get("rate") for d in _head(artifacts, name, "Dropout")]
        if any(isinstance(r, (int, float)) and DROPOUT_RANGE[0] <= r <= DROPOUT_RANGE[1]
               for r in rates):
            return passed(f"rates {rates}")
        return failed(expected=f"a Dropout layer with a rate between {DROPOUT_RANGE[0]} and "
                               f"{DROPOUT_RANGE[1]} after the Dense layer",
                      found=f"Dropout rates {rates}" if rates else "no Dropout layer",
                      fix="add tf.keras.layers.Dropout(0.2) between Dense(1024) and the output "
                          "layer.")
    return judge_models(artifacts, one)


def _learning_rate(compiled: dict | None) -> float | None:
    optimizer = (compiled or {}).get("optimizer")
    config = optimizer.get("config", {}) if isinstance(optimizer, dict) else {}
    rate = config.get("learning_rate")
    return float(rate) if isinstance(rate, (int, float)) else None


def learning_rate_check(course_rate: str = "1e-5", written: str = "0.00001") -> Check:
    """The learning-rate check, titled with the rate the edition's course asks for
    (`course_rate`, written in the fix as `written`); either course rate passes
    (`LEARNING_RATES`)."""

    @check("learning_rate", title=f"The model is compiled with RMSprop(learning_rate="
           f"{course_rate})", points=1, needs=MODELS)
    def learning_rate(artifacts):
        def one(name):
            rate = _learning_rate(artifacts.model_summary(name).compile_config)
            if rate is not None and any(abs(rate - r) <= r * 1e-3 for r in LEARNING_RATES):
                return passed(f"learning_rate={rate}")
            return failed(expected=f"an optimizer with learning_rate={written} ({course_rate})",
                          found="no learning rate (not compiled, or a schedule)" if rate is None
                          else f"learning_rate={rate:g}",
                          fix="compile with optimizer=tf.keras.optimizers.RMSprop("
                              f"learning_rate={written}): the head learns on features that are "
                              "already good.")
        return judge_models(artifacts, one)

    return learning_rate


learning_rate = learning_rate_check()


@check("parameter_counts", title=f"The model has {TOTAL_PARAMS:,} parameters, "
       f"{TRAINABLE_PARAMS:,} of them trainable", points=1, needs=MODELS)
def parameter_counts(artifacts):
    def one(name):
        parts = model_anatomy(artifacts, name)
        if (parts.total_params, parts.trainable_params) == (TOTAL_PARAMS, TRAINABLE_PARAMS):
            return passed()
        return failed(expected=f"{TOTAL_PARAMS:,} parameters in all and {TRAINABLE_PARAMS:,} "
                               "trainable (the head on mixed7 at 150×150)",
                      found=f"{parts.total_params:,} in all and {parts.trainable_params:,} "
                            "trainable",
                      fix="build InceptionV3 with input_shape=(150, 150, 3), freeze it, cut at "
                          "mixed7 and add Flatten, Dense(1024), Dropout and Dense(1).")
    return judge_models(artifacts, one)


def input_scaling(artifacts):
    """The scaling of the pixels the model was trained on: those of the first batch given to
    ``fit`` when the notebook trained (a notebook may preprocess its datasets after
    ``train_val_datasets()`` returned them, as the public course's does), else those of
    ``train_val_datasets()``'s training set.

    Raises:
        MissingArtifact: if the notebook neither trained nor returned datasets.
    """
    for name in ("fit_data", "datasets"):
        batch = artifacts.get(name)["train"].get("first_batch") if artifacts.has(name) else None
        if batch:
            return pixel_scaling(batch.get("images_min"), batch.get("images_max"))
    artifacts.get("datasets")  # says why there are no datasets, if there are none
    return pixel_scaling(None, None)


def _rescales_for_inception(layer) -> bool:
    config = layer.config
    return (layer.class_name == "Rescaling" and abs(float(config.get("scale", 0)) - 1 / 127.5)
            < 1e-6 and abs(float(config.get("offset", 0)) + 1) < 1e-6)


@check("inception_preprocessing", title="Images reach InceptionV3 through its own "
       "preprocessing (pixels in [-1, 1])", points=1, needs=("datasets", "created_model"))
def inception_preprocessing(artifacts):
    scaling = input_scaling(artifacts)

    def one(name):
        in_model = [l for l in model_anatomy(artifacts, name).preprocessing
                    if l.class_name == "Rescaling"]
        if (scaling is INCEPTION and not in_model) or (
                scaling.scale == 1.0 and len(in_model) == 1 and _rescales_for_inception(in_model[0])):
            return passed(scaling.name)
        return failed(expected="images scaled by "
                               "tf.keras.applications.inception_v3.preprocess_input (pixels in "
                               "[-1, 1]), as InceptionV3 was trained",
                      found=scaling.name + (f" and {len(in_model)} Rescaling layer(s) in the "
                                            "model" if in_model else ""),
                      fix="map your datasets with a function that applies "
                          "tf.keras.applications.inception_v3.preprocess_input to the images.")
    return judge_models(artifacts, one)
