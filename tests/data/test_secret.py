"""The course's secret: held-out stand-in images that the public seed cannot regenerate."""

from __future__ import annotations

import base64
import hashlib
import hmac
import stat
from pathlib import Path

import pytest

from autograder.data import load_or_create_secret, read_manifest, secret_seed
from autograder.weeks.c2w1.standin import generate
from autograder.data.secret import secret_entropy

SECRET, OTHER_SECRET = bytes(range(32)), bytes(range(1, 33))


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _images(folder: Path) -> dict[str, str]:
    return _digest(folder / "PetImages")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Probe-scale stand-in generated the way `autograder data` does: with a secret."""
    base = tmp_path_factory.mktemp("course")
    manifests = generate(student_dir=base / "s", heldout_dir=base / "h", scale="probe", seed=7,
                         processes=1, heldout_secret=SECRET)
    return base, manifests


def test_secret_is_created_once_readable_by_its_owner_only_and_reused(tmp_path):
    root = tmp_path / "heldout"
    secret = load_or_create_secret(root)
    path = root / "secret.key"
    assert len(secret) == 32 and path.read_bytes() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = path.stat().st_mtime_ns
    assert load_or_create_secret(root) == secret and path.stat().st_mtime_ns == written
    assert [p.name for p in root.iterdir()] == ["secret.key"]  # no temporary file left
    assert load_or_create_secret(tmp_path / "other") != secret


def test_damaged_secret_says_what_was_expected(tmp_path):
    (tmp_path / "secret.key").write_bytes(b"short")
    with pytest.raises(ValueError, match="Expected 32 bytes .* Received: 5 bytes"):
        load_or_create_secret(tmp_path)


def test_secret_seed_is_an_hmac_per_purpose():
    probe = secret_seed(SECRET, "probe")
    assert probe == int.from_bytes(hmac.new(SECRET, b"probe", hashlib.sha256).digest()[:8], "big")
    assert 0 <= probe < 2**64 and probe == secret_seed(SECRET, "probe")
    assert probe != secret_seed(SECRET, "heldout-split") != secret_seed(OTHER_SECRET, "probe")
    assert secret_entropy(SECRET, "probe") >> 192 == probe


def test_same_secret_same_heldout_bytes(course, tmp_path):
    base, _ = course
    generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe", seed=7,
             heldout_secret=SECRET)
    assert _digest(tmp_path / "h") == _digest(base / "h")


def test_other_secret_other_heldout_images(course, tmp_path):
    base, _ = course
    generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe", seed=7,
             heldout_secret=OTHER_SECRET)
    assert not set(_images(tmp_path / "h").values()) & set(_images(base / "h").values())


def test_student_data_does_not_depend_on_the_secret(course, tmp_path):
    base, (student, _) = course
    public, _ = generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe",
                         seed=7)
    assert _digest(tmp_path / "s") == _digest(base / "s") and public == student


def test_public_seed_alone_cannot_reproduce_the_heldout_files(course, tmp_path):
    base, _ = course
    held = set(_images(base / "h").values())
    generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "public", scale="probe", seed=7)
    assert len(_images(tmp_path / "public")) == len(held)
    assert not held & set(_images(tmp_path / "public").values())
    assert not held & set(_images(tmp_path / "s").values())


def test_manifest_says_secret_but_holds_nothing_derived_from_it(course):
    base, (_, heldout) = course
    raw = (base / "h" / "manifest.json").read_bytes()
    derived = [SECRET.hex(), SECRET.hex().upper(), base64.b64encode(SECRET).decode(),
               str(list(SECRET)), str(secret_entropy(SECRET, "heldout-standin")),
               hex(secret_entropy(SECRET, "heldout-standin"))[2:18]]
    assert SECRET not in raw and not [text for text in derived if text in raw.decode()]
    assert read_manifest(base / "h" / "manifest.json") == heldout
    assert heldout.drawn_from_secret and heldout.seed == 7
    assert "course's secret" in heldout.description and "seed 7" not in heldout.description


def test_heldout_without_secret_is_marked_public(tmp_path):
    _, heldout = generate(student_dir=tmp_path / "s", heldout_dir=tmp_path / "h", scale="probe",
                          seed=7)
    assert not heldout.drawn_from_secret and "seed 7" in heldout.description


def test_probe_drawn_from_a_secret_seed_is_not_the_public_one(tmp_path):
    public, _ = generate(student_dir=tmp_path / "a", heldout_dir=tmp_path / "x", scale="probe",
                         seed=42)
    private, _ = generate(student_dir=tmp_path / "b", heldout_dir=tmp_path / "y", scale="probe",
                          seed=secret_seed(SECRET, "probe"))
    pictures = [{digest for name, digest in _images(folder).items() if name not in bad}
                for folder, bad in ((tmp_path / "a", public.bad_files),
                                    (tmp_path / "b", private.bad_files))]
    assert pictures[0] and not pictures[0] & pictures[1]  # an HTML page or empty file may repeat
