"""The student template repository: its workflow passes actionlint and zizmor, keeps the
held-out key away from every step that runs student code, and its bundle opens only with
its key."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import InvalidToken

from autograder.assignments import get_assignment
from autograder.ci.bundle import open_heldout, seal_heldout
from autograder.ci.template import SCRIPT_PATH, WORKFLOW_PATH, write_template
from autograder.config import load_settings
from tests.conftest import ROOT

SPEC = get_assignment("C2W1")


def _fake_heldout(root: Path) -> Path:
    dataset = root / SPEC.data.dataset
    (dataset / SPEC.data.images_subdir / "Cat").mkdir(parents=True)
    (dataset / SPEC.data.images_subdir / "Cat" / "1.jpg").write_bytes(b"not really a jpeg")
    (dataset / "manifest.json").write_text(json.dumps({"origin": "standin"}))
    return dataset


@pytest.fixture
def template(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_HELDOUT_ROOT", str(tmp_path / "heldout"))
    _fake_heldout(tmp_path / "heldout")
    key = write_template(SPEC, tmp_path / "repo", settings=load_settings(cwd=ROOT))
    return tmp_path / "repo", key


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
    workflow = (repo / WORKFLOW_PATH).read_text()
    assert "@@" not in workflow and "cnn-tf-autograder==" in workflow


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
