"""The student template repository: it carries the grader's wheel and the hashed pins it
installs, its workflow passes actionlint and zizmor, keeps the held-out key away from every
step that runs student code, and its bundle opens only with its key."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import InvalidToken

from autograder import __version__
from autograder.assignments import get_assignment
from autograder.ci.bundle import open_heldout, seal_heldout
from autograder.ci.template import (
    DEVCONTAINER_PATH, LOCK_PATH, LOCK_SOURCE, RUNNER_PYTHON, SCRIPT_PATH, WHEELS_PATH,
    WORKFLOW_PATH, write_template)
from autograder.config import load_settings
from tests.conftest import ROOT

SPEC = get_assignment("C2W1")


def _fake_heldout(root: Path) -> Path:
    dataset = root / SPEC.data.dataset
    (dataset / SPEC.data.images_subdir / "Cat").mkdir(parents=True)
    (dataset / SPEC.data.images_subdir / "Cat" / "1.jpg").write_bytes(b"not really a jpeg")
    (dataset / "manifest.json").write_text(json.dumps({"origin": "standin"}))
    return dataset


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One template for the module (each builds the grader's wheel, a few seconds)."""
    base = tmp_path_factory.mktemp("template")
    _fake_heldout(base / "heldout")
    settings = load_settings(cwd=ROOT, env={"AUTOGRADER_HELDOUT_ROOT": str(base / "heldout")})
    key = write_template(SPEC, base / "repo", settings=settings)
    return base / "repo", key


def _tool(name: str) -> str:
    path = shutil.which(name) or str(Path(__import__("sys").executable).parent / name)
    assert Path(path).exists(), f"{name} is not installed: pip install -e '.[test]'"
    return path


def _actionlint(workflow: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("actionlint"), "-no-color", str(workflow)],
                          capture_output=True, text=True)


def _zizmor(workflow: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(workflow)],
                          capture_output=True, text=True)


def _steps_with_secrets(workflow: dict) -> list[str]:
    """Names (or run lines) of the steps that can read a secret, job-level env included."""
    found = []
    for job in workflow["jobs"].values():
        job_secret = "secrets." in json.dumps(job.get("env", {}))
        for step in job["steps"]:
            if job_secret or "secrets." in json.dumps(step):
                found.append(step.get("run") or step.get("uses"))
    return found


def test_template_holds_the_release_notebook_workflow_script_and_bundle(template):
    repo, _ = template
    assert (repo / SPEC.notebook).read_bytes() == (ROOT / "release/C2W1" / SPEC.notebook).read_bytes()
    assert (repo / SCRIPT_PATH).stat().st_mode & 0o111
    assert b"not really a jpeg" not in (repo / ".github/grading/heldout.bundle").read_bytes()
    for path in (WORKFLOW_PATH, SCRIPT_PATH, Path("README.md"), DEVCONTAINER_PATH,
                 Path(".gitignore")):
        assert "@@" not in (repo / path).read_text(), path
    assert (repo / LOCK_PATH).read_bytes() == LOCK_SOURCE.read_bytes()


def test_template_carries_the_wheel_it_installs(template):
    repo, _ = template
    wheels = sorted((repo / WHEELS_PATH).glob("*.whl"))
    assert [w.name for w in wheels] == [f"cnn_tf_autograder-{__version__}-py3-none-any.whl"]
    script = (repo / SCRIPT_PATH).read_text()
    assert f'"cnn-tf-autograder=={__version__}"' in script and "--no-index" in script
    assert "--require-hashes" in script
    # the student's one-line install is grade.sh's (the pins, then the wheel offline), as
    # in the Codespace; the line for other systems names the wheel that is there
    readme = (repo / "README.md").read_text()
    install = next(line.strip() for line in readme.splitlines()
                   if line.strip().startswith("pip install"))
    assert install == (f"pip install --require-hashes -r {LOCK_PATH.as_posix()} && pip install "
                       f"--no-index --find-links {WHEELS_PATH.as_posix()} "
                       f"cnn-tf-autograder=={__version__}")
    postcreate = json.loads((repo / DEVCONTAINER_PATH).read_text())["postCreateCommand"]
    assert postcreate.startswith(install + " && autograder data")
    elsewhere = re.search(r"`pip install (\S+\.whl)`", readme).group(1)
    assert (repo / elsewhere).resolve() == wheels[0].resolve()
    workflow = yaml.safe_load((repo / WORKFLOW_PATH).read_text())
    assert workflow["jobs"]["grade"]["steps"][2]["env"]["GRADER"] == ""


