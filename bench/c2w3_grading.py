"""Time, peak memory and artifact sizes of grading one Week 3 submission, in one run.

- ``autograder-trained``: ``autograder grade`` (trained mode, sandboxed kernel): the notebook
  trains its head once, the grader scores the saved model;
- ``bare-load-predict``: only loading that saved ``.keras`` and predicting the held-out
  pictures (the floor of scoring a saved model);
- ``nbgrader-autograde`` (``--nbgrader``): plain ``nbgrader autograde`` of the same notebook.

Peak memory is the largest resident memory of the command's whole process tree, sampled every
0.1 s (`bench.grading_modes.measure`). Uses the course's data settings (``autograder data
C2W3`` first).

    python bench/c2w3_grading.py [--submission NOTEBOOK] [--nbgrader]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.grading_modes import _nbgrader_score, measure  # noqa: E402

SOLUTION = ROOT / "solutions" / "C2W3" / "C2W3_Assignment.ipynb"
PREDICT = """
import sys, keras
from autograder.config import load_settings
from autograder.weeks.c2w3.scoring import INCEPTION, score_folder
settings = load_settings()
model = keras.models.load_model(sys.argv[1], compile=False, safe_mode=True)
print(score_folder(model, settings.heldout_root / "horse_or_human",
                   class_names=["horses", "humans"], scaling=INCEPTION))
"""


def _nbgrader_course(scratch: Path, submission: Path, env: dict) -> tuple[Path, list[str]]:
    """A course folder with the submission as student ``bench``'s C2W3."""
    import shutil
    import subprocess

    course = scratch / "course"
    course.mkdir()
    shutil.copytree(ROOT / "source", course / "source")
    for name in ("nbgrader_config.py", "autograder.toml"):
        shutil.copy(ROOT / name, course / name)
    nbgrader = [sys.executable, "-m", "nbgrader"]
    for args in (["generate_assignment", "C2W3"], ["db", "student", "add", "bench"]):
        subprocess.run(nbgrader + args, cwd=course, env=env, check=True, capture_output=True)
    target = course / "submitted" / "bench" / "C2W3"
    target.mkdir(parents=True)
    shutil.copy(submission, target / "C2W3_Assignment.ipynb")
    return course, nbgrader + ["autograde", "C2W3"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submission", type=Path, default=SOLUTION)
    parser.add_argument("--nbgrader", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    scratch = Path(tempfile.mkdtemp(prefix="c2w3-grading-"))
    work = scratch / "work"
    env["AUTOGRADER_WORK_ROOT"] = str(work)
    rows = {}
    out = scratch / "result.json"
    rows["autograder-trained"] = measure(
        [sys.executable, "-m", "autograder", "grade", str(args.submission), "--assignment",
         "C2W3", "--json", str(out), "--quiet", "--keep-work"], cwd=ROOT, env=env)
    result = json.loads(out.read_text()) if out.is_file() else {}
    rows["autograder-trained"]["score"] = f"{result.get('score')}/{result.get('max_score')}"
    rows["autograder-trained"]["timings"] = result.get("timings")
    models = sorted(work.rglob("*.keras"))
    rows["artifacts_mib"] = {p.name: round(p.stat().st_size / 2**20, 1) for p in models}
    trained = next((p for p in models if p.name == "trained_model.keras"), None)
    if trained is not None:
        rows["bare-load-predict"] = measure([sys.executable, "-c", PREDICT, str(trained)],
                                            cwd=ROOT, env=env)
    if args.nbgrader:
        course, command = _nbgrader_course(scratch, args.submission, env)
        rows["nbgrader-autograde"] = {**measure(command, cwd=course, env=env),
                                      "score": _nbgrader_score(course)}
    for row in rows.values():
        if isinstance(row, dict):
            row.pop("output_tail", None) if row.get("exit_code") == 0 else None
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
