"""Week 3 end to end through the CLI.

By default, on CI-scale pictures with a quick weights file (a seeded random InceptionV3 in
Keras' layout, named by ``AUTOGRADER_C2W3_WEIGHTS``, so no pretraining runs): the untouched
release gets 0 with a message per check. With ``-m slow``, on the stand-in weights (made once
per machine): the reference gets full marks, and each corpus notebook
(`tests/submissions/c2w3/`) loses exactly its checks.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from autograder.assignments import get_assignment
from tests.conftest import ROOT
from tests.e2e.conftest import failed_checks, grade, grader_environment, make_data
from tests.submissions.c2w3.scenarios import HERE, SCENARIOS, build

SPEC = get_assignment("C2W3")
SOLUTION = ROOT / "solutions" / "C2W3" / SPEC.notebook
RELEASE = ROOT / "release" / "C2W3" / SPEC.notebook


def _environment(tmp_path_factory, name: str, weights: str | None) -> dict[str, str]:
    env = grader_environment(tmp_path_factory.mktemp(name))
    env.pop("AUTOGRADER_C2W3_WEIGHTS", None)
    if weights:
        env["AUTOGRADER_C2W3_WEIGHTS"] = weights
    return make_data(env, "C2W3")


@pytest.fixture(scope="module")
def quick_env(tmp_path_factory):
    """CI-scale pictures and a random InceptionV3 in Keras' layout as the weights file."""
    code = ("import sys, keras\nfrom autograder.weeks.c2w3.weights import write_legacy_h5\n"
            "keras.utils.set_random_seed(3)\n"
            "write_legacy_h5(keras.applications.InceptionV3(include_top=False, weights=None,"
            " input_shape=(75, 75, 3)), sys.argv[1])\n")
    weights = tmp_path_factory.mktemp("weights") / "random.h5"
    completed = subprocess.run([sys.executable, "-c", code, str(weights)], cwd=ROOT,
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return _environment(tmp_path_factory, "c2w3-quick", str(weights))


@pytest.fixture(scope="module")
def standin_env(tmp_path_factory):
    """CI-scale pictures and the stand-in weights (pretrained once per machine, cached)."""
    return _environment(tmp_path_factory, "c2w3-standin", None)


@pytest.mark.kernel
def test_untouched_release_scores_zero_with_a_message_per_check(quick_env, tmp_path):
    result, output = grade(quick_env, RELEASE, tmp_path, assignment="C2W3")
    assert result["score"] == 0 and result["max_score"] == SPEC.max_score
    assert all(c["feedback"] for c in result["checks"]), output
    assert all("Traceback" not in c["feedback"] for c in result["checks"]), output


@pytest.mark.slow
@pytest.mark.kernel
def test_reference_scores_full_marks(standin_env, tmp_path):
    result, output = grade(standin_env, SOLUTION, tmp_path, assignment="C2W3")
    assert failed_checks(result) == set(), output


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_corpus_notebook_is_up_to_date(name):
    committed = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
    assert committed == build(name), "run: python -m tests.submissions.c2w3.scenarios"


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_wrong_submission_loses_exactly_its_points(standin_env, tmp_path, name):
    scenario = SCENARIOS[name]
    path = tmp_path / "C2W3" / SPEC.notebook
    path.parent.mkdir()
    path.write_bytes((HERE / f"{name}.ipynb").read_bytes())
    result, output = grade(standin_env, path, tmp_path, assignment="C2W3")
    assert set(scenario.loses) <= failed_checks(result) <= scenario.loses | scenario.may_also_lose, \
        output
