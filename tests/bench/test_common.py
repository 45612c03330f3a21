"""`bench/common.py`: the floor every grading benchmark compares with."""

from __future__ import annotations

import subprocess

import nbformat
import numpy as np
import pytest

from bench.common import bench_env, plain_command

DRAW = "import numpy\nopen('drawn.txt', 'w').write(repr(numpy.random.rand()))\n"


def _drawn(tmp_path, name: str, seed: int | None) -> float:
    notebook = tmp_path / f"{name}.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(DRAW)]), notebook)
    work = tmp_path / name
    work.mkdir()
    completed = subprocess.run(plain_command(notebook, work, seed=seed), env=bench_env(),
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return float((work / "drawn.txt").read_text())


@pytest.mark.kernel
def test_the_seeded_floor_runs_the_graders_prelude_before_the_notebook(tmp_path):
    np.random.seed(7)
    expected = np.random.rand()
    assert _drawn(tmp_path, "first", 7) == expected
    assert _drawn(tmp_path, "again", 7) == expected
    assert _drawn(tmp_path, "unseeded", None) != expected
