"""The public course's surroundings in a submission's working folder."""

from __future__ import annotations

import subprocess
import sys

from autograder.compat import prepare_public_surroundings
from autograder.weeks.c2w1.standin import generate


def test_clean_view_and_self_check_stand_in(tmp_path):
    manifest, _ = generate(student_dir=tmp_path / "data", heldout_dir=tmp_path / "heldout",
                           scale="probe", seed=3)
    images = tmp_path / "data" / "PetImages"
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, data_folder="PetImages", images_dir=images,
                                bad_files=manifest.bad_files)

    linked = {f"{p.parent.name}/{p.name}" for p in (work / "PetImages").glob("*/*")}
    assert linked and not linked & manifest.bad_files
    assert len(linked) == sum(manifest.images.values())
    assert all(p.is_symlink() for p in (work / "PetImages").glob("*/*"))

    out = subprocess.run([sys.executable, "-c",
                          "import unittests; print(unittests.test_create_model(len))"],
                         cwd=work, capture_output=True, text=True, check=True).stdout
    assert "unittests.test_create_model" in out and "autograder" in out
    assert out.strip().endswith("None")


def test_no_data_folder_for_assignments_without_one(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, data_folder=None, images_dir=tmp_path / "absent",
                                bad_files=frozenset())
    assert sorted(p.name for p in work.iterdir()) == ["unittests.py"]


def test_week_files_are_linked_as_they_are(tmp_path):
    """Week 4: the CSV files next to the notebook and the PNG folders in ./data."""
    images = tmp_path / "data" / "sign_mnist"
    (images / "train" / "A").mkdir(parents=True)
    (images / "sign_mnist_train.csv").write_text("label,pixel1\n")
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, data_folder=None, images_dir=images, bad_files=frozenset(),
                                links=(("sign_mnist_train.csv", "sign_mnist_train.csv"),
                                       ("data/train", "train"),
                                       ("data/validation", "validation")))
    assert (work / "sign_mnist_train.csv").is_symlink()
    assert (work / "sign_mnist_train.csv").read_text() == "label,pixel1\n"
    assert (work / "data" / "train").is_symlink() and (work / "data" / "train" / "A").is_dir()
    assert not (work / "data" / "validation").exists()  # no source: nothing to link
