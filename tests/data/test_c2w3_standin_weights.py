"""Week 3's stand-in InceptionV3 weights are the same file on every CPU.

The pretraining runs in a process with TensorFlow's CPU-specific kernels off and one thread
(`autograder.weeks.c2w3.pretrain`). These tests make the file again and compare its SHA-256
with the one recorded when it was first made (on an AMD EPYC): a machine whose TensorFlow
sums in another order fails them. The default suite makes a small recipe's file (two
training steps of eight glyphs, about 30 s); ``-m slow`` makes the course's.
"""

from __future__ import annotations

import pytest

from autograder.weeks.c2w3 import pretrain
from autograder.weeks.c2w3.weights import RECIPE, STANDIN_SHA256, standin_weights

SMALL = {**RECIPE, "version": "small", "steps": 2, "batch": 8, "calibration_images": 8}
SMALL_SHA256 = "2c417f8033baf2864343a0c7fd4d706baec0b80690984c9ff55f7d1024f9fc54"
"""The small recipe's file for seed 42, made on an AMD EPYC (lscpu: "AMD EPYC"), 2026-11-28."""


def test_a_small_standin_is_the_recorded_file(tmp_path):
    made = standin_weights(tmp_path / "small.h5", seed=42, recipe=SMALL)
    assert made["sha256"] == SMALL_SHA256


@pytest.mark.slow
def test_the_course_standin_is_the_recorded_file(tmp_path):
    made = standin_weights(tmp_path / "standin.h5", seed=42)
    assert made["sha256"] == STANDIN_SHA256[(f"recipe-{RECIPE['version']}", 42)]
    assert made["recorded_sha256"] == made["sha256"]


def test_the_pretraining_refuses_an_environment_that_depends_on_the_cpu(tmp_path, monkeypatch,
                                                                        capsys):
    for name, value in pretrain.DETERMINISTIC_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "1")
    with pytest.raises(SystemExit):
        pretrain.main([str(tmp_path / "x.h5"), "--seed", "1", "--recipe", "{}"])
    assert "TF_ENABLE_ONEDNN_OPTS" in capsys.readouterr().err
    assert not (tmp_path / "x.h5").exists()
