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
