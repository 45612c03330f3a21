"""What every grading benchmark does first: an environment for the commands it times, and
the assignment's data prepared (stand-ins made or real files checked) with its folders
named in that environment, so each timed command reads the same data."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_env() -> dict[str, str]:
    """This process's environment, quiet TensorFlow, unbuffered output, and this Python's
    scripts (``autograder``, ``nbgrader``, ``jupyter``) first on ``PATH``."""
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONUNBUFFERED": "1",
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}


def prepare_data(assignment: str, env: dict[str, str]) -> tuple[dict[str, str], float]:
    """Runs ``autograder data <assignment>`` and returns `env` with the settings' data and
    held-out roots in it, and the seconds the preparation took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "autograder", "data", assignment], cwd=ROOT, env=env,
                   check=True)
    seconds = time.monotonic() - started
    from autograder.config import load_settings

    settings = load_settings(cwd=ROOT)
    return {**env, "AUTOGRADER_DATA_ROOT": str(settings.data_root),
            "AUTOGRADER_HELDOUT_ROOT": str(settings.heldout_root)}, seconds
