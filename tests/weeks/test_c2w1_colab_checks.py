"""Week 1's older (Colab) edition: the folders, split and generator checks, on the reference
solution's functions and on wrong ones, run in this process on the grader's own probe."""

from __future__ import annotations

import nbformat
import pytest

from autograder.artifacts import GradingData, export_artifacts, load_artifacts
from autograder.assignments import get_assignment
from autograder.checks.base import run_check
from autograder.config import load_settings
from tests.conftest import ROOT

SOLUTION = ROOT / "solutions" / "C2W1_colab" / "C2W1_Assignment.ipynb"
SPEC = get_assignment("C2W1_colab")
SPLIT_CHECKS = ("split_copies_files", "split_skips_zero_length", "split_sizes", "split_disjoint")

#: The reference's split line that keeps validation apart, and a leak: as many files as it
#: should, but taken from the start of the shuffled list, i.e. from the training files.
LEAK = ("for file_name in shuffled[training_length:]:",
        "for file_name in shuffled[:len(shuffled) - training_length]:")
#: The reference's zero-length test, removed.
KEEPS_EMPTY = ("        if os.path.getsize(os.path.join(SOURCE_DIR, file_name)) == 0:\n"
               "            print(f\"{file_name} is zero length, so ignoring.\")\n"
               "            continue\n", "")


