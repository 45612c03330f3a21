"""What an assignment is to the grader: its rules, data, fixtures, artifacts and checks.

Each week declares one `Assignment` in its own package (``autograder/weeks/c2w1/``); the
generic stages (prepare, execute, export, check) take what it declares and name no week.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple, Protocol

from autograder.checks.base import Check

__all__ = ["ArtifactSpec", "Assignment", "DataSpec", "Edition", "Fixture", "Rules",
           "RULE_SETTINGS", "ASSIGNMENT_SETTINGS", "CURRENT_EDITION", "created_model",
           "TRAINING_ARTIFACTS"]


@dataclass(frozen=True)
class ArtifactSpec:
    """One artifact to export from the student's kernel."""

    name: str
    """Name the checks ask for, e.g. ``"created_model"``."""
    exporter: str
    """Key of `autograder.kernel.EXPORTERS`."""
    params: tuple[tuple[str, Any], ...] = ()
    """Keyword arguments of the exporter (graded names, arguments, probe grids …)."""


def created_model(function: str, args: tuple[str, ...] = ()) -> ArtifactSpec:
    """The ``created_model`` artifact: the model the notebook's `function` builds (called
    with the notebook's variables `args`, if any), saved as ``created_model.keras``."""
    called = (("function", function),) + ((("args", args),) if args else ())
    return ArtifactSpec("created_model", "model", (*called, ("file", "created_model.keras")))


TRAINING_ARTIFACTS = (
    ArtifactSpec("history", "history"),
    ArtifactSpec("trained_model", "trained_model", (("file", "trained_model.keras"),)),
)
"""What the notebook's training leaves, as every week exports it: the History of its
``model.fit`` and the model it trained (the training checks need both, by these names)."""


#: Rules an instructor may change per assignment (``[autograder.C2W1]`` in
#: ``autograder.toml``, or ``AUTOGRADER_C2W1_HELDOUT_THRESHOLD``), with their types.
RULE_SETTINGS: dict[str, type] = {"heldout_threshold": float, "max_epochs": int,
                                  "epoch_budget": int}

#: Everything an instructor may set per assignment: its rules, and which edition of the
#: course it grades (``edition = "colab"``; ``"auto"``, the default, reads it from each
#: notebook's code, `autograder.assignments.editions`).
ASSIGNMENT_SETTINGS: dict[str, type] = {**RULE_SETTINGS, "edition": str}


@dataclass(frozen=True)
class Edition:
    """One edition of the course's assignment: the API its notebooks are written for.

    A week declares one `Assignment` per edition (``autograder/weeks/c2w1/colab/``): the
    same id, data and shared checks, with the edition's own graded names, rules and points.
    """

    name: str
    """Short name an instructor writes in ``autograder.toml`` (``edition = "colab"``)."""
    title: str
    """The edition in a student's words, e.g. "the course's older Colab edition
    (ImageDataGenerator, split_data)"."""
    marks: tuple[str, ...] = ()
    """Names only a notebook of this edition defines (functions, classes): how the grader
    recognises it from the notebook's code."""
    primary: bool = True
    """The week's main edition: its folders are ``source/<id>/``; another edition's are
    ``source/<id>_<name>/``."""
    legacy_keras: bool = False
    """Notebooks of this edition were written for Keras 2 (the older Colab edition): the
    kernel gets back the Keras 2 idioms its own code uses (`autograder.kernel.keras2_idioms`)."""


CURRENT_EDITION = Edition(
    name="keras3", title="the current Keras 3 edition of the course")
"""The edition of every week that declares no other (its graded names mark it)."""


@dataclass(frozen=True)
class Rules:
    """A week's rules as data: how its data is read, and the bars a submission must reach."""

    class_names: tuple[str, ...]
    """Class names in label order (label 0 first), e.g. ``("Cat", "Dog")``."""
    image_size: tuple[int, int]
    """Height and width the notebook resizes images to."""
    label_mode: str
    """``"binary"``, ``"int"`` or ``"categorical"``, as the course asks for."""
    validation_split: float
    """Fraction of the student data kept for validation."""
    split_seed: int
    """Seed of the course's training/validation split."""
    batch_size: int
    """Batch size the course trains with."""
    accuracy_bar: float
    """Training accuracy the callback stops at. The grader's training check holds its own
    measurement of the saved model to it, down to the bar less
    `autograder.checks.training.MEASURE_TOLERANCE`, whichever of that measurement and the
    history is lower (one rule: `autograder.checks.training.meets_bar`)."""
    val_accuracy_bar: float
    """Validation accuracy the callback stops at; held to as `accuracy_bar` is."""
    max_epochs: int
    """Epochs the notebook may train for (and the grader's budget when it retrains)."""
    heldout_threshold: float
    """Minimum accuracy on the held-out data."""
    max_overfit_gap: float | None = None
    """Largest training-minus-validation accuracy of the saved model, where the week bounds
    overfitting (Week 2); None where it does not."""
    channels: int = 3
    """Colour channels of the week's images (3: RGB, 1: grey)."""
    epoch_budget: int | None = None
    """Most epochs one ``fit`` trains while graded (the kernel lowers a larger ``epochs`` and
    the notebook's output says so), where a week's notebooks ask for more than a grading
    can afford; None: as many as the notebook asks for (`max_epochs` still bounds them)."""
    max_parameters: int = 100_000_000
    """Most weights a saved model may have before the grader refuses to load it (Keras
    allocates them all before reading the file): each week's reference model with room to
    spare, sized in the week's ``rules.py``."""

    def with_settings(self, values: Mapping[str, Any]) -> "Rules":
        """These rules with an instructor's values (`RULE_SETTINGS` names) in place."""
        return dataclasses.replace(self, **{k: v for k, v in values.items() if k in RULE_SETTINGS})


