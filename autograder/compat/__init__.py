"""Grading notebooks written for the public version of the course.

Those notebooks call the same graded functions as ours but expect the course platform's
surroundings: the data next to the notebook (``./PetImages`` in Week 1;
``./sign_mnist_train.csv`` or ``./data/train/`` in Week 4) and the platform's self-check
module (``import unittests``). `prepare_public_surroundings` puts both into the folder a
submission runs in: a clean view of the student data (the platform ships it cleaned), links
to the week's files, and a stand-in module whose self-checks only say that the autograder
grades this part instead. Our own notebooks do not use either, so this changes nothing for
them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["SELF_CHECK_MODULE", "prepare_public_surroundings"]

SELF_CHECK_MODULE = "unittests"
"""Name of the course platform's self-check module."""

_STAND_IN = Path(__file__).with_name("public_self_checks.py")


def prepare_public_surroundings(workdir: Path, *, data_folder: str | None, images_dir: Path,
                                bad_files: frozenset[str],
                                links: tuple[tuple[str, str], ...] = ()) -> None:
    """Puts the public course's data and self-check module into `workdir`.

    Args:
        workdir: the (empty) folder the submission's kernel runs in.
        data_folder: folder name the public notebooks read the data from, e.g.
            ``"PetImages"``; nothing is linked when None.
        images_dir: the student images, one subfolder per class (dirty), or the week's files.
        bad_files: files of `images_dir` (``"Cat/666.jpg"``) left out of the clean view.
        links: ``(path in workdir, path below images_dir)`` pairs linked as they are
            (``("data/train", "train")``); one whose source is missing is left out.
    """
    from autograder.data.clean_view import link_clean_copy

    workdir = Path(workdir)
    if data_folder and not (workdir / data_folder).exists():
        link_clean_copy(images_dir, bad_files, workdir / data_folder)
    for name, source in links:
        source_path, target = Path(images_dir) / source, workdir / name
        if source_path.exists() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source_path.absolute())  # the path the sandbox binds
    target = workdir / f"{SELF_CHECK_MODULE}.py"
    if not target.exists():
        shutil.copyfile(_STAND_IN, target)
