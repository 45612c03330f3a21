"""Every grader setting, declared once, with help text and one precedence rule.

Precedence, highest first: command line (or pytest option) > environment variable
(``AUTOGRADER_<NAME>``) > config file (``autograder.toml``, section ``[autograder]``)
> default. Each assignment's rules (`autograder.assignments.RULE_SETTINGS`: its held-out
bar, its epochs) come from the week's package unless a section ``[autograder.C2W1]`` or a
variable ``AUTOGRADER_C2W1_HELDOUT_THRESHOLD`` changes them; ``edition = "colab"`` there fixes
the edition of the course it grades (`autograder.assignments.editions`). Relative paths from the config file are resolved against the file's folder;
relative paths from the command line or the environment against the working folder.

The CLI (`autograder.cli`) and the pytest plugin (`autograder.pytest_plugin`) both build
their options from `OPTIONS`, so the two front-ends cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

__all__ = ["OPTIONS", "Option", "boolean", "Settings", "load_settings", "find_config_file", "CONFIG_NAME",
           "grading_timeout"]

CONFIG_NAME = "autograder.toml"


def boolean(raw: Any) -> bool:
    """Reads a yes/no setting: a TOML boolean, or 1/0, true/false, yes/no, on/off."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a yes/no value: {raw!r}")


@dataclass(frozen=True)
class Option:
    """One setting: its name, type, default and help text."""

    name: str
    """Python name; the CLI flag is ``--name-with-dashes``, the variable ``AUTOGRADER_NAME``."""
    default: Any
    """Value used when nothing else sets it."""
    help: str
    """One sentence for ``--help``."""
    type: Callable[[Any], Any] = str
    """Converts a raw (string or TOML) value."""
    choices: tuple[str, ...] | None = None
    """Allowed values, if limited."""
    is_path: bool = False
    """Whether relative values are resolved against their source's folder."""

    @property
    def env(self) -> str:
        return "AUTOGRADER_" + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


