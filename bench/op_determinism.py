"""What TensorFlow's op determinism costs a student's training, in one run.

The grader's prelude seeds Python, NumPy and TensorFlow in the student's kernel and turns on
``tf.config.experimental.enable_op_determinism()`` so that grading a notebook twice gives
the same model. This script measures that choice on a week's reference model and CI-scale
stand-in data: each variant in a fresh process (determinism cannot be turned off once on),

- ``deterministic``: seeds + op determinism (the grader's prelude, as it is);
- ``seeded``: the same seeds, no op determinism;

running the reference notebook's cells up to its training cell, then ``fit`` for a fixed
number of epochs on the training cell's pipeline (no callback, so both train as long), and
reporting the seconds of each epoch. The first epoch also reads and caches the images.

    python bench/op_determinism.py [--assignment C2W1] [--epochs 3] [--repeats 1] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, prepare_data  # noqa: E402  (bench scripts run from the repo root)

#: Weeks whose reference trains ``create_model()`` on ``train_val_datasets()``.
NOTEBOOKS = {"C2W1": ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb",
             "C2W2": ROOT / "solutions" / "C2W2" / "C2W2_Assignment.ipynb"}
VARIANTS = ("deterministic", "seeded")

_PIPELINE = """
train_dataset, validation_dataset = train_val_datasets()
train_dataset = train_dataset.cache().shuffle(1000, seed=42).prefetch(tf.data.AUTOTUNE)
validation_dataset = validation_dataset.cache().prefetch(tf.data.AUTOTUNE)
model = create_model()
"""


def setup_cells(notebook: Path) -> list[str]:
    """The reference's code cells before its training cell, without self-checks and plots."""
    import nbformat

    cells = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        if ".fit(" in cell.source:
            return cells
        if "self_check(" not in cell.source and "plt." not in cell.source:
            cells.append(cell.source)
    raise ValueError(f"{notebook}: no training cell")


def child(assignment: str, variant: str, epochs: int) -> dict:
    """One variant, in this (fresh) process: seconds per epoch and the final accuracies."""
    from autograder.pipeline import prelude_code

    prelude = prelude_code(42)
    if variant == "seeded":
        prelude = prelude.replace("    _tf.config.experimental.enable_op_determinism()\n", "")
        assert "enable_op_determinism" not in prelude
    namespace: dict = {}
    exec(prelude, namespace)  # noqa: S102 - the grader's own prelude
    for code in setup_cells(NOTEBOOKS[assignment]):
        exec(code, namespace)  # noqa: S102 - the course's reference solution
    exec(_PIPELINE, namespace)  # noqa: S102
    keras = namespace["tf"].keras
    marks: list[float] = []

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            marks.append(time.monotonic())

        def on_epoch_end(self, epoch, logs=None):
            marks[-1] = time.monotonic() - marks[-1]

    history = namespace["model"].fit(namespace["train_dataset"], epochs=epochs,
                                     validation_data=namespace["validation_dataset"],
                                     callbacks=[Timer()], verbose=0)
    return {"epoch_seconds": [round(s, 2) for s in marks],
            "accuracy": round(history.history["accuracy"][-1], 4),
            "val_accuracy": round(history.history["val_accuracy"][-1], 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assignment", choices=sorted(NOTEBOOKS), default="C2W1")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=1,
                        help="Runs of each variant, alternating (default 1).")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.assignment, args.child, args.epochs)))
        return 0
    env, _ = prepare_data(args.assignment, bench_env())
    runs: dict[str, list[dict]] = {variant: [] for variant in VARIANTS}
    for _ in range(args.repeats):
        for variant in VARIANTS:
            with tempfile.TemporaryDirectory(prefix="bench-determinism-") as work:
                completed = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--assignment",
                     args.assignment, "--epochs", str(args.epochs), "--child", variant],
                    cwd=work, env={**env, "MPLBACKEND": "Agg"}, capture_output=True, text=True)
            if completed.returncode:
                print(completed.stdout[-2000:], completed.stderr[-4000:], file=sys.stderr)
                return 1
            run = json.loads(completed.stdout.strip().splitlines()[-1])
            runs[variant].append(run)
            later = run["epoch_seconds"][1:] or run["epoch_seconds"]
            print(f"{args.assignment} {variant:<13} epochs {run['epoch_seconds']} s "
                  f"(later epochs {statistics.mean(later):.1f} s), accuracy "
                  f"{run['accuracy']:.3f}, val_accuracy {run['val_accuracy']:.3f}", flush=True)
    mean = {variant: statistics.mean(s for run in runs[variant]
                                     for s in (run["epoch_seconds"][1:] or run["epoch_seconds"]))
            for variant in VARIANTS}
    print(f"op determinism: {mean['deterministic'] / mean['seeded']:.2f}× the seconds of an "
          f"epoch after the first ({mean['deterministic']:.1f} s against {mean['seeded']:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps({"assignment": args.assignment, "cpus": os.cpu_count(),
                                         "epochs": args.epochs, "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
