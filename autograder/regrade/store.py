"""The kept evidence of gradings: what the sandbox produced, so the checks can run again.

    <store>/runs/<assignment>/<notebook sha256>.json   the execution: report, timings,
                                                       inputs, and its files by hash
    <store>/files/<ab>/<sha256>                        each file's bytes, stored once

Content addressed: a file is stored under the SHA-256 of its bytes, so the probes every
grading is shown and identical submissions are stored once, and a changed or truncated
file is noticed before it is graded. A run is keyed by the notebook's bytes (as results
are reused), so `regrade` finds it from a result's ``submission_sha256``.

Nothing here trusts the artifacts folder: only regular files are kept (a link the kernel
left there is skipped, never followed), and a grading whose files pass `MAX_KEPT_BYTES`
keeps none of them, only the reason (a notebook that fills its disk allowance does not
fill the store).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from autograder.results.store import write_json_atomic

__all__ = ["EVIDENCE_FOLDER", "KEPT_RUN_VERSION", "MAX_KEPT_BYTES", "EvidenceMissing",
           "KeptFile", "KeptRun", "EvidenceStore"]

#: The store's folder inside a results folder (hidden: result readers skip it).
EVIDENCE_FOLDER = ".evidence"
KEPT_RUN_VERSION = 1
#: The most one grading keeps: Week 3's two models take about 365 MB, the largest honest need.
MAX_KEPT_BYTES = 1024 ** 3


class EvidenceMissing(LookupError):
    """No usable kept evidence for a grading; the message says why, for the instructor."""


@dataclass(frozen=True)
class KeptFile:
    """One file the sandbox produced."""

    path: str
    """Relative to the artifacts folder, with ``/``."""
    sha256: str
    """SHA-256 of its bytes (its name in the store)."""
    size: int
    """Bytes."""


@dataclass(frozen=True)
class KeptRun:
    """One kept execution of a notebook."""

    assignment: str
    """The edition's name the notebook was graded as (``"C2W4"``, ``"C2W1_colab"``)."""
    submission: str
    """The notebook's path when it ran."""
    submission_sha256: str
    """SHA-256 of the notebook's bytes."""
    execution: dict
    """The execution report (what ``run.json`` of ``autograder ci run`` holds)."""
    timings: dict
    """Seconds of the prepare and execute stages."""
    inputs: dict
    """What the execution depended on (`autograder.regrade.fingerprint.execution_inputs`)."""
    files: tuple[KeptFile, ...]
    """The artifacts folder's files."""
    grader_version: str = ""
    """`autograder.grader_fingerprint` of the grader that ran it."""
    kept_at: str = ""
    """When (UTC, ISO 8601)."""
    not_kept: str = ""
    """Why its files were not kept (then `files` is empty and it cannot be checked again)."""

    @property
    def size(self) -> int:
        """Bytes of its files (before the store shares identical ones)."""
        return sum(kept.size for kept in self.files)


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class EvidenceStore:
    """A folder of kept evidence (usually ``<results folder>/.evidence``)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @classmethod
    def of_results(cls, results: Path) -> "EvidenceStore":
        """The store beside the result files of `results`."""
        return cls(Path(results) / EVIDENCE_FOLDER)

    def _run_path(self, assignment: str, sha256: str) -> Path:
        if not all(c in "0123456789abcdef" for c in sha256) or len(sha256) != 64:
            raise EvidenceMissing(f"no notebook hash to find its evidence by ({sha256!r})")
        return self.root / "runs" / assignment / f"{sha256}.json"

    def _blob(self, sha256: str) -> Path:
        return self.root / "files" / sha256[:2] / sha256

    def keep(self, artifacts: Path, *, assignment: str, submission: str,
             submission_sha256: str, execution: dict, timings: dict, inputs: dict,
             grader_version: str = "", max_bytes: int = MAX_KEPT_BYTES) -> KeptRun:
        """Stores the regular files of `artifacts` and the run's record; returns the record.
        Past `max_bytes` in all, the record says so and no file is stored.

        Safe for several gradings at once (also on several machines sharing the folder):
        every file is written under a temporary name and renamed.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        artifacts = Path(artifacts)
        paths = [Path(folder) / name
                 for folder, _, names in os.walk(artifacts, followlinks=False)
                 for name in sorted(names)
                 # a link or a device the kernel left: never followed
                 if stat.S_ISREG(os.lstat(Path(folder) / name).st_mode)]
        total = sum(os.lstat(path).st_size for path in paths)
        not_kept = (f"its files took {total / 1e6:,.0f} MB, more than the "
                    f"{max_bytes / 1e6:,.0f} MB a grading may keep") if total > max_bytes else ""
        files = [] if not_kept else [self._store_file(path, artifacts) for path in paths]
        run = KeptRun(assignment=assignment, submission=submission,
                      submission_sha256=submission_sha256, execution=dict(execution),
                      timings=dict(timings), inputs=dict(inputs),
                      files=tuple(sorted(files, key=lambda kept: kept.path)),
                      grader_version=grader_version, not_kept=not_kept,
                      kept_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        document = {"version": KEPT_RUN_VERSION, **{k: v for k, v in run.__dict__.items()
                                                    if k != "files"},
                    "files": [kept.__dict__ for kept in run.files]}
        write_json_atomic(document, self._run_path(assignment, submission_sha256))
        return run

    def _store_file(self, path: Path, artifacts: Path) -> KeptFile:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as source, tempfile.NamedTemporaryFile(
                dir=self.root, prefix=".incoming-", delete=False) as copy:
            digest = hashlib.sha256()
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
                copy.write(block)
        sha256 = digest.hexdigest()
        blob = self._blob(sha256)
        if blob.is_file() and blob.stat().st_size == os.path.getsize(copy.name):
            os.unlink(copy.name)  # stored already (the same probe, the same submission)
        else:
            blob.parent.mkdir(parents=True, exist_ok=True)
            os.replace(copy.name, blob)
        return KeptFile(path=path.relative_to(artifacts).as_posix(), sha256=sha256,
                        size=blob.stat().st_size)

    def find(self, assignment: str, sha256: str) -> KeptRun:
        """The kept run of the notebook with these bytes graded as `assignment`.

        Raises:
            EvidenceMissing: when none was kept or its record cannot be read.
        """
        path = self._run_path(assignment, sha256)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise EvidenceMissing(f"no evidence was kept for it (no {path})") from None
        except (OSError, ValueError) as error:
            raise EvidenceMissing(f"its evidence record {path} cannot be read ({error})") \
                from None
        if document.get("version") != KEPT_RUN_VERSION:
            raise EvidenceMissing(f"its evidence record {path} is of version "
                                  f"{document.get('version')!r}, not {KEPT_RUN_VERSION}")
        try:
            files = tuple(KeptFile(**kept) for kept in document.pop("files"))
            document.pop("version")
            run = KeptRun(**document, files=files)
        except (KeyError, TypeError) as error:
            raise EvidenceMissing(f"its evidence record {path} is incomplete ({error})") \
                from None
        if run.not_kept:
            raise EvidenceMissing(f"its evidence was not kept: {run.not_kept}")
        return run

    def restore(self, run: KeptRun, artifacts: Path) -> None:
        """Writes `run`'s files into `artifacts` (a new folder), each checked against its hash.

        Raises:
            EvidenceMissing: when a file is gone from the store or its bytes changed.
        """
        artifacts = Path(artifacts)
        artifacts.mkdir(parents=True)
        for kept in run.files:
            relative = PurePosixPath(kept.path)
            if relative.is_absolute() or ".." in relative.parts:
                raise EvidenceMissing(f"its evidence names a file outside its folder "
                                      f"({kept.path})")
            target = artifacts.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(self._blob(kept.sha256), target)
            except FileNotFoundError:
                raise EvidenceMissing(f"its kept file {kept.path} is gone from the store") \
                    from None
            if _hash_file(target) != kept.sha256:
                raise EvidenceMissing(f"its kept file {kept.path} changed in the store")

    def size(self) -> int:
        """Bytes the store takes on disk (files shared between runs counted once)."""
        return sum(path.stat().st_size for path in self.root.rglob("*") if path.is_file())
