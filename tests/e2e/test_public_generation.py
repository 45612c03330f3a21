"""A notebook written for the public version of the course is graded on the same checks."""

from __future__ import annotations

import nbformat
import pytest

from tests.compat.public_generation import LOSES, NOTEBOOK, build
from tests.e2e.conftest import failed_checks, run_grade


def test_public_notebook_is_up_to_date():
    assert nbformat.read(NOTEBOOK, as_version=4) == build(), \
        "run: python -m tests.compat.public_generation"


@pytest.mark.slow  # trains to the end
@pytest.mark.kernel
def test_public_generation_notebook_loses_only_what_it_lacks(grader_env, tmp_path):
    code, result, output = run_grade(grader_env, NOTEBOOK, tmp_path / "r.json")
    assert code == 0, output
    assert result["execution"]["status"] == "completed", result["execution"]
    assert failed_checks(result) == set(LOSES), output
    lost = [c for c in result["checks"] if c["status"] != "passed"]
    assert all("clean_images" in c["feedback"] for c in lost), lost
    assert result["score"] == result["max_score"] - sum(c["max_points"] for c in lost)
