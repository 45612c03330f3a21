"""Each wrong submission loses exactly the points of its mistake.

Notebooks that train for several epochs take minutes each on a slow 2-core machine, so they
run with ``-m slow``; the ones whose training is cut short by their mistake run by default.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.e2e.conftest import failed_checks, run_grade
from tests.submissions.scenarios import HERE, SCENARIOS, build


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_corpus_notebook_is_up_to_date(name):
    committed = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
    assert committed == build(name), "run: python -m tests.submissions.scenarios"


@pytest.mark.kernel
@pytest.mark.parametrize("name", [
    pytest.param(name, marks=[pytest.mark.slow] if scenario.trains else [])
    for name, scenario in sorted(SCENARIOS.items())])
def test_wrong_submission_loses_exactly_its_points(grader_env, tmp_path, name):
    scenario = SCENARIOS[name]
    code, result, output = run_grade(grader_env, HERE / f"{name}.ipynb", tmp_path / "r.json")
    assert code == 0, output
    assert set(scenario.loses) <= failed_checks(result) <= scenario.loses | scenario.may_also_lose, \
        output
    lost = {c["check_id"]: c for c in result["checks"] if c["status"] != "passed"}
    for check in lost.values():
        assert check["feedback"] and "Traceback" not in check["feedback"], check
