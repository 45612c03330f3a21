"""The public course's surroundings in a submission's working folder."""

from __future__ import annotations

import subprocess
import sys

from autograder.assignments.spec import PublicPath
from autograder.compat import prepare_public_surroundings
from autograder.weeks.c2w1.standin import generate


def test_clean_view_and_self_check_stand_in(tmp_path):
    manifest, _ = generate(student_dir=tmp_path / "data", heldout_dir=tmp_path / "heldout",
                           scale="probe", seed=3)
    images = tmp_path / "data" / "PetImages"
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, public_paths=(("PetImages", ""),), images_dir=images,
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
    prepare_public_surroundings(work, public_paths=(), images_dir=tmp_path / "absent",
                                bad_files=frozenset())
    assert sorted(p.name for p in work.iterdir()) == ["unittests.py"]


def test_week_files_are_linked_as_they_are(tmp_path):
    """Week 4: the CSV files next to the notebook and the PNG folders in ./data."""
    images = tmp_path / "data" / "sign_mnist"
    (images / "train" / "A").mkdir(parents=True)
    (images / "sign_mnist_train.csv").write_text("label,pixel1\n")
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(
        work, images_dir=images, bad_files=frozenset(),
        public_paths=(PublicPath("sign_mnist_train.csv", "sign_mnist_train.csv"),
                      PublicPath("data/train", "train", as_is=True),
                      PublicPath("data/validation", "validation", as_is=True)))
    assert (work / "sign_mnist_train.csv").is_symlink()
    assert (work / "sign_mnist_train.csv").read_text() == "label,pixel1\n"
    assert (work / "data" / "train").is_symlink() and (work / "data" / "train" / "A").is_dir()
    assert not (work / "data" / "validation").exists()  # no source: nothing to link


def test_week3_pictures_and_weights_where_the_public_notebook_reads_them(tmp_path):
    """``./data/train``, ``./data/validation`` (clean views of nested class folders, bad
    files of each left out) and ``./model/<weights file>``, a link to the student's file."""
    from autograder.assignments import get_assignment

    images = tmp_path / "horse_or_human"
    for split in ("train", "validation"):
        for name in ("horses", "humans"):
            (images / split / name).mkdir(parents=True)
            for index in range(2):
                (images / split / name / f"{index}.png").write_bytes(b"png")
    (images / "weights.h5").write_bytes(b"h5")
    work = tmp_path / "work"
    work.mkdir()
    paths = get_assignment("C2W3").data.public_paths
    assert [path.target for path in paths] == [
        "data/train", "data/validation",
        "model/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"]
    prepare_public_surroundings(work, public_paths=(*paths[:2], ("model/w.h5", "weights.h5"),
                                                    ("absent/x", "absent")),
                                images_dir=images, bad_files=frozenset({"train/horses/1.png"}))
    linked = sorted(p.relative_to(work).as_posix() for p in (work / "data").glob("*/*/*"))
    assert linked == ["data/train/horses/0.png", "data/train/humans/0.png",
                      "data/train/humans/1.png", "data/validation/horses/0.png",
                      "data/validation/horses/1.png", "data/validation/humans/0.png",
                      "data/validation/humans/1.png"]
    assert (work / "model" / "w.h5").read_bytes() == b"h5"
    assert not (work / "absent").exists()


def test_data_behind_a_linked_folder_is_seen_inside_the_sandbox_at_both_paths(tmp_path):
    """An instructor's data folder reached through a link (data on another disk): the
    sandbox binds the images at the path the settings name and at their real path, which the
    links placed in the working folder point to."""
    from autograder.config import load_settings
    from autograder.pipeline import DataLocation, sandbox_spec

    real = tmp_path / "disk" / "cats_and_dogs"
    (real / "PetImages" / "Cat").mkdir(parents=True)
    (real / "manifest.json").write_text("{}")
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "data").symlink_to(tmp_path / "disk")
    student = tmp_path / "course" / "data" / "cats_and_dogs"
    data = DataLocation(student_root=student, images_dir=student / "PetImages",
                        heldout_dir=tmp_path / "heldout", student_manifest=None,
                        heldout_manifest=None)
    spec = sandbox_spec(load_settings(cwd=tmp_path), data=data, work=tmp_path / "w", artifacts=tmp_path / "a",
                        runtime=tmp_path / "r")
    for path in (student / "PetImages", real / "PetImages", student / "manifest.json",
                 real / "manifest.json"):
        assert path in spec.readonly
    work = tmp_path / "work"
    work.mkdir()
    prepare_public_surroundings(work, public_paths=(PublicPath("PetImages", "", as_is=True),),
                                images_dir=data.images_dir, bad_files=frozenset())
    assert (work / "PetImages").readlink() == real / "PetImages"
