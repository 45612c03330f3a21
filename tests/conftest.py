"""Shared fixtures: the course folder, the reference solution's code, exported artifacts."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb"
RELEASE = ROOT / "release" / "C2W1" / "C2W1_Assignment.ipynb"
SOURCE = ROOT / "source" / "C2W1" / "C2W1_Assignment.ipynb"


def solution_code(grade_id: str) -> str:
    """The reference solution's code of the solution cell `grade_id`."""
    notebook = nbformat.read(SOLUTION, as_version=4)
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell.source
    raise KeyError(grade_id)


def reference_namespace(*grade_ids: str, replace: dict[str, str] | None = None) -> dict:
    """Executes the imports and the given solution cells, optionally with text replaced.

    Args:
        grade_ids: solution cells to run, e.g. ``"create_model"``.
        replace: ``{old: new}`` substitutions, each of which must match (a wrong submission).
    """
    namespace: dict = {}
    exec("import os, shutil\nimport tensorflow as tf\nfrom PIL import Image\n", namespace)
    for grade_id in grade_ids:
        code = solution_code(grade_id)
        for old, new in (replace or {}).items():
            if old in code:
                code = code.replace(old, new)
        exec(compile(code, f"<{grade_id}>", "exec"), namespace)
    return namespace


def assert_replacements_apply(grade_id: str, replace: dict[str, str]) -> None:
    code = solution_code(grade_id)
    for old in replace:
        assert old in code, f"{old!r} not in the solution of {grade_id}"


@pytest.fixture
def export(tmp_path):
    """Exports artifacts from a namespace and loads them as the grading process would."""
    from autograder.artifacts import GradingData, export_artifacts, load_artifacts
    from autograder.assignments import get_assignment
    from autograder.config import load_settings

    spec = get_assignment("C2W1")

    def run(namespace: dict, *only: str, student_manifest=None, probe_seed=None,
            heldout_dir=None, settings=None):
        """`probe_seed`: place the assignment's fixtures (the cleaning probe) first; the
        callback's probe draw (no files) is always placed."""
        folder = tmp_path / f"artifacts-{len(list(tmp_path.iterdir()))}"
        fixtures = {
            f.artifact: f.place(folder.with_name(folder.name + "-fixtures"), folder,
                                probe_seed or 0)
            for f in spec.fixtures if (not only or f.artifact in only)
            and (probe_seed is not None or f.artifact == "callback")}
        export_artifacts(namespace, folder, "C2W1", only=only or None, fixtures=fixtures)
        data = GradingData(student_manifest=student_manifest, student_images_dir=None,
                           heldout_dir=heldout_dir, fixtures=fixtures)
        settings = settings or load_settings(cwd=ROOT)
        return load_artifacts(folder, data=data, settings=settings,
                              rules=settings.rules_for(spec))

    return run
