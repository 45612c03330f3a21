"""Student feedback end to end: one `autograder grade` batch through the real CLI, sandbox and
kernels writes each result, its HTML report and the CI result formats; the reports load in
headless Chromium with every picture.

By default the batch holds the reference solution trained for 2 epochs instead of 15 (a wrong
submission: it misses the training bars and the held-out bar, so its report has curves,
layers and held-out mistakes) and the untouched release (no model at all). With ``-m slow``
the full reference gets its report too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from autograder.results import SCHEMA_PATH
from tests.conftest import RELEASE, ROOT, SOLUTION
from tests.e2e.conftest import edited_solution, new_course
from tests.reporters import consumers
from tests.reporters.browser import open_in_chromium

pytestmark = pytest.mark.kernel


STUDENTS = {"short": "alice", "release": "bob"}  # nbgrader's layout: submitted/<student>/


def _short_training(folder: Path) -> Path:
    """The reference solution with 2 epochs of training instead of 15 (alice's)."""
    return edited_solution("C2W1", folder / "submitted" / STUDENTS["short"],
                           ("epochs=15,", "epochs=2,"))


def _grade(env, notebooks: list[Path], folder: Path, *extra: str):
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks), "--assignment",
         "C2W1", "--out-dir", "results", "--html", "reports", "--quiet", *extra],
        env=env, cwd=folder, capture_output=True, text=True)
    return completed.returncode, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def batch(grader_env, tmp_path_factory):
    """(folder, {name: (result, report path)}, output) of the default batch."""
    folder = tmp_path_factory.mktemp("feedback")
    release = folder / "submitted" / STUDENTS["release"] / "C2W1" / "C2W1_Assignment.ipynb"
    release.parent.mkdir(parents=True)
    release.write_bytes(RELEASE.read_bytes())
    code, output = _grade(grader_env, [_short_training(folder), release], folder)
    assert code == 0, output
    graded = {}
    for name, student in STUDENTS.items():
        key = f"{student}/C2W1/C2W1_Assignment"
        graded[name] = (json.loads((folder / "results" / f"{key}.json").read_text()),
                        folder / "reports" / f"{key}.html")
    return folder, graded, output


def test_results_hold_the_evidence_the_grader_made(batch):
    _, graded, output = batch
    short, _ = graded["short"]
    release, _ = graded["release"]
    schema = json.loads(SCHEMA_PATH.read_text())
    for result, _ in graded.values():
        jsonschema.validate(result, schema)
    assert {c["check_id"] for c in short["checks"] if c["status"] != "passed"} == {
        "training_reached_bars", "heldout_accuracy"}, output
    evidence = short["evidence"]
    assert len(evidence["history"]["accuracy"]) == 2
    assert [row["class_name"] for row in evidence["layers"]].count("Conv2D") >= 3
    assert evidence["heldout_images"] == sum(map(sum, evidence["confusion"]["counts"])) > 0
    wrong = evidence["heldout_images"] - sum(evidence["confusion"]["counts"][i][i] for i in (0, 1))
    assert len(evidence["misclassified"]) == min(wrong, 8) > 0
    heldout = next(c for c in short["checks"] if c["check_id"] == "heldout_accuracy")
    assert f"{evidence['measured']['heldout']:.3f}" in heldout["feedback"]
    assert release["score"] == 0 and not release["evidence"]["layers"]
    assert not release["evidence"]["misclassified"]


def test_reports_load_in_chromium_with_every_picture(batch, tmp_path):
    _, graded, _ = batch
    expected_images = {"short": 2, "release": 0}  # curves and mistakes; nothing to draw
    for name, (result, page) in graded.items():
        facts = open_in_chromium(page, tmp_path / f"{name}.png")
        assert facts.console_errors == [] and facts.requests == [], name
        assert len(facts.images) == expected_images[name], facts.images
        assert all(i["naturalWidth"] > 0 and i["complete"] for i in facts.images), facts.images
        assert f"{result['score']:g} / {result['max_score']:g} points" in facts.text
        assert "Graded on: " + result["data"] in facts.text
        assert "offline stand-in data" in facts.text
        for check in result["checks"]:
            assert check["title"] in facts.text
            if check["detail"] and check["detail"] not in check["title"] + check["feedback"]:
                assert check["detail"] not in page.read_text(), "instructor detail shown"
        assert (tmp_path / f"{name}.png").stat().st_size > 20_000


def test_report_of_the_release_explains_every_lost_point(batch):
    _, graded, _ = batch
    result, page = graded["release"]
    html = page.read_text()
    assert "Learning curves" not in html and "Held-out images" not in html
    assert html.count("How to fix:") >= 1
    assert "create_model() raised NotImplementedError" in html


