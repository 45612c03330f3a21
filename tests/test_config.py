"""Settings precedence: CLI > environment > config file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.config import OPTIONS, Settings, load_settings


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "autograder.toml"
    path.write_text("[autograder]\n" + text)
    return path


def test_every_option_is_a_settings_field():
    fields = set(Settings.__dataclass_fields__) - {"sources", "assignments"}
    assert {o.name for o in OPTIONS} == fields


def test_defaults_apply_without_config(tmp_path):
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings.mode == "trained" and settings.assignments == {}
    assert settings.data_root == (tmp_path / "data").resolve()
    assert set(settings.sources.values()) == {"default"}


def test_precedence_cli_over_env_over_file_over_default(tmp_path):
    config = _config(tmp_path, 'seed = 1\ncell_timeout = 10\nnotebook_timeout = 20\n')
    env = {"AUTOGRADER_SEED": "2", "AUTOGRADER_CELL_TIMEOUT": "11"}
    settings = load_settings({"seed": "3"}, env=env, config_path=config, cwd=tmp_path)
    assert settings.seed == 3 and settings.sources["seed"] == "cli"
    assert settings.cell_timeout == 11.0 and settings.sources["cell_timeout"] == "env"
    assert settings.notebook_timeout == 20.0 and settings.sources["notebook_timeout"] == str(config)
    assert settings.sources["mode"] == "default"


def test_config_file_found_in_parent_and_paths_resolved_against_it(tmp_path):
    _config(tmp_path, 'data_root = "somewhere"\n')
    nested = tmp_path / "autograded" / "student" / "C2W1"
    nested.mkdir(parents=True)
    settings = load_settings(env={}, cwd=nested)
    assert settings.data_root == (tmp_path / "somewhere").resolve()


def test_config_env_variable_points_at_file(tmp_path):
    config = _config(tmp_path, 'mode = "retrain"\n')
    assert load_settings(env={"AUTOGRADER_CONFIG": str(config)}, cwd=Path("/")).mode == "retrain"


@pytest.mark.parametrize("cli,message", [
    ({"mode": "guess"}, "Expected mode to be one of"),
    ({"seed": "forty-two"}, "Expected seed to be of type int"),
])
def test_bad_values_say_what_was_expected(tmp_path, cli, message):
    with pytest.raises(ValueError, match=message):
        load_settings(cli, env={}, cwd=tmp_path)


def test_unknown_key_in_file_is_rejected(tmp_path):
    config = _config(tmp_path, "sead = 4\n")
    with pytest.raises(ValueError, match="Unknown settings"):
        load_settings(env={}, config_path=config, cwd=tmp_path)


@pytest.mark.parametrize("content", [None, "[autograder\nseed = 1\n"])
def test_a_missing_or_broken_settings_file_is_a_value_error(tmp_path, content):
    path = tmp_path / "autograder.toml"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ValueError, match="Expected a readable TOML settings file"):
        load_settings(env={"AUTOGRADER_CONFIG": str(path)}, cwd=tmp_path)


def test_each_assignment_has_its_own_rules_section(tmp_path):
    from autograder.assignments import get_assignment

    config = _config(tmp_path, '[autograder.C2W1]\nheldout_threshold = 0.85\nmax_epochs = 12\n')
    settings = load_settings(env={"AUTOGRADER_C2W1_MAX_EPOCHS": "10"}, config_path=config,
                             cwd=tmp_path)
    rules = settings.rules_for(get_assignment("C2W1"))
    assert (rules.heldout_threshold, rules.max_epochs) == (0.85, 10)  # the variable wins
    assert get_assignment("C2W1").rules.heldout_threshold == 0.80  # the week's own is kept
    config.unlink()
    default = load_settings(env={}, cwd=tmp_path)
    assert default.rules_for(get_assignment("C2W1")) == get_assignment("C2W1").rules


def test_unknown_assignment_section_or_rule_is_an_error(tmp_path):
    for text in ('[autograder.C9W9]\nmax_epochs = 3\n', '[autograder.C2W1]\nepochs = 3\n'):
        with pytest.raises(ValueError, match="Known"):
            load_settings(env={}, config_path=_config(tmp_path, text), cwd=tmp_path)
