"""Week 4 notebooks of the public course's generations, checked in-process (no kernel, no
training): the CSV version's ``train_val_generators`` and the image-folder version's
``train_val_datasets()`` are graded as our ``train_val_datasets``; and the training check when
``fit``'s own training accuracy reads low (augmentation, dropout)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from autograder.checks.training import MEASURE_TOLERANCE
from autograder.weeks.c2w4 import training
from autograder.weeks.c2w4.rules import RULES
from autograder.weeks.c2w4.standin import FOLDER, TRAIN_PNG, VALIDATION_PNG, write_student_folders
from tests.compat import public_generation_c2w4 as public
from tests.weeks.c2w4_helpers import check_parts, failed, write_tiny_data

PARSING = {"parse_data_types", "parse_data_skips_header", "parse_data_values_intact"}


@pytest.fixture(scope="module")
def data_root(tmp_path_factory):
    root = write_tiny_data(tmp_path_factory.mktemp("c2w4-public"))
    write_student_folders(root / "sign_language_mnist" / FOLDER)
    return root


def _graded_namespace(notebook, **variables) -> dict:
    """The notebook's imports and graded cells, run here, with `variables` set after them."""
    cells = [c.source for c in notebook.cells if c.cell_type == "code"]
    space: dict = {}
    for source in [cells[0]] + [c.source for c in notebook.cells
                                if "graded" in c.metadata.get("tags", [])]:
        exec(compile(source, "<cell>", "exec"), space)
    space.update(variables)
    return space


def test_csv_version_keeps_every_point_before_training(data_root, tmp_path):
    folder = data_root / "sign_language_mnist" / FOLDER
    space = _graded_namespace(public.build())
    assert "train_val_datasets" not in space  # its name is train_val_generators
    parse = space["parse_data_from_input"]
    space["training_images"], space["training_labels"] = parse(str(folder / "sign_mnist_train.csv"))
    space["validation_images"], space["validation_labels"] = parse(
        str(folder / "sign_mnist_test.csv"))
    results = check_parts(space, data_root, tmp_path)
    assert failed(results) == set(), {k: r.feedback for k, r in results.items() if r.feedback}


def test_image_folder_version_loses_only_the_parsing_it_lacks(data_root, tmp_path):
    folder = data_root / "sign_language_mnist" / FOLDER
    space = _graded_namespace(public.build_folders(), TRAIN_DIR=str(folder / TRAIN_PNG),
                              VALIDATION_DIR=str(folder / VALIDATION_PNG))
    results = check_parts(space, data_root, tmp_path)
    assert failed(results) == PARSING, {k: r.feedback for k, r in results.items()}
    assert all("`parse_data_from_input` is not defined" in results[c].feedback for c in PARSING)


def _artifacts(accuracy, val_accuracy, measured_train, measured_validation, monkeypatch):
    """A history of 15 epochs ending at the given figures, and the grader's measurements."""
    score = lambda value: SimpleNamespace(  # noqa: E731
        accuracy=value, convention=SimpleNamespace(describe=lambda: "raw pixels 0–255"))
    monkeypatch.setattr(training, "_measured",
                        lambda artifacts: (score(measured_validation), score(measured_train)))
    history = {"accuracy": [0.5] * 14 + [accuracy], "val_accuracy": [0.5] * 14 + [val_accuracy]}
    # the public notebook's model, as the grader reads its saved file (for the bar-miss advice)
    layers = [SimpleNamespace(class_name=name) for name in (
        "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout",
        "Dense")]
    return SimpleNamespace(rules=RULES, data=None, get=lambda name: {"history": history},
                           model_summary=lambda name: SimpleNamespace(layers=layers))


#: Just below what a measurement may fall to under each bar (the bar less the tolerance).
SHORT_TRAIN = round(RULES.accuracy_bar - MEASURE_TOLERANCE - 0.01, 3)
SHORT_VAL = round(RULES.val_accuracy_bar - MEASURE_TOLERANCE - 0.01, 3)


@pytest.mark.parametrize("figures, passes", [
    pytest.param((0.97, 0.95, 0.97, 0.95), True, id="history-and-model-meet-the-bars"),
    pytest.param((0.886, 0.971, 0.99, 0.971), True, id="augmented-history-model-meets-the-bars"),
    pytest.param((0.886, 0.971, SHORT_TRAIN, 0.971), False, id="augmented-history-model-short"),
    pytest.param((0.886, SHORT_VAL, 0.99, SHORT_VAL), False, id="validation-short"),
    pytest.param((0.99, 0.97, 0.60, 0.55), False, id="history-says-more-than-the-model"),
])
def test_training_bars_rest_on_the_graders_own_measurement(figures, passes, monkeypatch):
    outcome = training.training_reached_bars.run(_artifacts(*figures, monkeypatch))
    assert outcome.passed is passes, outcome.feedback
    if not passes:
        assert "the model you saved scores" in outcome.feedback


def test_more_epochs_than_allowed_fail_whatever_the_model(monkeypatch):
    artifacts = _artifacts(0.99, 0.99, 0.99, 0.99, monkeypatch)
    history = {"accuracy": [0.99] * 16, "val_accuracy": [0.99] * 16}
    artifacts.get = lambda name: {"history": history}
    outcome = training.training_reached_bars.run(artifacts)
    assert not outcome.passed and "Found 16 epochs" in outcome.feedback
