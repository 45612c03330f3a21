"""A variant's notebook: the week's reference solution with the variant's cells replaced."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from bench.calibration.variants import TRAINING, Variant

__all__ = ["cell_key", "build_notebook", "write_notebook"]


def cell_key(cell) -> str | None:
    """The key a variant names `cell` by: its nbgrader grade id, `TRAINING` for the cell that
    calls ``model.fit`` (``history = model.fit(``), else None."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("grade_id"):
        return meta["grade_id"]
    if cell.get("cell_type") == "code" and "history = model.fit(" in cell.get("source", ""):
        return TRAINING
    return None


def build_notebook(solution: Path, variant: Variant) -> nbformat.NotebookNode:
    """The reference `solution` with each cell `variant` names replaced by its code.

    Raises:
        ValueError: naming the keys of `variant.cells` that match no cell (a reference
            whose cells were renamed), or a key that matches more than one.
    """
    notebook = copy.deepcopy(nbformat.read(solution, as_version=4))
    found: dict[str, int] = {}
    for cell in notebook.cells:
        key = cell_key(cell)
        if key in variant.cells:
            cell.source = variant.cells[key]
            cell.outputs = [] if cell.cell_type == "code" else cell.get("outputs")
            found[key] = found.get(key, 0) + 1
    missing = sorted(set(variant.cells) - set(found))
    repeated = sorted(key for key, count in found.items() if count > 1)
    if missing or repeated:
        raise ValueError(f"Variant {variant.name!r} of {solution}: expected one cell per key. "
                         f"Received: no cell for {missing}, several for {repeated}.")
    notebook.metadata["autograder_calibration"] = {"variant": variant.name,
                                                   "kind": variant.kind}
    return notebook


def write_notebook(solution: Path, variant: Variant, folder: Path) -> Path:
    """Writes `variant`'s notebook into `folder` under the reference's file name (the grader
    tells the assignment from it) and returns its path."""
    path = Path(folder) / Path(solution).name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_notebook(solution, variant), path)
    return path