OPTIONS: tuple[Option, ...] = (
    Option("data_root", "data", "Folder with the student data (e.g. data/cats_and_dogs/PetImages).",
           is_path=True),
    Option("heldout_root", "heldout", "Folder with the grader's held-out data; never shown to "
           "the student's kernel.", is_path=True),
    Option("work_root", str(Path(tempfile.gettempdir()) / "autograder-work"),
           "Scratch folder for notebook runs and artifacts; keep it outside the course folder, "
           "so a submission's kernel cannot find the grader's settings from there.", is_path=True),
    Option("mode", "trained", "Which model the held-out check evaluates: the one the notebook "
           "trained, or create_model() retrained by the grader under a fixed seed and budget.",
           choices=("trained", "retrain")),
    Option("cell_timeout", 2700.0, "Seconds one notebook cell may run. Sized for the slow "
           "machine kind (2-core AMD EPYC): there a sound Week 1 model with 32-64-128 filters "
           "(3.6 times the reference's multiply-adds) ran past the old 900 s and lost its "
           "training and held-out points on a verdict of the CPU (bench/calibration).",
           type=float),
    Option("notebook_timeout", 3600.0, "Seconds the whole notebook may run.", type=float),
    Option("seed", 42, "Seed for Python, NumPy and TensorFlow in the student's kernel and "
           "in retraining.", type=int),
    Option("sandbox", True, "Run each student kernel in the bubblewrap sandbox (no network, "
           "read-only grader and data, no view of held-out data, capped resources). Turning it "
           "off (--no-sandbox) is only for notebooks you trust.", type=boolean),
    Option("gpu", False, "Let each sandboxed kernel use this machine's NVIDIA GPUs (their "
           "/dev/nvidia* files; TensorFlow from `make setup-gpu`). Off, the kernel sees no GPU "
           "even where one is installed: grading stays on the CPU, the default everywhere.",
           type=boolean),
    Option("memory_limit", 6.0, "GiB of memory a submission's kernel (and whatever it starts) "
           "may use.", type=float),
    Option("disk_limit", 4.0, "GiB a submission may write to its folders.", type=float),
    Option("max_processes", 1024, "Processes and threads a submission may run at once.",
           type=int),
    Option("check_memory_limit", 5.0, "GiB of memory the grader's own process may use after "
           "the notebook ran, while it loads the submission's model and scores it (outside the "
           "sandbox, after the kernel has ended); past it the student is told the model is too "
           "large to grade. Measured there (2-core AMD EPYC, bench/README.md): Week 1's "
           "reference 1.03 GiB, Week 3's 1.98 GiB, a Week 3 model at its max_parameters (a "
           "Dense(2400) head, 99.3 M weights) 3.24 GiB; measure a course's own with "
           "bench/check_process.py.", type=float),
    Option("check_timeout", 900.0, "Seconds the grader may spend checking a submission's "
           "outputs and scoring its model after the notebook ran (in the retrain mode, "
           "notebook_timeout more); past it the student is told the model takes too long to "
           "grade.", type=float),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one grading run (see `OPTIONS` for each field's help)."""

    data_root: Path
    heldout_root: Path
    work_root: Path
    mode: str
    cell_timeout: float
    notebook_timeout: float
    seed: int
    sandbox: bool
    gpu: bool
    memory_limit: float
    disk_limit: float
    max_processes: int
    check_memory_limit: float
    check_timeout: float
    assignments: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    """Per assignment id, the rules an instructor changed (e.g. ``{"C2W1":
    {"heldout_threshold": 0.85}}``)."""
    sources: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False)
    """Where each value came from: "cli", "env", the config file's path, or "default"."""

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    def rules_for(self, spec):
        """`spec`'s rules with this course's changes to them."""
        return spec.rules.with_settings(self.assignments.get(spec.id, {}))


def _assignment_settings(tables: Mapping[str, Any], env: Mapping[str, str],
                         config_path: Path | None) -> dict[str, dict[str, Any]]:
    """Per-assignment rule changes (and the edition) from ``[autograder.<ID>]`` tables and
    ``AUTOGRADER_<ID>_<RULE>`` variables (the variable wins)."""
    from autograder.assignments import ASSIGNMENT_IDS
    from autograder.assignments import ASSIGNMENT_SETTINGS as RULE_SETTINGS

    found: dict[str, dict[str, Any]] = {}
    for key, table in tables.items():
        if key.upper() not in ASSIGNMENT_IDS:
            raise ValueError(f"Unknown assignment section [autograder.{key}] in {config_path}. "
                             f"Known: {list(ASSIGNMENT_IDS)}.")
        unknown = set(table) - set(RULE_SETTINGS)
        if unknown:
            raise ValueError(f"Unknown settings in [autograder.{key}] of {config_path}: "
                             f"{sorted(unknown)}. Known: {sorted(RULE_SETTINGS)}.")
        found[key.upper()] = dict(table)
    for assignment in ASSIGNMENT_IDS:
        for name in RULE_SETTINGS:
            raw = env.get(f"AUTOGRADER_{assignment}_{name.upper()}")
            if raw:
                found.setdefault(assignment, {})[name] = raw
    for assignment, values in found.items():
        for name, raw in values.items():
            try:
                values[name] = RULE_SETTINGS[name](raw)
            except (TypeError, ValueError) as error:
                raise ValueError(f"Expected {assignment}'s {name} to be of type "
                                 f"{RULE_SETTINGS[name].__name__}. Received: {raw!r}.") from error
        if "edition" in values:
            _check_edition(assignment, values["edition"], config_path)
    return found


def _check_edition(assignment: str, edition: str, config_path: Path | None) -> None:
    """Raises ValueError, naming the week's editions, for one it does not declare."""
    from autograder.assignments.editions import edition_of

    try:
        edition_of(assignment, edition)
    except KeyError as error:
        raise ValueError(f"{error.args[0]} (set in {config_path or 'the environment'})") from None


def find_config_file(start: Path) -> Path | None:
    """Returns the nearest ``autograder.toml`` in `start` or its parents, if any."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _convert(option: Option, raw: Any, base: Path) -> Any:
    try:
        value = option.type(raw)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"Expected {option.name} to be of type {option.type.__name__}. Received: {raw!r}."
        ) from error
    if option.choices and value not in option.choices:
        raise ValueError(f"Expected {option.name} to be one of {option.choices}. Received: {raw!r}.")
    if option.is_path:
        path = Path(value).expanduser()
        value = path if path.is_absolute() else (base / path)
        value = value.resolve()
    return value


def load_settings(
    cli: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_path: Path | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Resolves every option by precedence: cli > env > config file > default.

    Args:
        cli: values given on the command line; ``None`` values count as not given.
        env: the environment (defaults to ``os.environ``).
        config_path: an explicit config file; else ``AUTOGRADER_CONFIG`` or the nearest
            ``autograder.toml`` above `cwd`.
        cwd: the working folder (defaults to the current one).

    Returns:
        The resolved `Settings`.

    Raises:
        ValueError: if a value has the wrong type or is not an allowed choice, or the
            settings file cannot be read.
    """
    cli = cli or {}
    env = os.environ if env is None else env
    cwd = Path(cwd or Path.cwd())
    config_path = config_path or (Path(env["AUTOGRADER_CONFIG"]) if env.get("AUTOGRADER_CONFIG")
                                  else find_config_file(cwd))
    file_values: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    if config_path is not None:
        try:
            with open(config_path, "rb") as handle:
                file_values = tomllib.load(handle).get("autograder", {})
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ValueError(f"Expected a readable TOML settings file at {config_path}. "
                             f"Received: {type(error).__name__}: {error}") from error
        tables = {k: v for k, v in file_values.items() if isinstance(v, dict)}
        file_values = {k: v for k, v in file_values.items() if k not in tables}
        unknown = set(file_values) - {o.name for o in OPTIONS}
        if unknown:
            raise ValueError(f"Unknown settings in {config_path}: {sorted(unknown)}. "
                             f"Known: {[o.name for o in OPTIONS]}.")
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for option in OPTIONS:
        if cli.get(option.name) is not None:
            values[option.name] = _convert(option, cli[option.name], cwd)
            sources[option.name] = "cli"
        elif env.get(option.env):
            values[option.name] = _convert(option, env[option.env], cwd)
            sources[option.name] = "env"
        elif option.name in file_values:
            values[option.name] = _convert(option, file_values[option.name], config_path.parent)
            sources[option.name] = str(config_path)
        else:
            base = config_path.parent if config_path is not None else cwd
            values[option.name] = _convert(option, option.default, base)
            sources[option.name] = "default"
    return Settings(**values, assignments=_assignment_settings(tables, env, config_path),
                    sources=sources)


#: Seconds a grading may take beyond the notebook's own limit (export, checks, retraining).
_GRADING_MARGIN = 1800.0


def grading_timeout(settings: Settings) -> float:
    """Seconds one whole grading may take before its process is killed (a batch worker's
    grading, nbgrader's `AutograderGrade`): the notebook's limit, the checking process's
    limit and a margin for the export and a retraining."""
    return settings.notebook_timeout + settings.check_timeout + _GRADING_MARGIN
