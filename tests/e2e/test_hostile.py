"""Hostile and broken submissions, graded by the real CLI in three batches.

The corpus (`tests/hostile/scenarios.py`) is graded by ``autograder grade --out-dir``
processes: the short-time-limit scenarios alone, then everything else in two processes at
once, as parallel workers grade a course. The first of those grades an honest neighbour
(Week 1's corpus notebook `untrained-model`: right but never trained, so it grades in
seconds) and the untouched release right after the attacks on what submissions share (the
grader's files, site-packages, the student data, the kernel's neighbours), while the other
process grades attacks beside them. One process per batch proves the batch goes on past each
of them. Then, per scenario: it is graded, gets
no more than its points and says what it must; and for the whole corpus: the grader's
files, site-packages and the student data are unchanged, the neighbour keeps its 17/22, and no
result or executed notebook holds the held-out folder, the course's secret or a canary
file put among the held-out data.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import site
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
import pytest

import autograder
from autograder.reporters import student_feedback
from autograder.results import from_dict, result_key
from tests.conftest import RELEASE, ROOT
from tests.hostile import cells
from tests.hostile.scenarios import SCENARIOS, build, path_of
from tests.reporters.leaks import (assert_terminal_safe, heldout_leaks, student_outputs,
                                  thumbnails_of)
from tests.submissions.scenarios import HERE as CORPUS

#: Tight caps, so the attacks on them are cheap; honest notebooks still run within them. The
#: main batch's time limits are generous: no attack there runs into them.
CAPS = ("--memory-limit", "3", "--disk-limit", "1", "--max-processes", "256")
TIME_LIMITS = {"main": ("--cell-timeout", "1500", "--notebook-timeout", "1800"),
               "limits": ("--cell-timeout", "5", "--notebook-timeout", "30"),
               # the grader's checking process: the neighbour needs under a minute of it
               "check-limits": ("--cell-timeout", "1500", "--notebook-timeout", "1800",
                                "--check-timeout", "120")}
#: Where the check-limits batch writes (its own folder: it grades the neighbour too).
CHECK_LIMITS_OUT = "results-check-limits"
#: The honest neighbour and the untouched release are graded right after this one.
LAST_BEFORE_REFERENCE = "setsid-daemon-outlives-kernel"
#: An honest submission that gets the same points alone and next to the attacks: right in
#: every part, but never trained (the reference's own training takes 1 to 10 minutes on 2
#: cores; the reference keeps 22/22 in the slow tests of the CLI and nbgrader).
NEIGHBOUR = CORPUS / "untrained-model.ipynb"
NEIGHBOUR_SCORE = 17
MAX_RESULT_BYTES = 2 * 1024 ** 2


def _tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def _site_files() -> dict[str, str]:
    found = {}
    for folder in {*site.getsitepackages()}:
        for path in Path(folder).iterdir():
            if path.suffix == ".pth" or path.name in ("sitecustomize.py", "usercustomize.py"):
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _shared_state(env: dict) -> dict:
    """What every submission shares: the grader's code, site-packages, the student data."""
    data = Path(env["AUTOGRADER_DATA_ROOT"]) / "cats_and_dogs"
    return {"grader": _tree_hashes(Path(autograder.__file__).parent),
            "site": _site_files(), "data": _tree_hashes(data)}


@dataclass
class Graded:
    """What the two batches left behind."""

    results: dict[str, dict]
    """Result document per scenario name, plus ``"neighbour"`` and ``"release"``."""
    result_files: dict[str, Path]
    executed: dict[str, Path]
    """Kept scratch folder per scenario name (its executed notebook and working folder)."""
    codes: dict[str, int]
    output: str
    seconds: dict[str, float]
    before: dict
    after: dict
    heldout: Path
    secret: bytes
    canary: str


