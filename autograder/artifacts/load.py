"""The grading process's view of a submission's exported artifacts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.artifacts.export import ARTIFACTS_FILE, ARTIFACTS_SCHEMA_VERSION
from autograder.artifacts.model_config import ModelSummary, read_model_summary
from autograder.checks.base import MissingArtifact

__all__ = ["Artifacts", "load_artifacts", "GradingData"]


@dataclass(frozen=True)
class GradingData:
    """The data a grading run knows about (none of it is given to the student's kernel)."""

    student_manifest: Any
    """`DataManifest` of the student data the notebook trained on."""
    student_images_dir: Path | None
    """Folder with one subfolder per class of the (dirty) student data."""
    heldout_dir: Path | None
    """Folder with one subfolder per class of held-out images, or None in self-checks."""
    heldout_manifest: Any = None
    """`DataManifest` of the held-out images."""
    probe_manifest: Any = None
    """`DataManifest` of the small dirty folder a cleaning function was probed with."""


@dataclass
class Artifacts:
    """Exported facts and models of one submission, with lazy, cached model loading."""

    folder: Path
    facts: dict
    data: GradingData | None
    settings: Any
    execution_message: str = ""
    _summaries: dict = field(default_factory=dict, repr=False)

    def get(self, name: str) -> dict:
        """Returns the facts of artifact `name`.

        Raises:
            MissingArtifact: with the student-facing reason when it could not be exported.
        """
        entry = self.facts.get(name)
        if entry is None:
            reason = self.execution_message or "the notebook did not run to the end"
            raise MissingArtifact(f"This could not be checked because {reason.rstrip('.')}.")
        if not entry.get("ok"):
            raise MissingArtifact(entry.get("feedback", "This part could not be exported."),
                                  entry.get("detail", ""),
                                  grader_error=bool(entry.get("grader_error")))
        return entry

    def model_summary(self, name: str) -> ModelSummary:
        """Returns the architecture of the model artifact `name` (e.g. ``"created_model"``)."""
        if name not in self._summaries:
            path = self.folder / self.get(name)["file"]
            try:
                self._summaries[name] = read_model_summary(path)
            except ValueError as error:
                raise MissingArtifact("Your model's saved file could not be read.", str(error))
        return self._summaries[name]

    def model_path(self, name: str) -> Path:
        """Returns the ``.keras`` file of the model artifact `name`."""
        return self.folder / self.get(name)["file"]


def load_artifacts(folder: Path, *, data: GradingData | None, settings: Any,
                   execution_message: str = "") -> Artifacts:
    """Reads ``artifacts.json`` from `folder`; a missing file means nothing was exported.

    Args:
        folder: where the export cell wrote its files.
        data: what the grader knows about the data.
        settings: the run's `Settings`.
        execution_message: why the notebook stopped, used when an artifact is missing.
    """
    path = Path(folder) / ARTIFACTS_FILE
    facts: dict = {}
    if path.is_file():
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("schema_version") != ARTIFACTS_SCHEMA_VERSION:
            raise ValueError(f"Expected artifacts schema {ARTIFACTS_SCHEMA_VERSION}. "
                             f"Received: {document.get('schema_version')!r}.")
        facts = document.get("artifacts", {})
    return Artifacts(folder=Path(folder), facts=facts, data=data, settings=settings,
                     execution_message=execution_message)
