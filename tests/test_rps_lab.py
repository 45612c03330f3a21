"""The ungraded rock/paper/scissors lab runs end to end on its stand-in pictures (a tiny
set and one epoch by default; the CI-scale set and the lab's 15 epochs with ``-m slow``)."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.weeks.c2w4.rps import CLASSES, SCALES, generate_rps
from tests.conftest import ROOT

LAB = ROOT / "source" / "labs" / "C2W4_Lab_Rock_Paper_Scissors.ipynb"


def test_stand_in_has_the_real_layout(tmp_path):
    generate_rps(tmp_path, scale="tiny")
    train, test = SCALES["tiny"]
    for folder, count in (("rps", train), ("rps-test-set", test)):
        assert sorted(p.name for p in (tmp_path / folder).iterdir()) == sorted(CLASSES)
        for gesture in CLASSES:
            assert len(list((tmp_path / folder / gesture).glob("*.png"))) == count


def _run(tmp_path, monkeypatch, scale: str, epochs: int) -> nbformat.NotebookNode:
    monkeypatch.setenv("AUTOGRADER_DATA_ROOT", str(tmp_path / "data"))
    monkeypatch.setenv("RPS_SCALE", scale)
    monkeypatch.setenv("RPS_EPOCHS", str(epochs))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(LAB, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return notebook


def _printed(notebook) -> str:
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.get("outputs", []))


@pytest.mark.kernel
def test_lab_runs_end_to_end_on_a_tiny_set(tmp_path, monkeypatch):
    printed = _printed(_run(tmp_path, monkeypatch, "tiny", 1))
    assert "classes: ['paper', 'rock', 'scissors']" in printed
    assert printed.count("(sum 1.00)") == 6  # the softmax's three probabilities add up to 1


@pytest.mark.slow
@pytest.mark.kernel
def test_lab_learns_the_three_gestures(tmp_path, monkeypatch):
    notebook = _run(tmp_path, monkeypatch, "ci", 15)
    printed = _printed(notebook)
    final = [line for line in printed.splitlines() if "val_accuracy" in line][-1]
    assert float(final.split("val_accuracy: ")[1].split()[0]) >= 0.8, final