def _start(env: dict, notebooks: list[Path], out: Path, batch: str) -> subprocess.Popen:
    if batch == "check-limits":
        out = out.parent / CHECK_LIMITS_OUT
    return subprocess.Popen(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks), "--assignment",
         "C2W1", "--out-dir", str(out), "--keep-work", *CAPS, *TIME_LIMITS[batch]],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _run_at_once(env: dict, batches: dict[str, tuple[str, list[Path]]], out: Path
                 ) -> tuple[dict[str, int], str, dict[str, float]]:
    """Runs one ``autograder grade`` process per batch, all at once, as a course's parallel
    workers do; returns each one's exit code, their output and each one's seconds."""
    started = time.monotonic()
    running = {name: _start(env, notebooks, out, limits)
               for name, (limits, notebooks) in batches.items()}
    codes, output, seconds = {}, "", {}
    for name, process in running.items():
        text, _ = process.communicate(timeout=3600)
        codes[name], seconds[name] = process.returncode, round(time.monotonic() - started, 1)
        output += text
    return codes, output, seconds


def _limits_notebooks() -> list[Path]:
    return [path_of(name) for name, s in SCENARIOS.items() if s.batch == "limits"]


def _main_halves() -> tuple[list[Path], list[Path]]:
    """The main batch as two halves graded at once: the attacks on what submissions share, the
    honest neighbour and the untouched release, then every other remaining scenario; and the
    rest."""
    names = [name for name, s in SCENARIOS.items() if s.batch == "main"]
    cut = names.index(LAST_BEFORE_REFERENCE) + 1
    first = [path_of(name) for name in names[:cut]] + [NEIGHBOUR, RELEASE]
    rest = [path_of(name) for name in names[cut:]]
    return first + rest[::2], rest[1::2]


def _kept_scratch(work_root: Path) -> dict[str, Path]:
    kept = {}
    for executed in work_root.glob("*/executed.ipynb"):
        notebook = nbformat.read(executed, as_version=4)
        name = notebook.metadata.get("autograder_scenario", {}).get("name")
        if name:
            kept[name] = executed.parent
    return kept


@pytest.fixture(scope="module")
def graded(grader_env, tmp_path_factory) -> Graded:
    base = tmp_path_factory.mktemp("hostile")
    env = {**grader_env, "AUTOGRADER_WORK_ROOT": str(base / "work")}
    heldout = Path(env["AUTOGRADER_HELDOUT_ROOT"])
    canary = f"CANARY-{secrets.token_hex(8)}"
    canary_file = heldout / "cats_and_dogs" / f"{canary}.txt"
    canary_file.write_text(canary)
    before = _shared_state(env)
    try:
        # The short-limit scenarios alone (their limits are seconds), then the main batch in
        # two processes at once: each proves its batch goes on, and the submissions running
        # side by side show that one cannot reach the other.
        check_limits = [path_of(n) for n, s in SCENARIOS.items() if s.batch == "check-limits"]
        codes, output, seconds = _run_at_once(
            env, {"limits": ("limits", _limits_notebooks()),
                  "check-limits": ("check-limits", [*check_limits, NEIGHBOUR])},
            base / "results")
        first, second = _main_halves()
        more = _run_at_once(env, {"main-1": ("main", first), "main-2": ("main", second)},
                            base / "results")
        codes, output, seconds = {**codes, **more[0]}, output + more[1], {**seconds, **more[2]}
    finally:
        canary_file.unlink()
    after = _shared_state(env)
    files = {name: base / (CHECK_LIMITS_OUT if s.batch == "check-limits" else "results")
             / f"{result_key(path_of(name), root=ROOT)}.json" for name, s in SCENARIOS.items()}
    files["neighbour-check-limits"] = (base / CHECK_LIMITS_OUT
                                       / f"{result_key(NEIGHBOUR, root=ROOT)}.json")
    files["neighbour"] = base / "results" / f"{result_key(NEIGHBOUR, root=ROOT)}.json"
    files["release"] = base / "results" / f"{result_key(RELEASE, root=ROOT)}.json"
    results = {name: json.loads(path.read_text()) for name, path in files.items()
               if path.is_file()}
    print(f"\nhostile corpus: {seconds}\n" + "\n".join(
        f"  {name:45} {r['score']:>4g}/22  {r['execution']['status']:15} "
        f"{sum(r['timings'].values()):6.1f} s" for name, r in results.items()))
    return Graded(results=results, result_files=files, executed=_kept_scratch(base / "work"),
                  codes=codes, output=output, seconds=seconds, before=before, after=after,
                  heldout=heldout, secret=(heldout / "secret.key").read_bytes(), canary=canary)


