"""The pytest plugin's wiring, in process (pytester): options, settings, header, summary."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("AUTOGRADER_SEED", "AUTOGRADER_CELL_TIMEOUT", "AUTOGRADER_MODE"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "empty.toml").write_text("")
    monkeypatch.setenv("AUTOGRADER_CONFIG", str(tmp_path / "empty.toml"))


def test_header_shows_the_active_limits_and_seed(pytester, env, monkeypatch):
    pytester.makepyfile("def test_nothing():\n    pass\n")
    monkeypatch.setenv("AUTOGRADER_SEED", "7")
    monkeypatch.setenv("AUTOGRADER_C2W1_HELDOUT_THRESHOLD", "0.85")
    result = pytester.runpytest("--submission", "x.ipynb", "--cell-timeout", "12",
                                "--mode", "retrain")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["autograder: submission=x.ipynb mode=retrain seed=7 "
                                 "cell_timeout=12s notebook_timeout=*s "
                                 "C2W1.heldout_threshold=0.85 sandbox=on"])


def test_no_header_and_no_score_without_a_submission(pytester, env):
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    assert "autograder:" not in result.stdout.str()
    assert "autograder score" not in result.stdout.str()


def test_a_bad_setting_is_a_usage_error(pytester, env):
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest("--submission", "x.ipynb", "--mode", "sideways")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "sideways" in result.stderr.str()


def test_graded_result_fixture_skips_without_a_submission(pytester, env):
    pytester.makepyfile("def test_uses(graded_result):\n    pass\n")
    result = pytester.runpytest("-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*no --submission given*"])


def test_a_missing_settings_file_is_a_usage_error(pytester, env, monkeypatch, tmp_path):
    pytester.makepyfile("def test_nothing():\n    pass\n")
    monkeypatch.setenv("AUTOGRADER_CONFIG", str(tmp_path / "absent.toml"))
    result = pytester.runpytest("--submission", "x.ipynb")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "Expected a readable TOML settings file" in result.stderr.str()
    assert "INTERNALERROR" not in result.stderr.str() + result.stdout.str()
