"""Week 3's older (Colab) edition: its checks on real InceptionV3 models and
ImageDataGenerator iterators built in this process from the older course's functions (no
kernel, no training): the older reference keeps every point that needs no training, and
each mistake loses exactly its own."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.artifacts import GradingData, export_artifacts, load_artifacts
from autograder.assignments import get_assignment
from autograder.checks import run_checks
from autograder.weeks.c2w3.figures import draw_figure
from autograder.weeks.c2w3.standin import CLASSES, DATASET, SPLITS
from autograder.weeks.c2w3.weights import WEIGHTS_FILE
from tests.weeks.c2w3_helpers import write_quick_weights

SPEC = get_assignment("C2W3_colab")
BUILT = {"datasets", "created_model", "fresh_base", "callback"}
STRUCTURAL = [c for c in SPEC.checks if set(c.needs) <= BUILT]

#: The older course's graded functions and the cells that call them, as its notebook has them.
GENERATORS = '''
def train_val_generators(TRAINING_DIR, VALIDATION_DIR):
    train_datagen = ImageDataGenerator(rescale=1./255, rotation_range=40, width_shift_range=0.2,
                                       height_shift_range=0.2, shear_range=0.2, zoom_range=0.2,
                                       horizontal_flip=True, fill_mode='nearest')
    train_generator = train_datagen.flow_from_directory(
        directory=TRAINING_DIR, batch_size=32, class_mode='binary', target_size=(150, 150))
    validation_datagen = ImageDataGenerator(rescale=1./255)
    validation_generator = validation_datagen.flow_from_directory(
        directory=VALIDATION_DIR, batch_size=20, class_mode='binary', target_size=(150, 150))
    return train_generator, validation_generator
'''
BASE = '''
def create_pre_trained_model(local_weights_file):
    pre_trained_model = InceptionV3(input_shape=(150, 150, 3), include_top=False, weights=None)
    pre_trained_model.load_weights(local_weights_file)
    for layer in pre_trained_model.layers:
        layer.trainable = False
    return pre_trained_model

pre_trained_model = create_pre_trained_model(local_weights_file)
'''
CUT = '''
def output_of_last_layer(pre_trained_model):
    last_desired_layer = pre_trained_model.get_layer('mixed7')
    last_output = last_desired_layer.output
    return last_output

last_output = output_of_last_layer(pre_trained_model)
'''
FINAL = '''
def create_final_model(pre_trained_model, last_output):
    x = layers.Flatten()(last_output)
    x = layers.Dense(1024, activation='relu')(x)
    x = layers.Dropout(0.2)(x)
    x = layers.Dense(1, activation='sigmoid')(x)
    model = Model(inputs=pre_trained_model.input, outputs=x)
    model.compile(optimizer=RMSprop(learning_rate=0.0001), loss='binary_crossentropy',
                  metrics=['accuracy'])
    return model
'''
CALLBACK = '''
class myCallback(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs={}):
        if logs.get('accuracy') > 0.999:
            print("\\nReached 99.9% accuracy so cancelling training!")
            self.model.stop_training = True
'''
IMPORTS = '''
import tensorflow as tf
from tensorflow.keras import Model, layers
from tensorflow.keras.applications.inception_v3 import InceptionV3
from tensorflow.keras.optimizers import RMSprop
ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator
'''
FUNCTIONS = {"generators": GENERATORS, "base": BASE, "cut": CUT, "final": FINAL,
             "callback": CALLBACK}

#: Each mistake: (function, the reference's text, the mistake's) and the checks it loses.
MISTAKES = {
    "no-rescaling": ("generators", [("ImageDataGenerator(rescale=1./255, rotation_range",
                                     "ImageDataGenerator(rotation_range")],
                     {"generators_rescale"}),
    "no-augmentation": ("generators", [(", rotation_range=40, width_shift_range=0.2,\n"
                                        "                                       height_shift_"
                                        "range=0.2, shear_range=0.2, zoom_range=0.2,\n"
                                        "                                       horizontal_"
                                        "flip=True, fill_mode='nearest'", "")],
                        {"generators_augment_training"}),
    "validation-augmented": ("generators", [("ImageDataGenerator(rescale=1./255)",
                                             "ImageDataGenerator(rescale=1./255, "
                                             "horizontal_flip=True)")],
                             {"generators_augment_training"}),
    "categorical-labels": ("generators", [("class_mode='binary'", "class_mode='categorical'")],
                           {"generators_read_folders"}),
    "pictures-at-300": ("generators", [("target_size=(150, 150))", "target_size=(300, 300))")],
                        {"generators_read_folders"}),
    "weights-not-loaded": ("base", [("    pre_trained_model.load_weights(local_weights_file)\n",
                                     "")], {"base_weights_from_file"}),
    "base-left-trainable": ("base", [("        layer.trainable = False\n", "        pass\n")],
                            {"base_frozen", "parameter_counts"}),
    "cut-at-mixed6": ("cut", [("'mixed7'", "'mixed6'")], {"cut_at_mixed7", "parameter_counts"}),
    "no-dropout": ("final", [("    x = layers.Dropout(0.2)(x)\n", "")], {"head_dropout"}),
    "learning-rate-1e-3": ("final", [("learning_rate=0.0001", "learning_rate=0.001")],
                           {"learning_rate"}),
    "callback-at-0.99": ("callback", [("> 0.999", "> 0.99")], {"callback_stops_at_bar"}),
    "callback-never-stops": ("callback", [("            self.model.stop_training = True\n",
                                           "            pass\n")], {"callback_stops_at_bar"}),
}


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    """A tiny course: 3 pictures per class and split, and a weights file no Keras
    initialisation can reproduce."""
    folder = tmp_path_factory.mktemp("c2w3-colab") / DATASET
    for split in SPLITS:
        for label, name in enumerate(CLASSES):
            (folder / split / name).mkdir(parents=True)
            for index in range(3):
                draw_figure(np.random.default_rng([label, index]), label, 150).save(
                    folder / split / name / f"{index}.png")
    write_quick_weights(folder)
    return folder


def _structure(student_dir, out, functions) -> dict:
    """Runs the older notebook's cells (`functions`, code by name) here, exports what they
    build as the grader does, runs the checks that need no training; returns {check id:
    result}."""
    import keras

    namespace = {"train_dir": str(student_dir / "train"),
                 "validation_dir": str(student_dir / "validation"),
                 "local_weights_file": str(student_dir / WEIGHTS_FILE)}
    for code in (IMPORTS, *functions.values()):
        exec(code, namespace)  # noqa: S102 - this module's own code or our public copy
    fixtures = {f.artifact: f.place(out.parent / "fixtures", out, 0) for f in SPEC.fixtures}
    export_artifacts(namespace, out, "C2W3_colab", only=BUILT, fixtures=fixtures)
    data = GradingData(student_manifest=None, student_images_dir=student_dir, heldout_dir=None,
                       fixtures=fixtures)
    artifacts = load_artifacts(out, data=data, settings=None, rules=SPEC.rules,
                               exporters={a.name: a.exporter for a in SPEC.artifacts})
    results = run_checks(STRUCTURAL, artifacts)
    keras.backend.clear_session()
    return {r.check_id: r for r in results}


def test_the_edition_has_its_own_rubric_of_21_points():
    assert SPEC.name == "C2W3_colab" and SPEC.max_score == 21 == get_assignment("C2W3").max_score
    assert {c.id for c in STRUCTURAL} == {c.id for c in SPEC.checks} - {
        "training_reached_bar", "heldout_accuracy"}
    assert "inception_preprocessing" not in {c.id for c in SPEC.checks}


def test_the_older_reference_keeps_every_structural_point(student_dir, tmp_path):
    results = _structure(student_dir, tmp_path, FUNCTIONS)
    assert {k: r.feedback for k, r in results.items() if r.status != "passed"} == {}
    assert set(results) == {c.id for c in STRUCTURAL}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_mistake_loses_exactly_its_points(name, student_dir, tmp_path):
    function, edits, loses = MISTAKES[name]
    code = FUNCTIONS[function]
    for old, new in edits:
        assert old in code, old
        code = code.replace(old, new)
    results = _structure(student_dir, tmp_path, {**FUNCTIONS, function: code})
    lost = {k for k, r in results.items() if r.status != "passed"}
    assert lost == loses, {k: results[k].feedback for k in lost}
    for check_id in lost:
        feedback = results[check_id].feedback
        assert feedback.startswith("Expected") and "How to fix" in feedback, feedback


def test_messages_speak_of_this_editions_callback_and_rate():
    titles = {c.id: c.title for c in SPEC.checks}
    assert titles["callback_stops_at_bar"].startswith("myCallback")
    assert titles["learning_rate"].endswith("RMSprop(learning_rate=1e-4)")
    assert get_assignment("C2W3").check("learning_rate").title.endswith("(learning_rate=1e-5)")


def test_training_advice_speaks_of_this_editions_pixels(monkeypatch):
    """A model of this edition that misses a bar is never told to use preprocess_input (it
    would lose the rescaling point); one fed raw pixels is told to rescale by 1/255."""
    from types import SimpleNamespace

    import autograder.weeks.c2w3.training as week3
    from autograder.weeks.c2w3.colab import _LESSON
    from autograder.weeks.c2w3.scoring import RAW, UNIT

    def advice(scaling, lesson):
        monkeypatch.setattr(week3, "input_scaling", lambda artifacts: scaling)
        monkeypatch.setattr(week3, "model_anatomy", lambda artifacts, name: SimpleNamespace(
            trainable_base_weights=0, cut="mixed7", preprocessing=()))
        artifacts = SimpleNamespace(rules=SPEC.rules)
        return week3._advice(artifacts, SPEC.rules.max_epochs, lesson)

    sound = advice(UNIT, _LESSON)
    assert "preprocess_input" not in sound and "already follows the lesson" in sound
    assert "rescale the pictures by 1/255" in advice(RAW, _LESSON)
    assert "preprocess_input" in advice(UNIT, week3.Lesson())  # the current edition's words


def test_the_public_older_notebook_keeps_every_structural_point(student_dir, tmp_path):
    """The course's own older notebook (our copy, ``tests/compat/``), its cells up to the one
    that trains, its download cells left to the sandbox: graded as this edition, its graded
    functions keep every point (as the current edition it lost four)."""
    from tests.compat.public_generation_c2w3 import build_older

    cells = [c.source for c in build_older().cells if c.cell_type == "code"
             and "download" not in c.metadata.get("tags", [])]
    cells = cells[:next(i for i, code in enumerate(cells) if ".fit(" in code)]
    results = _structure(student_dir, tmp_path, dict(enumerate(cells)))
    assert {k: r.feedback for k, r in results.items() if r.status != "passed"} == {}