class Fixture(Protocol):
    """Something the grader makes for one run before the kernel starts (e.g. a dirty folder
    to probe a cleaning function with): the kernel gets a copy, the grader keeps the key."""

    artifact: str
    """The artifact it serves, e.g. ``"cleaning"``."""

    def place(self, grader_dir: Path, artifacts_dir: Path, seed: int) -> Any:
        """Makes the fixture in `grader_dir` (outside the sandbox), gives the kernel its copy
        in `artifacts_dir`, and returns what the checks need (never shown to the kernel)."""


class PublicPath(NamedTuple):
    """A file or folder the public course's notebooks read next to themselves."""

    target: str
    """Its path next to the notebook, e.g. ``"PetImages"`` or ``"data/train"``."""
    source: str
    """Its path below the student's images folder (``""``: the folder itself)."""
    as_is: bool = False
    """Link a folder as it is, rather than as a clean view (a folder of links to its files,
    the week's broken files left out): for folders without broken files and with many
    files."""


@dataclass(frozen=True)
class DataSpec:
    """Where a week's data lives and how it is made."""

    dataset: str
    """Folder name below the data roots, e.g. ``"cats_and_dogs"``."""
    images_subdir: str
    """Folder inside the dataset holding one subfolder per class, e.g. ``"PetImages"``."""
    standin: Callable[..., Any]
    """``standin(student_dir=, heldout_dir=, scale=, seed=, heldout_secret=)`` writes the
    offline stand-in and returns ``(student manifest, held-out manifest)``."""
    real: Callable[..., Any]
    """``real(source, student_dir=, heldout_dir=, seed=, heldout_secret=)`` prepares the real
    files (zip or folder), same return value."""
    scales: tuple[str, ...] = ("ci", "full")
    """Stand-in sizes: CI scale and the real dataset's size."""
    standin_generator: str = ""
    """Version of the stand-in's drawing, written into its manifests
    (`DataManifest.generator`): a new version makes prepared stand-ins be rebuilt."""
    public_paths: tuple[PublicPath, ...] = ()
    """What the public course's notebooks read next to themselves, e.g. ``PetImages/`` (Week 1),
    ``data/train/`` and ``model/<weights file>`` (Week 3), ``./sign_mnist_train.csv`` (Week 4).
    The grader puts each there before the kernel starts; data that lacks one of them was
    prepared by an older grader and is refused, naming the command that remakes it."""


@dataclass(frozen=True)
class Assignment:
    """A graded assignment of the course."""

    id: str
    """Id used in folders and nbgrader, e.g. ``"C2W1"``."""
    title: str
    """Title shown in reports."""
    notebook: str
    """File name of the notebook in ``source/<id>/`` and ``release/<id>/``."""
    data: DataSpec
    """Its data."""
    rules: Rules
    """Its rules and bars (defaults; an instructor may change some, see `RULE_SETTINGS`)."""
    artifacts: tuple[ArtifactSpec, ...]
    """What the export cell exports, in order."""
    checks: tuple[Check, ...]
    """The checks, in the order they are run and reported."""
    fixtures: tuple[Fixture, ...] = ()
    """What the grader makes before the kernel starts (hidden probes)."""
    retrain: Callable[..., Any] | None = None
    """``retrain(artifacts, rules, work_dir)`` fits ``create_model()``'s model in the grader
    (the ``retrain`` mode) and returns ``(model, how)``; None if the week cannot."""
    worker_resources: Mapping[str, float] = field(default_factory=dict)
    """Dask worker resources one grading prefers on a cluster (``autograder batch --scheduler``
    with the ``gpu`` setting), e.g. ``{"GPU": 1}`` for the transfer-learning week: asked
    for where some worker has them, else any worker grades it; empty: any worker."""
    edition: Edition = CURRENT_EDITION
    """The edition of the course these checks grade (`Edition`)."""

    @property
    def name(self) -> str:
        """The assignment as nbgrader and the folders name it: ``"C2W1"`` for the main
        edition, ``"C2W1_colab"`` for another; `autograder.assignments.get_assignment`
        takes either."""
        return self.id if self.edition.primary else f"{self.id}_{self.edition.name}"

    @property
    def dataset(self) -> str:
        return self.data.dataset

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)

    def check(self, check_id: str) -> Check:
        """Returns the check with id `check_id`.

        Raises:
            KeyError: with the known ids, if there is none.
        """
        for candidate in self.checks:
            if candidate.id == check_id:
                return candidate
        raise KeyError(f"{self.id} has no check {check_id!r}. Known: {[c.id for c in self.checks]}")

    def fixture(self, artifact: str) -> Fixture | None:
        """The fixture serving `artifact`, if any."""
        return next((f for f in self.fixtures if f.artifact == artifact), None)
