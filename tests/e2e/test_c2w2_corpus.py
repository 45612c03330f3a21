"""Each Week 2 submission loses exactly the points of its mistake; valid alternatives none.

By default two notebooks whose verdicts rest on what the model was fit on (a ``tf.data`` map,
a legacy generator) are graded in one batch with their training cut to one epoch: the checks
that do not depend on training must give their exact verdicts (the training checks may go
either way after one epoch). The other mistakes are proven on real models in
`tests/weeks/test_c2w2_checks.py`, in seconds. With ``-m slow``, every notebook of the corpus
trains as written and must lose exactly its checks (about 4 minutes each on 2 cores), and
the one-epoch batch covers the whole corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

from autograder.results import result_key
from tests.conftest import ROOT
from tests.e2e.conftest import failed_checks, run_grade
from tests.submissions.c2w2.scenarios import HERE, SCENARIOS, TRAINING_CHECKS, build
from tests.submissions.scenarios import TRAINING, apply_edits


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_corpus_notebook_is_up_to_date(name):
    committed = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
    assert committed == build(name), "run: python -m tests.submissions.c2w2.scenarios"


def _one_epoch(name: str, folder) -> object:
    notebook = build(name)
    apply_edits(notebook, {TRAINING: {"epochs=35": "epochs=1"}}, name)
    path = folder / name / "C2W2_Assignment.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    return path


#: One epoch costs a notebook 45 to 75 s on 2 cores: the default suite grades these two, one
#: per kind of data given to fit in a real kernel (a tf.data pipeline read from its graph, a
#: legacy generator read from its settings); the other pipelines are fit for real in
#: `tests/weeks/test_c2w2_pipeline.py`.
FIT_DATA_SCENARIOS = ("validation-augmented-in-a-map", "valid-legacy-image-data-generator")


@pytest.mark.kernel
@pytest.mark.parametrize("names", [
    pytest.param(FIT_DATA_SCENARIOS, id="fit-data"),
    pytest.param(tuple(sorted(SCENARIOS)), id="all", marks=pytest.mark.slow)])
def test_notebooks_give_their_verdicts_after_one_epoch(week2_env, tmp_path, names):
    notebooks = {name: _one_epoch(name, tmp_path / "corpus") for name in names}
    out = tmp_path / "results"
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *map(str, notebooks.values()),
         "--assignment", "C2W2", "--out-dir", str(out)],
        env=week2_env, cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    wrong = {}
    for name, path in notebooks.items():
        scenario = SCENARIOS[name]
        result = json.loads((out / f"{result_key(path, root=ROOT)}.json").read_text())
        if result["execution"]["status"] != "completed":  # none of them may crash
            wrong[name] = {"execution": result["execution"].get("message", "")[:500]}
            continue
        failed = failed_checks(result)
        exact = scenario.loses - TRAINING_CHECKS
        allowed = scenario.loses | scenario.may_also_lose | TRAINING_CHECKS
        if not exact <= failed <= allowed:
            wrong[name] = {"missing": sorted(exact - failed), "extra": sorted(failed - allowed)}
        for check in result["checks"]:
            if check["status"] != "passed":
                assert check["feedback"] and "Traceback" not in check["feedback"], check
    assert not wrong, wrong


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_notebook_trained_loses_exactly_its_points(week2_env, tmp_path, name):
    scenario = SCENARIOS[name]
    # Verdicts, not the machine's speed: 35 epochs without early stopping take about 20 min on
    # the slow 2-core machine, past the default 900 s a cell (timeouts: tests/e2e/test_hostile.py).
    env = {**week2_env, "AUTOGRADER_CELL_TIMEOUT": "2400",
           "AUTOGRADER_NOTEBOOK_TIMEOUT": "3000"}
    code, result, output = run_grade(env, HERE / f"{name}.ipynb", tmp_path / "r.json",
                                     assignment="C2W2")
    assert code == 0, output
    assert set(scenario.loses) <= failed_checks(result) <= scenario.loses | scenario.may_also_lose, \
        output
