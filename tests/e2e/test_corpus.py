"""Each wrong submission loses exactly the points of its mistake."""

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
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_wrong_submission_loses_exactly_its_points(grader_env, tmp_path, name):
    code, result, output = run_grade(grader_env, HERE / f"{name}.ipynb", tmp_path / "r.json")
    assert code == 0, output
    assert failed_checks(result) == set(SCENARIOS[name].loses), output
    lost = {c["check_id"]: c for c in result["checks"] if c["status"] != "passed"}
    for check in lost.values():
        assert check["feedback"] and "Traceback" not in check["feedback"], check
