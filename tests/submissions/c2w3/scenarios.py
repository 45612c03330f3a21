"""The corpus of wrong Week 3 submissions: one mistake per notebook, named for it.

Each scenario is the reference solution with a few text edits and the set of checks it
must lose (no more, no fewer). ``python -m tests.submissions.c2w3.scenarios`` rewrites the
notebooks; `tests/weeks/test_c2w3_corpus.py` proves the committed files match this file,
grades each one's structure in-process (default suite) and through the CLI (``-m slow``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.submissions.scenarios import TRAINING, Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SOLUTION = ROOT / "solutions" / "C2W3" / "C2W3_Assignment.ipynb"
FREEZE = ("    for layer in pre_trained_model.layers:\n"
          "        layer.trainable = False\n")
#: Checks that need a trained model (the rest is graded from the built model and the probes).
TRAINED = frozenset({"training_reached_bar", "heldout_accuracy"})


SCENARIOS = {
    "base-not-frozen": Scenario(
        "InceptionV3 is left trainable: training changes its pre-trained weights.",
        {"create_pre_trained_model": {FREEZE: ""}},
        frozenset({"base_frozen", "parameter_counts"}), TRAINED),
    "only-some-layers-frozen": Scenario(
        "Only the first 100 layers are frozen.",
        {"create_pre_trained_model": {"in pre_trained_model.layers:":
                                      "in pre_trained_model.layers[:100]:"}},
        frozenset({"base_frozen", "parameter_counts"}), TRAINED),
    "cut-at-mixed6": Scenario(
        "The head is put on mixed6 (same shape as mixed7, fewer layers).",
        {"output_of_last_layer": {'get_layer("mixed7")': 'get_layer("mixed6")'}},
        frozenset({"cut_at_mixed7", "parameter_counts"}), TRAINED),
    "head-on-final-output": Scenario(
        "The head is put on InceptionV3's last output (mixed10, 3×3×2048).",
        {"output_of_last_layer": {'pre_trained_model.get_layer("mixed7").output':
                                  "pre_trained_model.output"}},
        frozenset({"cut_at_mixed7", "parameter_counts"}), TRAINED),
    "no-dropout": Scenario(
        "The head has no Dropout.",
        {"create_final_model": {"    x = tf.keras.layers.Dropout(0.2)(x)\n": ""}},
        frozenset({"head_dropout"}), TRAINED),
    "dropout-0.9": Scenario(
        "Dropout(0.9) drops nine features in ten.",
        {"create_final_model": {"Dropout(0.2)": "Dropout(0.9)"}},
        frozenset({"head_dropout"}), TRAINED),
    "weights-not-loaded": Scenario(
        "The weights file is never loaded: InceptionV3 keeps a random initialisation.",
        {"create_pre_trained_model": {
            "    pre_trained_model.load_weights(LOCAL_WEIGHTS_FILE)\n": ""}},
        frozenset({"base_weights_from_file", "heldout_accuracy"}),
        frozenset({"training_reached_bar"})),
    "rescaled-by-255": Scenario(
        "Pixels are divided by 255 (in [0, 1]) instead of InceptionV3's preprocessing.",
        {"train_val_datasets": {
            "tf.keras.applications.inception_v3.preprocess_input(images)": "images / 255.0"}},
        frozenset({"inception_preprocessing"}), TRAINED),
    "softmax-one-unit": Scenario(
        "The output is Dense(1, activation='softmax'), which always says 1.0.",
        {"create_final_model": {'Dense(1, activation="sigmoid")':
                                'Dense(1, activation="softmax")'}},
        frozenset({"model_binary_head", "training_reached_bar", "heldout_accuracy"})),
    "callback-reads-validation": Scenario(
        "The callback stops on the validation accuracy instead of the training accuracy.",
        {"callback": {'logs.get("accuracy", 0.0) > 0.999': 'logs.get("val_accuracy", 0.0) > 0.999'}},
        frozenset({"callback_stops_above_bar", "callback_keeps_training_below_bar"}), TRAINED),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from C2W3's reference solution."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
