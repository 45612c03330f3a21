"""The student's one-paragraph summary of a run names the cap that stopped it and how to stay under it."""

from __future__ import annotations

import pytest

from autograder.execute.report import CellFailure
from autograder.execute.summary import summarize
from autograder.sandbox.guard import Violation


@pytest.mark.parametrize("kind, limit, advice", [
    ("memory", 3 * 1024 ** 3, "Use less memory"),
    ("disk", 1024 ** 3, "Write less"),
    ("processes", 256, "Start fewer processes"),
])
def test_a_cap_gets_the_hint_for_that_cap(kind, limit, advice):
    failure = CellFailure.for_cell(3, "x = 1", kind="limit",
                                   evalue=f"{Violation(kind, limit).describe()}, so the grader "
                                          f"stopped it")
    text = summarize("limit_exceeded", failures=[failure], stopped_by=failure, cells_run=4)
    assert Violation(kind, limit).describe() in text and advice in text
    others = {"Use less memory", "Write less", "Start fewer processes"} - {advice}
    assert not [other for other in others if other in text]


@pytest.mark.parametrize("ename, evalue", [
    ("ModuleNotFoundError", "No module named 'no_such_package_xyz'"),
    ("ImportError", "No module named 'no_such_package_xyz.io'"),
])
def test_an_import_the_grader_lacks_is_named_as_the_environment(ename, evalue):
    failure = CellFailure.for_cell(2, "import no_such_package_xyz as x", kind="error",
                                   ename=ename, evalue=evalue)
    text = summarize("cell_errors", failures=[failure], stopped_by=None, cells_run=5)
    assert "the grading environment does not have the package `no_such_package_xyz`" in text
    assert "tell your instructor" in text and "Restart Kernel" not in text


@pytest.mark.parametrize("ename, evalue", [
    ("ModuleNotFoundError", "No module named 'keras.api._v2'"),  # Keras 3 has no such module
    ("ImportError", "cannot import name 'ImageDataGenerator' from 'keras.preprocessing.image'"),
    ("NameError", "name 'pd' is not defined"),
])
def test_an_import_the_grader_has_stays_the_notebooks_mistake(ename, evalue):
    failure = CellFailure.for_cell(2, "from keras import x", kind="error", ename=ename,
                                   evalue=evalue)
    text = summarize("cell_errors", failures=[failure], stopped_by=None, cells_run=5)
    assert "grading environment" not in text
    assert f"raised {ename}" in text and "Restart Kernel" in text


@pytest.mark.parametrize("package", ["pandas", "scipy", "matplotlib", "PIL", "sklearn"])
def test_the_course_platforms_packages_are_in_the_kernels_environment(package):
    from autograder.execute.environment import missing_package

    assert missing_package("ModuleNotFoundError", f"No module named '{package}'") is None


def test_a_colab_only_module_is_the_platforms_not_the_students_nor_the_graders():
    """The older course's download_history() cell imports google.colab, which exists only
    on Colab: `google` itself is a namespace other packages (protobuf) share here."""
    from autograder.execute.environment import missing_package

    assert missing_package("ModuleNotFoundError", "No module named 'google.colab'") == \
        "google.colab"
    assert missing_package("ModuleNotFoundError", "No module named 'google.protobuf'") is None
    failure = CellFailure.for_cell(13, "def download_history():", kind="error",
                                   ename="ModuleNotFoundError",
                                   evalue="No module named 'google.colab'")
    text = summarize("cell_errors", failures=[failure], stopped_by=None, cells_run=14)
    assert "exists only on Google Colab" in text and "not a mistake in your notebook" in text
    assert "tell your instructor" not in text and "Restart Kernel" not in text


def test_a_keras2_layer_attribute_is_named_with_what_replaces_it():
    """The older course's Week 3 template prints last_desired_layer.output_shape, which
    Keras 3 layers no longer have."""
    failure = CellFailure.for_cell(14, "last_output = output_of_last_layer(pre_trained_model)",
                                   kind="error", ename="AttributeError",
                                   evalue="'Concatenate' object has no attribute 'output_shape'")
    text = summarize("cell_errors", failures=[failure], stopped_by=None, cells_run=15)
    assert "Layers have no `output_shape` in Keras 3" in text
    assert "`last_desired_layer.output.shape`" in text and "Restart Kernel" in text


@pytest.mark.parametrize("evalue", ["'Concatenate' object has no attribute 'outputs_shape'",
                                    "'NoneType' object has no attribute 'shape'"])
def test_other_missing_attributes_get_no_keras_hint(evalue):
    failure = CellFailure.for_cell(14, "x = f()", kind="error", ename="AttributeError",
                                   evalue=evalue)
    text = summarize("cell_errors", failures=[failure], stopped_by=None, cells_run=15)
    assert "Keras 3" not in text and "Restart Kernel" in text
