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
