"""The corpus of wrong Week 1 submissions: one mistake per notebook, named for it.

Each scenario is the reference solution with a few text edits, and the set of checks it
must lose (no more, no fewer). ``python -m tests.submissions.scenarios`` rewrites the
notebooks; `tests/e2e/test_corpus.py` proves the committed files match this file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOLUTION = ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb"
TRAINING = "training"  # the (unlocked) cell that calls model.fit
FEW_EPOCHS = {"epochs=15": "epochs=3"}  # a model that cannot learn needs no 15 epochs to show it
#: The reference's one call that makes both splits (two scenarios replace it).
DATASETS_CALL = '''    train_dataset, validation_dataset = tf.keras.utils.image_dataset_from_directory(
        directory=DATA_DIR,
        image_size=(150, 150),
        batch_size=128,
        label_mode="binary",
        validation_split=0.1,
        subset="both",
        seed=42,
    )'''


@dataclass(frozen=True)
class Scenario:
    what: str
    """The mistake, in a student's terms."""
    edits: dict[str, dict[str, str]]
    """Per cell (grade id, or TRAINING): text replacements; each must match."""
    loses: frozenset[str] = field(default_factory=frozenset)
    """Ids of exactly the checks this submission must fail."""
    may_also_lose: frozenset[str] = field(default_factory=frozenset)
    """Checks either verdict of which is right: whether this model reaches the bars depends
    on the machine's floating point, not on the grader."""
    trains: bool = True
    """Whether the notebook trains a model for several epochs (its test is then slow)."""


SCENARIOS = {
    "no-rescaling-in-model": Scenario(
        "Rescaling is left out: the model is fed raw pixels 0–255.",
        {"create_model": {"        tf.keras.layers.Rescaling(1.0 / 255),\n": ""}},
        frozenset({"model_rescaling_first"}),
        # on raw pixels RMSprop may or may not find its way, depending on the machine
        may_also_lose=frozenset({"training_reached_bars", "heldout_accuracy"})),
    "softmax-one-unit": Scenario(
        "The head is Dense(1, activation='softmax'), which always outputs 1.0.",
        {"create_model": {'Dense(1, activation="sigmoid")': 'Dense(1, activation="softmax")'},
         TRAINING: FEW_EPOCHS},
        frozenset({"model_binary_head", "training_reached_bars", "heldout_accuracy"})),
    "categorical-loss-one-unit": Scenario(
        "loss='categorical_crossentropy' on a one-unit sigmoid head: the loss is always 0 and "
        "nothing is learnt.",
        {"create_model": {'loss="binary_crossentropy"': 'loss="categorical_crossentropy"'},
         TRAINING: FEW_EPOCHS},
        frozenset({"model_loss_matches_head", "training_reached_bars", "heldout_accuracy"})),
    "linear-head-loss-without-from-logits": Scenario(
        "The head is Dense(1) with no activation (it outputs logits), compiled with "
        "loss='binary_crossentropy', which takes its outputs as probabilities.",
        {"create_model": {'Dense(1, activation="sigmoid")': "Dense(1)"}, TRAINING: FEW_EPOCHS},
        frozenset({"model_binary_head", "model_loss_matches_head", "training_reached_bars"}),
        # three epochs of a loss clipped to [1e-7, 1 - 1e-7] may or may not reach 0.80
        may_also_lose=frozenset({"heldout_accuracy"}), trains=False),
    "two-conv-layers": Scenario(
        "Only two Conv2D layers.",
        {"create_model": {'        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n': ""}},
        frozenset({"model_three_conv_layers"})),
    "dense-only-ignores-convolutions": Scenario(
        "A single Dense layer on raw pixels: the model ignores the week's lesson.",
        {"create_model": {'        tf.keras.layers.Conv2D(16, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n'
                          '        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n'
                          '        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),\n'
                          '        tf.keras.layers.MaxPooling2D(2, 2),\n': "",
                          '        tf.keras.layers.Dense(512, activation="relu"),\n': ""}},
        frozenset({"model_three_conv_layers", "training_reached_bars", "heldout_accuracy"})),
    "callback-strict-greater": Scenario(
        "The callback compares with > instead of >=, so it misses the exact bars.",
        {"callback": {'>= 0.95': '> 0.95', '>= 0.80': '> 0.80'}},
        frozenset({"callback_stops_at_bars"})),
    "overlapping-splits": Scenario(
        "Training and validation come from two calls with different seeds, so they overlap.",
        {"train_val_datasets": {
            DATASETS_CALL: '''    common = dict(directory=DATA_DIR, image_size=(150, 150), batch_size=128,
                  label_mode="binary", validation_split=0.1)
    train_dataset = tf.keras.utils.image_dataset_from_directory(subset="training", seed=1, **common)
    validation_dataset = tf.keras.utils.image_dataset_from_directory(
        subset="validation", seed=2, **common)'''}},
        frozenset({"datasets_disjoint"})),
    "only-zero-length-dropped": Scenario(
        "clean_images drops zero-length files but never tries to decode the others, so "
        "files that are not images reach training, which crashes.",
        {"clean_images": {"            try:\n                with Image.open(path) as image:\n"
                          "                    image.load()\n                    readable = "
                          'image.format in ("JPEG", "PNG", "GIF", "BMP")\n            except '
                          "Exception:\n                readable = False\n":
                          "            readable = True\n"}},
        frozenset({"clean_images_drops_bad_files", "datasets_exclude_dirty_files",
                   "training_reached_bars", "heldout_accuracy"}), trains=False),
    "no-cleaning-zero-byte-files-kept": Scenario(
        "clean_images copies the whole folder: zero-byte files, broken files and Thumbs.db "
        "are all kept, and training crashes.",
        {"clean_images": {"    copied = 0\n": "    shutil.copytree(source_dir, clean_dir, "
                          "dirs_exist_ok=True)\n    return sum(len(files) for _, _, files in "
                          "os.walk(clean_dir))\n    copied = 0\n"}},
        frozenset({"clean_images_drops_bad_files", "datasets_exclude_dirty_files",
                   "training_reached_bars", "heldout_accuracy"}), trains=False),
    "cleaning-deletes-from-source": Scenario(
        "clean_images deletes the zero-length and unreadable files from the source folder "
        "instead of only leaving them out of the copy. The data is writable in the sandbox, "
        "as at home, so the notebook runs on: the mistake costs its one point, no more.",
        {"clean_images": {
            'print(f"{file_name} is zero length, so ignoring.")\n':
            'print(f"{file_name} is zero length, so ignoring.")\n'
            "                os.remove(path)\n",
            'print(f"{file_name} is not a readable image, so ignoring.")\n':
            'print(f"{file_name} is not a readable image, so ignoring.")\n'
            "                os.remove(path)\n"}},
        frozenset({"clean_images_keeps_good_files"})),
    "cleaning-copies-nothing": Scenario(
        "clean_images makes the class folders and counts the images but never copies one, "
        "so the datasets find no image and nothing trains. Copying nothing is charged once "
        "in the cleaning checks (the good images are missing); leaving out bad files is not "
        "judged on an empty folder.",
        {"clean_images": {
            "            shutil.copyfile(path, os.path.join(clean_class, file_name))\n": ""}},
        frozenset({"clean_images_keeps_good_files", "datasets_image_size",
                   "datasets_binary_labels", "datasets_split_sizes", "datasets_disjoint",
                   "datasets_exclude_dirty_files", "training_reached_bars",
                   "heldout_accuracy"}), trains=False),
    "rescaling-in-legacy-generator-not-in-model": Scenario(
        "The older course's way: ImageDataGenerator(rescale=1/255) with flow_from_directory "
        "feeds the model, which has no Rescaling layer of its own. Everything else is right, "
        "so only the Rescaling check is lost (the held-out images get the same rescale).",
        {"train_val_datasets": {
            DATASETS_CALL: '''    generator = tf.keras.preprocessing.image.ImageDataGenerator(
        rescale=1.0 / 255, validation_split=0.1)
    common = dict(target_size=(150, 150), batch_size=128, class_mode="binary", seed=42)
    train_dataset = generator.flow_from_directory(DATA_DIR, subset="training", **common)
    validation_dataset = generator.flow_from_directory(DATA_DIR, subset="validation",
                                                       **common)'''},
         "look": {"next(iter(train_dataset.take(1)))": "train_dataset[0]",
                  'axis.imshow(image.numpy().astype("uint8"))': "axis.imshow(image)",
                  "label[0] == 1": "label == 1"},
         "create_model": {"        tf.keras.layers.Rescaling(1.0 / 255),\n": ""},
         TRAINING: {"train_dataset = train_dataset.cache().shuffle(1000, seed=42)"
                    ".prefetch(tf.data.AUTOTUNE)\nvalidation_dataset = validation_dataset"
                    ".cache().prefetch(tf.data.AUTOTUNE)\n": ""}},
        frozenset({"model_rescaling_first"})),
    "untrained-model": Scenario(
        "The model is built but never trained.",
        {TRAINING: {"history = model.fit(\n    train_dataset,":
                    "fit_arguments = dict(  # model.fit was never called\n    x=train_dataset,"}},
        frozenset({"training_reached_bars", "heldout_accuracy"}), trains=False),
}


