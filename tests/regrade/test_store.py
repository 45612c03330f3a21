"""The evidence store keeps what a sandbox produced, byte for byte, and nothing else."""

from __future__ import annotations

import json

import pytest

from autograder.regrade import EvidenceMissing, EvidenceStore

SHA = "ab" * 32


def _artifacts(folder, model=b"model bytes"):
    (folder / "models").mkdir(parents=True)
    (folder / "artifacts.json").write_text('{"artifacts": {}}')
    (folder / "models" / "trained_model.keras").write_bytes(model)
    return folder


def _keep(store, artifacts, sha=SHA, **inputs):
    return store.keep(artifacts, assignment="C2W4", submission="alice.ipynb",
                      submission_sha256=sha, execution={"status": "completed"},
                      timings={"execute": 12.0}, inputs=inputs or {"seed": "42"})


def test_kept_files_come_back_identical(tmp_path):
    store = EvidenceStore(tmp_path / "store")
    kept = _keep(store, _artifacts(tmp_path / "a"))
    found = store.find("C2W4", SHA)
    assert found == kept
    assert [f.path for f in found.files] == ["artifacts.json", "models/trained_model.keras"]
    store.restore(found, tmp_path / "back")
    assert (tmp_path / "back" / "models" / "trained_model.keras").read_bytes() == b"model bytes"
    assert found.execution == {"status": "completed"} and found.timings == {"execute": 12.0}


def test_identical_files_are_stored_once(tmp_path):
    store = EvidenceStore(tmp_path / "store")
    _keep(store, _artifacts(tmp_path / "a"), sha="1" * 64)
    _keep(store, _artifacts(tmp_path / "b"), sha="2" * 64)
    _keep(store, _artifacts(tmp_path / "c", model=b"another model"), sha="3" * 64)
    assert len(list((tmp_path / "store" / "files").rglob("*"))) - \
        len([p for p in (tmp_path / "store" / "files").rglob("*") if p.is_dir()]) == 3


def test_a_link_the_kernel_left_is_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("held-out answer key")
    artifacts = _artifacts(tmp_path / "a")
    (artifacts / "link.keras").symlink_to(secret)
    store = EvidenceStore(tmp_path / "store")
    kept = _keep(store, artifacts)
    assert "link.keras" not in [f.path for f in kept.files]
    stored = [p.read_bytes() for p in (tmp_path / "store" / "files").rglob("*") if p.is_file()]
    assert b"held-out answer key" not in stored


def test_a_changed_or_lost_kept_file_is_refused(tmp_path):
    store = EvidenceStore(tmp_path / "store")
    kept = _keep(store, _artifacts(tmp_path / "a"))
    model = next(f for f in kept.files if f.path.endswith(".keras"))
    blob = tmp_path / "store" / "files" / model.sha256[:2] / model.sha256
    blob.write_bytes(b"edited")
    with pytest.raises(EvidenceMissing, match="changed in the store"):
        store.restore(kept, tmp_path / "back1")
    blob.unlink()
    with pytest.raises(EvidenceMissing, match="gone from the store"):
        store.restore(kept, tmp_path / "back2")


def test_a_record_naming_a_file_outside_its_folder_is_refused(tmp_path):
    store = EvidenceStore(tmp_path / "store")
    _keep(store, _artifacts(tmp_path / "a"))
    record = tmp_path / "store" / "runs" / "C2W4" / f"{SHA}.json"
    document = json.loads(record.read_text())
    document["files"][0]["path"] = "../../escaped.txt"
    record.write_text(json.dumps(document))
    with pytest.raises(EvidenceMissing, match="outside its folder"):
        store.restore(store.find("C2W4", SHA), tmp_path / "back" / "artifacts")
    assert not (tmp_path / "escaped.txt").exists()


def test_no_record_says_none_was_kept(tmp_path):
    with pytest.raises(EvidenceMissing, match="no evidence was kept"):
        EvidenceStore(tmp_path / "store").find("C2W4", SHA)
    with pytest.raises(EvidenceMissing, match="no notebook hash"):
        EvidenceStore(tmp_path / "store").find("C2W4", "")


def test_a_grading_past_the_cap_keeps_only_the_reason(tmp_path):
    store = EvidenceStore(tmp_path / "store")
    kept = store.keep(_artifacts(tmp_path / "a"), assignment="C2W4", submission="x.ipynb",
                      submission_sha256=SHA, execution={}, timings={}, inputs={},
                      max_bytes=20)
    assert kept.files == () and "more than the" in kept.not_kept
    assert not (tmp_path / "store" / "files").exists()
    with pytest.raises(EvidenceMissing, match="its evidence was not kept: its files took"):
        store.find("C2W4", SHA)
    assert _keep(store, _artifacts(tmp_path / "b")).files  # under the cap: kept
