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


def prepare_public_surroundings(workdir: Path, *, public_paths: Iterable[tuple[str, str]],
                                images_dir: Path, bad_files: frozenset[str],
                                links: Iterable[tuple[str, str]] = ()) -> None:
    """Puts the public course's data and self-check module into `workdir`.

    Args:
        workdir: the (empty) folder the submission's kernel runs in.
        public_paths: ``(path in workdir, path in images_dir)`` pairs, e.g.
            ``("PetImages", "")`` or ``("data/train", "train")``: a folder becomes a clean
            view of that folder (one subfolder per class, made of links), a file a link to
            it. Nothing is linked for an empty list, nor for a source missing from the
            student data (the notebook then reports the missing path itself).
        images_dir: the student images (dirty), as the week lays them out.
        bad_files: files of `images_dir` (``"Cat/666.jpg"``) left out of the clean views.
        links: ``(path in workdir, path below images_dir)`` pairs linked as they are
            (``("data/train", "train")``), not as clean views; one whose source is
            missing is left out.
    """
    from autograder.data.clean_view import link_clean_copy

    workdir = Path(workdir)
    for target, source in public_paths:
        place, origin = workdir / target, Path(images_dir) / source
        if place.exists() or place.is_symlink():
            continue
        if origin.is_dir():
            prefix = f"{source.strip('/')}/" if source.strip("/") else ""
            link_clean_copy(origin, {b[len(prefix):] for b in bad_files if b.startswith(prefix)},
                            place)
        elif origin.is_file():
            place.parent.mkdir(parents=True, exist_ok=True)
            place.symlink_to(origin.resolve())
    for name, source in links:
        source_path, target = Path(images_dir) / source, workdir / name
        if source_path.exists() and not (target.exists() or target.is_symlink()):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source_path.absolute())  # the path the sandbox binds
    target = workdir / f"{SELF_CHECK_MODULE}.py"
    if not target.exists():
        shutil.copyfile(_STAND_IN, target)
