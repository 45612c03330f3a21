"""The class's numbers: failure rates and common messages per check, grader errors apart,
the gradings that did not complete, the slowest, and a results folder read as a batch keyed it."""

from __future__ import annotations

import json

import pytest

from autograder.reporters.classreport import read_results, summarize_class
from autograder.reporters.classreport.aggregate import SLOWEST
from tests.reporters.classreport.classes import made, real_results, write_class

HEAD = "model_binary_head"
WRONG_HEAD = ("Expected the last layer to be Dense(1, activation='sigmoid'). Found Dense({n}, "
              "activation='softmax'). How to fix: end the model with Dense(1, 'sigmoid').")


def _check(summary, check_id):
    return next(c for c in summary.checks if c.check_id == check_id)


def test_failure_rate_and_most_common_messages_numbers_aside():
    entries = [made("alice", failed={HEAD: WRONG_HEAD.format(n=2)}),
               made("bob", failed={HEAD: WRONG_HEAD.format(n=3)}),
               made("carol", failed={HEAD: "Expected a Dense layer last. Found Flatten."}),
               made("dan")]
    (summary,) = summarize_class(entries).assignments
    head = _check(summary, HEAD)
    assert (head.passed, head.failed, head.grader_errors) == (1, 3, 0)
    assert head.failure_rate == 0.75
    assert [m.count for m in head.messages] == [2, 1]
    assert head.messages[0].text == ("Expected the last layer to be Dense(1, activation="
                                     "'sigmoid'). Found Dense(2, activation='softmax').")
    assert "How to fix" not in head.messages[0].text  # the hint is the student's, not needed
    assert _check(summary, "model_input_shape").failure_rate == 0.0


def test_grader_errors_are_counted_apart_from_failures_with_their_reason():
    entries = [made("alice", errors=("heldout_accuracy",)), made("bob"),
               made("carol", status="grader_error", message="could not grade", seconds=3)]
    (summary,) = summarize_class(entries).assignments
    heldout = _check(summary, "heldout_accuracy")
    assert (heldout.passed, heldout.failed, heldout.grader_errors) == (1, 0, 2)
    assert heldout.failure_rate == 0.0 and heldout.messages == ()
    assert [(row.key, len(row.checks)) for row in summary.grader_errors] == [
        ("alice", 1), ("carol", len(made("x").result.checks))]
    assert {row.reason for row in summary.grader_errors} == {"RuntimeError: the grader broke"}
    # a whole-submission grader error has no score to count, and did not complete
    assert summary.submissions == 3 and len(summary.scores) == 2
    assert [row.key for row in summary.not_completed] == ["carol"]


def test_notebooks_that_did_not_run_to_the_end_and_the_slowest_gradings():
    entries = [made(f"s{i:02d}", seconds=float(i)) for i in range(SLOWEST + 3)]
    entries.append(made("late", status="timed_out", message="ran past 2700 s", seconds=99))
    (summary,) = summarize_class(entries).assignments
    assert [row.key for row in summary.not_completed] == ["late"]
    assert summary.not_completed[0].message == "ran past 2700 s"
    assert [row.key for row in summary.slowest][:3] == ["late", "s12", "s11"]
    assert len(summary.slowest) == SLOWEST
    assert summary.slowest[0].seconds == pytest.approx(99)
    assert dict(summary.statuses) == {"completed": SLOWEST + 3, "timed_out": 1}


def test_assignments_are_summed_up_apart():
    summary = summarize_class([made("b", assignment="C2W4"), made("a"), made("c")])
    assert [(a.assignment, a.submissions, a.max_score) for a in summary.assignments] == [
        ("C2W1", 2, 22.0), ("C2W4", 1, 15.0)]
    assert summary.submissions == 3


def test_a_results_folder_is_read_as_the_batch_keyed_it(tmp_path):
    write_class([made("alice/C2W1/C2W1_Assignment"), made("bob/C2W1/C2W1_Assignment")],
                tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    old = json.loads((tmp_path / "alice/C2W1/C2W1_Assignment.json").read_text())
    (tmp_path / "old.json").write_text(json.dumps({**old, "schema_version": 0}))
    (tmp_path / "manifest.json").write_text(json.dumps({"dataset": "cats"}))  # not a result
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden/x.json").write_text("{")
    found = read_results(tmp_path)
    assert [entry.key for entry in found.entries] == ["alice/C2W1/C2W1_Assignment",
                                                      "bob/C2W1/C2W1_Assignment"]
    assert [(item.path, item.reason.split(" (")[0]) for item in found.unreadable] == [
        ("broken.json", "not JSON"), ("old.json", "not a readable grade result")]


def test_a_folder_that_is_not_there_is_refused(tmp_path):
    with pytest.raises(NotADirectoryError, match="Expected a folder of result files"):
        read_results(tmp_path / "nowhere")


def test_real_gradings_of_week_1_summed_up(tmp_path):
    found = read_results(real_results(tmp_path))
    (summary,) = summarize_class(found.entries).assignments
    assert summary.submissions == 40 and not found.unreadable
    assert dict(summary.statuses) == {"cell_errors": 23, "completed": 10, "limit_exceeded": 3,
                                      "invalid_notebook": 2, "kernel_died": 1, "timed_out": 1}
    assert sorted(summary.scores)[-3:] == [16.0, 17.0, 17.0] and sum(summary.scores) == 93.0
    assert len(summary.not_completed) == 30 and summary.grader_errors == ()
    drops = _check(summary, "clean_images_drops_bad_files")
    assert (drops.passed, drops.failed) == (6, 34)
    assert drops.messages[0].count == 12 and "`clean_images` is not defined" in drops.messages[0].text
    assert dict(summary.grader_versions) == {"0.1.0+447567037080": 21, "0.1.0+5dda1c8b5558": 19}