def _feedback(result: dict) -> str:
    return student_feedback(from_dict(result))


def _printed(scratch: Path) -> str:
    notebook = nbformat.read(scratch / "executed.ipynb", as_version=4)
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.get("outputs", []))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_hostile_notebook_is_up_to_date(name):
    built = build(name)
    if isinstance(built, bytes):
        assert path_of(name).read_bytes() == built, "run: python -m tests.hostile.scenarios"
    else:
        committed = nbformat.read(path_of(name), as_version=4)
        assert committed == built, "run: python -m tests.hostile.scenarios"


@pytest.mark.kernel
def test_each_batch_grades_every_notebook(graded):
    assert graded.codes == {"limits": 0, "check-limits": 0, "main-1": 0, "main-2": 0}, \
        graded.output[-5000:]
    missing = [name for name in graded.result_files if name not in graded.results]
    assert not missing, graded.output[-5000:]


@pytest.mark.kernel
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_gets_no_more_than_its_points_and_is_told_why(graded, name):
    scenario = SCENARIOS[name]
    result = graded.results[name]
    execution = result["execution"]
    assert execution["status"] != "grader_error", execution
    assert not [c for c in result["checks"] if c["status"] == "grader_error"], result["checks"]
    if scenario.status:
        assert execution["status"] in scenario.status, execution["message"]
    if scenario.points is not None:
        assert result["score"] == scenario.points, _feedback(result)
    assert result["score"] <= scenario.max_points or scenario.points == result["score"], \
        _feedback(result)
    failed = {c["check_id"] for c in result["checks"] if c["status"] != "passed"}
    assert scenario.loses <= failed, (scenario.loses - failed, _feedback(result))
    feedback = _feedback(result)
    for message in scenario.messages:
        assert message in feedback, feedback
    assert graded.result_files[name].stat().st_size < MAX_RESULT_BYTES


@pytest.mark.kernel
def test_the_honest_neighbour_keeps_its_points_and_release_gets_none(graded):
    neighbour, release = graded.results["neighbour"], graded.results["release"]
    assert neighbour["score"] == NEIGHBOUR_SCORE, _feedback(neighbour)
    beside_slow_model = graded.results["neighbour-check-limits"]  # under a 120 s check limit
    assert beside_slow_model["score"] == NEIGHBOUR_SCORE, _feedback(beside_slow_model)
    # it never trains, so its curves cell fails on the missing `history`: that and nothing else
    assert [f["ename"] for f in neighbour["execution"]["failures"]] == ["NameError"], \
        neighbour["execution"]
    assert release["score"] == 0, _feedback(release)


@pytest.mark.kernel
def test_grader_code_site_packages_and_student_data_are_unchanged(graded):
    assert graded.after["grader"] == graded.before["grader"]
    assert graded.after["site"] == graded.before["site"]
    assert graded.after["data"] == graded.before["data"]
    package = Path(autograder.__file__).parent
    assert not [p for p in package.rglob("*.py") if cells.GRADER_MARK in p.read_text()]


