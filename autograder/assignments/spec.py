"""What an assignment is to the grader: its artifacts, checks and data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograder.checks.base import Check

__all__ = ["ArtifactSpec", "Assignment"]


@dataclass(frozen=True)
class ArtifactSpec:
    """One artifact to export from the student's kernel."""

    name: str
    """Name the checks ask for, e.g. ``"created_model"``."""
    exporter: str
    """Key of `autograder.artifacts.exporters.EXPORTERS`."""
    params: tuple[tuple[str, Any], ...] = ()
    """Keyword arguments of the exporter (graded names, probe grids …)."""


@dataclass(frozen=True)
class Assignment:
    """A graded assignment of the course."""

    id: str
    """Id used in folders and nbgrader, e.g. ``"C2W1"``."""
    title: str
    """Title shown in reports."""
    notebook: str
    """File name of the notebook in ``source/<id>/`` and ``release/<id>/``."""
    dataset: str
    """Dataset folder name below the data roots, e.g. ``"cats_and_dogs"``."""
    images_subdir: str
    """Folder inside the dataset holding one subfolder per class, e.g. ``"PetImages"``."""
    artifacts: tuple[ArtifactSpec, ...]
    """What the export cell exports, in order."""
    checks: tuple[Check, ...]
    """The checks, in the order they are run and reported."""
    uses_probe: bool = False
    """Whether a small dirty probe folder is made for a cleaning function."""
    public_data_folder: str | None = None
    """Folder next to the notebook that the public course's notebooks read the data from
    (``"PetImages"``); the grader puts a clean view of the student data there."""

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
