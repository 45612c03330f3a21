"""`bench/batch.py`: which notebooks a bench batch hands in."""

from __future__ import annotations

from bench import batch


def test_quick_mix_hands_in_the_reference_spread_over_the_batch():
    handed = batch.hand_ins(20, quick=True, references=2)
    references = [i for i, (student, path) in enumerate(handed) if path == batch.SOLUTION]
    assert references == [0, 10]
    assert all(student.endswith("-reference") for student, path in handed
               if path == batch.SOLUTION)
    assert len({student for student, _ in handed}) == 20
    assert {path.name for _, path in handed if path != batch.SOLUTION} >= {
        batch.RELEASE.name, "untrained-model.ipynb"}


def test_quick_batch_without_references_never_trains_to_the_end():
    assert batch.SOLUTION not in {path for _, path in batch.hand_ins(8, quick=True)}


def test_the_split_sums_each_gradings_own_stages_and_leaves_the_rest_to_the_processes(
        tmp_path):
    import json

    result = {"execution": {"phase_s": {"start": 1.0, "prelude": 3.0, "cells": 80.0,
                                        "export": 1.0, "shutdown": 0.5}},
              "timings": {"prepare": 0.5, "execute": 86.0, "check": 8.0, "evidence": 0.1}}
    for name in ("alice/C2W1.json", "bob/C2W1.json"):  # nbgrader's layout: one per student
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(json.dumps(result))
    (tmp_path / "grades.json").write_text("{}")  # not a result: skipped
    split = batch.time_split(tmp_path, wall=200.0)
    assert split == {"student cells": 160.0, "kernel start+prelude+shutdown": 9.0,
                     "prepare": 1.0, "export cell": 2.0, "checks": 16.0, "evidence": 0.2,
                     "rest": 11.8}
    assert round(batch.added_by_grading(split), 3) == round(31.0 / 169.0, 3)
