"""Does the stand-in InceptionV3 teach Week 3's lesson? (``python bench/c2w3_standin_weights.py``)

Makes the stand-in weights (timed; or reads ``--weights``), the full-scale stand-in pictures
(1,027 training / 256 validation, 256 held-out), and trains the course's head (mixed7 →
Flatten → Dense(1024, relu) → Dropout(0.2) → Dense(1, sigmoid), RMSprop 1e-5, batch 32) on
a frozen base — the stand-in's, then a random one — for up to 10 epochs with the course's
callback (training accuracy > 0.999), and scores the held-out pictures. The frozen base is
run once per picture (its features are cached): the same training as the notebook's, since
a frozen base in inference mode gives the same features every epoch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _pictures(folder: Path, classes=("horses", "humans")):
    import keras

    images, labels = [], []
    for label, name in enumerate(classes):
        for path in sorted((folder / name).glob("*.png")):
            images.append(np.asarray(keras.utils.load_img(path, target_size=(150, 150)), "float32"))
            labels.append(label)
    return keras.applications.inception_v3.preprocess_input(np.stack(images)), np.array(labels)


def _head_run(features, labels, seed: int, epochs: int = 10):
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input(features[0].shape[1:])
    x = keras.layers.Flatten()(inputs)
    x = keras.layers.Dense(1024, activation="relu")(x)
    x = keras.layers.Dropout(0.2)(x)
    head = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
    head.compile(keras.optimizers.RMSprop(1e-5), "binary_crossentropy", metrics=["accuracy"])
    history = []
    for _ in range(epochs):
        fitted = head.fit(features[0], labels[0], batch_size=32, epochs=1, verbose=0,
                          validation_data=(features[1], labels[1]))
        history.append((fitted.history["accuracy"][0], fitted.history["val_accuracy"][0]))
        if history[-1][0] > 0.999:
            break
    heldout = head.evaluate(features[2], labels[2], verbose=0)[1]
    return len(history), history[-1], heldout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=Path, help="an existing weights file")
    parser.add_argument("--data", type=Path, help="folder for the stand-in pictures")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scale", choices=["ci", "full"], default="full",
                        help="size of the stand-in pictures (default: full, the real set's)")
    parser.add_argument("--epochs", type=int, default=10,
                        help="most epochs per training (the notebook's: 20)")
    args = parser.parse_args()
    import keras

    from autograder.weeks.c2w3.standin import generate
    from autograder.weeks.c2w3.weights import standin_weights

    work = Path(tempfile.mkdtemp(prefix="c2w3-bench-"))
    weights = args.weights or work / "standin.h5"
    if not weights.is_file():
        made = standin_weights(weights)
        print(f"stand-in weights made in {made['seconds']} s (sha256 {made['sha256'][:12]})")
    data = args.data or work / "data"
    if not (data / "student" / "manifest.json").is_file():
        generate(student_dir=data / "student", heldout_dir=data / "heldout", scale=args.scale,
                 heldout_secret=b"bench-secret".ljust(32, b"."), weights=False)
    splits = [_pictures(data / "student" / "train"), _pictures(data / "student" / "validation"),
              _pictures(data / "heldout")]
    print("| frozen base | seed | epochs | final train / val | held-out |")
    print("| --- | ---: | ---: | --- | ---: |")
    for name in ("stand-in", "random"):
        keras.utils.set_random_seed(0)
        base = keras.applications.InceptionV3(include_top=False, weights=None,
                                              input_shape=(150, 150, 3))
        if name == "stand-in":
            base.load_weights(str(weights))
        cut = keras.Model(base.input, base.get_layer("mixed7").output)
        started = time.monotonic()
        features = [cut.predict(images, batch_size=32, verbose=0) for images, _ in splits]
        print(f"<!-- {name}: features in {time.monotonic() - started:.0f} s, "
              f"mean {features[0].mean():.4f}, std {features[0].std():.4f} -->")
        for seed in args.seeds:
            epochs, (train, val), heldout = _head_run(features, [s[1] for s in splits], seed,
                                                      args.epochs)
            print(f"| {name} | {seed} | {epochs} | {train:.3f} / {val:.3f} | {heldout:.3f} |",
                  flush=True)


if __name__ == "__main__":
    main()