@pytest.fixture(scope="module")
def formats(batch):
    """``autograder feedback`` run on each result file: {name: (result, folder)}."""
    folder, graded, _ = batch
    made = {}
    for name, (result, _) in graded.items():
        out = folder / "feedback" / name
        completed = subprocess.run(
            [sys.executable, "-m", "autograder", "feedback",
             str(folder / "results" / f"{STUDENTS[name]}/C2W1/C2W1_Assignment.json"),
             "--out", str(out),
             "--summary", str(folder / "step-summary.md")],
            cwd=folder, capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        made[name] = (result, out)
    return made


def test_classroom_result_json_has_the_documented_fields(formats):
    for result, out in formats.values():
        document = json.loads((out / "result.json").read_text())
        jsonschema.validate(document, consumers.CLASSROOM50)
        assert document["max-score"] == result["max_score"] == 22
        assert document["score"] == result["score"] <= document["max-score"]
        assert [t["passed"] for t in document["tests"]] == [
            c["status"] == "passed" for c in result["checks"]]
        assert all(t["score"] <= t["max-score"] for t in document["tests"])


def test_reporter_payload_decodes_as_the_reporter_reads_it(formats):
    import base64

    for result, out in formats.values():
        payload = json.loads(base64.b64decode((out / "autograding-reporter.b64").read_text()))
        jsonschema.validate(payload, consumers.REPORTER)
        assert sum(t["score"] for t in payload["tests"]) == result["score"]
        assert payload["max_score"] == result["max_score"]
        assert payload["status"] == ("pass" if result["score"] == result["max_score"] else "fail")


def test_gradescope_results_json_has_the_documented_fields(formats):
    for result, out in formats.values():
        document = json.loads((out / "results.json").read_text())
        jsonschema.validate(document, consumers.GRADESCOPE)
        assert document["score"] == result["score"]
        assert sum(t["max_score"] for t in document["tests"]) == result["max_score"]
        assert result["data"] in document["output"]
        lost = [t for t in document["tests"] if t["score"] < t["max_score"]]
        assert [t["output"] for t in lost] == [
            c["feedback"] for c in result["checks"] if c["status"] != "passed"] != []


def test_step_summary_is_a_table_with_hints(formats, batch):
    folder, _, _ = batch
    summary = (folder / "step-summary.md").read_text()
    assert summary.count("## C2W1: ") == 2 and "| check | points |" in summary
    short, _ = formats["short"]
    for check in short["checks"]:
        if check["status"] != "passed":
            hint = check["feedback"].split("How to fix: ")[1]
            assert hint.replace("|", "\\|") in summary
    assert "offline stand-in data" in summary


def test_results_go_into_nbgraders_gradebook_and_a_csv(batch, grader_env):
    import csv

    folder, graded, _ = batch
    course = folder / "course"
    new_course(course)

    def run(*args):
        completed = subprocess.run([sys.executable, "-m", *args], cwd=course, env=grader_env,
                                   capture_output=True, text=True)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed.stdout

    run("nbgrader", "generate_assignment", "C2W1", "--force")  # the grade cells, as usual
    output = run("autograder", "gradebook", str(folder / "results"), "--db",
                 f"sqlite:///{course / 'gradebook.db'}", "--csv", str(folder / "all.csv"))
    assert "2 result(s) in the gradebook" in output
    run("nbgrader", "export")
    with open(course / "grades.csv", newline="") as handle:
        exported = {row["student_id"]: row for row in csv.DictReader(handle)}
    with open(folder / "all.csv", newline="") as handle:
        ours = {row["student"]: row for row in csv.DictReader(handle)}
    for name, student in STUDENTS.items():
        result, _ = graded[name]
        assert float(exported[student]["raw_score"]) == result["score"]
        assert float(exported[student]["max_score"]) == result["max_score"]
        assert float(ours[student]["score"]) == result["score"]
    assert ours["alice"]["lost_checks"] == "training_reached_bars;heldout_accuracy"


@pytest.mark.slow  # trains the reference for up to 15 epochs
def test_reference_report_shows_reached_bars(grader_env, tmp_path):
    code, output = _grade(grader_env, [SOLUTION], tmp_path)
    assert code == 0, output
    key = SOLUTION.relative_to(ROOT).with_suffix("")
    page = next((tmp_path / "reports").rglob("*.html"))
    facts = open_in_chromium(page, tmp_path / "reference.png")
    assert facts.console_errors == [] and len(facts.images) >= 1
    assert all(i["naturalWidth"] > 0 for i in facts.images)
    assert "22 / 22 points" in facts.text, (key, output)
