"""The corpus of the older (Colab) edition's Week 3: one mistake (or one valid alternative)
per notebook, named for it.

Each scenario is the older edition's reference solution (``solutions/C2W3_colab``) with a
few text edits, and the set of checks it must lose (none for a valid alternative).
``python -m tests.submissions.c2w3_colab.scenarios`` rewrites the notebooks;
`tests/e2e/test_colab_corpus.py` proves the committed files match this file and grades
each one through the CLI on the stand-in weights (``-m slow``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.assignments import get_assignment
from tests.submissions.c2w1_colab.scenarios import SMALL_PICTURES, claiming_tests_scenario
from tests.submissions.scenarios import Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
ASSIGNMENT = "C2W3_colab"
SOLUTION = ROOT / "solutions" / ASSIGNMENT / get_assignment(ASSIGNMENT).notebook
#: The checks only a model trained as the course trains it can pass.
TRAINED = frozenset({"training_reached_bar", "heldout_accuracy"})
_FREEZE = ("    for layer in pre_trained_model.layers:\n"
           "        layer.trainable = False\n")
_CONDITION = 'if logs.get("accuracy", 0.0) > 0.999:'
_BASE = '''    pre_trained_model = InceptionV3(input_shape=(150, 150, 3),
                                    include_top=False,
                                    weights=None)
    pre_trained_model.load_weights(local_weights_file)
''' + _FREEZE
_BASE_IN_ONE_CALL = '''    pre_trained_model = InceptionV3(
        input_shape=(150, 150, 3), include_top=False, weights=local_weights_file)
    pre_trained_model.trainable = False
'''

SCENARIOS = {
    "base-left-trainable": Scenario(
        "create_pre_trained_model loads the weights but never freezes a layer: training "
        "changes InceptionV3's pre-trained weights.",
        {"create_pre_trained_model": {_FREEZE: ""}},
        frozenset({"base_frozen", "parameter_counts"}),
        # 21.8 M more weights trained by RMSprop(1e-4) on a few hundred augmented pictures
        # may keep the pre-trained features or wash them out, depending on the machine's
        # floating point; the structure is judged all the same
        may_also_lose=TRAINED),
    "cut-at-mixed6": Scenario(
        "output_of_last_layer returns the output of mixed6 (the same 7×7×768 shape as mixed7, "
        "fewer layers).",
        {"output_of_last_layer": {'get_layer("mixed7")': 'get_layer("mixed6")'}},
        frozenset({"cut_at_mixed7", "parameter_counts"})),
    "no-dropout": Scenario(
        "create_final_model has no Dropout between Dense(1024) and the output.",
        {"create_final_model": {"    x = layers.Dropout(0.2)(x)\n": ""}},
        frozenset({"head_dropout"})),
    "callback-reads-acc": Scenario(
        "myCallback reads logs.get('acc'), the key of a model compiled with metrics=['acc'] "
        "as older notebooks were; this one logs 'accuracy', so the callback never stops "
        "training.",
        {"callback": {_CONDITION: 'if logs.get("acc", 0.0) > 0.999:'}},
        # the reference's training never reaches 0.999 on the stand-in in its 20 epochs, so
        # the run is the reference's: only the callback's own point is lost
        frozenset({"callback_stops_at_bar"})),
    "callback-compares-the-wrong-way": Scenario(
        "myCallback stops when accuracy < 0.999: training ends after its first epoch.",
        {"callback": {_CONDITION: 'if logs.get("accuracy", 0.0) < 0.999:'}},
        frozenset({"callback_stops_at_bar", "training_reached_bar"}),
        # one epoch of a head on the frozen base may or may not tell the held-out pictures
        # apart well enough (0.80): it is the grader's measurement of a model one epoch in
        # (on the CI-scale stand-in, the AMD EPYC: kept in one run, 19/21; lost in the next by
        # 0.003, held-out 0.797, 15/21)
        may_also_lose=frozenset({"heldout_accuracy"}), trains=False),
    "generators-read-128-pixel-pictures": Scenario(
        "train_val_generators reads the pictures at target_size=(128, 128), not the "
        "(150, 150) InceptionV3 was built for: the head's Dense refuses the smaller mixed7 "
        "at the first batch.",
        {"train_val_generators": SMALL_PICTURES},
        frozenset({"generators_read_folders"}) | TRAINED, trains=False),
    "test-cells-claim-success": claiming_tests_scenario(SOLUTION),
    "valid-weights-given-to-inception": Scenario(
        "A valid alternative: InceptionV3 is given the weights file itself "
        "(weights=local_weights_file) and frozen as a whole (pre_trained_model.trainable = "
        "False).",
        {"create_pre_trained_model": {_BASE: _BASE_IN_ONE_CALL}}),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from the older Week 3's reference."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
