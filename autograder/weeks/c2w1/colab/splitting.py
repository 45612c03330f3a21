"""Checks of the older edition's folder functions: ``create_train_val_dirs`` and ``split_data``.

Both ran in the student's kernel on the grader's folders (`autograder.kernel.splitting`);
the grader reads what they left itself, after the kernel is gone, and judges each file by
its content: a file copied under another name, or into the other split, still counts.

One mistake is charged once: copying training files into validation costs the
disjointness point only (the counts can be right), keeping zero-length files the
zero-length point only (the split size is judged on what was copied, whatever it is).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from autograder.artifacts.paths import UnsafePath, checked_path
from autograder.checks.base import MissingArtifact, Outcome, check, failed, passed
from autograder.kernel import SPLITTING_FOLDER
from autograder.weeks.c2w1.cleaning import LINK as _LINK, file_tree
from autograder.weeks.c2w1.colab.rules import CLASS_FOLDERS, SPLIT_FOLDERS

__all__ = ["train_val_dirs_made", "split_copies_files", "split_skips_zero_length",
           "split_sizes", "split_disjoint", "NOTHING_COPIED"]

NOTHING_COPIED = ("Not judged: split_data() copied no file, so there was no copy in which to "
                  "look for this. The missing copies are counted once, by the check of the "
                  "split's sizes.")

_EMPTY = hashlib.sha256(b"").hexdigest()
_MAX_FILES = 5_000
_MAX_BYTES = 256 * 1024 ** 2


def _files(root: Path) -> dict[str, str]:
    """Maps each file directly in `root` to its SHA-256 (links not followed)."""
    if not root.is_dir() or root.is_symlink():
        return {}
    return file_tree(root, function="split_data()", max_files=_MAX_FILES, max_bytes=_MAX_BYTES)


def _safe(artifacts, relative: str) -> Path:
    """The artifacts folder's `relative` path, refused when reached through a link (the
    grader, outside the sandbox, would list a folder of the kernel's choice)."""
    try:
        return checked_path(Path(artifacts.folder), relative, directory=True)
    except UnsafePath as error:
        if error.missing:
            return Path(artifacts.folder) / relative
        raise MissingArtifact(
            "The folders the grader gave split_data() were replaced by links, so what it "
            "copied could not be checked. Copy files into the folders you are given; do not "
            "replace them.", f"{relative}: {error}") from None


def _splits(artifacts) -> list[tuple[str, float, dict, dict, dict, dict]]:
    """Per class: (class, split size, pristine files, source after, training, validation)."""
    artifacts.get("split")
    key = artifacts.data.fixtures.get("split") if artifacts.data is not None else None
    if key is None:
        raise MissingArtifact("This check runs only in the grader.")

    def read():
        rows = []
        for (source, folder), size in zip(CLASS_FOLDERS, key.sizes):
            parts = [f"{SPLITTING_FOLDER}/source/{source}",
                     f"{SPLITTING_FOLDER}/split/training/{folder}",
                     f"{SPLITTING_FOLDER}/split/validation/{folder}"]
            after, train, validation = (_files(_safe(artifacts, p)) for p in parts)
            rows.append((source, size, _files(Path(key.pristine) / source), after, train,
                         validation))
        return rows

    return artifacts.cached("split_trees", read)


def _listing(names, limit: int = 3) -> str:
    names = sorted(names)
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit
                                       else "")


@check("train_val_dirs_made", title="create_train_val_dirs() makes training/cats, "
       "training/dogs, validation/cats and validation/dogs under root_path", points=1,
       needs=("train_val_dirs",))
def train_val_dirs_made(artifacts):
    artifacts.get("train_val_dirs")
    root = _safe(artifacts, f"{SPLITTING_FOLDER}/dirs")
    missing = [name for name in SPLIT_FOLDERS
               if not (root / name).is_dir() or (root / name).is_symlink()]
    if not missing:
        return passed()
    made = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())
    return failed(
        expected=f"the folders {', '.join(SPLIT_FOLDERS)} under root_path",
        found=f"{', '.join(missing)} missing (found: {', '.join(made[:8]) or 'no folder'})",
        fix="call os.makedirs(os.path.join(root_path, 'training', 'cats')) and the same for "
            "training/dogs, validation/cats and validation/dogs.")


@check("split_copies_files", title="split_data() copies files from SOURCE_DIR and leaves it "
       "untouched", points=1, needs=("split",), hidden=True)
