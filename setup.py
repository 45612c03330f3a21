"""Build hook: the wheel also carries the course's own files (the nbgrader source notebooks,
``nbgrader_config.py`` and ``autograder.toml``) under ``autograder/course_files/``, so that
``autograder init COURSE/`` makes a course folder from an installed grader, away from this
checkout. Everything else is declared in ``pyproject.toml``."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: The course's files the wheel carries, relative to the checkout.
COURSE_FILES = ("nbgrader_config.py", "autograder.toml", "source/*/*.ipynb")


class BuildWithCourseFiles(build_py):
    """`build_py`, then a copy of `COURSE_FILES` into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout itself
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "autograder" / "course_files"
        for pattern in COURSE_FILES:
            for path in sorted(root.glob(pattern)):
                destination = target / path.relative_to(root)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)


setup(cmdclass={"build_py": BuildWithCourseFiles})
