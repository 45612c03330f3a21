"""Look-alike submissions: the same notebook file, or the same training history; each flag
beside a near miss that is not flagged."""

from __future__ import annotations

from autograder.reporters.classreport import read_results, similar_groups
from tests.reporters.classreport.classes import made, real_results

CURVE = {"accuracy": [0.61234, 0.81234, 0.95012], "val_accuracy": [0.6, 0.79, 0.83]}


def _noisy(history, by):
    return {name: [value + by for value in values] for name, values in history.items()}


def test_the_same_notebook_file_under_two_keys_is_flagged():
    groups = similar_groups([made("alice", sha="f" * 64), made("bob", sha="f" * 64),
                             made("carol", sha="e" * 64)])
    assert [(group.keys, group.reason) for group in groups] == [
        (("alice", "bob"), "the same notebook file (SHA-256 ffffffffffff…)")]
    assert similar_groups([made("alice", sha="f" * 64), made("bob", sha="e" * 64)]) == ()


def test_the_same_training_history_is_flagged_a_different_one_is_not():
    groups = similar_groups([made("alice", history=CURVE),
                             made("bob", history=_noisy(CURVE, 1e-7)),  # float noise
                             made("carol", history=_noisy(CURVE, 0.01))])
    assert [group.keys for group in groups] == [("alice", "bob")]
    assert groups[0].reason == ("the same training history (3 epochs, every value equal to "
                                "4 decimals)")


def test_a_one_epoch_history_is_too_common_to_flag():
    one = {"accuracy": [0.5], "val_accuracy": [0.5]}
    assert similar_groups([made("alice", history=one), made("bob", history=one)]) == ()


def test_a_shared_history_of_one_shared_file_is_flagged_once():
    groups = similar_groups([made("alice", sha="f" * 64, history=CURVE),
                             made("bob", sha="f" * 64, history=CURVE)])
    assert [group.reason.split(" (")[0] for group in groups] == ["the same notebook file"]


def test_real_gradings_two_notebooks_with_the_same_hand_made_history(tmp_path):
    """Two hostile notebooks of Week 1's corpus share one cell of code (a history written by
    hand, `tests/hostile/cells.py` HAND_MADE_HISTORY): the report finds them."""
    groups = similar_groups(read_results(real_results(tmp_path)).entries)
    assert [group.keys for group in groups] == [(
        "tests/hostile/hand-made-history-untrained-model",
        "tests/hostile/model-config-asks-dense-40000")]
