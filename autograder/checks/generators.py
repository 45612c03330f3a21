"""The older edition's ``train_val_generators(TRAINING_DIR, VALIDATION_DIR)``, as the checks
of its weeks judge it.

The kernel describes the two iterators it returns (`autograder.kernel.datasets`); these
read that description. Each returns a failed `Outcome` for what is wrong with one
generator, or None; a week's checks (``autograder/weeks/c2w1/colab/generators.py``,
``c2w3/colab/generators.py``) loop over `both` and say it in their own words (`Words`).
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Iterable

from autograder.checks.base import MissingArtifact, Outcome, failed, passed

__all__ = ["CALL", "Words", "both", "first_problem", "wrong_size", "wrong_labels",
           "wrong_rescale"]

CALL = "train_val_generators(TRAINING_DIR, VALIDATION_DIR)"


@dataclass(frozen=True)
class Words:
    """What a week calls its data: ``"image"`` (Week 1) or ``"picture"`` (Week 3), and its
    class folders in label order."""

    noun: str
    folders: tuple[str, ...]


def both(artifacts) -> tuple[tuple[str, dict], tuple[str, dict]]:
    """``(("training", facts), ("validation", facts))`` of the two generators.

    Raises:
        MissingArtifact: if the claim lacks one of them.
    """
    facts = artifacts.get("datasets")
    try:
        return (("training", facts["train"]), ("validation", facts["validation"]))
    except KeyError:  # the schema holds both; a claim that lacks one says nothing
        raise MissingArtifact(f"Expected {CALL} to return (train_generator, "
                              "validation_generator).") from None


def first_problem(problems: Iterable[Outcome | None]) -> Outcome:
    """The first of `problems` that is one (they are judged in turn, up to it), else passed."""
    return next((problem for problem in problems if problem is not None), None) or passed()


def wrong_size(name: str, facts: dict, size: tuple[int, int], words: Words) -> Outcome | None:
    """Not ``size`` RGB: what to pass to ``flow_from_directory``."""
    height, width = size
    shape = list(facts["element_spec"][0]["shape"])
    if shape[1:] == [height, width, 3]:
        return None
    return failed(expected=f"{name} {words.noun}s of shape (batch, {height}, {width}, 3)",
                  found=f"shape {tuple(shape)}",
                  fix=f"pass target_size=({height}, {width}) to flow_from_directory and keep "
                      "color_mode='rgb'.")


def _binary(facts: dict) -> bool:
    """One 0/1 label per item: ``class_mode='binary'``, or ``'sparse'``, which with two class
    folders gives the same labels."""
    if facts["kind"] == "directory_iterator":
        return facts.get("class_mode") in ("binary", "sparse")
    return list(facts["element_spec"][1]["shape"][1:]) == [1]


def wrong_labels(name: str, facts: dict, words: Words) -> Outcome | None:
    """Not one 0/1 label per item, or not the week's class folders."""
    folders = list(words.folders)
    if not _binary(facts):
        mode = facts.get("class_mode")
        return failed(expected=f"the {name} generator to give one label per {words.noun}, 0 "
                               f"({folders[0]}) or 1 ({folders[1]})",
                      found=f"class_mode={mode!r}" if mode is not None else
                      f"labels of shape {tuple(facts['element_spec'][1]['shape'])}",
                      fix="pass class_mode='binary' to flow_from_directory (the model ends in "
                          "one sigmoid unit).")
    if facts["class_names"] and list(facts["class_names"]) != folders:
        argument = "TRAINING_DIR" if name == "training" else "VALIDATION_DIR"
        return failed(expected=f"the {name} generator to read the folders {folders}",
                      found=f"the classes {list(facts['class_names'])}",
                      fix=f"point it at {argument}, the folder that holds "
                          f"{'/ and '.join(folders)}/.")
    return None


def wrong_rescale(name: str, facts: dict, rescale: float) -> Outcome | None:
    """Pixels not multiplied by `rescale` (1/255)."""
    found = facts.get("rescale")
    if found is not None and abs(float(found) - rescale) <= 1e-6:
        return None
    return failed(expected=f"the {name} generator to multiply pixels by 1/255",
                  found="no rescaling" if found is None else f"rescale={found:g}",
                  fix="make it with tf.keras.preprocessing.image.ImageDataGenerator("
                      "rescale=1./255), for training and validation alike.")
