"""The wheel a template carries holds every file of the package (templates, JSON schema, the
lock), its command and its version, and nothing from a stale build folder."""

from __future__ import annotations

import zipfile

from autograder import __version__
from autograder.ci.wheel import build_wheel
from tests.conftest import ROOT


def _package_files() -> set[str]:
    package = ROOT / "autograder"
    return {path.relative_to(ROOT).as_posix() for path in package.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def test_wheel_holds_every_package_file_and_the_command(tmp_path):
    wheel = build_wheel(ROOT, tmp_path / "wheels")
    assert wheel.name == f"cnn_tf_autograder-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _package_files() - names
    assert not missing, f"not in the wheel (add them to package-data): {sorted(missing)}"
    for data in ("autograder/ci/templates/requirements.lock",
                 "autograder/results/grade-result-v1.schema.json",
                 # the course's own files, for `autograder init` away from the checkout
                 "autograder/course_files/nbgrader_config.py",
                 "autograder/course_files/autograder.toml",
                 "autograder/course_files/source/C2W1/C2W1_Assignment.ipynb",
                 "autograder/course_files/source/C2W4/C2W4_Assignment.ipynb"):
        assert data in names
    info = f"cnn_tf_autograder-{__version__}.dist-info"
    assert "autograder = autograder.cli:main" in zipfile.ZipFile(wheel).read(
        f"{info}/entry_points.txt").decode()


def test_a_file_outside_package_data_would_be_reported(tmp_path):
    source = tmp_path / "checkout"
    for name in ("pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((ROOT / name).read_bytes())
    (source / "autograder").mkdir()
    (source / "autograder" / "__init__.py").write_text('__version__ = "0.1.0"\n')
    (source / "autograder" / "weights.bin").write_bytes(b"\0")  # no package-data pattern
    names = set(zipfile.ZipFile(build_wheel(source, tmp_path / "wheels")).namelist())
    assert "autograder/__init__.py" in names and "autograder/weights.bin" not in names
