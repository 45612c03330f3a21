"""Cleaning checks: clean_images() probed on a small dirty folder with the real quirks."""

from __future__ import annotations

import shutil

import pytest

from autograder.assignments import get_assignment
from autograder.checks import run_checks
from autograder.weeks.c2w1.cleaning import NOT_JUDGED
from tests.conftest import assert_replacements_apply, reference_namespace

CHECKS = [c for c in get_assignment("C2W1").checks if c.needs == ("cleaning",)]

WRONG = {
    "only-zero-length-dropped": (
        {"                    image.load()\n": "                    pass\n",
         'readable = image.format in ("JPEG", "PNG", "GIF", "BMP")': "readable = True",
         "            except Exception:\n                readable = False\n":
         "            except Exception:\n                readable = True\n"},
        {"clean_images_drops_bad_files"}),
    "zero-length-printed-but-kept": (
        {'print(f"{file_name} is zero length, so ignoring.")\n                continue':
         'print(f"{file_name} is zero length, so ignoring.")\n                shutil.copyfile('
         'path, os.path.join(clean_class, file_name))\n                continue'},
        {"clean_images_drops_bad_files"}),
    "moves-instead-of-copying": (
        {"shutil.copyfile(path, os.path.join(clean_class, file_name))":
         "shutil.move(path, os.path.join(clean_class, file_name))"},
        {"clean_images_keeps_good_files"}),
    "flat-folder-without-classes": (
        {"clean_class = os.path.join(clean_dir, class_name)": "clean_class = clean_dir"},
        {"clean_images_keeps_good_files"}),
    "bad-file-smuggled-under-another-name": (
        {"    return copied": "    for junk in ('666.jpg', 'Thumbs.db'):\n"
                               "        for name in os.listdir(source_dir):\n"
                               "            path = os.path.join(source_dir, name, junk)\n"
                               "            if os.path.exists(path):\n"
                               "                os.makedirs(os.path.join(clean_dir, 'extra'), exist_ok=True)\n"
                               "                shutil.copyfile(path, os.path.join(clean_dir, 'extra', junk + name))\n"
                               "    return copied"},
        {"clean_images_drops_bad_files"}),
    "copies-nothing": (
        {"    copied = 0\n": "    return 0\n    copied = 0\n"},
        {"clean_images_keeps_good_files"}),
    "deletes-bad-files-from-source": (
        {'print(f"{file_name} is zero length, so ignoring.")\n':
         'print(f"{file_name} is zero length, so ignoring.")\n                os.remove(path)\n',
         'print(f"{file_name} is not a readable image, so ignoring.")\n':
         'print(f"{file_name} is not a readable image, so ignoring.")\n'
         '                os.remove(path)\n'},
        {"clean_images_keeps_good_files"}),
    "re-encodes-every-image": (
        {"shutil.copyfile(path, os.path.join(clean_class, file_name))":
         "Image.open(path).convert('RGB').save(os.path.join(clean_class, file_name), "
         "quality=70)"},
        {"clean_images_keeps_good_files"}),
    "copies-everything": (
        {"    copied = 0\n": "    shutil.copytree(source_dir, clean_dir, dirs_exist_ok=True)\n"
                           "    return 0\n"},
        {"clean_images_drops_bad_files"}),
}


#: Seed of the cleaning probe these tests use.
SEED = 11


@pytest.fixture
def probe():
    return SEED


def _failed(export, probe, namespace):
    artifacts = export(namespace, "cleaning", probe_seed=probe)
    results = run_checks(CHECKS, artifacts)
    assert not [r for r in results if r.status == "grader_error"], results
    return {r.check_id for r in results if not r.passed}, results


def test_reference_clean_images_passes(export, probe):
    failed, _ = _failed(export, probe, reference_namespace("clean_images"))
    assert failed == set()


@pytest.mark.parametrize("scenario", sorted(WRONG))
def test_each_cleaning_mistake_loses_exactly_its_check(export, probe, scenario):
    replace, expected = WRONG[scenario]
    assert_replacements_apply("clean_images", replace)
    failed, _ = _failed(export, probe, reference_namespace("clean_images", replace=replace))
    assert failed == expected


def test_feedback_names_the_kind_of_bad_file(export, probe):
    replace = WRONG["zero-length-printed-but-kept"][0]
    _, results = _failed(export, probe, reference_namespace("clean_images", replace=replace))
    assert "zero-length file(s)" in results[0].feedback and "Cat/666.jpg" in results[0].feedback


def test_students_prints_are_kept_for_feedback(export, probe):
    artifacts = export(reference_namespace("clean_images"), "cleaning", probe_seed=probe)
    assert "666.jpg is zero length, so ignoring." in artifacts.get("cleaning")["printed"]


def test_a_link_in_place_of_the_clean_folder_is_not_followed(export, probe, tmp_path):
    """The grader reads the clean folder outside the sandbox: a link there must not make it
    list a folder the kernel chose (the held-out data, say) into the feedback."""
    artifacts = export(reference_namespace("clean_images"), "cleaning", probe_seed=probe)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret-name.txt").write_text("not an image")
    clean = artifacts.folder / "cleaning" / "clean" / "PetImages"
    shutil.rmtree(clean)
    clean.symlink_to(elsewhere, target_is_directory=True)

    results = run_checks(CHECKS, artifacts)
    assert [r.status for r in results] == ["failed", "failed"]
    assert all("replaced by links" in r.feedback for r in results)
    assert not any("secret-name" in r.feedback + r.detail for r in results)


def test_copying_nothing_is_charged_once_and_said_not_judged(export, probe):
    replace = WRONG["copies-nothing"][0]
    _, results = _failed(export, probe, reference_namespace("clean_images", replace=replace))
    drops, keeps = results
    assert drops.passed and drops.feedback == NOT_JUDGED
    assert not keeps.passed and "no image in the clean folder" in keeps.feedback
    assert not drops.feedback.startswith("Expected")  # not worded as a verdict on bad files
