"""Each Week 4 submission of the corpus loses exactly the points of its mistake, and each
valid alternative keeps full marks (graded through the CLI on the CI-scale stand-in).

By default one notebook whose mistake stops training early runs (about 20 s on 2 cores);
the others (20 s to a minute each) run with ``-m slow``, and
`tests/weeks/test_c2w4_checks.py` shows every check's mistake in-process by default.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.e2e.conftest import failed_checks, grade
from tests.submissions.c2w4.scenarios import HERE, SCENARIOS, build


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_corpus_notebook_is_up_to_date(name):
    committed = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
    assert committed == build(name), "run: python -m tests.submissions.c2w4.scenarios"


def test_the_corpus_has_eight_mistakes_and_the_valid_alternatives():
    mistakes = [name for name, scenario in SCENARIOS.items() if scenario.loses]
    assert len(mistakes) >= 8
    assert {"valid-head-24-reindexed-labels", "valid-head-25-units",
            "valid-one-hot-categorical-loss", "valid-legacy-generators"} <= set(SCENARIOS)


#: Graded in the default suite: a head mistake that stops training, and pandas in the kernel
#: (a valid parser the course's platform runs; a missing package once cost it 10 points).
DEFAULT = ("dense-10-head", "valid-parses-csv-with-pandas")


@pytest.mark.kernel
@pytest.mark.parametrize("name", [
    pytest.param(name, marks=[] if name in DEFAULT else [pytest.mark.slow])
    for name in sorted(SCENARIOS)])
def test_submission_loses_exactly_its_points(week4_env, tmp_path, name):
    scenario = SCENARIOS[name]
    notebook = tmp_path / "C2W4" / f"{name}.ipynb"
    notebook.parent.mkdir()
    notebook.write_bytes((HERE / f"{name}.ipynb").read_bytes())
    result, output = grade(week4_env, notebook, tmp_path, assignment="C2W4")
    assert set(scenario.loses) <= failed_checks(result) <= scenario.loses | scenario.may_also_lose, \
        output
    for check in result["checks"]:
        if check["status"] != "passed":
            assert check["feedback"] and "Traceback" not in check["feedback"], check