@pytest.mark.kernel
def test_nothing_shows_the_heldout_folder_the_secret_or_the_canary(graded):
    secret = graded.secret
    forbidden = [str(graded.heldout), graded.canary, secret.hex(), secret.hex().upper(),
                 repr(secret)[2:-1]]
    texts = {f"result {name}": path.read_text(errors="replace")
             for name, path in graded.result_files.items()}
    texts.update({f"executed {name}": (scratch / "executed.ipynb").read_text(errors="replace")
                  for name, scratch in graded.executed.items()})
    texts["batch output"] = graded.output
    leaks = [(where, what) for where, text in texts.items() for what in forbidden if what in text]
    assert not leaks, leaks
    notebooks = {name for name, s in SCENARIOS.items() if s.base != "file"}
    assert notebooks <= set(graded.executed), notebooks - set(graded.executed)


@pytest.mark.kernel
def test_no_student_output_shows_a_heldout_image(graded):
    """Every result (the honest neighbour's mistakes included) and every output a student
    gets from it holds no thumbnail of a held-out image. (The stand-in's held-out files are
    named ``<n>.jpg`` like the student's, so names are searched for in
    tests/reporters/test_heldout_never_shown.py, with names of their own; the held-out
    folder's path is searched for above.)"""
    forbidden = {"thumbnails": thumbnails_of(graded.heldout / "cats_and_dogs"), "names": []}
    assert forbidden["thumbnails"]
    shown = 0
    leaks = []
    for name, result in graded.results.items():
        shown += len((result.get("evidence") or {}).get("misclassified", []))
        outputs = {f"{name} {what}": text
                   for what, text in student_outputs(from_dict(result)).items()}
        leaks += heldout_leaks(outputs, canary=False, **forbidden)
    assert not leaks, leaks
    assert shown, "some report shows mistakes (the neighbour's, on its validation images)"


@pytest.mark.kernel
def test_what_the_batches_print_is_inert(graded):
    """The forged score and workflow commands of an exception message are printed as text:
    no escape sequence, no line a CI runner reads as a command."""
    assert "C2W1: 22 / 22 points" in graded.output  # its text is there, inert
    assert_terminal_safe(graded.output)


@pytest.mark.kernel
def test_the_search_ran_and_saw_no_other_submission(graded):
    assert cells.SEARCH_DONE in _printed(graded.executed["searches-for-heldout-data"])
    assert cells.NO_OTHER_SUBMISSIONS in _printed(graded.executed["reads-other-submissions"])
    assert "CONNECTED" not in _printed(graded.executed["network-access"])


@pytest.mark.kernel
def test_the_daemon_died_with_its_sandbox(graded):
    running = [p.info["cmdline"] for p in psutil.process_iter(["cmdline"])
               if cells.DAEMON_MARK in " ".join(p.info["cmdline"] or [])]
    assert not running
    heartbeat = graded.executed["setsid-daemon-outlives-kernel"] / "work" / "daemon-heartbeat.txt"
    last_beat = float(heartbeat.read_text())
    graded_at = graded.result_files["setsid-daemon-outlives-kernel"].stat().st_mtime
    assert last_beat <= graded_at, "the daemon still ran after its submission was graded"


@pytest.mark.kernel
def test_edited_test_cells_never_run(graded):
    assert cells.TEST_CELL_MARK not in _printed(graded.executed["edits-nbgrader-test-cells"])


@pytest.mark.kernel
def test_the_corpus_grades_in_a_few_minutes(graded):
    """The attacks cost seconds each."""
    attacks = sum(sum(r["timings"].values()) for name, r in graded.results.items()
                  if not name.startswith("neighbour"))
    neighbour = sum(graded.results["neighbour"]["timings"].values())
    print(f"hostile corpus: {sum(graded.seconds.values()):.0f} s in all ({graded.seconds}), "
          f"{attacks:.0f} s grading the attacks and the release, {neighbour:.0f} s the neighbour")
    # wall time of the three processes (the two main ones run at once): each submission's
    # own timings add up to more while two share the cores
    elapsed = (max(graded.seconds["limits"], graded.seconds["check-limits"])
               + max(graded.seconds["main-1"], graded.seconds["main-2"]))
    assert elapsed < 900, graded.seconds  # the check-limits batch: its 120 s limit, twice
