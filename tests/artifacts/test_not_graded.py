"""Checks whose input a failed cell kept from being made are not graded, never blamed (no
kernel): the artifacts a Week 4 notebook with a ``Dense(10)`` head exports after its training
cell raised (``tests/execute/crashes/``): no history, the global ``model`` that ``fit`` never
trained, create_model()'s model."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.artifacts.load import Artifacts
from autograder.artifacts.not_graded import first_failure, never_made
from autograder.checks.base import MissingArtifact, check, failed, passed, run_check

CRASHES = Path(__file__).parents[1] / "execute" / "crashes"
FAILURE = {"cell_index": 16, "kind": "error", "ename": "InvalidArgumentError",
           "evalue": (CRASHES / "dense-10-head.evalue.txt").read_text(),
           "traceback": (CRASHES / "dense-10-head.traceback.txt").read_text(),
           "source_head": "train_dataset, validation_dataset = train_val_datasets("}
EXECUTION = {"status": "cell_errors", "failures": [FAILURE]}
FACTS = {
    "created_model": {"ok": True, "file": "created_model.keras"},
    "history": {"ok": False, "absent": True, "detail": "",
                "feedback": "No training history was found. Expected `history = model.fit(...)` "
                            "in your notebook; run the training cell to the end."},
    "trained_model": {"ok": True, "file": "trained_model.keras", "source": "model"},
}
EXPORTERS = {"created_model": "model", "history": "history", "trained_model": "trained_model"}
FIRST = "cell 17 failed first (InvalidArgumentError: indices[1] = 21 is not in [0, 10))"


def _artifacts(failed_first: str = FIRST, facts=None, **changes) -> Artifacts:
    return Artifacts(folder=Path("/nonexistent"), facts=dict(facts or FACTS), data=None,
                     settings=None, failed_first=failed_first, exporters=EXPORTERS, **changes)


@check("bars", title="training reached the bars", points=1, needs=("history", "trained_model"))
def _bars(artifacts):
    raise AssertionError("a check whose input was never made must not run")


@check("heldout", title="held-out accuracy", points=3, needs=("trained_model",))
def _heldout(artifacts):
    return failed(expected="accuracy ≥ 0.70", found="0.049",
                  fix="a model that memorises its training images …")


@check("head", title="the head", points=1, needs=("created_model",))
def _head(artifacts):
    return passed()


def test_the_first_failed_cell_is_named_with_the_cause_of_its_error():
    assert first_failure(EXECUTION) == FIRST
    assert first_failure({"status": "completed", "failures": []}) == ""


def test_checks_whose_input_was_never_made_are_not_graded_and_not_run():
    artifacts = _artifacts()

    for check_, missing in ((_bars, "No training history was found"), (_heldout, "")):
        result = run_check(check_, artifacts)
        assert result.status == "failed" and result.points == 0, result
        assert result.feedback.startswith(f"Not graded: {FIRST}, so your notebook never made"), \
            result.feedback
        assert missing in result.feedback and "memorises" not in result.feedback
    assert run_check(_head, artifacts).status == "passed"


def test_a_model_no_history_held_is_no_trained_model_after_a_crash():
    artifacts = _artifacts()

    assert not artifacts.has("trained_model") and artifacts.has("created_model")
    with pytest.raises(MissingArtifact, match="^Not graded: cell 17 failed first"):
        artifacts.get("trained_model")


def test_without_a_failed_cell_the_checks_judge_what_there_is():
    artifacts = _artifacts(failed_first="")

    assert artifacts.has("trained_model")
    assert run_check(_heldout, artifacts).feedback.startswith("Expected accuracy ≥ 0.70")
    with pytest.raises(MissingArtifact, match="^No training history was found"):
        artifacts.get("history")


def test_a_model_trained_by_fit_and_the_retrain_mode_are_graded_after_a_crash():
    trained = {**FACTS, "trained_model": {**FACTS["trained_model"], "source": "history.model"}}

    assert _artifacts(facts=trained).has("trained_model")
    assert _artifacts(retrained=(object(), "retrained by the grader")).not_graded(
        ("trained_model",)) == ""


@pytest.mark.parametrize("entry, exporter, expected", [
    (None, "history", True),
    ({"ok": False, "feedback": "create_model() raised ValueError: x"}, "model", False),
    ({"ok": False, "feedback": "`create_model` is not defined.", "absent": True}, "model", True),
    ({"ok": True, "file": "m.keras", "source": "history.model"}, "trained_model", False),
    ({"ok": True, "file": "m.keras", "source": "model"}, "trained_model", True),
    ({"ok": True, "file": "m.keras", "source": "model", "fit_finished": False}, "trained_model",
     True),
    # `model.fit(...)` without `history =`, then a later cell failed: trained all the same
    ({"ok": True, "file": "m.keras", "source": "model", "fit_finished": True}, "trained_model",
     False),
    ({"ok": True, "file": "m.keras"}, "model", False),
])
def test_never_made(entry, exporter, expected):
    assert never_made(entry, exporter) is expected


def test_the_kernel_tells_a_fit_that_raised_from_one_that_finished():
    import keras
    import numpy as np

    from autograder.kernel.fit_record import fit_finished, install

    install()
    pictures, labels = np.zeros((4, 3), "float32"), np.array([0, 1, 21, 3])
    crashed, trained = (keras.Sequential([keras.Input((3,)), keras.layers.Dense(units,
                        activation="softmax")]) for units in (10, 26))
    for model in (crashed, trained):
        model.compile(loss="sparse_categorical_crossentropy")
    with pytest.raises(Exception, match=r"21 .*\[0, 10\)"):
        crashed.fit(pictures, labels, epochs=1, verbose=0)
    trained.fit(pictures, labels, epochs=1, verbose=0)

    assert not fit_finished(crashed) and fit_finished(trained)
