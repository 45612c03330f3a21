"""`autograder release`: the student copies (nbgrader) and the reference of a week's source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from autograder.assignments import Assignment
from autograder.authoring import write_solution

__all__ = ["generate_release"]


def generate_release(course_root: Path, spec: Assignment) -> None:
    """Regenerates ``release/<name>/`` (nbgrader) and ``solutions/<name>/`` from
    ``source/<name>/`` (`Assignment.name`: ``C2W1``, or ``C2W1_colab`` for another edition).

    Raises:
        RuntimeError: with nbgrader's output if it fails.
    """
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", spec.name, "--force",
               "--no-db", f"--CourseDirectory.root={course_root}"]
    completed = subprocess.run(command, cwd=course_root, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment {spec.name} failed:\n"
                           f"{completed.stdout}\n{completed.stderr}")
    write_solution(course_root, spec.name, spec.notebook)
