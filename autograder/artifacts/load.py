"""The grading process's view of a submission's exported artifacts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from autograder.kernel import ARTIFACTS_FILE, ARTIFACTS_SCHEMA_VERSION
from autograder.artifacts.claims import Claim
from autograder.artifacts.model_config import ModelSummary, read_model_summary
from autograder.artifacts.model_size import estimate_model_size, read_config, refusal
from autograder.artifacts.not_graded import missing_words, never_made, not_graded_feedback
from autograder.artifacts.paths import UnsafePath, checked_path, open_below
from autograder.artifacts.schema import MALFORMED_FEEDBACK, MAX_ARTIFACTS_BYTES, invalid_reason
from autograder.checks.base import MissingArtifact

__all__ = ["Artifacts", "EvaluatedModel", "load_artifacts", "GradingData", "MAX_MODEL_BYTES"]

MAX_MODEL_BYTES = 1024 ** 3
"""Largest saved model the grader loads."""


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
    fixtures: Mapping[str, Any] = field(default_factory=dict)
    """Per artifact, what its fixture's `place` returned (e.g. the cleaning probe's answer
    key and untouched copy); the kernel only ever got a copy of the fixture itself."""


@dataclass(frozen=True)
class EvaluatedModel:
    """The model the held-out checks score, and how it came to be."""

    model: Callable[[], Any]
    """Returns the loaded model (loading happens on first use)."""
    which: str
    """In the student's words, e.g. "the model your notebook trained"."""
    from_notebook: bool
    """Whether it is the notebook's model (trained on the notebook's own preprocessing)."""


