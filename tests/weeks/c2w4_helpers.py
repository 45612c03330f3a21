"""Week 4's reference code run in-process on a tiny stand-in, and its checks on the result.

No kernel and no training: the solution cells (or a wrong version of them) run in this
process, the grader's own exporters export what they made, and the checks judge it, so
each check is shown to pass on the reference and to fail on its mistake in seconds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import nbformat

from tests.conftest import ROOT

SOLUTION = ROOT / "solutions" / "C2W4" / "C2W4_Assignment.ipynb"
CELLS = ("parse_data_from_input", "train_val_datasets", "create_model")


def solution_code(grade_id: str) -> str:
    """The reference solution's code of the solution cell `grade_id`."""
    for cell in nbformat.read(SOLUTION, as_version=4).cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell.source
    raise KeyError(grade_id)


def write_tiny_data(root: Path, *, train: int = 240, test: int = 96) -> Path:
    """A tiny stand-in student folder (the real layout); returns the data root."""
    from autograder.data.csv_images import write_csv_images
    from autograder.weeks.c2w4.standin import DATASET, FOLDER, TEST_CSV, TRAIN_CSV, make_rows

    folder = root / DATASET / FOLDER
    write_csv_images(folder / TRAIN_CSV, *make_rows(train, 42, 0))
    write_csv_images(folder / TEST_CSV, *make_rows(test, 42, 1))
    return root


def namespace(data_root: Path, replace: dict[str, str] | None = None) -> dict:
    """Runs the solution cells (with `replace` applied, each of which must match) and the
    notebook's loading cell; returns the namespace, as a notebook would hold it."""
    from autograder.weeks.c2w4.standin import DATASET, FOLDER, TEST_CSV, TRAIN_CSV

    replace = dict(replace or {})
    space: dict = {}
    exec("import numpy as np\nimport tensorflow as tf\n", space)
    for grade_id in CELLS:
        code = solution_code(grade_id)
        for old, new in list(replace.items()):
            if old in code:
                code = code.replace(old, new)
                del replace[old]
        exec(compile(code, f"<{grade_id}>", "exec"), space)
    assert not replace, f"replacements that match no solution cell: {list(replace)}"
    folder = data_root / DATASET / FOLDER
    parse = space["parse_data_from_input"]
    try:
        space["training_images"], space["training_labels"] = parse(str(folder / TRAIN_CSV))
        space["validation_images"], space["validation_labels"] = parse(str(folder / TEST_CSV))
    except Exception:  # noqa: BLE001 - a wrong parser may fail on the files: the checks say so
        pass
    return space


def check_parts(space: dict, data_root: Path, folder: Path,
                parts=("parsing", "datasets", "created_model"), after_export=None) -> dict:
    """Exports `parts` from `space` as the kernel would and runs every check that needs
    only them; returns {check id: CheckResult}. `after_export(artifacts folder)`: what a
    hostile kernel does to the folder after the export."""
    from autograder.artifacts import GradingData, export_artifacts, load_artifacts
    from autograder.assignments import get_assignment
    from autograder.checks.base import run_check
    from autograder.config import load_settings
    from autograder.weeks.c2w4.standin import DATASET, FOLDER

    spec = get_assignment("C2W4")
    out = folder / "artifacts"
    fixtures = {f.artifact: f.place(folder / "fixtures", out, 7) for f in spec.fixtures}
    export_artifacts(space, out, "C2W4", only=parts)
    if after_export is not None:
        after_export(out)
    settings = dataclasses.replace(load_settings(cwd=ROOT), data_root=data_root)
    data = GradingData(student_manifest=None, student_images_dir=data_root / DATASET / FOLDER,
                       heldout_dir=None, fixtures=fixtures)
    artifacts = load_artifacts(out, data=data, settings=settings, rules=spec.rules,
                               exporters={a.name: a.exporter for a in spec.artifacts})
    return {c.id: run_check(c, artifacts) for c in spec.checks
            if set(c.needs) <= set(parts) and not c.needs_heldout}


def failed(results: dict) -> set[str]:
    return {check_id for check_id, result in results.items() if result.status != "passed"}
