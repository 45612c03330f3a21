"""The corpus of the older (Colab) edition's Week 1: one mistake (or one valid alternative)
per notebook, named for it.

Each scenario is the older edition's reference solution (``solutions/C2W1_colab``) with a
few text edits, and the set of checks it must lose (none for a valid alternative).
``python -m tests.submissions.c2w1_colab.scenarios`` rewrites the notebooks;
`tests/e2e/test_colab_corpus.py` proves the committed files match this file and grades
each one through the CLI (``-m slow``).

`claimed_success` (the notebook's test cells rewritten to claim success) and the
``split_data`` edits are shared with Week 2's older edition, whose split is the same.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.assignments import get_assignment
from tests.submissions.scenarios import Scenario, build_scenario, write_all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
ASSIGNMENT = "C2W1_colab"
SOLUTION = ROOT / "solutions" / ASSIGNMENT / get_assignment(ASSIGNMENT).notebook
TRAIN = "train"  # the grade id of the (locked) cell that calls model.fit
#: The checks only a model trained to the end can pass: lost when training crashes.
TRAINED = frozenset({"training_reached_bars", "heldout_accuracy"})

#: split_data copies as many validation files as asked for, taken from the start of the
#: shuffled list, where the training files are: validation leakage, with the right counts.
LEAK = {"    for file_name in shuffled[training_length:]:\n":
        "    for file_name in shuffled[:len(shuffled) - training_length]:\n"}
#: split_data without its zero-length test.
KEEPS_EMPTY = {"        if os.path.getsize(os.path.join(SOURCE_DIR, file_name)) == 0:\n"
               "            print(f\"{file_name} is zero length, so ignoring.\")\n"
               "            continue\n": ""}
#: Both generators read pictures at 128×128 (the model's Input is 150×150).
SMALL_PICTURES = {"target_size=(150, 150)": "target_size=(128, 128)"}
#: Both generators give one-hot labels of two columns (the head has one unit).
ONE_HOT_LABELS = {'class_mode="binary"': 'class_mode="categorical"'}
#: The second of the three Conv2D blocks, removed.
SECOND_CONV_BLOCK = {'        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),\n'
                     "        tf.keras.layers.MaxPooling2D(2, 2),\n": ""}
#: split_data as many learners wrote it after the course's hints: paths joined by +
#: (the folders come with a trailing separator), random.shuffle, shutil.copy into a folder.
STRING_PATH_SPLIT = '''    files = []
    for file_name in os.listdir(SOURCE_DIR):
        if os.path.getsize(SOURCE_DIR + file_name) > 0:
            files.append(file_name)
        else:
            print(file_name + " is zero length, so ignoring.")
    random.shuffle(files)
    cut = int(len(files) * SPLIT_SIZE)
    for file_name in files[:cut]:
        shutil.copy(SOURCE_DIR + file_name, TRAINING_DIR)
    for file_name in files[cut:]:
        shutil.copy(SOURCE_DIR + file_name, VALIDATION_DIR)'''
REFERENCE_SPLIT = '''    files = []
    for file_name in sorted(os.listdir(SOURCE_DIR)):
        if os.path.getsize(os.path.join(SOURCE_DIR, file_name)) == 0:
            print(f"{file_name} is zero length, so ignoring.")
            continue
        files.append(file_name)
    shuffled = random.sample(files, len(files))
    training_length = int(len(shuffled) * SPLIT_SIZE)
    for file_name in shuffled[:training_length]:
        shutil.copyfile(os.path.join(SOURCE_DIR, file_name), os.path.join(TRAINING_DIR, file_name))
    for file_name in shuffled[training_length:]:
        shutil.copyfile(os.path.join(SOURCE_DIR, file_name), os.path.join(VALIDATION_DIR, file_name))'''


def claimed_success(solution: Path) -> dict[str, dict[str, str]]:
    """Edits that make every test cell of `solution` claim success without testing anything:
    each self-check line prints that all tests passed, each grader test cell's
    ``validate_check`` line prints that its check passed (the checks themselves gone)."""
    edits: dict[str, dict[str, str]] = {}
    for cell in nbformat.read(solution, as_version=4).cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        for line in cell.source.splitlines():
            if line.startswith("self_check("):
                edits.setdefault(grade_id, {})[line] = 'print("All tests passed!")'
            elif line.startswith("validate_check("):
                edits.setdefault(grade_id, {})[line] = f'print("{grade_id}: passed")'
    return edits


def claiming_tests_scenario(solution: Path) -> Scenario:
    """The scenario of `solution` with every test cell claiming success (`claimed_success`):
    graded as the reference, since the grader runs its own checks."""
    return Scenario(
        "The functions are the reference's, but every test cell was rewritten to claim "
        "success: the self-checks print 'All tests passed!', the grader's test cells print "
        "that their check passed. The grader runs its own checks, so it grades the "
        "reference.",
        claimed_success(solution))


SCENARIOS = {
    "split-copies-training-files-into-validation": Scenario(
        "split_data copies the right number of files to VALIDATION_DIR, but takes them from "
        "the start of the shuffled list, where the training files are: the validation "
        "accuracy is measured on pictures the model trained on.",
        {"split_data": LEAK},
        frozenset({"split_disjoint"})),
    "split-keeps-zero-length-files": Scenario(
        "split_data has no zero-length test: the empty files are copied, and "
        "ImageDataGenerator stops training at the batch that holds one.",
        {"split_data": KEEPS_EMPTY},
        # the split is judged on the grader's probe; training dies on the notebook's empty
        # file within its first epoch, so nothing long runs
        frozenset({"split_skips_zero_length"}) | TRAINED, trains=False),
    "generators-read-128-pixel-pictures": Scenario(
        "train_val_generators reads the pictures at target_size=(128, 128), not the "
        "(150, 150) the model's Input takes: training fails at its first batch.",
        {"train_val_generators": SMALL_PICTURES},
        frozenset({"generators_image_size"}) | TRAINED, trains=False),
    "generators-give-one-hot-labels": Scenario(
        "train_val_generators uses class_mode='categorical' (two one-hot columns) for a "
        "model with one sigmoid unit: binary_crossentropy refuses the shapes at the first "
        "batch.",
        {"train_val_generators": ONE_HOT_LABELS},
        frozenset({"generators_binary_labels"}) | TRAINED, trains=False),
    "generators-without-rescale": Scenario(
        "Neither ImageDataGenerator rescales: the model is fed raw pixels 0–255.",
        {"train_val_generators": {"ImageDataGenerator(rescale=1.0 / 255)":
                                  "ImageDataGenerator()"}},
        frozenset({"generators_rescale"}),
        # on raw pixels RMSprop may or may not find its way, depending on the machine's
        # floating point (as the current edition's no-rescaling-in-model)
        may_also_lose=TRAINED),
    "two-conv-layers": Scenario(
        "Only two Conv2D blocks.",
        {"create_model": SECOND_CONV_BLOCK},
        frozenset({"model_three_conv_layers"})),
    "test-cells-claim-success": claiming_tests_scenario(SOLUTION),
    "valid-split-with-string-paths": Scenario(
        "A valid alternative: split_data joins paths with + (the folders end in a "
        "separator), shuffles with random.shuffle and copies with shutil.copy into the "
        "folder.",
        {"split_data": {REFERENCE_SPLIT: STRING_PATH_SPLIT}}),
}


def build(name: str) -> nbformat.NotebookNode:
    """Returns the notebook of scenario `name`, made from the older Week 1's reference."""
    return build_scenario(SOLUTION, SCENARIOS[name], name)


if __name__ == "__main__":
    write_all(SCENARIOS, build, HERE)
