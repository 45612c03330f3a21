"""`autograder init`: a course folder an instructor uses away from this repository (issue 29).

The folder is made in a temporary directory; nbgrader and the grader then run there with no
setting of this checkout (no AUTOGRADER_* variable, not this folder as the working one): the
release comes from nbgrader reading the folder's own ``nbgrader_config.py``, the data and the
grading from its own ``autograder.toml``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder.cli import main
from tests.conftest import ROOT

WEEK = "C2W4"
NOTEBOOK = "C2W4_Assignment.ipynb"


def _env(course: Path) -> dict[str, str]:
    """A user's environment: this interpreter's bin on PATH, none of the checkout's settings."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("AUTOGRADER_", "PYTHONPATH"))}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    # scratch outside the course, at a short path: the kernel's sockets live there, and a
    # Unix socket's address holds 107 bytes (pytest's own folders under xdist come close)
    env["AUTOGRADER_WORK_ROOT"] = str(Path(tempfile.gettempdir()) / f"ag-init-{os.getpid()}")
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    return env


def _run(course: Path, *command: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=course, env=_env(course), capture_output=True,
                          text=True, timeout=timeout)


def test_init_writes_the_course_files_and_refuses_to_overwrite(tmp_path, capsys):
    course = tmp_path / "my-course"
    assert main(["init", str(course), WEEK]) == 0
    assert "nbgrader generate_assignment C2W4" in capsys.readouterr().out
    for name in ("nbgrader_config.py", "autograder.toml", f"source/{WEEK}/{NOTEBOOK}",
                 ".gitignore"):
        assert (course / name).is_file(), name
    assert (course / f"source/{WEEK}/{NOTEBOOK}").read_bytes() == (
        ROOT / f"source/{WEEK}/{NOTEBOOK}").read_bytes()
    assert not (course / "source" / "C2W1").exists()  # only the weeks asked for
    (course / "autograder.toml").write_text("# mine\n")
    assert main(["init", str(course), WEEK]) == 2
    err = capsys.readouterr().err
    assert "already holds" in err and "autograder.toml" in err and len(err.splitlines()) == 1
    assert (course / "autograder.toml").read_text() == "# mine\n"
    assert main(["init", str(course), WEEK, "--force"]) == 0
    assert (course / "autograder.toml").read_text() != "# mine\n"


@pytest.mark.kernel
def test_the_course_folder_releases_prepares_and_grades_on_its_own(tmp_path):
    course = tmp_path / "my-course"
    assert main(["init", str(course), WEEK]) == 0
    released = _run(course, "nbgrader", "generate_assignment", WEEK, "--force")
    assert released.returncode == 0, released.stdout + released.stderr
    release = course / "release" / WEEK / NOTEBOOK
    sources = [cell.source for cell in nbformat.read(release, as_version=4).cells]
    assert any("raise NotImplementedError()" in source for source in sources)
    assert not any("### BEGIN SOLUTION" in source for source in sources)

    data = _run(course, sys.executable, "-m", "autograder", "data", WEEK)
    assert data.returncode == 0, data.stderr
    assert (course / "data").is_dir() and (course / "heldout").is_dir()  # the toml's folders

    graded = _run(course, sys.executable, "-m", "autograder", "grade", str(release),
                  "--json", str(tmp_path / "result.json"))
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    result = json.loads((tmp_path / "result.json").read_text())
    assert (result["assignment"], result["score"], result["max_score"]) == (WEEK, 0, 15)
