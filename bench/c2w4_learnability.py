"""Week 4's stand-in teaches the lesson: a small CNN learns the hand signs, a dense layer on
raw pixels does not reach the held-out bar.

    python bench/c2w4_learnability.py [--scale ci|full] [--seed 42] [--epochs 15]

Generates the stand-in in a temporary folder and trains, as the assignment does (batch 32,
pixels rescaled in the model), the reference CNN (2 × Conv2D) and a Dense-only model; prints
training, validation and held-out accuracy and seconds per epoch.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np


def _models(keras):
    def cnn():
        return keras.Sequential([
            keras.Input((28, 28, 1)), keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(),
            keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(26, activation="softmax")])

    def dense():
        return keras.Sequential([
            keras.Input((28, 28, 1)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"), keras.layers.Dense(26, activation="softmax")])

    return {"reference CNN (2 × Conv2D)": cnn, "Flatten, Dense(128), Dense(26)": dense}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="ci")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--epochs", type=int, default=15)
    args = parser.parse_args()
    import keras

    from autograder.data.csv_images import read_csv_images
    from autograder.weeks.c2w4 import standin

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        standin.generate(student_dir=root / "s", heldout_dir=root / "h", scale=args.scale,
                         seed=args.seed, heldout_secret=bytes(32))
        data = {name: read_csv_images(path) for name, path in (
            ("train", root / "s" / standin.FOLDER / standin.TRAIN_CSV),
            ("val", root / "s" / standin.FOLDER / standin.TEST_CSV),
            ("heldout", root / "h" / standin.FOLDER / standin.HELDOUT_CSV))}
    for name, make in _models(keras).items():
        keras.utils.set_random_seed(args.seed)
        model = make()
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        x, y = data["train"]
        started = time.monotonic()
        model.fit(x[..., None], y, batch_size=32, epochs=args.epochs, verbose=0,
                  validation_data=(data["val"][0][..., None], data["val"][1]))
        per_epoch = (time.monotonic() - started) / args.epochs
        scores = {split: float(np.mean(model.predict(images[..., None], verbose=0).argmax(-1)
                                       == labels)) for split, (images, labels) in data.items()}
        print(f"{args.scale} seed={args.seed} {name}: train {scores['train']:.3f} val "
              f"{scores['val']:.3f} held-out {scores['heldout']:.3f} {per_epoch:.1f} s/epoch",
              flush=True)


if __name__ == "__main__":
    main()
