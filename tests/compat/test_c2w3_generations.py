"""Week 3 notebooks of the public (Keras 3) and the older generation, graded in-process
on real InceptionV3 models built from their own cells (no kernel, no training).

The public notebook runs in a folder laid out as the grader lays out a submission's
(`prepare_public_surroundings`: ``./data/train``, ``./data/validation``, the weights in
``./model``); its ``fit`` only records what it is given, as the grader's prelude does, so
that every check that needs no trained model gives its verdict. The full CLI grading, with
training, is in `tests/e2e/test_public_generation.py` (``-m slow``).
"""

from __future__ import annotations

import functools
import shutil

import nbformat
import nbformat.v4
import numpy as np
import pytest

from autograder.artifacts import GradingData, export_artifacts, load_artifacts
from autograder.assignments import get_assignment
from autograder.checks import run_checks
from autograder.compat import prepare_public_surroundings
from autograder.compat.generation import generation_notice
from autograder.weeks.c2w3.figures import draw_figure
from autograder.weeks.c2w3.standin import CLASSES, DATASET
from autograder.weeks.c2w3.weights import WEIGHTS_FILE
from tests.compat import public_generation_c2w3 as week3
from tests.weeks.c2w3_helpers import write_quick_weights

SPEC = get_assignment("C2W3")
#: What the cells build before training; fresh_base is create_pre_trained_model()'s base
#: made again, which base_frozen holds against the weights file.
BUILT = {"datasets", "created_model", "fresh_base", "callback"}
STRUCTURAL = [c for c in SPEC.checks if set(c.needs) <= BUILT]
#: Validation pictures per class: 5 batches of 32 in all, as the CI-scale stand-in has, so
#: that the public notebook's test split (a fifth of the batches) keeps one.
VALIDATION_PER_CLASS = 80


@pytest.fixture(scope="module")
def student_images(tmp_path_factory):
    """Week 3's student folder in small: 3 training pictures per class, 80 validation
    pictures per class (copies), and a weights file no Keras initialisation reproduces."""
    folder = tmp_path_factory.mktemp("c2w3-student") / DATASET
    for label, name in enumerate(CLASSES):
        for split, count in (("train", 3), ("validation", VALIDATION_PER_CLASS)):
            (folder / split / name).mkdir(parents=True)
            draw_figure(np.random.default_rng([label, 0]), label, 150).save(
                folder / split / name / "0.png")
            for index in range(1, count):
                shutil.copyfile(folder / split / name / "0.png",
                                folder / split / name / f"{index}.png")
    write_quick_weights(folder)
    return folder


@pytest.fixture
def recording_fit(monkeypatch):
    """``keras.Model.fit`` that trains nothing, wrapped by the grader's own recorder (as its
    prelude wraps the real one), so the export step sees what fit was given."""
    import keras

    from autograder.kernel import fit_record

    @functools.wraps(keras.Model.fit)  # Keras' signature, which the recorder binds
    def no_training(self, *args, **kwargs):
        return None

    no_training.__dict__.pop("_autograder_records", None)
    monkeypatch.setattr(keras.Model, "fit", no_training)
    fit_record.install()


def _grade_structure(cells, namespace, images, out, *, upto_fit: bool = True) -> dict:
    """Runs the code cells in `namespace` (up to and including the one that fits, or all
    before it), exports what they built, runs the checks that need no training."""
    import keras

    for cell in cells:
        if cell.cell_type != "code" or "download" in cell.metadata.get("tags", []):
            continue
        fits = ".fit(" in cell.source
        if fits and not upto_fit:
            break
        exec(compile(cell.source, cell.id, "exec"), namespace)  # noqa: S102 - our notebooks
        if fits:
            break
    fixtures = {f.artifact: f.place(out.parent / "fixtures", out, 0) for f in SPEC.fixtures}
    export_artifacts(namespace, out, "C2W3", only=BUILT | {"fit_data"}, fixtures=fixtures)
    data = GradingData(student_manifest=None, student_images_dir=images, heldout_dir=None,
                       fixtures=fixtures)
    artifacts = load_artifacts(out, data=data, settings=None, rules=SPEC.rules,
                               exporters={a.name: a.exporter for a in SPEC.artifacts})
    results = run_checks(STRUCTURAL, artifacts)
    keras.backend.clear_session()
    return {r.check_id: r for r in results}


@pytest.fixture
def public_folder(student_images, tmp_path, monkeypatch):
    """A submission's working folder as the grader makes it, as the current directory."""
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, public_paths=SPEC.data.public_paths,
                                images_dir=student_images, bad_files=frozenset())
    monkeypatch.chdir(work)
    monkeypatch.syspath_prepend(str(work))  # `import unittests`, as the kernel finds it
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return work


