"""`autograder template C2W1 OUT/`: the repository each student gets (GitHub Classroom style).

    OUT/C2W1_Assignment.ipynb            the release notebook
    OUT/README.md                        how to get feedback, and how to work locally
    OUT/.gitignore                       the student's local data stays out of commits
    OUT/.devcontainer/devcontainer.json  Codespaces: the same pins, the data made on creation
    OUT/.github/workflows/grade.yml      grades every push (steps in grade.sh)
    OUT/.github/grading/grade.sh         the grading steps, also run by the tests
    OUT/.github/grading/requirements.lock  the grader's dependencies, pinned with hashes
    OUT/.github/grading/wheels/*.whl     the grader itself, built from this checkout
    OUT/.github/grading/heldout.bundle   the held-out images, encrypted (key: a secret)

The template installs nothing that is not in it but the pinned, hashed dependencies from the
package index: no published grader is needed.
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

from autograder import __version__
from autograder.assignments import Assignment
from autograder.ci.bundle import BUNDLE_NAME, seal_heldout
from autograder.ci.wheel import build_wheel
from autograder.config import Settings

__all__ = ["write_template", "WORKFLOW_PATH", "SCRIPT_PATH", "LOCK_PATH", "WHEELS_PATH",
           "DEVCONTAINER_PATH", "RUNNER_PYTHON", "LOCK_SOURCE"]

WORKFLOW_PATH = Path(".github/workflows/grade.yml")
SCRIPT_PATH = Path(".github/grading/grade.sh")
LOCK_PATH = Path(".github/grading/requirements.lock")
WHEELS_PATH = Path(".github/grading/wheels")
DEVCONTAINER_PATH = Path(".devcontainer/devcontainer.json")
#: The Python of the runner (setup-python's `python-version`): the lock is made for it.
RUNNER_PYTHON = "3.11"
_TEMPLATES = Path(__file__).with_name("templates")
#: The committed lock (`make lock`), copied into every template.
LOCK_SOURCE = _TEMPLATES / "requirements.lock"
_COURSE_ROOT = Path(__file__).resolve().parents[2]


def _filled(name: str, values: dict[str, str]) -> str:
    text = (_TEMPLATES / name).read_text(encoding="utf-8")
    for marker, value in values.items():
        text = text.replace(f"@@{marker}@@", value)
    return text


def _pip_commands(grader: str | None) -> list[str]:
    """The Python part of grade.sh's install step: the same pins wherever it runs."""
    if grader:
        return [f"pip install {shlex.quote(grader)}"]
    return [f"pip install --require-hashes -r {LOCK_PATH.as_posix()}",
            f"pip install --no-index --find-links {WHEELS_PATH.as_posix()} "
            f"cnn-tf-autograder=={__version__}"]


def _devcontainer(spec: Assignment, grader: str | None) -> str:
    """A Codespaces definition: the runner's Python, the same pins, the student's data."""
    config = {
        "name": f"{spec.id} (course environment)",
        "image": f"mcr.microsoft.com/devcontainers/python:{RUNNER_PYTHON}",
        "containerEnv": {"AUTOGRADER_DATA_ROOT": "${containerWorkspaceFolder}/data"},
        "postCreateCommand": " && ".join(
            [*_pip_commands(grader), f"autograder data {spec.id} --student data"]),
        "customizations": {"vscode": {"extensions": ["ms-python.python", "ms-toolsai.jupyter"]}},
    }
    return json.dumps(config, indent=2) + "\n"


def _install_line(grader: str | None) -> str:
    """The student's one-line install: grade.sh's own pip commands (the hashed pins, then the
    template's wheel offline), or the `grader` requirement."""
    return " && ".join(_pip_commands(grader))


def _elsewhere(out: Path, wheel: Path | None) -> str:
    """The README's line for a system the lock was not made for: the wheel, newest pins."""
    if wheel is None:
        return ""
    return (f"On another Python or system (the pins are for Python {RUNNER_PYTHON} on Linux "
            f"x86-64), `pip install {wheel.relative_to(out).as_posix()}` installs the same "
            "grader with the newest versions of its dependencies.")


def write_template(spec: Assignment, out: Path, *, settings: Settings, grader: str | None = None,
                   course_root: Path = _COURSE_ROOT) -> bytes:
    """Writes the template repository of `spec` into `out`; returns the held-out key.

    Args:
        settings: where the held-out data to seal lives (``heldout_root``). Seal a held-out
            set made for CI, not the one grades of record are made on (see the README).
        grader: a pip requirement the workflow installs instead of the wheel built from
            `course_root` (e.g. a published ``cnn-tf-autograder==0.2.0``); no wheel is written.
        course_root: the checkout: its release notebook, and the source of the wheel.

    Raises:
        FileNotFoundError: if the release notebook or the held-out data is missing.
        RuntimeError: if the wheel cannot be built.
    """
    out = Path(out)
    release = course_root / "release" / spec.id / spec.notebook
    if not release.is_file():
        raise FileNotFoundError(f"No release notebook {release}: run `autograder release`.")
    for folder in (SCRIPT_PATH.parent, WORKFLOW_PATH.parent, DEVCONTAINER_PATH.parent):
        (out / folder).mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / WHEELS_PATH, ignore_errors=True)  # never two versions side by side
    wheel = None if grader else build_wheel(course_root, out / WHEELS_PATH)
    values = {"NOTEBOOK": spec.notebook, "ASSIGNMENT": spec.id, "DATASET": spec.data.dataset,
              "GRADER": grader or "", "VERSION": __version__, "PYTHON": RUNNER_PYTHON,
              "INSTALL": _install_line(grader), "ELSEWHERE": _elsewhere(out, wheel)}
    shutil.copyfile(release, out / spec.notebook)
    shutil.copyfile(LOCK_SOURCE, out / LOCK_PATH)
    (out / WORKFLOW_PATH).write_text(_filled("grade.yml", values), encoding="utf-8")
    (out / SCRIPT_PATH).write_text(_filled("grade.sh", values), encoding="utf-8")
    (out / SCRIPT_PATH).chmod(0o755)
    (out / "README.md").write_text(_filled("README.md", values), encoding="utf-8")
    (out / ".gitignore").write_text(_filled("gitignore", values), encoding="utf-8")
    (out / DEVCONTAINER_PATH).write_text(_devcontainer(spec, grader), encoding="utf-8")
    return seal_heldout(settings.heldout_root / spec.data.dataset,
                        out / SCRIPT_PATH.parent / BUNDLE_NAME)
