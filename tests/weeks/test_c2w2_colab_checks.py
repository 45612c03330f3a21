"""Week 2's older (Colab) edition: its augmentation checks on the reference solution's
generators and on wrong ones (exported in this process, judged as the grader judges them),
the grader's own application of the claimed transformations, and the overfitting verdict."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat
import pytest

from autograder.artifacts import GradingData, export_artifacts, load_artifacts
from autograder.assignments import get_assignment
from autograder.assignments.editions import detect_edition, editions_of
from autograder.checks.base import MissingArtifact, run_check
from autograder.compat.generation import code_cells, defined_names
from autograder.config import load_settings
from autograder.weeks.c2w2.colab.augmentation import (changes_pictures,
                                                      generators_augment_training,
                                                      training_does_not_overfit)
from tests.conftest import ROOT

SPEC = get_assignment("C2W2_colab")
SOLUTION = ROOT / "solutions" / "C2W2_colab" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W2_colab" / SPEC.notebook
COURSE = dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
              shear_range=0.2, zoom_range=[0.8, 1.2], horizontal_flip=True)
#: The reference's training generator made without its random transformations.
NO_AUGMENTATION = ("        rotation_range=40,\n        width_shift_range=0.2,\n"
                   "        height_shift_range=0.2,\n        shear_range=0.2,\n"
                   "        zoom_range=0.2,\n        horizontal_flip=True,\n"
                   "        fill_mode=\"nearest\",\n", "")


def solution(grade_id: str, *replace: tuple[str, str]) -> str:
    notebook = nbformat.read(SOLUTION, as_version=4)
    code = next(c.source for c in notebook.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
    for old, new in replace:
        assert old in code, old
        code = code.replace(old, new)
    return code


@pytest.fixture
def generator_results(tmp_path):
    """Exports ``datasets`` from `code` run on small split folders; returns {check: result}
    for the edition's checks that need only the generators."""
    from PIL import Image

    for split in ("training", "validation"):
        for label, animal in enumerate(("cats", "dogs")):
            folder = tmp_path / "split" / split / animal
            folder.mkdir(parents=True)
            for index in range(3):
                Image.new("RGB", (60, 40), (200 * label, 50, 90)).save(folder / f"{index}.jpg")

    def run(code: str) -> dict:
        names: dict = {}
        exec("import os\nimport tensorflow as tf\n"
             "ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator\n", names)
        exec(code, names)
        names.update(TRAINING_DIR=str(tmp_path / "split" / "training") + "/",
                     VALIDATION_DIR=str(tmp_path / "split" / "validation") + "/")
        folder = tmp_path / "artifacts"
        export_artifacts(names, folder, "C2W2_colab", only=("datasets",))
        settings = load_settings(cwd=ROOT)
        artifacts = load_artifacts(folder, data=GradingData(None, None, None),
                                   settings=settings, rules=settings.rules_for(SPEC))
        return {c.id: run_check(c, artifacts) for c in SPEC.checks if c.needs == ("datasets",)}

    return run


def test_the_edition_grades_22_points_with_week_1s_older_checks():
    week1 = {c.id: c for c in get_assignment("C2W1_colab").checks}
    # the folders, split, generators and model: the very checks (the bars are this week's)
    shared = [c for c in SPEC.checks
              if c.id in week1 and c.id not in ("training_reached_bars", "heldout_accuracy")]
    assert all(c is week1[c.id] for c in shared) and len(shared) == 13
    assert SPEC.max_score == 22 and SPEC.rules.image_size == (150, 150)
    assert (SPEC.rules.max_epochs, SPEC.rules.accuracy_bar, SPEC.rules.val_accuracy_bar,
            SPEC.rules.heldout_threshold) == (15, 0.80, 0.80, 0.70)
    assert SPEC.data.dataset == get_assignment("C2W2").data.dataset  # the posed held-out set


@pytest.mark.parametrize("notebook, edition", [(SOLUTION, "colab"), (RELEASE, "colab"), (
    ROOT / "solutions" / "C2W2" / "C2W2_Assignment.ipynb", "keras3")])
def test_the_edition_is_read_from_the_code(notebook, edition):
    defined = defined_names(code_cells(notebook))
    assert detect_edition(defined, editions_of("C2W2")).edition.name == edition


def test_reference_generators_pass(generator_results):
    results = generator_results(solution("train_val_generators"))
    assert set(results) == {"generators_image_size", "generators_binary_labels",
                            "generators_rescale", "generators_augment_training",
                            "validation_not_augmented"}
    assert all(r.passed for r in results.values()), results