def test_workflow_caches_pip_by_the_lock_for_the_python_it_was_made_for(template):
    repo, _ = template
    steps = yaml.safe_load((repo / WORKFLOW_PATH).read_text())["jobs"]["grade"]["steps"]
    setup = next(step for step in steps if "setup-python" in step.get("uses", ""))
    assert setup["with"]["cache"] == "pip"
    assert (repo / setup["with"]["cache-dependency-path"]).resolve() == (repo / LOCK_PATH).resolve()
    assert setup["with"]["python-version"] == RUNNER_PYTHON
    made_for = re.search(r"--python-version (\S+)", LOCK_SOURCE.read_text()).group(1)
    assert made_for == RUNNER_PYTHON, "run `make lock` for the runner's Python"


def test_devcontainer_installs_the_same_pins_and_makes_the_data(template):
    repo, _ = template
    config = json.loads((repo / DEVCONTAINER_PATH).read_text())
    assert config["image"].endswith(f":{RUNNER_PYTHON}")
    command = config["postCreateCommand"]
    assert f"--require-hashes -r {LOCK_PATH.as_posix()}" in command
    assert f"--find-links {WHEELS_PATH.as_posix()}" in command
    assert command.endswith(f"autograder data {SPEC.id} --student data")
    assert config["containerEnv"]["AUTOGRADER_DATA_ROOT"].endswith("/data")
    assert {"/data/", "/.venv/"} <= set((repo / ".gitignore").read_text().split())


def test_grader_option_installs_that_requirement_instead_of_a_wheel(tmp_path):
    _fake_heldout(tmp_path / "heldout")
    settings = load_settings(cwd=ROOT, env={"AUTOGRADER_HELDOUT_ROOT": str(tmp_path / "heldout")})
    repo = tmp_path / "repo"
    requirement = "cnn-tf-autograder==9.9; python_version>'3'"
    write_template(SPEC, repo, settings=settings, grader=requirement)
    assert not (repo / WHEELS_PATH).exists()
    steps = yaml.safe_load((repo / WORKFLOW_PATH).read_text())["jobs"]["grade"]["steps"]
    assert steps[2]["env"]["GRADER"] == requirement
    assert f"pip install {shlex.quote(requirement)}\n" in (repo / "README.md").read_text()
    assert json.loads((repo / DEVCONTAINER_PATH).read_text())["postCreateCommand"].startswith(
        f"pip install {shlex.quote(requirement)} && autograder data")
    assert (repo / LOCK_PATH).is_file()  # the cache key of setup-python


def test_workflow_passes_actionlint_and_zizmor(template):
    repo, _ = template
    lint = _actionlint(repo / WORKFLOW_PATH)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    audit = _zizmor(repo / WORKFLOW_PATH)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_linters_fail_on_a_broken_or_leaky_workflow(template, tmp_path):
    repo, _ = template
    text = (repo / WORKFLOW_PATH).read_text()
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace("runner.temp", "runner.tmp"))  # no such property
    assert _actionlint(broken).returncode != 0
    leaky = tmp_path / "leaky.yml"
    leaky.write_text(text.replace("        with:\n          persist-credentials: false\n", ""))
    assert _zizmor(leaky).returncode != 0  # the checkout token would stay on disk


def test_only_the_decrypt_step_can_read_the_key(template):
    repo, _ = template
    workflow = yaml.safe_load((repo / WORKFLOW_PATH).read_text())
    assert _steps_with_secrets(workflow) == [".github/grading/grade.sh decrypt"]
    steps = [step.get("run", "") for step in workflow["jobs"]["grade"]["steps"]]
    assert steps.index(".github/grading/grade.sh run") < steps.index(
        ".github/grading/grade.sh decrypt")
    leaky = json.loads(json.dumps(workflow))
    leaky["jobs"]["grade"]["env"]["HELDOUT_KEY"] = "${{ secrets.HELDOUT_KEY }}"
    assert len(_steps_with_secrets(leaky)) == len(steps)  # the check can fail


def test_bundle_opens_with_its_key_only(template, tmp_path):
    repo, key = template
    bundle = repo / ".github/grading/heldout.bundle"
    folder = open_heldout(bundle, key.decode(), tmp_path / "opened")
    assert (folder / "manifest.json").is_file() and oct(folder.parent.stat().st_mode)[-3:] == "700"
    other = seal_heldout(folder, tmp_path / "other.bundle")
    with pytest.raises(InvalidToken):
        open_heldout(bundle, other, tmp_path / "wrong")
