"""Grading notebooks written for the public version of the course.

Those notebooks call the same graded functions as ours but expect the course platform's
surroundings: the data in folders next to the notebook (``./PetImages`` in Weeks 1 and 2;
``./data/train``, ``./data/validation`` and the weights file in ``./model`` in Week 3;
``./sign_mnist_train.csv`` or ``./data/train/`` in Week 4) and the
platform's self-check module (``import unittests``). `prepare_public_surroundings` puts both
into the folder a submission runs in: a clean view of the student data (the platform ships
it cleaned), links to the files it reads, and a stand-in module whose self-checks only say
that the autograder grades this part instead. Our own notebooks do not use either, so this
changes nothing for them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

__all__ = ["SELF_CHECK_MODULE", "prepare_public_surroundings"]

SELF_CHECK_MODULE = "unittests"
"""Name of the course platform's self-check module."""

_STAND_IN = Path(__file__).with_name("public_self_checks.py")


def prepare_public_surroundings(workdir: Path, *, public_paths: Iterable[tuple],
                                images_dir: Path, bad_files: frozenset[str]) -> None:
    """Puts the public course's data and self-check module into `workdir`.

    Args:
        workdir: the (empty) folder the submission's kernel runs in.
        public_paths: `PublicPath` entries (or ``(target, source)`` pairs), e.g.
            ``("PetImages", "")`` or ``("data/train", "train")``: a folder becomes a clean
            view of that folder (one subfolder per class, made of links) or, marked `as_is`,
            one link; a file becomes a link. Nothing is placed for an empty list, nor for a
            source missing from the student data (the notebook then reports the missing path
            itself).
        images_dir: the student images (dirty), as the week lays them out.
        bad_files: files of `images_dir` (``"Cat/666.jpg"``) left out of the clean views.
    """
    from autograder.assignments.spec import PublicPath
    from autograder.data.clean_view import link_clean_copy

    workdir = Path(workdir)
    for entry in public_paths:
        target, source, as_is = PublicPath(*entry)
        place, origin = workdir / target, Path(images_dir) / source
        if place.exists() or place.is_symlink() or not origin.exists():
            continue
        if origin.is_dir() and not as_is:
            prefix = f"{source.strip('/')}/" if source.strip("/") else ""
            link_clean_copy(origin, {b[len(prefix):] for b in bad_files if b.startswith(prefix)},
                            place)
        else:
            place.parent.mkdir(parents=True, exist_ok=True)
            place.symlink_to(origin.resolve())  # the sandbox binds the data's real path too
    target = workdir / f"{SELF_CHECK_MODULE}.py"
    if not target.exists():
        shutil.copyfile(_STAND_IN, target)
