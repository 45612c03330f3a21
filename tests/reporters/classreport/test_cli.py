"""``autograder report RESULTS/``: the real CLI writes the page and the CSV; a folder that is
not there, or holds no result, is told in one line."""

from __future__ import annotations

import csv
import subprocess
import sys

from autograder.cli import main
from tests.reporters.classreport.classes import real_results


def test_report_writes_the_page_and_the_csv(tmp_path):
    results = real_results(tmp_path / "results")
    (results / "broken.json").write_text("{", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "autograder", "report", str(results),
                           "--html", str(tmp_path / "class.html"),
                           "--csv", str(tmp_path / "class.csv")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"Class report of 40 submissions: {tmp_path / 'class.html'}" in done.stdout
    assert "left out broken.json: not JSON" in done.stderr
    assert "<h2>C2W1</h2>" in (tmp_path / "class.html").read_text(encoding="utf-8")
    with open(tmp_path / "class.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 40 and rows[0]["key"] == "release/C2W1/C2W1_Assignment"


def test_report_defaults_to_the_results_folder(tmp_path, capsys):
    results = real_results(tmp_path / "results")
    assert main(["report", str(results)]) == 0
    assert (results / "class.html").is_file() and (results / "class.csv").is_file()
    assert main(["report", str(results)]) == 0  # its own files are no result files
    assert "Class report of 40 submissions" in capsys.readouterr().out


def test_no_folder_is_a_setup_error_and_no_result_is_told(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"autograder: Expected a folder of result files. Found no folder at "
        f"{tmp_path / 'nowhere'}.")
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty")]) == 1
    assert "Found none; the report is empty." in capsys.readouterr().err
