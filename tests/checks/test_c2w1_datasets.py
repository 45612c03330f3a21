"""Dataset checks on dataset facts: reference-like facts pass, each fault loses its check."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.artifacts import Artifacts, GradingData
from autograder.assignments import get_assignment
from autograder.checks import run_checks

CHECKS = [c for c in get_assignment("C2W1").checks if c.needs == ("datasets",)]
MANIFEST = SimpleNamespace(images={"Cat": 500, "Dog": 500}, zero_byte=("Cat/666.jpg",),
                           undecodable=("Dog/13.jpg", "Cat/77.jpg"), other_files=("Cat/Thumbs.db",))


def _split(files, kind="tf.data"):
    return {"kind": kind, "has_file_paths": True, "file_paths": files, "class_names": ["Cat", "Dog"],
            "element_spec": [{"shape": [None, 150, 150, 3], "dtype": "float32"},
                             {"shape": [None, 1], "dtype": "float32"}],
            "first_batch": {"images_shape": [128, 150, 150, 3], "labels_shape": [128, 1],
                            "label_values": [0.0, 1.0]}}


def _good():
    """Facts like the reference's: 1,000 clean images, 100 of them for validation."""
    files = [f"{c}/{1000 + i}.jpg" for c in ("Cat", "Dog") for i in range(500)]
    return {"ok": True, "train": _split(files[:900]), "validation": _split(files[900:])}


def _failed(facts) -> set[str]:
    artifacts = Artifacts(folder=Path("."), facts={"datasets": facts}, settings=None,
                          data=GradingData(student_manifest=MANIFEST, student_images_dir=None,
                                           heldout_dir=None))
    results = run_checks(CHECKS, artifacts)
    assert not [r for r in results if r.status == "grader_error"], results
    return {r.check_id for r in results if not r.passed}


def test_reference_like_facts_pass():
    assert _failed(_good()) == set()


def _with(change):
    facts = copy.deepcopy(_good())
    change(facts)
    return facts


WRONG = {
    "image-size-128": (lambda f: f["train"]["element_spec"][0].update(shape=[None, 128, 128, 3]),
                       {"datasets_image_size"}),
    "int-labels": (lambda f: f["validation"]["element_spec"][1].update(shape=[None], dtype="int32"),
                   {"datasets_binary_labels"}),
    "categorical-labels": (lambda f: f["train"]["first_batch"].update(label_values=[0.0, 1.0, 2.0]),
                           {"datasets_binary_labels"}),
    "wrong-classes": (lambda f: f["train"].update(class_names=["PetImages"]),
                      {"datasets_binary_labels"}),
    "validation-20-percent": (lambda f: f.update(train=_split(f["train"]["file_paths"][:800]),
                                                 validation=_split(f["train"]["file_paths"][800:]
                                                                   + f["validation"]["file_paths"])),
                              {"datasets_split_sizes"}),
    "half-the-images": (lambda f: f.update(train=_split(f["train"]["file_paths"][:450]),
                                           validation=_split(f["validation"]["file_paths"][:50])),
                        {"datasets_split_sizes"}),
    "overlap": (lambda f: f["validation"].update(file_paths=f["train"]["file_paths"][:100]),
                {"datasets_disjoint"}),
    "dirty-file-kept": (lambda f: f["train"]["file_paths"].append("Cat/666.jpg"),
                        {"datasets_exclude_dirty_files"}),
}


@pytest.mark.parametrize("scenario", sorted(WRONG))
def test_each_fault_loses_exactly_its_check(scenario):
    change, expected = WRONG[scenario]
    assert _failed(_with(change)) == expected


def test_unreadable_first_batch_still_checks_structure():
    facts = _with(lambda f: f["train"].update(first_batch=None, first_batch_error="broken"))
    assert _failed(facts) == set()


def test_legacy_directory_iterator_is_accepted():
    def legacy(facts):
        for split in ("train", "validation"):
            facts[split].update(kind="directory_iterator", class_mode="binary", rescale=1 / 255)
            facts[split]["element_spec"][1]["shape"] = [None]
    assert _failed(_with(legacy)) == set()


def test_function_that_raised_fails_every_dataset_check_with_its_error():
    facts = {"ok": False, "feedback": "train_val_datasets() raised NotImplementedError."}
    artifacts = Artifacts(folder=Path("."), facts={"datasets": facts}, settings=None, data=None)
    results = run_checks(CHECKS, artifacts)
    assert {r.status for r in results} == {"failed"}
    assert all("NotImplementedError" in r.feedback for r in results)