def solution(grade_id: str, *replace: tuple[str, str]) -> str:
    notebook = nbformat.read(SOLUTION, as_version=4)
    code = next(c.source for c in notebook.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
    for old, new in replace:
        assert old in code, old
        code = code.replace(old, new)
    return code


def namespace(*cells: str) -> dict:
    names: dict = {}
    exec("import os, random, shutil\nimport tensorflow as tf\n"
         "ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator\n", names)
    for code in cells:
        exec(code, names)
    return names


@pytest.fixture
def graded(tmp_path):
    """Exports `only` from a namespace with the split probe placed; returns {check: result}."""
    counter = iter(range(100))

    def run(names: dict, *only: str, seed: int = 7) -> dict:
        folder = tmp_path / f"artifacts-{next(counter)}"
        fixtures = {f.artifact: f.place(folder.with_name(folder.name + "-key"), folder, seed)
                    for f in SPEC.fixtures}
        export_artifacts(names, folder, "C2W1_colab", only=only, fixtures=fixtures)
        settings = load_settings(cwd=ROOT)
        artifacts = load_artifacts(folder, data=GradingData(None, None, None, fixtures=fixtures),
                                   settings=settings, rules=settings.rules_for(SPEC))
        return {c.id: run_check(c, artifacts) for c in SPEC.checks if set(c.needs) <= set(only)}

    return run


def test_the_probe_has_empty_files_and_a_second_split_size(tmp_path):
    key = SPEC.fixture("split").place(tmp_path / "key", tmp_path / "artifacts", 7)
    assert key.sizes[0] == 0.9 and key.sizes[1] != 0.9
    assert key.zero_length == {"Cat/666.jpg", "Dog/11702.jpg"}
    for name in ("Cat", "Dog"):
        files = sorted((key.pristine / name).iterdir())
        assert len(files) == 39 and all(p.suffix == ".jpg" for p in files)
        assert (tmp_path / "artifacts" / "splitting" / "source" / name).is_dir()


def test_reference_passes_every_folder_and_split_check(graded):
    results = graded(namespace(solution("create_train_val_dirs"), solution("split_data")),
                     "train_val_dirs", "split")
    assert {k: r.status for k, r in results.items()} == dict.fromkeys(
        ("train_val_dirs_made", *SPLIT_CHECKS), "passed")


def test_leaking_training_files_into_validation_loses_only_disjoint(graded):
    results = graded(namespace(solution("split_data", LEAK)), "split")
    assert {k for k, r in results.items() if not r.passed} == {"split_disjoint"}
    assert "in both" in results["split_disjoint"].feedback


def test_keeping_zero_length_files_loses_only_that_point(graded):
    results = graded(namespace(solution("split_data", KEEPS_EMPTY)), "split")
    assert {k for k, r in results.items() if not r.passed} == {"split_skips_zero_length"}
    assert "zero-length file(s) copied" in results["split_skips_zero_length"].feedback


def test_a_hard_coded_split_size_is_seen_on_the_second_class(graded):
    code = solution("split_data", ("int(len(shuffled) * SPLIT_SIZE)", "int(len(shuffled) * 0.9)"))
    results = graded(namespace(code), "split")
    assert {k for k, r in results.items() if not r.passed} == {"split_sizes"}
    assert "SPLIT_SIZE=0." in results["split_sizes"].feedback


def test_moving_instead_of_copying_loses_the_copy_point(graded):
    code = solution("split_data", ("shutil.copyfile", "shutil.move"))
    results = graded(namespace(code), "split")
    assert not results["split_copies_files"].passed
    assert "moved, deleted or changed" in results["split_copies_files"].feedback


def test_a_split_that_copies_nothing_loses_the_sizes_point_once(graded):
    results = graded(namespace("def split_data(a, b, c, d):\n    pass\n"), "split")
    assert {k for k, r in results.items() if not r.passed} == {"split_sizes"}
    assert results["split_disjoint"].feedback.startswith("Not judged")


def test_missing_folders_are_named(graded):
    code = solution("create_train_val_dirs", ('("cats", "dogs")', '("cats",)'))
    result = graded(namespace(code), "train_val_dirs")["train_val_dirs_made"]
    assert not result.passed and "training/dogs, validation/dogs missing" in result.feedback


def test_undefined_functions_fail_with_their_names(graded):
    results = graded(namespace(), "train_val_dirs", "split")
    assert not any(r.passed for r in results.values())
    assert "`split_data` is not defined" in results["split_sizes"].feedback


def _generator_results(graded, tmp_path, code: str) -> dict:
    from PIL import Image

    for split in ("training", "validation"):
        for label, animal in enumerate(("cats", "dogs")):
            folder = tmp_path / "split" / split / animal
            folder.mkdir(parents=True)
            for index in range(3):
                Image.new("RGB", (60, 40), (200 * label, 50, 90)).save(folder / f"{index}.jpg")
    names = namespace(code)
    names.update(TRAINING_DIR=str(tmp_path / "split" / "training") + "/",
                 VALIDATION_DIR=str(tmp_path / "split" / "validation") + "/")
    return graded(names, "datasets")


def test_reference_generators_pass(graded, tmp_path):
    results = _generator_results(graded, tmp_path, solution("train_val_generators"))
    assert all(r.passed for r in results.values()), results


def test_sparse_labels_of_two_folders_are_binary_labels(graded, tmp_path):
    """class_mode='sparse' with two class folders gives the same 0/1 label per image."""
    code = solution("train_val_generators").replace('class_mode="binary"', 'class_mode="sparse"')
    assert code != solution("train_val_generators")
    results = _generator_results(graded, tmp_path, code)
    assert all(r.passed for r in results.values()), results


@pytest.mark.parametrize("old, new, lost", [
    ("target_size=(150, 150))", "target_size=(120, 120))", "generators_image_size"),
    ('class_mode="binary"', 'class_mode="categorical"', "generators_binary_labels"),
    ("rescale=1.0 / 255)", ")", "generators_rescale"),
    ("directory=TRAINING_DIR,", "directory=os.path.dirname(TRAINING_DIR.rstrip('/')),",
     "generators_binary_labels"),  # reads training/ and validation/ as its two classes
])
def test_each_generator_mistake_loses_its_point(graded, tmp_path, old, new, lost):
    code = solution("train_val_generators").replace(old, new)
    assert code != solution("train_val_generators")
    results = _generator_results(graded, tmp_path, code)
    assert {k for k, r in results.items() if not r.passed} == {lost}
    assert "Expected" in results[lost].feedback and "How to fix" in results[lost].feedback


def test_the_training_measurement_is_given_the_generators_rescale():
    """A self-check of the bars (nbgrader's Validate) exports only what the check needs:
    without the generators, the grader would feed this edition's model pixels of 0-255."""
    from autograder.notebook import visible_checks

    wanted = ("history", "trained_model", "datasets")
    assert "training_reached_bars" in [c.id for c in visible_checks(SPEC, wanted)]
    assert "training_reached_bars" not in [c.id for c in visible_checks(SPEC, wanted[:2])]
