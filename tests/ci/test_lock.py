"""The template's lock (`make lock`) pins every dependency of pyproject.toml at the version
pyproject.toml names, each with its files' hashes, so the runner installs what was tested."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from autograder.ci.template import LOCK_SOURCE
from tests.conftest import ROOT

_PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _locked(text: str) -> dict[str, tuple[str, int]]:
    """``{name: (version, number of hashes)}`` of a lock written by uv or pip-compile."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            current = _name(match.group(1))
            pins[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def _mismatches(pyproject: dict, lock_text: str) -> list[str]:
    locked = _locked(lock_text)
    wrong = [f"{name}: unhashed" for name, (_, hashes) in locked.items() if hashes == 0]
    for requirement in pyproject["project"]["dependencies"]:
        match = _PIN.match(requirement)
        assert match, f"pyproject.toml should pin {requirement!r} with =="
        name, version = _name(match.group(1)), match.group(2)
        if locked.get(name, (None,))[0] != version:
            wrong.append(f"{name}: pyproject {version}, lock {locked.get(name, ('absent',))[0]}")
    return wrong


def test_lock_pins_every_dependency_at_pyprojects_version_with_hashes():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    text = LOCK_SOURCE.read_text()
    assert _mismatches(pyproject, text) == [], "run `make lock`"
    assert len(_locked(text)) > len(pyproject["project"]["dependencies"])  # transitive too


def test_the_check_fails_on_a_stale_or_unhashed_lock():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    text = LOCK_SOURCE.read_text()
    stale = re.sub(r"^keras==\S+", "keras==0.0.1", text, flags=re.M)
    assert _mismatches(pyproject, stale) == ["keras: pyproject 3.15.1, lock 0.0.1"]
    unhashed = re.sub(r"(?m)^(jinja2==\S+) \\\n(    --hash=\S+( \\)?\n)+", r"\1\n", text)
    assert _mismatches(pyproject, unhashed) == ["jinja2: unhashed"]
