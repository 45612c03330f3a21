"""The grader as a wheel built from this checkout, so a template installs nothing published.

The package's files are copied to a scratch folder first and built there: a build in the
checkout itself would leave ``build/`` behind, whose stale files (a module since deleted) a
later wheel would carry along.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["build_wheel", "WHEEL_SOURCES"]

#: What the wheel is built from, relative to the checkout (the README is its description;
#: ``setup.py`` copies the course's files into the package: `autograder init`).
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "README.md", "autograder", "nbgrader_config.py",
                 "autograder.toml", "source")


def build_wheel(source_root: Path, out_dir: Path) -> Path:
    """Builds the ``cnn-tf-autograder`` wheel of `source_root` into `out_dir`.

    Uses this interpreter's setuptools when it has one (no download); otherwise pip builds
    in an isolated environment, fetching the build requirements from the package index.

    Args:
        source_root: the checkout (holds ``pyproject.toml``).
        out_dir: the folder that gets the ``.whl`` file (created if missing).

    Returns:
        The wheel's path.

    Raises:
        RuntimeError: with pip's output, if the build fails.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="grader-wheel-") as scratch:
        tree, built = Path(scratch) / "src", Path(scratch) / "dist"
        tree.mkdir()
        for name in WHEEL_SOURCES:
            source = Path(source_root) / name
            if not source.exists() and name not in ("pyproject.toml", "autograder"):
                continue  # a checkout without the course's files builds the package alone
            if source.is_dir():
                shutil.copytree(source, tree / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copyfile(source, tree / name)
        isolation = [] if importlib.util.find_spec("setuptools") is None else [
            "--no-build-isolation"]
        completed = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", *isolation,
             "--wheel-dir", str(built), str(tree)], capture_output=True, text=True)
        wheels = sorted(built.glob("*.whl"))
        if completed.returncode != 0 or len(wheels) != 1:
            raise RuntimeError(f"Expected pip to build one wheel of {source_root}. "
                               f"Received: exit code {completed.returncode}, "
                               f"{[w.name for w in wheels]}.\n{completed.stderr}")
        return Path(shutil.copy2(wheels[0], out_dir / wheels[0].name))
