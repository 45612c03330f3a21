"""The file names the kernel reports are held against the student data: invented names, or a
picture under another class folder, lose every dataset check; the real ones keep them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from autograder.artifacts import Artifacts, GradingData
from autograder.checks import run_checks
from autograder.checks.image_datasets import unknown_files
from tests.checks.test_c2w1_datasets import CHECKS, MANIFEST, _good, _split

DATA_MANIFEST = SimpleNamespace(**vars(MANIFEST), classes=("Cat", "Dog"))


def _data(tmp_path: Path) -> Path:
    images = tmp_path / "PetImages"
    for label in ("Cat", "Dog"):
        (images / label).mkdir(parents=True)
        for i in range(500):
            (images / label / f"{1000 + i}.jpg").write_bytes(b"jpeg")
        (images / label / "shared.jpg").write_bytes(b"jpeg") if label == "Cat" else None
    return images


def _results(facts, images: Path):
    data = GradingData(student_manifest=DATA_MANIFEST, student_images_dir=images,
                       heldout_dir=None)
    return run_checks(CHECKS, Artifacts(folder=Path("."), facts={"datasets": facts},
                                        settings=None, data=data))


def test_the_real_file_names_keep_every_dataset_point(tmp_path):
    assert all(r.passed for r in _results(_good(), _data(tmp_path)))


def test_invented_names_with_the_right_counts_lose_every_dataset_point(tmp_path):
    """The issue's forgery: names made up, the manifest's counts kept."""
    files = [f"{c}/made-up-{i}.jpg" for c in ("Cat", "Dog") for i in range(500)]
    facts = {"ok": True, "train": _split(files[:900]), "validation": _split(files[900:])}
    results = _results(facts, _data(tmp_path))
    assert not any(r.passed for r in results)
    assert all(r.status == "failed" and "made-up-0.jpg" in r.feedback for r in results)


def test_a_picture_under_another_class_folder_is_not_the_data(tmp_path):
    images = _data(tmp_path)
    assert unknown_files(images, ("Cat", "Dog"), ["Cat/shared.jpg", "Dog/shared.jpg",
                                                  "Horse/1000.jpg", "Cat/../Dog/1000.jpg"]) == \
        ["Dog/shared.jpg", "Horse/1000.jpg", "Cat/../Dog/1000.jpg"]


def test_a_link_in_the_data_folder_is_not_a_picture(tmp_path):
    images = _data(tmp_path)
    (images / "Cat" / "link.jpg").symlink_to(images / "Cat" / "1000.jpg")
    assert unknown_files(images, ("Cat", "Dog"), ["Cat/link.jpg"]) == ["Cat/link.jpg"]


def test_week2s_validation_check_rests_on_the_verified_names_too(tmp_path):
    """Week 2's "validation not augmented" found nothing to blame in invented datasets and
    gave the rebound exporter 1 point of 25; now they lose it, and real names keep it."""
    from autograder.weeks.c2w2.checks import validation_not_augmented

    images = _data(tmp_path)
    files = [f"{c}/made-up-{i}.jpg" for c in ("Cat", "Dog") for i in range(500)]
    invented = {"ok": True, "train": _split(files[:900]), "validation": _split(files[900:])}
    for facts, passes in ((invented, False), (_good(), True)):
        data = GradingData(student_manifest=DATA_MANIFEST, student_images_dir=images,
                           heldout_dir=None)
        result, = run_checks([validation_not_augmented],
                             Artifacts(folder=Path("."), facts={"datasets": facts},
                                       settings=None, data=data))
        assert result.passed is passes, result.feedback