def test_public_folder_has_the_platform_layout(public_folder, student_images):
    assert sorted(p.name for p in (public_folder / "data").iterdir()) == ["train", "validation"]
    assert len(list((public_folder / "data" / "validation" / "humans").iterdir())) \
        == VALIDATION_PER_CLASS
    weights = public_folder / "model" / WEIGHTS_FILE
    assert weights.is_symlink() and weights.resolve() == (student_images / WEIGHTS_FILE).resolve()


def test_public_notebook_keeps_every_structural_point(public_folder, recording_fit,
                                                      student_images, tmp_path):
    results = _grade_structure(week3.build().cells, {}, student_images, tmp_path / "out")
    assert {k: r.feedback for k, r in results.items() if r.status != "passed"} == {}


def test_preprocessing_is_judged_on_what_fit_was_given(public_folder, recording_fit,
                                                      student_images, tmp_path):
    """The public notebook preprocesses after train_val_datasets() returned: without a fit,
    the grader has only the raw datasets, and says so."""
    results = _grade_structure(week3.build().cells, {}, student_images, tmp_path / "out",
                               upto_fit=False)
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == {"inception_preprocessing"}
    assert "raw pixels (0 to 255)" in results["inception_preprocessing"].feedback


def test_older_notebook_loses_only_its_older_ways(student_images, recording_fit, tmp_path,
                                                  monkeypatch):
    """weights=None then load_weights(file) holds the file's weights; RMSprop(1e-4) is
    accepted; pixels divided by 255 and the callback named myCallback are not."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace = {"train_dir": str(student_images / "train"),
                 "validation_dir": str(student_images / "validation"),
                 "local_weights_file": str(student_images / WEIGHTS_FILE)}
    results = _grade_structure(week3.build_older().cells, namespace, student_images,
                               tmp_path / "out")
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == week3.OLDER_LOSES, {k: results[k].feedback for k in lost}
    assert "pixels divided by 255" in results["inception_preprocessing"].feedback
    assert "EarlyStoppingCallback" in results["callback_stops_above_bar"].feedback


def test_structural_checks_include_the_frozen_base():
    assert "base_frozen" in {c.id for c in STRUCTURAL}


#: A cell run before the one that fits: what training with a trainable base does to it.
MOVE_BASE = """layer = next(l for l in pre_trained_model.layers if l.get_weights())
layer.set_weights([w + 0.01 for w in layer.get_weights()])"""


def test_older_notebook_whose_base_moved_loses_the_frozen_base(student_images, recording_fit,
                                                                tmp_path, monkeypatch):
    """The base's flags say frozen, but its weights are no longer the file's: create_pre_
    trained_model(local_weights_file), made again by the export, shows the file was loaded,
    so the change is training's, and base_frozen (only) is lost."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    cells = week3.build_older().cells
    fit = next(i for i, cell in enumerate(cells) if ".fit(" in cell.source)
    cells.insert(fit, nbformat.v4.new_code_cell(MOVE_BASE, id="move-base"))
    namespace = {"train_dir": str(student_images / "train"),
                 "validation_dir": str(student_images / "validation"),
                 "local_weights_file": str(student_images / WEIGHTS_FILE)}
    results = _grade_structure(cells, namespace, student_images, tmp_path / "out")
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == week3.OLDER_LOSES | {"base_frozen"}, {k: results[k].feedback for k in lost}
    assert "with weights changed by training" in results["base_frozen"].feedback


def test_notebooks_are_up_to_date():
    assert nbformat.read(week3.NOTEBOOK, as_version=4) == week3.build(), \
        "run: python -m tests.compat.public_generation_c2w3"
    assert nbformat.read(week3.OLDER_NOTEBOOK, as_version=4) == week3.build_older(), \
        "run: python -m tests.compat.public_generation_c2w3"


def test_only_the_older_notebook_gets_the_older_generation_notice():
    assert generation_notice(week3.NOTEBOOK, SPEC) is None
    notice = generation_notice(week3.OLDER_NOTEBOOK, SPEC)
    assert notice.startswith("This notebook uses the older `train_val_generators` API")
    for hint in ("train_val_datasets()", "preprocess_input", "EarlyStoppingCallback",
                 "myCallback", "load_weights"):
        assert hint in notice, hint


def test_training_may_take_the_public_courses_100_epochs():
    """The public notebook trains up to 100 epochs and lets the callback stop it: more than
    that fails, with the count (fewer is measured on the saved model, in the slow test)."""
    from autograder.weeks.c2w3.training import training_reached_bar

    class History:
        rules = SPEC.rules

        def get(self, name):
            return {"history": {"accuracy": [0.9] * 100 + [1.0]}}

    assert SPEC.rules.max_epochs == 100
    outcome = training_reached_bar.run(History())
    assert not outcome.passed and "after 101 epoch(s)" in outcome.feedback
