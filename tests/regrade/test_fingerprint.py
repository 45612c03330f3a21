"""What a kept execution depends on: a bar does not; the seed, the data and the kernel's
code do."""

from __future__ import annotations

import dataclasses

from autograder.assignments import get_assignment
from autograder.config import load_settings
from autograder.regrade import changed_inputs, execution_inputs
from autograder.regrade import fingerprint

C2W4 = get_assignment("C2W4")


def _settings(**values):
    return load_settings(env={}, config_path=None) if not values else dataclasses.replace(
        load_settings(env={}, config_path=None), **values)


def test_a_changed_bar_needs_no_execution():
    before = execution_inputs(C2W4, _settings(), "stand-in")
    after = execution_inputs(C2W4, _settings(assignments={"C2W4": {"heldout_threshold": 0.99}}),
                             "stand-in")
    assert changed_inputs(before, after) == []


def test_a_changed_seed_or_data_needs_one_and_says_so():
    before = execution_inputs(C2W4, _settings(), "stand-in")
    assert changed_inputs(before, execution_inputs(C2W4, _settings(seed=7), "stand-in")) == [
        f"seed changed ({before['seed']} -> 7)"]
    assert changed_inputs(before, execution_inputs(C2W4, _settings(), "real photos")) == [
        "student data changed (stand-in -> real photos)"]


def test_changed_kernel_code_needs_one(tmp_path, monkeypatch):
    (tmp_path / "kernel").mkdir()
    exporter = tmp_path / "kernel" / "export.py"
    exporter.write_text("def export(): pass\n")
    monkeypatch.setattr(fingerprint, "_PACKAGE", tmp_path)
    monkeypatch.setattr(fingerprint, "KERNEL_CODE", ("kernel",))
    before = execution_inputs(C2W4, _settings(), "stand-in")
    assert execution_inputs(C2W4, _settings(), "stand-in") == before
    exporter.write_text("def export(): return 1\n")
    assert changed_inputs(before, execution_inputs(C2W4, _settings(), "stand-in")) == [
        "the grader's prelude/export code changed since it ran"]


def test_each_week_has_its_own_kernel_code_digest():
    settings = _settings()
    assert execution_inputs(C2W4, settings, "x")["kernel code"] != execution_inputs(
        get_assignment("C2W1"), settings, "x")["kernel code"]


def test_a_changed_epoch_budget_needs_one():
    c2w3 = get_assignment("C2W3")
    before = execution_inputs(c2w3, _settings(), "stand-in")
    assert before["epoch budget"] == "20"
    after = execution_inputs(c2w3, _settings(assignments={"C2W3": {"epoch_budget": 100}}),
                             "stand-in")
    assert changed_inputs(before, after) == ["epoch budget changed (20 -> 100)"]
