"""The Microsoft zip served to the older edition holds what the real one holds: its empty
files and Thumbs.db, and no file the course's ImageDataGenerator cannot open (the stand-in's
undecodable files, made for the current edition's cleaning lesson, are left out of the zip,
not out of the student folder)."""

from __future__ import annotations

import dataclasses
import zipfile

from autograder.course_downloads import course_files, files_left_out
from autograder.sandbox.offline import offline_downloads
from autograder.weeks.c2w1.standin import generate

PETS_ZIP = course_files("cats_and_dogs")[0]


def _standin(tmp_path):
    manifest, _ = generate(student_dir=tmp_path / "student", heldout_dir=tmp_path / "heldout",
                           scale="probe", seed=3, processes=1)
    return tmp_path / "student" / "PetImages", manifest


def test_the_standins_undecodable_files_are_left_out_and_the_rest_kept(tmp_path):
    images, manifest = _standin(tmp_path)
    assert len(manifest.undecodable) == 6  # an HTML page, a cut JPEG, random bytes per class
    downloads = offline_downloads("cats_and_dogs", images, tmp_path / "run",
                                  tls_cache=tmp_path / "tls", archive_cache=tmp_path / "zips",
                                  manifest=manifest)
    members = set(zipfile.ZipFile(downloads.materialise(PETS_ZIP)).namelist())
    on_disk = {p.relative_to(images).as_posix() for p in images.rglob("*") if p.is_file()}
    assert {m.removeprefix("PetImages/") for m in members if not m.endswith("/")} == \
        on_disk - set(manifest.undecodable)
    for kept in (*manifest.zero_byte, *manifest.other_files):  # the real zip's quirks
        assert f"PetImages/{kept}" in members
    assert all((images / name).is_file() for name in manifest.undecodable)  # folder untouched


def test_an_undecodable_file_pil_opens_stays_in_the_zip(tmp_path):
    """On the real data the files TensorFlow refuses open in PIL: they are served."""
    images, manifest = _standin(tmp_path)
    good = next(p for p in sorted((images / "Cat").glob("*.jpg")) if p.stat().st_size
                and f"Cat/{p.name}" not in manifest.undecodable)
    claimed = dataclasses.replace(manifest, undecodable=(*manifest.undecodable,
                                                         f"Cat/{good.name}"))
    left_out = files_left_out(PETS_ZIP, images, claimed)
    assert left_out == set(manifest.undecodable)
    assert files_left_out(PETS_ZIP, images, None) == frozenset()
    assert files_left_out(course_files("horse_or_human")[0], images, manifest) == frozenset()


def test_image_data_generator_reads_every_file_of_the_served_zip(tmp_path):
    """The older edition's road: unzip, skip the zero-length files, read the rest with
    ImageDataGenerator. A stand-in undecodable file in the zip would stop it."""
    import tensorflow as tf

    images, manifest = _standin(tmp_path)
    downloads = offline_downloads("cats_and_dogs", images, tmp_path / "run",
                                  tls_cache=tmp_path / "tls", archive_cache=tmp_path / "zips",
                                  manifest=manifest)
    zipfile.ZipFile(downloads.materialise(PETS_ZIP)).extractall(tmp_path / "tmp")
    for empty in (tmp_path / "tmp" / "PetImages").rglob("*.jpg"):
        if empty.stat().st_size == 0:
            empty.unlink()
    flow = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        tmp_path / "tmp" / "PetImages", target_size=(32, 32), batch_size=8, class_mode="binary")
    assert flow.samples == sum(manifest.images.values())
    assert sum(len(flow[i][1]) for i in range(len(flow))) == flow.samples
