"""Does the offline stand-in teach the week's lesson? Trains three models on it.

- ``cnn-3-conv``: the reference architecture (Rescaling, 3 × Conv2D/MaxPooling2D, Dense 512);
- ``cnn-2-conv``: the same with one block fewer;
- ``dense-only``: Rescaling, Flatten, Dense(1) — a model that ignores the lesson.

Each is trained like the assignment (batch 128, 10 % validation, RMSprop 1e-3, up to 15 epochs,
stopping at accuracy ≥ 0.95 and val_accuracy ≥ 0.80) and scored on the held-out images.

    python bench/data_learnability.py [--scale ci|full] [--seeds 42 7]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def build(kind: str):
    import keras

    layers = keras.layers
    blocks = {"cnn-3-conv": (16, 32, 64), "cnn-2-conv": (16, 32), "dense-only": ()}[kind]
    body = [layer for filters in blocks for layer in
            (layers.Conv2D(filters, 3, activation="relu"), layers.MaxPooling2D())]
    head = [layers.Flatten()] + ([layers.Dense(512, activation="relu")] if blocks else [])
    model = keras.Sequential([keras.Input((150, 150, 3)), layers.Rescaling(1 / 255), *body, *head,
                              layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def train(kind: str, clean: Path, heldout: Path, seed: int) -> dict:
    import keras

    keras.utils.set_random_seed(seed)
    train_ds, val_ds = keras.utils.image_dataset_from_directory(
        clean, image_size=(150, 150), batch_size=128, label_mode="binary", validation_split=0.1,
        subset="both", seed=42, verbose=False)
    held = keras.utils.image_dataset_from_directory(heldout, image_size=(150, 150),
                                                    label_mode="binary", shuffle=False,
                                                    verbose=False)

    class Bars(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if logs["accuracy"] >= 0.95 and logs["val_accuracy"] >= 0.80:
                self.model.stop_training = True

    model = build(kind)
    started = time.monotonic()
    history = model.fit(train_ds.cache().shuffle(1000, seed=seed).prefetch(-1),
                        validation_data=val_ds.cache().prefetch(-1), epochs=15,
                        callbacks=[Bars()], verbose=0).history
    seconds = time.monotonic() - started
    epochs = len(history["loss"])
    reached = history["accuracy"][-1] >= 0.95 and history["val_accuracy"][-1] >= 0.80
    return {"epochs": epochs, "reached_bars": reached, "train": history["accuracy"][-1],
            "val": history["val_accuracy"][-1], "heldout": model.evaluate(held, verbose=0)[1],
            "s_per_epoch": seconds / epochs, "seconds": seconds}


def main() -> None:
    from autograder.weeks.c2w1.standin import generate
    from autograder.data.clean_view import link_clean_copy

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="ci", choices=("ci", "full"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 7])
    parser.add_argument("--models", nargs="+", default=["cnn-3-conv", "cnn-2-conv", "dense-only"])
    args = parser.parse_args()
    print(f"{'data seed':>9} {'model':<11} {'epochs':>6} {'bars':>5} {'train':>6} {'val':>6} "
          f"{'held-out':>8} {'s/epoch':>8}")
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as scratch:
            base = Path(scratch)
            student, _ = generate(student_dir=base / "s", heldout_dir=base / "h", scale=args.scale,
                                  seed=seed)
            clean = link_clean_copy(base / "s" / "PetImages", set(student.bad_files), base / "c")
            for kind in args.models:
                row = train(kind, clean, base / "h" / "PetImages", seed)
                print(f"{seed:>9} {kind:<11} {row['epochs']:>6} {str(row['reached_bars']):>5} "
                      f"{row['train']:>6.3f} {row['val']:>6.3f} {row['heldout']:>8.3f} "
                      f"{row['s_per_epoch']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
