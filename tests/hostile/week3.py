"""Hostile Week 3 submissions: a base trained during ``fit`` and frozen only afterwards.

Laid out as the Week 1 corpus (`tests/hostile/scenarios.py`, whose `Scenario` says what the
grader must make of each) and built when graded, as `tests/hostile/week4.py` is: the
reference solution with its base left trainable in ``create_pre_trained_model()``, and one
cell after training that hides it. The grader judges the base by what training did to it
(its weights compared with the file), so flags set afterwards, a fresh compile or a function
rewritten to look right gain nothing. `tests/e2e/test_hostile_c2w3.py` grades each beside an
honest neighbour of the Week 3 corpus, in one batch.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.hostile.scenarios import Scenario, insert_cells
from tests.submissions.scenarios import apply_edits

ROOT = Path(__file__).resolve().parent.parent.parent
SOLUTION = ROOT / "solutions" / "C2W3" / "C2W3_Assignment.ipynb"
#: The reference's freezing loop, taken out so that the base trains with the head.
UNFROZEN = {"create_pre_trained_model": {"    for layer in pre_trained_model.layers:\n"
                                         "        layer.trainable = False\n": ""}}
#: At most 21 - 2: the two points of the frozen base (or of the file's weights) are lost.
MOST = 19.0
CHANGED = "changed by training"

FREEZE_AFTERWARDS = """# frozen only now that training is over: every flag says frozen
for layer in pre_trained_model.layers:
    layer.trainable = False
print(f"{len(model.trainable_weights)} trainable weight tensors left")"""

RECOMPILE_RESAVE_REWRITE = FREEZE_AFTERWARDS + '''
model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.00001),
              loss="binary_crossentropy", metrics=["accuracy"])
model.save("model.keras")


def create_pre_trained_model():
    """The graded function, rewritten to read as the lesson asks (frozen before training)."""
    pre_trained_model = tf.keras.applications.inception_v3.InceptionV3(
        input_shape=(150, 150, 3), include_top=False, weights=None)
    pre_trained_model.load_weights(LOCAL_WEIGHTS_FILE)
    for layer in pre_trained_model.layers:
        layer.trainable = False
    return pre_trained_model'''

TRAINED_BASE_AS_FRESH = FREEZE_AFTERWARDS + '''
TRAINED_BASE = pre_trained_model


def create_pre_trained_model():
    """The graded function, rewritten to hand back the base that was trained."""
    return TRAINED_BASE'''

SCENARIOS: dict[str, Scenario] = {
    "trains-base-then-freezes": Scenario(
        "The base is left trainable while the model trains; one cell afterwards sets every "
        "base layer's trainable = False, so the saved model's flags all say frozen. Before "
        "the grader compared the base with the weights file, this kept 21/21.",
        "reference", (FREEZE_AFTERWARDS,), edits=UNFROZEN, max_points=MOST,
        loses=frozenset({"base_frozen"}), messages=(CHANGED, "marked frozen now")),
    "trains-base-then-freezes-recompiles-resaves": Scenario(
        "As trains-base-then-freezes, then compiles the model again, saves it again, and "
        "rewrites create_pre_trained_model() to freeze its base, so that the base the export "
        "builds afresh is frozen and holds the file's weights.",
        "reference", (RECOMPILE_RESAVE_REWRITE,), edits=UNFROZEN, max_points=MOST,
        loses=frozenset({"base_frozen"}), messages=(CHANGED, "marked frozen now")),
    "trains-base-then-returns-it-as-fresh": Scenario(
        "As trains-base-then-freezes, then rewrites create_pre_trained_model() to return the "
        "base that was trained, so that nothing the export builds afresh holds the file's "
        "weights: the frozen-base check has nothing to compare with, and the weights check "
        "finds that the function's base does not hold the file's weights.",
        "reference", (TRAINED_BASE_AS_FRESH,), edits=UNFROZEN, max_points=MOST,
        loses=frozenset({"base_weights_from_file"}),
        messages=("layers with weights hold the file's weights",)),
}


def build(name: str) -> nbformat.NotebookNode:
    """Scenario `name`'s notebook: the reference with its edits, and its cells after
    training (before the grading cells)."""
    scenario = SCENARIOS[name]
    notebook = nbformat.read(SOLUTION, as_version=4)
    apply_edits(notebook, scenario.edits, name)
    insert_cells(notebook, scenario.cells, "grading", name)
    notebook.metadata["autograder_scenario"] = {"name": name, "what": scenario.what}
    return notebook
