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
from tests.submissions.scenarios import Scenario, build_scenario

SPEC = get_assignment("C2W3")
BUILT = {"datasets", "created_model", "fresh_base", "callback"}
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


def _structure(notebook, data_root, out, monkeypatch, *, before_export=None) -> dict:
    """Runs the notebook's graded cells here (then `before_export` on their namespace),
    exports what they build, runs the checks that need no training; returns {check id:
    result}."""
    import keras

    monkeypatch.setenv("AUTOGRADER_DATA_ROOT", str(data_root))
    namespace: dict = {}
    for cell in notebook.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id")
        if key in CELLS:
            exec(compile(cell.source, key, "exec"), namespace)  # noqa: S102 - our corpus
    if before_export is not None:
        before_export(namespace)
    fixtures = {f.artifact: f.place(out.parent / "fixtures", out, 0) for f in SPEC.fixtures}
    export_artifacts(namespace, out, "C2W3", only=BUILT, fixtures=fixtures)
    data = GradingData(student_manifest=None, student_images_dir=data_root / DATASET,
                       heldout_dir=None, fixtures=fixtures)
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


def _train_what_is_trainable(namespace):
    """What training does to a base left trainable: its trainable weights move."""
    for weight in namespace["pre_trained_model"].trainable_weights:
        weight.assign(weight * 0.9 + 0.01)


@pytest.mark.parametrize("name", ["base-not-frozen", "only-some-layers-frozen"])
def test_a_base_changed_by_training_still_shows_the_weights_it_loaded(name, data_root,
                                                                      tmp_path, monkeypatch):
    """Training an unfrozen base changes the file's weights: the weights check then judges
    create_pre_trained_model()'s own base, so the freezing mistake costs its points once."""
    results = _structure(build(name), data_root, tmp_path, monkeypatch,
                         before_export=_train_what_is_trainable)
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == SCENARIOS[name].loses, {k: results[k].feedback for k in lost}
    assert "changed by training" in results["base_weights_from_file"].detail
    assert (tmp_path / "fresh_base.keras").is_file()


def test_a_trainable_base_that_never_loaded_the_weights_loses_the_weights_check(
        data_root, tmp_path, monkeypatch):
    edits = {**SCENARIOS["base-not-frozen"].edits["create_pre_trained_model"],
             **SCENARIOS["weights-not-loaded"].edits["create_pre_trained_model"]}
    scenario = Scenario("unfrozen and never loaded", {"create_pre_trained_model": edits})
    notebook = build_scenario(SOLUTION, scenario, "unfrozen-and-never-loaded")

    results = _structure(notebook, data_root, tmp_path, monkeypatch,
                         before_export=_train_what_is_trainable)

    weights = results["base_weights_from_file"]
    assert weights.status == "failed"
    assert "create_pre_trained_model() returns a model in which 0 of the" in weights.feedback


def test_a_frozen_base_is_saved_as_built_and_said_frozen(data_root, tmp_path, monkeypatch):
    import json

    import nbformat

    _structure(nbformat.read(SOLUTION, as_version=4), data_root, tmp_path, monkeypatch)
    entry = json.loads((tmp_path / "artifacts.json").read_text())["artifacts"]["fresh_base"]
    assert entry["frozen"] is True and (tmp_path / "fresh_base.keras").is_file()


def _train_then_freeze(namespace):
    """A base left trainable while the model trains, frozen only afterwards."""
    _train_what_is_trainable(namespace)
    for layer in namespace["pre_trained_model"].layers:
        layer.trainable = False


def test_a_base_trained_then_frozen_loses_the_frozen_points_only(data_root, tmp_path,
                                                                 monkeypatch):
    """Its flags say frozen; its weights are not the file's any more."""
    results = _structure(build("base-not-frozen"), data_root, tmp_path, monkeypatch,
                         before_export=_train_then_freeze)
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == {"base_frozen"}, {k: results[k].feedback for k in lost}
    assert "changed by training" in results["base_frozen"].feedback
    assert "marked frozen now" in results["base_frozen"].feedback
