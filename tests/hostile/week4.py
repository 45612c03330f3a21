"""Hostile Week 4 submissions: the untouched release with one attack on the kernel's export.

Laid out as the Week 1 corpus (`tests/hostile/scenarios.py`, whose `Scenario` says what the
grader must make of each), but built when graded, from the release notebook as it is: the
attack is one cell, and the release changes with the week. `tests/e2e/test_hostile_c2w4.py`
grades each beside an honest neighbour of the Week 4 corpus, in one batch.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from tests.hostile.scenarios import Scenario, insert_cells

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASE = ROOT / "release" / "C2W4" / "C2W4_Assignment.ipynb"
DATASETS = frozenset({"datasets_channel_axis", "datasets_keep_every_row"})

#: The datasets exporter rebound in the kernel: the right facts for the student's files (row
#: counts read from them, the 24 letters, batches of 32×28×28×1), no pictures behind them.
REBIND_DATASETS_EXPORTER = """import os

try:
    from autograder.kernel.exporters import EXPORTERS
except ImportError:
    from autograder.artifacts.exporters import EXPORTERS

FOLDER = os.path.join(os.environ["AUTOGRADER_DATA_ROOT"], "sign_language_mnist", "sign_mnist")

def rows(name):
    with open(os.path.join(FOLDER, name)) as handle:
        return sum(1 for line in handle if line.strip()) - 1

def split(count):
    return {"kind": "tf.data", "examples": count, "complete": True,
            "images_shape": [32, 28, 28, 1], "labels_shape": [32], "images_dtype": "float64",
            "labels_dtype": "float64", "one_hot": False,
            "label_values": [n for n in range(25) if n != 9], "pixel_min": 0.0,
            "pixel_max": 255.0, "rescale": None}

EXPORTERS["array_datasets"] = lambda namespace, out_dir, **params: {
    "train": split(rows("sign_mnist_train.csv")), "validation": split(rows("sign_mnist_test.csv"))}
print("rebound the datasets exporter")"""

SCENARIOS: dict[str, Scenario] = {
    "rebinds-datasets-exporter": Scenario(
        "One cell rebinds the kernel's datasets exporter to report what a right "
        "train_val_datasets() would (the files' row counts, the 24 letters, batches of "
        "(32, 28, 28, 1)) with no dataset behind it. Before the grader held the datasets' "
        "saved rows against its own parse of the files, this untouched release got 2/15.",
        "release", (REBIND_DATASETS_EXPORTER,), points=0, loses=DATASETS,
        messages=("The pictures your datasets hold could not be read back",)),
}


def build(name: str) -> nbformat.NotebookNode:
    """Scenario `name`'s notebook: the release with its cells before the grading cells."""
    scenario = SCENARIOS[name]
    notebook = copy.deepcopy(nbformat.read(RELEASE, as_version=4))
    insert_cells(notebook, scenario.cells, "grading", name)
    notebook.metadata["autograder_scenario"] = {"name": name, "what": scenario.what}
    return notebook
