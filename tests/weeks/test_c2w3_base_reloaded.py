"""The one way left to train Week 3's base and keep its frozen points (README's threat
model): load the file's weights back into the base after training. The base is then the
file's, frozen, and the model graded is the lesson's shape; its head was trained on a
moving base, and the held-out check scores it as it is. This test pins the gap at the check
level (no kernel, no training: the trainable weights are moved as training moves them), so
that closing it, or widening it, shows here."""

from __future__ import annotations

from tests.submissions.c2w3.scenarios import build
from tests.weeks.test_c2w3_checks import _structure, _train_what_is_trainable
from tests.weeks.test_c2w3_checks import data_root  # noqa: F401 - the fixture


def _train_then_reload(namespace):
    _train_what_is_trainable(namespace)
    base = namespace["pre_trained_model"]
    base.load_weights(namespace["LOCAL_WEIGHTS_FILE"])
    for layer in base.layers:
        layer.trainable = False


def test_a_base_reloaded_from_the_file_after_training_keeps_its_structural_points(
        data_root, tmp_path, monkeypatch):
    results = _structure(build("base-not-frozen"), data_root, tmp_path, monkeypatch,
                         before_export=_train_then_reload)
    assert {k: r.feedback for k, r in results.items() if r.status != "passed"} == {}
