"""Week 3's structure checks on real InceptionV3 models, built in this process from each
corpus notebook's own cells (no kernel, no training): the reference keeps every point that
needs no training, and each mistake loses exactly its own."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.artifacts import GradingData, export_artifacts, load_artifacts
from autograder.assignments import get_assignment
from autograder.checks import run_checks
from autograder.weeks.c2w3.figures import draw_figure
from autograder.weeks.c2w3.standin import CLASSES, DATASET, SPLITS
from tests.weeks.c2w3_helpers import write_quick_weights
from tests.submissions.c2w3.scenarios import SCENARIOS, SOLUTION, build

SPEC = get_assignment("C2W3")
BUILT = {"datasets", "created_model", "callback"}
STRUCTURAL = [c for c in SPEC.checks if set(c.needs) <= BUILT]
#: The cells that define the graded functions and the variables the exporter calls them with.
CELLS = ("imports", "paths", "train_val_datasets", "create_pre_trained_model", "pre_trained",
         "output_of_last_layer", "last_output", "create_final_model", "callback")


@pytest.fixture(scope="module")
def data_root(tmp_path_factory):
    """A tiny course: 3 pictures per class and split, and a weights file no Keras
    initialisation can reproduce."""
    root = tmp_path_factory.mktemp("c2w3-data")
    folder = root / DATASET
    for split in SPLITS:
        for label, name in enumerate(CLASSES):
            (folder / split / name).mkdir(parents=True)
            for index in range(3):
                draw_figure(np.random.default_rng([label, index]), label, 150).save(
                    folder / split / name / f"{index}.png")
    write_quick_weights(folder)
    return root


def _structure(notebook, data_root, out, monkeypatch) -> dict[str, str]:
    """Runs the notebook's graded cells here, exports what they build, runs the checks
    that need no training; returns {check id: status}."""
    import keras

    monkeypatch.setenv("AUTOGRADER_DATA_ROOT", str(data_root))
    namespace: dict = {}
    for cell in notebook.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id")
        if key in CELLS:
            exec(compile(cell.source, key, "exec"), namespace)  # noqa: S102 - our corpus
    export_artifacts(namespace, out, "C2W3", only=BUILT)
    data = GradingData(student_manifest=None, student_images_dir=data_root / DATASET,
                       heldout_dir=None)
    artifacts = load_artifacts(out, data=data, settings=None, rules=SPEC.rules,
                               exporters={a.name: a.exporter for a in SPEC.artifacts})
    results = run_checks(STRUCTURAL, artifacts)
    keras.backend.clear_session()
    return {r.check_id: r for r in results}


def test_reference_keeps_every_structural_point(data_root, tmp_path, monkeypatch):
    import nbformat

    results = _structure(nbformat.read(SOLUTION, as_version=4), data_root, tmp_path,
                         monkeypatch)
    assert {k: r.feedback for k, r in results.items() if r.status != "passed"} == {}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_mistake_loses_exactly_its_structural_points(name, data_root, tmp_path,
                                                          monkeypatch):
    results = _structure(build(name), data_root, tmp_path, monkeypatch)
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == SCENARIOS[name].loses & set(results), name
    for check_id in lost:
        feedback = results[check_id].feedback
        assert feedback.startswith("Expected") and "How to fix" in feedback, feedback