@dataclass
class Artifacts:
    """Exported facts and models of one submission, with lazy, cached model loading."""

    folder: Path
    facts: dict
    data: GradingData | None
    settings: Any
    execution_message: str = ""
    grader_fault: bool = False
    """True when the notebook could not run through no fault of the student's (the grader
    could not start or prepare its kernel): a missing artifact is then a grader error."""
    rules: Any = None
    """The week's `Rules` with the instructor's settings applied."""
    refused_models: str = ""
    """When set, no model is loaded and every model check gets this student message (the
    grading process ran past its memory cap or time limit on this submission's model)."""
    retrained: Any = None
    """In the ``retrain`` mode: ``(model, how)`` from the retrain stage, or the
    `MissingArtifact` saying why it could not retrain."""
    failed_first: str = ""
    """The first of the student's cells that failed, with its error
    (`autograder.artifacts.not_graded.first_failure`); ``""`` when none did. An artifact
    the notebook then never made is reported as not graded, never as the model's fault."""
    exporters: Mapping[str, str] = field(default_factory=dict)
    """Artifact name → exporter key, as the assignment declares them."""
    _summaries: dict = field(default_factory=dict, repr=False)
    _models: dict = field(default_factory=dict, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def get(self, name: str) -> Claim:
        """Returns the facts of artifact `name`, as the kernel claimed them.

        Raises:
            MissingArtifact: with the student-facing reason when it could not be exported.
        """
        entry = self.facts.get(name)
        if self.never_made(name):
            raise MissingArtifact(self.not_graded((name,)), "not graded: "
                                  f"{name} never made after a failed cell")
        if entry is None:
            reason = self.execution_message or "the notebook did not run to the end"
            raise MissingArtifact(f"This could not be checked because {reason.rstrip('.')}.",
                                  grader_error=self.grader_fault)
        if not entry.get("ok"):
            raise MissingArtifact(entry.get("feedback", "This part could not be exported."),
                                  entry.get("detail", ""),
                                  # the kernel's word is never the grader's fault
                                  grader_error=False)
        return Claim(name, entry)

    def never_made(self, name: str) -> bool:
        """Whether artifact `name` was never made because a cell of the notebook failed
        first (see `autograder.artifacts.not_graded`)."""
        exporter = self.exporters.get(name)
        if exporter is None:
            return False  # not one of this assignment's exports (another week's optional one)
        if exporter == "trained_model" and isinstance(self.retrained, tuple):
            return False  # the retrain mode scores the grader's own model instead
        return bool(self.failed_first) and never_made(self.facts.get(name), exporter)

    def not_graded(self, needs) -> str:
        """The feedback of a check that needs the artifacts `needs` when one of them was
        never made because a cell failed first; ``""`` when the check can be graded."""
        for name in needs:
            if self.never_made(name):
                return not_graded_feedback(self.failed_first, missing_words(self.facts.get(name)))
        return ""

    def has(self, name: str) -> bool:
        """Whether artifact `name` was exported successfully (and made by the notebook: a
        model no ``fit`` finished, after a failed cell, is not a trained model)."""
        entry = self.facts.get(name)
        return isinstance(entry, dict) and entry.get("ok") is True and not self.never_made(name)

    def model_summary(self, name: str) -> ModelSummary:
        """Returns the architecture of the model artifact `name` (e.g. ``"created_model"``).

        The file is first loaded by the grader (safe mode): a file that only claims an
        architecture (a config without weights, foreign classes) is not a model.
        """
        if name not in self._summaries:
            self.loaded_model(name)
            try:
                self._summaries[name] = read_model_summary(self.model_path(name))
            except ValueError as error:
                raise MissingArtifact("Your model's saved file could not be read.", str(error))
        return self._summaries[name]

    def loaded_model(self, name: str):
        """Returns the model artifact `name`, loaded by the grader without compiling.

        Raises:
            MissingArtifact: if it was not exported or cannot be loaded safely.
        """
        if name not in self._models:
            from autograder.evaluation import ModelLoadError, load_student_model

            path = self.model_path(name)
            try:
                self._models[name] = load_student_model(path)
            except ModelLoadError as error:
                raise MissingArtifact(str(error), repr(error.__cause__)) from None
        return self._models[name]

    def model_path(self, name: str) -> Path:
        """Returns the ``.keras`` file of the model artifact `name`.

        Raises:
            MissingArtifact: if it was not exported, is not a regular file in the artifacts
                folder (a link or a path elsewhere is never followed), or is far larger than
                the week's model (`autograder.artifacts.model_size.refusal`): Keras would
                allocate all of it before reading a weight.
        """
        if self.refused_models:
            raise MissingArtifact(self.refused_models, "the grading process's caps")
        path = self.file(self.get(name)["file"], max_bytes=MAX_MODEL_BYTES,
                         what="Your model's saved file")
        if self.rules is not None:
            try:
                size = estimate_model_size(read_config(path))
            except ValueError as error:
                raise MissingArtifact("Your model's saved file could not be read.", str(error))
            why = refusal(size, image_size=self.rules.image_size, channels=self.rules.channels,
                          max_parameters=self.rules.max_parameters)
            if why:
                raise MissingArtifact(why, f"{size}")
        return path

    def file(self, name: str, *, max_bytes: int, what: str = "A file your notebook saved") -> Path:
        """Returns the file `name` (e.g. ``"parsing/parsed_images.npy"``) of the artifacts
        folder, reached without following a link in any part of its path
        (`autograder.artifacts.paths`).

        Raises:
            MissingArtifact: if it is not a regular file of at most `max_bytes` bytes below
                the artifacts folder (a link or a path elsewhere is never followed).
        """
        try:
            return checked_path(self.folder, name, max_bytes=max_bytes)
        except UnsafePath as error:
            raise MissingArtifact(f"{what} is missing or too large.", f"{name}: {error}") from None

    def open_file(self, name: str, *, max_bytes: int, what: str = "A file your notebook saved"):
        """Opens the file `name` of the artifacts folder for reading in binary (as `file`).

        Raises:
            MissingArtifact: as `file`.
        """
        try:
            return open_below(self.folder, name, max_bytes=max_bytes)
        except UnsafePath as error:
            raise MissingArtifact(f"{what} is missing or too large.", f"{name}: {error}") from None

    def evaluated_model(self) -> EvaluatedModel:
        """The model the held-out checks score: the notebook's trained model, or in the
        ``retrain`` mode the one the grader retrained before the checks ran.

        Raises:
            MissingArtifact: if the retrain stage could not retrain.
        """
        if self.retrained is None:
            return EvaluatedModel(lambda: self.loaded_model("trained_model"),
                                  "the model your notebook trained", True)
        if isinstance(self.retrained, MissingArtifact):
            raise self.retrained
        model, how = self.retrained
        return EvaluatedModel(lambda: model, how, False)

    def cached(self, key: str, compute):
        """Returns `compute()`, computed once per submission (e.g. split accuracies)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def computed(self, key: str):
        """What `cached` computed for `key` so far, or None (reports reuse it)."""
        return self._cache.get(key)

    @property
    def grader_dir(self) -> Path:
        """A scratch folder of the grading process, next to the artifacts (never in the
        sandbox while student code runs)."""
        path = self.folder.parent / "grader"
        path.mkdir(parents=True, exist_ok=True)
        return path


def load_artifacts(folder: Path, *, data: GradingData | None, settings: Any,
                   execution_message: str = "", exporters: Mapping[str, str] | None = None,
                   rules: Any = None, grader_fault: bool = False,
                   refused_models: str = "", failed_first: str = "") -> Artifacts:
    """Reads ``artifacts.json`` from `folder`; a missing file means nothing was exported.

    The file was written inside the student's kernel, so nothing in it is trusted: an
    unreadable, oversized or wrongly versioned file counts as no export, and each entry
    is validated against its exporter's schema (`autograder.artifacts.schema`); a
    malformed entry becomes a failed artifact with a student message.

    Args:
        folder: where the export cell wrote its files.
        data: what the grader knows about the data.
        settings: the run's `Settings`.
        execution_message: why the notebook stopped, used when an artifact is missing.
        exporters: artifact name → exporter key, for validation; entries not named here
            are dropped. None keeps every entry unvalidated (the grader's own tests).
        rules: the week's `Rules`, settings applied.
        grader_fault: the notebook could not run through the grader's fault (see
            `Artifacts.grader_fault`).
        refused_models: load no model; each model check gets this message instead
            (`Artifacts.refused_models`).
        failed_first: the first of the student's cells that failed (`Artifacts.failed_first`).
    """
    facts = _read_facts(Path(folder))
    if exporters is not None:
        facts = {name: _validated(exporters[name], entry)
                 for name, entry in facts.items() if name in exporters}
    return Artifacts(folder=Path(folder), facts=facts, data=data, settings=settings,
                     execution_message=execution_message, grader_fault=grader_fault,
                     rules=rules, refused_models=refused_models, failed_first=failed_first,
                     exporters=dict(exporters or {}))


def _read_facts(folder: Path) -> dict:
    try:
        with open_below(folder, ARTIFACTS_FILE, max_bytes=MAX_ARTIFACTS_BYTES) as handle:
            document = json.loads(handle.read().decode("utf-8"))
    except (UnsafePath, OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return {}
    if not isinstance(document, dict) or document.get("schema_version") != ARTIFACTS_SCHEMA_VERSION:
        return {}
    facts = document.get("artifacts", {})
    return facts if isinstance(facts, dict) else {}


def _validated(exporter: str, entry: Any) -> dict:
    reason = invalid_reason(exporter, entry)
    if reason is None:
        return entry
    return {"ok": False, "feedback": MALFORMED_FEEDBACK, "detail": f"malformed {exporter}: {reason}"}
