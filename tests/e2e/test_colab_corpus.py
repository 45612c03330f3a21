"""Each notebook of the older (Colab) edition's corpus loses exactly the points of its
mistake; valid alternatives and notebooks whose test cells claim success lose none.

By default: the committed notebooks match their scenarios (`tests/submissions/c2w1_colab/`,
``c2w2_colab/``, ``c2w3_colab/``). With ``-m slow``: each notebook graded through the CLI
as its week (``--assignment C2Wn``, the edition read from the code), which must say it graded
the older edition and lose ``loses`` and nothing outside ``loses | may_also_lose``.

Notebooks with ``trains=False`` stop training early (a crash at the first batches or a
callback that stops after one epoch): their test ids end in ``-quick`` (``-m slow -k quick``).
Measured one at a time on the loaded 2-core AMD EPYC: 55 to 205 s a test (515 s once, beside
another helper's batch), most of it making the week's data; the notebook itself runs 20 to
35 s and its checks 9 to 23 s. The others train as the reference does: about 1,000 s
(Week 1), 1,700 s (Week 2) and 2,000 s (Week 3) each on that machine under load
(`tests/e2e/test_c2w1_colab.py` and its neighbours).
"""

from __future__ import annotations

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.e2e.conftest import failed_checks, grade
from tests.e2e.test_c2w3 import standin_env  # noqa: F401 - Week 3's fixture (stand-in weights)
from tests.submissions.c2w1_colab import scenarios as week1
from tests.submissions.c2w2_colab import scenarios as week2
from tests.submissions.c2w3_colab import scenarios as week3

#: Per week: its corpus module, the assignment the CLI is told, the fixture with its data.
WEEKS = {"c2w1_colab": (week1, "C2W1", "grader_env"),
         "c2w2_colab": (week2, "C2W2", "week2_env"),
         "c2w3_colab": (week3, "C2W3", "standin_env")}
CASES = [(week, name) for week, (module, _, _) in WEEKS.items()
         for name in sorted(module.SCENARIOS)]


def _id(case) -> str:
    week, name = case
    return f"{week}-{name}"


def _grading_id(case) -> str:
    """`_id`, ending in ``-quick`` where nothing long runs (``trains=False``)."""
    week, name = case
    return _id(case) + ("" if WEEKS[week][0].SCENARIOS[name].trains else "-quick")


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_corpus_notebook_is_up_to_date(case):
    week, name = case
    module = WEEKS[week][0]
    committed = nbformat.read(module.HERE / f"{name}.ipynb", as_version=4)
    assert committed == module.build(name), f"run: python -m tests.submissions.{week}.scenarios"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_scenario_names_only_checks_of_its_assignment(case):
    """A misspelt check id in `loses` would make its slow test fail for the wrong reason,
    and one in `may_also_lose` would hide nothing: both must name real checks."""
    week, name = case
    module = WEEKS[week][0]
    scenario = module.SCENARIOS[name]
    ids = {check.id for check in get_assignment(module.ASSIGNMENT).checks}
    assert set(scenario.loses) | set(scenario.may_also_lose) <= ids
    assert not set(scenario.loses) & set(scenario.may_also_lose)


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.parametrize("case", CASES, ids=_grading_id)
def test_each_notebook_loses_exactly_its_points(request, tmp_path, case):
    week, name = case
    module, assignment, fixture = WEEKS[week]
    scenario = module.SCENARIOS[name]
    env = request.getfixturevalue(fixture)
    path = tmp_path / assignment / get_assignment(module.ASSIGNMENT).notebook
    path.parent.mkdir()
    path.write_bytes((module.HERE / f"{name}.ipynb").read_bytes())
    result, output = grade(env, path, tmp_path, assignment=assignment)
    assert result["edition"] == "colab", output
    failed = failed_checks(result)
    print(f"{week}/{name}: {result['score']:g}/{result['max_score']:g}, lost {sorted(failed)}")
    assert set(scenario.loses) <= failed <= scenario.loses | scenario.may_also_lose, \
        (sorted(failed), [(c["check_id"], c["feedback"]) for c in result["checks"]
                          if c["status"] != "passed"])
    for check in result["checks"]:
        if check["status"] != "passed":
            assert check["feedback"] and "Traceback" not in check["feedback"], check
