"""The older edition's folder functions, run on the grader's own folders (in the kernel).

``create_train_val_dirs(root_path)`` is called on an empty folder of the grader's, and
``split_data(SOURCE_DIR, TRAINING_DIR, VALIDATION_DIR, SPLIT_SIZE)`` on a fresh copy of a
small probe (placed by the grader's fixture before the kernel started) into empty training
and validation folders the grader made itself, so a wrong folders function costs nothing
here. Only the calls happen in the kernel; what they made is read by the grader, outside
the kernel, after it is gone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from autograder.kernel.capture import Guarded, function_in, quietly

__all__ = ["SPLITTING_FOLDER", "export_train_val_dirs", "export_split_data"]

SPLITTING_FOLDER = "splitting"
"""Folder of the artifacts folder where the folder functions are probed: ``dirs/`` (the
root given to the folders function), ``source/<class>/`` (the grader's probe),
``split/{training,validation}/<folder>/`` (the split's targets)."""


def _folder(path: Path) -> str:
    # The course's notebooks pass folders with a trailing separator and join file names to
    # them with `+`; give them what they were written for.
    return str(path) + os.sep


def export_train_val_dirs(namespace, out_dir: Path, *, function: str) -> dict:
    """Calls the folders function on the empty folder ``splitting/dirs``."""
    make = function_in(namespace, function)
    root = Path(out_dir) / SPLITTING_FOLDER / "dirs"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    _, printed = quietly(f"{function}(root_path)", make, str(root))
    return {"printed": printed[:2000]}


def export_split_data(namespace, out_dir: Path, *, function: str, classes: list,
                      sizes: list) -> dict:
    """Calls the split function once per class of the grader's probe.

    Args:
        classes: ``[source class folder, target folder]`` pairs, e.g. ``["Cat", "cats"]``.
        sizes: the ``SPLIT_SIZE`` of each call, in the order of `classes`.
    """
    split = function_in(namespace, function)
    work = Path(out_dir) / SPLITTING_FOLDER
    printed = []
    for (source_name, folder), size in zip(classes, sizes):
        source = work / "source" / source_name
        if not source.is_dir():
            raise Guarded(f"The grader's test folder for {function}() was not found; run the "
                          "notebook unchanged from top to bottom.")
        targets = [work / "split" / part / folder for part in ("training", "validation")]
        for target in targets:
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
        _, out = quietly(f"{function}(SOURCE_DIR, TRAINING_DIR, VALIDATION_DIR, {size:g})",
                         split, _folder(source), *map(_folder, targets), float(size))
        printed.append(out[:1000])
    return {"printed": "".join(printed)}