def apply_edits(notebook, edits: dict[str, dict[str, str]], name: str) -> None:
    """Applies per-cell text replacements (cells named by grade id or `TRAINING`).

    Raises:
        ValueError: if a replacement no longer matches, or names no cell.
    """
    pending = {key: dict(cell_edits) for key, cell_edits in edits.items()}
    for cell in notebook.cells:
        for old, new in pending.pop(cell_key(cell), {}).items():
            if old not in cell.source:
                raise ValueError(f"{name}: {old!r} not found in cell {cell_key(cell)}")
            cell.source = cell.source.replace(old, new)
    if pending:
        raise ValueError(f"{name}: no cell for {sorted(pending)}")


def cell_key(cell) -> str | None:
    """The key edits name `cell` by: its nbgrader grade id, `TRAINING` for the cell that
    calls model.fit, else None."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("grade_id"):
        return meta["grade_id"]
    if cell.cell_type == "code" and "history = model.fit(" in cell.source:
        return TRAINING
    return None


def build_scenario(solution: Path, scenario: Scenario, name: str) -> nbformat.NotebookNode:
    """Returns the notebook of `scenario` (called `name`), made from `solution`.

    Raises:
        ValueError: if an edit no longer matches the solution (the corpus is stale).
    """
    notebook = copy.deepcopy(nbformat.read(solution, as_version=4))
    apply_edits(notebook, scenario.edits, name)
    notebook.metadata["autograder_scenario"] = {"name": name, "what": scenario.what,
                                                "loses": sorted(scenario.loses)}
    return notebook


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of Week 1 scenario `name`, made from the reference solution."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


def write_all(scenarios=SCENARIOS, make=build, folder: Path = HERE) -> None:
    """Writes each scenario's notebook, made by `make`, into `folder` as ``<name>.ipynb``."""
    for name in scenarios:
        nbformat.write(make(name), folder / f"{name}.ipynb")


if __name__ == "__main__":
    write_all()