def test_no_augmentation_in_the_training_generator_loses_the_augmentation_points(
        generator_results):
    results = generator_results(solution("train_val_generators", NO_AUGMENTATION))
    assert {k for k, r in results.items() if not r.passed} == {"generators_augment_training"}
    feedback = results["generators_augment_training"].feedback
    assert "Expected random transformations" in feedback and "rotation_range=40" in feedback
    assert results["generators_augment_training"].max_points == 2


def test_augmenting_the_validation_generator_loses_that_point(generator_results):
    code = solution("train_val_generators", (
        "validation_datagen = ImageDataGenerator(rescale=1.0 / 255)",
        "validation_datagen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)"))
    results = generator_results(code)
    assert {k for k, r in results.items() if not r.passed} == {"validation_not_augmented"}
    assert "horizontal_flip=True" in results["validation_not_augmented"].feedback


def test_transformations_that_change_nothing_lose_the_augmentation_points(generator_results):
    """The grader applies the claimed settings itself: a range too small to move a pixel
    is no augmentation, though the generator has a setting that is not off."""
    results = generator_results(solution("train_val_generators", NO_AUGMENTATION, (
        "rescale=1.0 / 255,\n", "rescale=1.0 / 255,\n        width_shift_range=1e-6,\n")))
    assert {k for k, r in results.items() if not r.passed} == {"generators_augment_training"}
    assert "left a test picture unchanged" in results["generators_augment_training"].feedback


@pytest.mark.parametrize("settings, changes", [
    (COURSE, True), ({"horizontal_flip": True}, True), ({"rotation_range": 40}, True),
    ({}, False), ({"width_shift_range": 1e-6}, False), ({"brightness_range": [1.0, 1.0]}, False),
    # the kernel's description is a claim: values of the wrong kind are no transformation
    ({"rotation_range": "40"}, False), ({"zoom_range": [0.8, 1.2, 3]}, False),
    ({"not_a_setting": 3}, False),
])
def test_the_grader_applies_the_claimed_transformations(settings, changes):
    assert changes_pictures(settings) is changes


class _Measured(SimpleNamespace):
    """Artifacts whose grader measurement of the saved model is given."""

    def get(self, name):
        return {"history": {"accuracy": [0.8]}}

    def cached(self, key, compute):
        return self.scores


@pytest.mark.parametrize("train, validation, passes", [
    (0.86, 0.84, True), (0.93, 0.83, True), (0.99, 0.81, False), (1.0, 0.62, False)])
def test_overfitting_is_read_from_the_grader_measurement(train, validation, passes):
    scores = SimpleNamespace(train=train, validation=validation, train_images=900,
                             validation_images=200)
    artifacts = _Measured(scores=scores, data=SimpleNamespace(student_images_dir=ROOT))
    result = run_check(training_does_not_overfit, artifacts)
    assert result.passed is passes
    if not passes:
        assert "rotation_range=40" in result.feedback and "callback" not in result.feedback


def test_without_generators_the_augmentation_check_says_what_is_missing():
    class Nothing:
        def has(self, name):
            return False

        def get(self, name):
            raise MissingArtifact(f"`train_val_generators` is not defined.")

    result = run_check(generators_augment_training, Nothing())
    assert not result.passed and "train_val_generators" in result.feedback


@pytest.mark.parametrize("augmented, random_layers, advised", [
    (False, False, True), (True, False, False), (False, True, False)])
def test_a_missed_held_out_bar_advises_augmentation_only_without_it(augmented, random_layers,
                                                                     advised):
    from autograder.checks.advice import IMAGE_TIPS, ModelFacts, miss_feedback

    from autograder.weeks.c2w2.colab import AUGMENT_TIP

    facts = ModelFacts(conv_layers=3, rescaled=True, dropout=False, random_layers=random_layers,
                       epochs=15, max_epochs=15, train=1.0, validation=1.0,
                       augmented_data=augmented)
    said = miss_feedback(facts, conv_needed=3, tips=(AUGMENT_TIP, *IMAGE_TIPS))
    assert ("rotation_range=40" in said) is advised, said


def test_the_training_generators_augmentation_reaches_the_advice():
    from autograder.checks.training import legacy_augmentation

    class Described:
        def get(self, name):
            return {"train": {"augmentation": {"horizontal_flip": True}}}

    class Nothing:
        def get(self, name):
            raise MissingArtifact("no datasets")

    assert legacy_augmentation(Described()) == {"horizontal_flip": True}
    assert legacy_augmentation(Nothing()) == {}
