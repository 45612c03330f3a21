"""Week 3's data: the stand-in pictures (layout, determinism, secret held-out set) and the
InceptionV3 weights file (Keras' legacy layout, the real file winning, the cache)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.weeks.c2w3 import pretrain, standin, weights
from autograder.weeks.c2w3.standin import CLASSES, Scale, generate
from autograder.weeks.c2w3.weights import WEIGHTS_ENV, WEIGHTS_FILE, provide_weights

TINY = Scale(train=(3, 4), validation=(2, 2), heldout=(2, 3))


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(standin.SCALES, "tiny", TINY)


def _bytes(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*.png"))}


def test_standin_has_the_real_layout_and_is_deterministic(tiny, tmp_path):
    kwargs = dict(scale="tiny", seed=7, processes=1, weights=False)
    student, heldout = generate(student_dir=tmp_path / "a", heldout_dir=tmp_path / "ha",
                                heldout_secret=b"s" * 32, **kwargs)
    generate(student_dir=tmp_path / "b", heldout_dir=tmp_path / "hb",
             heldout_secret=b"t" * 32, **kwargs)
    files = _bytes(tmp_path / "a")
    assert sorted({name.rsplit("/", 1)[0] for name in files}) == [
        "train/horses", "train/humans", "validation/horses", "validation/humans"]
    assert len(files) == sum(TINY.train) + sum(TINY.validation)
    assert files == _bytes(tmp_path / "b")  # the student data: the seed alone
    assert _bytes(tmp_path / "ha") != _bytes(tmp_path / "hb")  # held-out: the secret
    assert student.images == {"horses": 5, "humans": 6} and heldout.drawn_from_secret
    from PIL import Image
    with Image.open(tmp_path / "a" / "train" / "horses" / "0.png") as picture:
        assert (picture.size, picture.mode, picture.format) == ((300, 300), "RGB", "PNG")


def test_configured_real_weights_file_wins(tmp_path, monkeypatch):
    real = tmp_path / "keras" / WEIGHTS_FILE
    real.parent.mkdir()
    real.write_bytes(b"the real file")
    monkeypatch.setenv(WEIGHTS_ENV, str(real))
    made = provide_weights(tmp_path / "data" / WEIGHTS_FILE, cache_root=tmp_path / "cache")
    assert made["origin"] == "real"
    assert (tmp_path / "data" / WEIGHTS_FILE).read_bytes() == b"the real file"


def test_standin_weights_are_made_once_and_cached(tmp_path, monkeypatch):
    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    calls = []

    def fake_standin(path, *, seed):
        calls.append(seed)
        path.write_bytes(b"pretrained")
        return {"origin": "standin", "seed": seed}

    monkeypatch.setattr(weights, "standin_weights", fake_standin)
    for course in ("one", "two"):
        made = provide_weights(tmp_path / course / WEIGHTS_FILE, seed=3,
                               cache_root=tmp_path / "cache")
        assert made == {"origin": "standin", "seed": 3}
        assert (tmp_path / course / WEIGHTS_FILE).read_bytes() == b"pretrained"
    assert calls == [3]
    cached = list((tmp_path / "cache" / "inception-standin").glob("*.json"))
    assert json.loads(cached[0].read_text())["seed"] == 3


def test_two_graders_at_once_make_the_standin_weights_once(tmp_path, monkeypatch):
    import threading
    import time

    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    calls = []

    def slow_standin(path, *, seed):
        calls.append(seed)
        time.sleep(0.5)  # long enough for the second grader to arrive while this one works
        path.write_bytes(b"pretrained")
        return {"origin": "standin", "seed": seed}

    monkeypatch.setattr(weights, "standin_weights", slow_standin)
    made = {}

    def provide(course):
        made[course] = provide_weights(tmp_path / course / WEIGHTS_FILE, seed=4,
                                       cache_root=tmp_path / "cache")

    threads = [threading.Thread(target=provide, args=(course,)) for course in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [4]
    assert made == {"one": {"origin": "standin", "seed": 4},
                    "two": {"origin": "standin", "seed": 4}}
    assert (tmp_path / "two" / WEIGHTS_FILE).read_bytes() == b"pretrained"


def test_legacy_file_loads_into_inception_v3_as_the_course_does(tmp_path):
    import h5py
    import keras

    keras.utils.set_random_seed(5)
    base = keras.applications.InceptionV3(include_top=False, weights=None,
                                          input_shape=(75, 75, 3))
    weights.write_legacy_h5(base, tmp_path / WEIGHTS_FILE)
    text = lambda name: name.decode() if isinstance(name, bytes) else name  # noqa: E731
    with h5py.File(tmp_path / WEIGHTS_FILE, "r") as file:
        names = [text(n) for n in file.attrs["layer_names"]]
        assert text(file["conv2d_1"].attrs["weight_names"][0]) == "conv2d_1/kernel:0"
    assert names[:3] == ["input_1", "conv2d_1", "batch_normalization_1"]
    assert "mixed7" in names and names.count("mixed9_0") == 1 and len(names) == len(base.layers)
    keras.utils.set_random_seed(6)
    loaded = keras.applications.InceptionV3(include_top=False, input_shape=(150, 150, 3),
                                            weights=str(tmp_path / WEIGHTS_FILE))
    for mine, theirs in zip(base.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(mine, theirs)
    keras.backend.clear_session()


def test_real_files_split_with_the_secret_and_keep_the_real_weights(tmp_path, monkeypatch):
    from autograder.weeks.c2w3.real import prepare_real

    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    source = tmp_path / "horse-or-human"
    for split, count in (("train", 10), ("validation", 2)):
        for label, name in enumerate(CLASSES):
            (source / split / name).mkdir(parents=True)
            for index in range(count):
                (source / split / name / f"{name}{index}.png").write_bytes(bytes([label, index]))
    (source / WEIGHTS_FILE).write_bytes(b"keras' file")
    layouts = []
    for secret in (b"a" * 32, b"b" * 32):
        student_dir, heldout_dir = tmp_path / secret[:1].decode() / "s", tmp_path / secret[:1].decode() / "h"
        student, heldout = prepare_real(source, student_dir=student_dir, heldout_dir=heldout_dir,
                                        heldout_secret=secret)
        assert student.images == {"horses": 11, "humans": 11}
        assert heldout.images == {"horses": 1, "humans": 1} and heldout.origin == "real"
        assert (student_dir / WEIGHTS_FILE).read_bytes() == b"keras' file"
        assert len(list((student_dir / "validation").rglob("*.png"))) == 4
        layouts.append(sorted(p.name for p in heldout_dir.rglob("*.png")))
    assert layouts[0] != layouts[1]  # the secret chooses the held-out pictures


def test_the_standin_cut_gives_sparse_features():
    """The stand-in lowers the offsets feeding mixed7 so that each of its features is
    ``max(feature - threshold, 0)``: sparse, as an ImageNet network's are."""
    import keras

    base = keras.applications.InceptionV3(include_top=False, weights=None,
                                          input_shape=(75, 75, 3))
    cut = keras.Model(base.input, base.get_layer("mixed7").output)
    images = np.random.default_rng(0).uniform(-1, 1, (2, 75, 75, 3)).astype("float32")
    before = cut.predict(images, verbose=0)

    pretrain.sparsen_cut(base, 0.5)

    after = cut.predict(images, verbose=0)
    np.testing.assert_allclose(after, np.maximum(before - 0.5, 0), atol=1e-5)
    assert (after > 0).mean() < (before > 0).mean()
    keras.backend.clear_session()


def test_each_figure_stands_out_from_the_background_under_it():
    from PIL import Image

    from autograder.weeks.c2w3.figures import _standing_out

    background = Image.new("RGB", (10, 10), (120, 120, 120))
    mask = Image.new("L", (10, 10), 255)
    grey = _standing_out((125, 118, 130), background, mask, 100)
    assert abs(np.mean(grey) - 120) >= 99  # moved away from a background of its colour
    assert _standing_out((250, 250, 250), background, mask, 100) == (250, 250, 250)