def split_copies_files(artifacts):
    for source, _, pristine, after, train, validation in _splits(artifacts):
        if after != pristine:
            changed = set(pristine) ^ set(after) | {p for p in pristine
                                                     if after.get(p) != pristine[p]}
            return failed(
                expected="SOURCE_DIR to stay exactly as it was (copy, do not move or delete)",
                found=f"{len(changed)} file(s) of {source}/ moved, deleted or changed "
                      f"({_listing(changed)})",
                fix="use shutil.copyfile(SOURCE_DIR + file_name, TRAINING_DIR + file_name) "
                    "instead of moving files.")
        originals = set(pristine.values())
        foreign = {f"{part}/{name}" for part, files in (("training", train),
                                                         ("validation", validation))
                   for name, sha in files.items() if sha not in originals}
        if foreign:
            return failed(
                expected=f"only copies of SOURCE_DIR's files in TRAINING_DIR and VALIDATION_DIR",
                found=f"{len(foreign)} file(s) that are no copy of a file of {source}/ "
                      f"({_listing(foreign)})",
                fix="copy each file unchanged with shutil.copyfile; do not write links or "
                    "files of your own.")
    return passed()


@check("split_skips_zero_length", title="split_data() leaves out zero-length files",
       points=1, needs=("split",), hidden=True)
def split_skips_zero_length(artifacts):
    rows = _splits(artifacts)
    if not any(train or validation for *_, train, validation in rows):
        return Outcome(True, NOTHING_COPIED, "no file in the training or validation folders")
    for source, _, pristine, _, train, validation in rows:
        empty = {f"{part}/{name}" for part, files in (("training", train),
                                                       ("validation", validation))
                 for name, sha in files.items() if sha == _EMPTY}
        if empty:
            return failed(
                expected="no zero-length file in TRAINING_DIR or VALIDATION_DIR",
                found=f"{len(empty)} zero-length file(s) copied from {source}/ "
                      f"({_listing(empty)})",
                fix="skip a file when os.path.getsize(SOURCE_DIR + file_name) == 0, printing "
                    "'<file name> is zero length, so ignoring.', before you shuffle.")
    return passed()


@check("split_sizes", title="split_data() copies SPLIT_SIZE of the files to TRAINING_DIR and "
       "the rest to VALIDATION_DIR", points=1, needs=("split",), hidden=True)
def split_sizes(artifacts):
    detail = []
    for source, size, pristine, _, train, validation in _splits(artifacts):
        good = sum(sha != _EMPTY for sha in pristine.values())
        empty = len(pristine) - good
        total = len(train) + len(validation)
        expected_train = int(good * size)
        detail.append(f"{source}: size={size} good={good} train={len(train)} "
                      f"validation={len(validation)}")
        # judged on what was copied: zero-length files kept are the other check's point
        if not good <= total <= good + empty or abs(len(train) - size * total) > 1:
            return failed(
                expected=f"with SPLIT_SIZE={size:g}, about {expected_train} of the {good} "
                         f"non-empty files of {source}/ in TRAINING_DIR and the other "
                         f"{good - expected_train} in VALIDATION_DIR",
                found=f"{len(train)} in TRAINING_DIR and {len(validation)} in VALIDATION_DIR",
                fix="shuffle the non-empty files (random.sample(files, len(files))), copy the "
                    "first int(len(files) * SPLIT_SIZE) to TRAINING_DIR and the rest to "
                    "VALIDATION_DIR; use the SPLIT_SIZE argument, not a number of your own.",
                detail="; ".join(detail))
    return passed("; ".join(detail))


@check("split_disjoint", title="No file is copied to both TRAINING_DIR and VALIDATION_DIR",
       points=1, needs=("split",), hidden=True)
def split_disjoint(artifacts):
    rows = _splits(artifacts)
    if not any(train or validation for *_, train, validation in rows):
        return Outcome(True, NOTHING_COPIED, "no file in the training or validation folders")
    for source, _, pristine, _, train, validation in rows:
        names = {sha: name for name, sha in pristine.items()}
        shared = (set(train.values()) & set(validation.values())) - {_EMPTY, _LINK}
        if shared:
            return failed(
                expected="training and validation files with no file in common (the "
                         "validation accuracy must come from images the model never trained "
                         "on)",
                found=f"{len(shared)} file(s) of {source}/ in both "
                      f"({_listing(names.get(sha, sha[:12]) for sha in shared)})",
                fix="copy shuffled[:training_length] to TRAINING_DIR and "
                    "shuffled[training_length:] to VALIDATION_DIR, so that each file goes "
                    "to one of them only.")
    return passed()
