"""Scratch folders are removed however a grading ends, a killed one's by the next grading."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from autograder.grading_process import scratch_folder, sweep_abandoned

HOLD = """
import sys, time
from autograder.grading_process import scratch_folder
with scratch_folder(sys.argv[1], "C2W1") as folder:
    (folder / "artifacts").mkdir()
    print(folder, flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("ending", [RuntimeError, KeyboardInterrupt])
def test_a_grading_that_raises_or_is_interrupted_leaves_no_folder(tmp_path, ending):
    with pytest.raises(ending):
        with scratch_folder(tmp_path, "C2W1") as folder:
            (folder / "work").mkdir()
            raise ending()
    assert list(tmp_path.iterdir()) == []


def test_a_killed_gradings_folder_is_removed_by_the_next_one(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    held = process.stdout.readline().strip()
    assert sweep_abandoned(tmp_path) == []  # alive: its folder stays
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert [str(p) for p in tmp_path.iterdir()] == [held]  # no clean-up of its own ran
    with scratch_folder(tmp_path, "C2W1") as folder:
        assert [p for p in tmp_path.iterdir()] == [folder]
    assert list(tmp_path.iterdir()) == []


def test_a_kept_folder_stays_and_no_sweep_takes_it(tmp_path):
    with scratch_folder(tmp_path, "C2W1", keep=True) as kept:
        (kept / "executed.ipynb").write_text("{}")
    assert sweep_abandoned(tmp_path) == []
    with scratch_folder(tmp_path, "C2W1"):
        pass
    assert list(tmp_path.iterdir()) == [kept]
