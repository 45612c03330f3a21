"""The course's URL map: each published form of a course URL finds its file; nothing else."""

from __future__ import annotations

import pytest

from autograder.course_downloads import (COURSE_FILES, course_files, find_course_file,
                                         served_hosts, source_path)

PETS = course_files("cats_and_dogs")
HORSES = course_files("horse_or_human")
SIGNS = course_files("sign_language_mnist")


@pytest.mark.parametrize("url, files, name", [
    ("https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
     "kagglecatsanddogs_5340.zip", PETS, "kagglecatsanddogs_5340.zip"),
    ("http://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
     "kagglecatsanddogs_5340.zip", PETS, "kagglecatsanddogs_5340.zip"),
    ("https://storage.googleapis.com/tensorflow-1-public/course2/week3/horse-or-human.zip",
     HORSES, "horse-or-human.zip"),
    ("https://storage.googleapis.com/laurencemoroney-blog.appspot.com/"
     "validation-horse-or-human.zip", HORSES, "validation-horse-or-human.zip"),
    ("https://storage.googleapis.com/mledu-datasets/"
     "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5", HORSES,
     "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"),
    ("https://drive.google.com/uc?id=1onaG42NZft3wCE1WH0GDEbUhu75fedP5", HORSES,
     "horse-or-human.zip"),
    ("https://drive.google.com/uc?id=1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR&export=download", SIGNS,
     "sign_mnist_train.csv"),
    ("https://drive.google.com/file/d/1z1BIj4qmri59GWBG4ivMNFtpZ4AXIbzg/view?usp=sharing",
     SIGNS, "sign_mnist_test.csv"),
    ("https://drive.usercontent.google.com/download?id=1z1BIj4qmri59GWBG4ivMNFtpZ4AXIbzg",
     SIGNS, "sign_mnist_test.csv"),
])
def test_each_published_form_finds_its_file(url, files, name):
    assert find_course_file(url, files).name == name


@pytest.mark.parametrize("url, files", [
    ("https://download.microsoft.com/download/other.zip", PETS),
    ("https://example.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
     "kagglecatsanddogs_5340.zip", PETS),
    ("https://storage.googleapis.com/tensorflow-1-public/course2/week3/horse-or-human.zip",
     PETS),  # another week's file is not served
    ("https://drive.google.com/uc?id=1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR", HORSES),
    ("https://example.com/uc?id=1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR", SIGNS),
])
def test_anything_else_finds_nothing(url, files):
    assert find_course_file(url, files) is None


def test_hosts_and_sources_stay_in_the_table(tmp_path):
    assert served_hosts(PETS) == ("download.microsoft.com",)
    assert "drive.google.com" in served_hosts(SIGNS) and "storage.googleapis.com" in \
        served_hosts(HORSES)
    for files in COURSE_FILES.values():
        for course_file in files:
            found = source_path(course_file, tmp_path)
            assert found == (tmp_path / course_file.source).resolve()
            assert found == tmp_path.resolve() or tmp_path.resolve() in found.parents
    escaping = PETS[0].__class__("x", "../heldout", urls=("https://a/x",))
    with pytest.raises(ValueError, match="inside"):
        source_path(escaping, tmp_path)
