"""Facts from the kernel are typed claims, and every check names the claims it rests on."""

from __future__ import annotations

import dataclasses

import pytest

from autograder.artifacts.claims import CLAIMS, Claim
from autograder.assignments import assignment_ids, get_assignment


def test_every_check_rests_on_known_claims():
    for spec in map(get_assignment, assignment_ids()):
        for check in spec.checks:
            unknown = [name for name in check.claims if name not in CLAIMS]
            assert not unknown, (spec.id, check.id, unknown)
            # what a check rests on is an artifact it needs, or one the week exports that it
            # reads when present (Week 2's fit_data, beside the datasets it needs)
            exported = {artifact.name for artifact in spec.artifacts}
            roots = {name.split(".")[0] for name in check.claims}
            assert roots <= set(check.needs) | exported, check.id
            assert not check.needs or roots & set(check.needs), check.id


def test_a_claim_reads_like_its_entry_and_cannot_be_changed():
    claim = Claim("history", {"ok": True, "history": {"accuracy": [0.5]}})
    assert claim.claimed and claim["history"] == {"accuracy": [0.5]} and claim.get("x") is None
    assert dict(claim) == {"ok": True, "history": {"accuracy": [0.5]}}
    with pytest.raises(TypeError):
        claim.facts["ok"] = False
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.claimed = False
