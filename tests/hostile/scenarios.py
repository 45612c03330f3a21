"""The corpus of hostile and broken Week 1 submissions: one attack per notebook, named for it.

Each scenario is the untouched release notebook, the reference solution or a minimal
notebook, with the cells of one attack (`tests/hostile/cells.py`), and says what the
grader must make of it: the points it may get at most (or exactly), the checks it must
lose, what its student feedback must say, and that it is graded (always: a batch never
stops). ``python -m tests.hostile.scenarios`` rewrites the notebooks;
`tests/e2e/test_hostile.py` proves the committed files match and grades them all.

Where an attack still gets points it should not, `gets_through` says which and why: the
test checks that it gets no more than that.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tests.hostile import cells as c
from tests.submissions.scenarios import TRAINING, apply_edits, cell_key

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOLUTION = ROOT / "solutions" / "C2W1" / "C2W1_Assignment.ipynb"
RELEASE = ROOT / "release" / "C2W1" / "C2W1_Assignment.ipynb"
CLEANING = ("clean_images_drops_bad_files", "clean_images_keeps_good_files")
DATASETS = ("datasets_image_size", "datasets_binary_labels", "datasets_split_sizes",
            "datasets_disjoint", "datasets_exclude_dirty_files")
CALLBACK = ("callback_is_working_keras_callback", "callback_stops_at_bars",
            "callback_keeps_training_below_bars")
TRAINED = ("training_reached_bars", "heldout_accuracy")
ARCHITECTURE = ("model_input_shape", "model_rescaling_first", "model_three_conv_layers",
                "model_binary_head", "model_loss_matches_head", "model_accuracy_metric")
MALFORMED = "not in the form the grader's own export writes"
NOT_PRODUCED = "could not be checked because the notebook did not produce it"
READ_ONLY = "Read-only file system"
#: A clean_images() that copies nothing (it "leaves out every bad file").
COPIES_NOTHING = {"clean_images": {"    # YOUR CODE HERE\n    raise NotImplementedError()":
                                   "    return 0"}}


@dataclass(frozen=True)
class Scenario:
    what: str
    """What the submission tries, in a student's terms."""
    base: str
    """``"release"``, ``"reference"``, ``"minimal"`` (only its own cells) or ``"file"``."""
    cells: tuple[str, ...] = ()
    """Code cells added: all the cells of a minimal notebook, else inserted at `at`."""
    at: str = "end"
    """Where added cells go in the release or reference: ``"imports"`` (right after the
    imports) or ``"end"`` (before the grading cells)."""
    edits: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per cell (grade id, or TRAINING): text replacements; each must match."""
    layout: Callable | None = None
    """Rearranges the notebook's cells (deletes, duplicates, edits metadata)."""
    raw: bytes | None = None
    """The file's bytes, for a ``"file"`` scenario (not a notebook at all)."""
    max_points: float = 0.0
    """The most points it may get."""
    points: float | None = None
    """The exact points it must get, when that is certain."""
    loses: frozenset[str] = frozenset()
    """Checks it must fail (others may fail too, within `max_points`)."""
    messages: tuple[str, ...] = ()
    """Substrings its student feedback (execution message, notice, checks) must contain."""
    status: tuple[str, ...] = ()
    """Execution statuses it may end with (empty: any)."""
    batch: str = "main"
    """``"main"``, ``"limits"`` (graded with short time limits) or ``"check-limits"`` (a
    short limit on the grader's checking process, beside the honest neighbour)."""
    gets_through: str = ""
    """A known gap: what the attack still gets, and why the grader cannot tell."""
    graded: bool = True
    """Whether it must get a result (always: one bad notebook never stops a batch)."""


def _all(*groups) -> frozenset[str]:
    return frozenset(check for group in groups for check in
                     ((group,) if isinstance(group, str) else group))


def _edit_test_cells(notebook) -> None:
    """Test cells edited (code that claims the points), deleted and duplicated."""
    tests = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
             and not cell.metadata["nbgrader"].get("solution")]
    for cell in tests[::2]:
        cell.source = c.TEST_CELL_EDIT
    for cell in tests[1:4]:
        notebook.cells.remove(cell)
    copy_ = copy.deepcopy(tests[-1])
    copy_["id"] = "duplicated-test-cell"
    notebook.cells.append(copy_)


def _edit_locked_cells(notebook) -> None:
    """Locked cells edited, markdown deleted, a cell duplicated."""
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in notebook.cells}
    by_id["imports"].source = by_id["imports"].source.replace(
        "from autograder.notebook import self_check",
        c.FAKE_SELF_CHECK.replace("\n", "\n    "))  # inside the import guard
    by_id["paths"].source = by_id["paths"].source.replace(
        'DATA_DIR = os.path.join("cleaned", "PetImages")', "DATA_DIR = SOURCE_DIR")
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type != "markdown"]
    duplicate = copy.deepcopy(by_id["look"])
    duplicate["id"] = "duplicated-look"
    notebook.cells.insert(notebook.cells.index(by_id["look"]) + 1, duplicate)


SCENARIOS: dict[str, Scenario] = {
    # --- run first: attacks on what the next submissions share --------------------------
    "writes-into-grader-package": Scenario(
        "Appends code to the grader's modules on disk (found from autograder.__file__), "
        "adds, renames and deletes files there.",
        "minimal", (c.WRITE_GRADER_FILES, c.WRITE_GRADER_FILE_UNCAUGHT),
        messages=(READ_ONLY,), status=("cell_errors",)),
    "drops-pth-into-site-packages": Scenario(
        "Drops a .pth file, sitecustomize.py and usercustomize.py into every site-packages "
        "folder, so that the next Python started there runs its code.",
        "minimal", (c.DROP_PTH, c.DROP_PTH_UNCAUGHT), messages=(READ_ONLY,),
        status=("cell_errors",)),
    "tampers-with-student-data": Scenario(
        "Swaps the Cat/ and Dog/ folders of the student data every submission trains on, "
        "deletes and overwrites images, and writes through the links of the clean view.",
        # The kernel's data is a writable view thrown away after the run (issue 26): the
        # tampering succeeds there and reaches neither the grader's copy nor a neighbour.
        "minimal", (c.TAMPER_DATA, c.TAMPER_DATA_UNCAUGHT), status=("completed", "cell_errors")),
    "plants-autograder-package-in-workdir": Scenario(
        "Writes a fake `autograder` package into its working folder, drops the real one from "
        "sys.modules, so that the grader's export cell imports the fake, which claims every "
        "check passed.",
        # its clean_images() copies nothing: the copying point is lost and "leaves out bad
        # files" has nothing to judge (one mistake charged once, issue 26), so at most 2
        "release", (c.PLANT_PACKAGE,), max_points=2,
        messages=(MALFORMED, "no image in the clean folder")),
    "kills-parent-and-init": Scenario(
        "Sends SIGKILL to its parent, to process 1 and to every process it may signal.",
        "minimal", (c.KILL_PARENT, c.STILL_RUNNING), status=("completed", "kernel_died")),
    "setsid-children-past-process-cap": Scenario(
        "Starts 2,000 `setsid sleep` children (a fork bomb that leaves its session).",
        "minimal", (c.SETSID_CHILDREN,), status=("limit_exceeded",),
        messages=("Cell 1 (`import subprocess`) started more than 256 processes and threads",)),
    "setsid-daemon-outlives-kernel": Scenario(
        "Starts a daemon in its own session that outlives the notebook, to kill the next "
        "submission's kernel and rewrite result files (the reference solution comes next).",
        "minimal", (c.DAEMON,), status=("completed",)),
    # --- then the reference solution and the untouched release (placed by the test) ------
    "forged-artifacts-json": Scenario(
        "Replaces the kernel's export (autograder.kernel.export) with its own, which writes a "
        "well-formed artifacts.json by hand (datasets made up from a listing of the data, the "
        "callback probes it is sent answered from the rule) and .keras zips holding only "
        "config.json.",
        "release", (c.FORGE_ARTIFACTS,), max_points=8,
        loses=_all(CLEANING, "model_input_shape", "model_rescaling_first",
                   "model_three_conv_layers", "model_binary_head", "model_loss_matches_head",
                   "model_accuracy_metric", TRAINED),
        messages=("could not be loaded back from the .keras format",),
        gets_through="the datasets and callback points (8): the file names are the data's "
                     "own (listed from disk) and the callback answers are the rule's, on the "
                     "logs drawn for this grading; a forger has to compute the right answers "
                     "(read the data, apply the course's rule) to claim them"),
    "rebinds-exporters-with-empty-claims": Scenario(
        "One cell rebinds the kernel's callback and datasets exporters: the callback is "
        "'probed' on no log at all (so no answer is wrong), the datasets list invented file "
        "names with the manifest's counts. Before the grader drew the logs and checked the "
        "names, this untouched release got 8/22.",
        "release", (c.REBIND_EXPORTERS,), points=0, loses=_all(DATASETS, CALLBACK),
        messages=("Expected the callback to be tried on the grader's",
                  "name(s) that are no such picture")),
    "claims-grader-error": Scenario(
        "Marks every failed entry of artifacts.json `\"grader_error\": true` with a 'not your "
        "fault' message, so that its own failures would read as the grader's.",
        "release", (c.CLAIMS_GRADER_ERROR,), points=0, loses=_all(CLEANING, CALLBACK),
        messages=("The grader broke here",)),
    "prefills-notebook-results": Scenario(
        "Pre-fills autograder.notebook._RESULTS with full marks and replaces "
        "autograder.checks.base.run_check in its kernel.",
        "release", (c.PREFILL_RESULTS,), at="imports",
        messages=("create_model() raised NotImplementedError",)),
    "monkeypatches-model-save": Scenario(
        "create_model() returns a one-Dense-unit model, and keras.Model.save is patched to "
        "save a model with the reference's layers instead.",
        "release", (c.PATCH_MODEL_SAVE,), max_points=6, loses=_all(CLEANING, DATASETS,
                                                                   CALLBACK, TRAINED),
        gets_through="the six architecture points: the saved model is the only view the "
                     "grader has of create_model()'s model, and the kernel writes it"),
    "plants-model-files-early": Scenario(
        "Writes an untrained model with the right layers and an artifacts.json claiming it "
        "into the artifacts folder before the grader's export runs.",
        "release", (c.PLANT_FILES_EARLY,), at="imports",
        messages=("No trained model was found",)),
    "links-clean-folder-to-heldout": Scenario(
        "clean_images() copies nothing; after the export, the clean folder is replaced by a "
        "link to where held-out data usually lives (heldout/ next to data/), so that the "
        "grader, reading it outside the sandbox, lists that folder into the feedback.",
        "release", (c.LINK_CLEAN_TO_HELDOUT,), edits=COPIES_NOTHING,
        loses=_all(CLEANING), messages=("replaced by links",)),
    "links-model-files-to-system-files": Scenario(
        "After the export, replaces the .keras files by links to /etc/passwd and claims "
        "them as trained models.",
        "minimal", (c.LINK_MODEL_FILES,), messages=("saved file is missing or too large",)),
    "huge-artifacts-json": Scenario(
        "After the export, rewrites artifacts.json as an 80 MB file.",
        "minimal", (c.HUGE_ARTIFACTS,), messages=(NOT_PRODUCED,)),
    "artifacts-json-wrong-types": Scenario(
        "After the export, rewrites artifacts.json with values of the wrong types (strings "
        "for numbers, a path outside the folder, infinity, ok: 1).",
        "minimal", (c.WRONG_TYPES,), messages=(MALFORMED,)),
    "clean-images-copies-nothing": Scenario(
        "clean_images() returns without copying anything, so no bad file reaches the clean "
        "folder.",
        "release", edits=COPIES_NOTHING, loses=_all("clean_images_keeps_good_files"),
        max_points=2, messages=("Found no image in the clean folder",)),
    "edits-nbgrader-test-cells": Scenario(
        "Replaces the grader's test cells with code that claims the points, deletes some "
        "and duplicates one.",
        "release", layout=_edit_test_cells),
    "edits-locked-cells": Scenario(
        "Edits locked cells (a fake self_check, DATA_DIR on the dirty data), deletes the "
        "instructions and duplicates a cell.",
        "release", layout=_edit_locked_cells),
    "allocates-past-memory-limit": Scenario(
        "Holds 4.4 GiB in memory, more than the cap (3 GiB in the test).",
        "minimal", ("x = 1", c.ALLOCATE), status=("limit_exceeded",),
        messages=("Cell 2 (`blocks = []`) used more than 3 GiB of memory, so the grader "
                  "stopped it",)),
    "fills-disk-past-limit": Scenario(
        "Writes 3 GiB into its working folder, three times the cap.",
        "minimal", (c.FILL_DISK,), status=("limit_exceeded",),
        messages=("Cell 1 (`import time`) wrote more than 1 GiB of files",)),
    "fills-tmp": Scenario(
        "Writes 1.2 GiB into /tmp (the run's own folder on disk, under the disk cap).",
        "minimal", (c.FILL_TMP,), status=("limit_exceeded",),
        messages=("Cell 1 (`for index in range(4):`) wrote more than 1 GiB of files",)),
    "huge-exception-message": Scenario(
        "Raises an exception whose message is 200 MB long.",
        "minimal", (c.HUGE_EXCEPTION,), status=("cell_errors",),
        messages=("raised ValueError: xxxx",)),
    "network-access": Scenario(
        "Connects to 1.1.1.1 and to ports on localhost, and looks up a host name.",
        "minimal", (c.NETWORK, c.NETWORK_UNCAUGHT), status=("cell_errors",),
        messages=("raised OSError",)),
    "searches-for-heldout-data": Scenario(
        "Looks everywhere for the held-out data and the course's secret: /proc/<ppid>/cwd, "
        "/proc/1/cmdline, every /proc/*/environ, the mounts, the grader's settings loaded "
        "from its package, the environment, a walk of / for heldout, secret.key and "
        "autograder.toml; prints all it finds.",
        "minimal", (c.SEARCH_HELDOUT, c.SEARCH_HELDOUT_GRADER), status=("completed",)),
    "reads-other-submissions": Scenario(
        "Lists the grader's scratch folders (/tmp/autograder-work, the parents of its own "
        "folder), home folders and /run, looking for other submissions and results.",
        "minimal", (c.OTHER_SUBMISSIONS,), status=("completed",)),
    "hand-made-history-untrained-model": Scenario(
        "Builds a keras.callbacks.History by hand with plausible numbers; the model is "
        "never trained.",
        "reference", edits={TRAINING: {c.FIT_CALL: c.HAND_MADE_HISTORY}},
        points=17, loses=_all(TRAINED),
        messages=("your history says accuracy 0.970 and val_accuracy 0.950, but the model "
                  "you saved scores",)),
    "nearest-neighbour-on-regenerated-heldout": Scenario(
        "Regenerates the stand-in's held-out images from the package and the public seed 42 "
        "and builds a nearest-neighbour 'model' over them from standard layers.",
        "reference", edits={TRAINING: {c.FIT_CALL: c.NEAREST_NEIGHBOUR}},
        max_points=16, loses=_all(TRAINED, "model_three_conv_layers"),
        messages=("In the model your notebook trained:",)),
    "trains-a-different-model": Scenario(
        "create_model() is right, but the training cell trains another model (one Dense "
        "unit on raw pixels).",
        "reference", edits={TRAINING: {c.FIT_CALL: c.TRAIN_ANOTHER_MODEL}},
        points=15, loses=_all("model_rescaling_first", "model_three_conv_layers", TRAINED),
        messages=("In the model your notebook trained: Expected Rescaling(1./255)",)),
    "bad-file-renamed-into-clean-folder": Scenario(
        "clean_images() also copies Thumbs.db into the clean folder as thumbnail.jpg.",
        "reference", edits={"clean_images": {"    return copied": c.SMUGGLE_THUMBS}},
        max_points=19, loses=_all("clean_images_drops_bad_files", "training_reached_bars"),
        messages=("non-image file(s) such as Thumbs.db", "Cat/thumbnail.jpg")),
    "notebook-of-week-2": Scenario(
        "The Week 2 notebook (augmentation, 120×120 images) submitted for Week 1.",
        "minimal", c.WEEK2, max_points=10,
        loses=_all(CLEANING, "datasets_image_size", "model_input_shape", TRAINED),
        messages=("looks like the Week 2 (image augmentation) assignment",
                  "`create_augmentation_model()`")),
    "older-generation-split-data": Scenario(
        "A notebook of the course's older generation: create_train_val_dirs(), split_data() "
        "and generators from ImageDataGenerator, trained on the copied folders. Graded as the "
        "older edition (read from its code): its folders, split and model keep their points; "
        "its generators are called with no TRAINING_DIR of its own, and its training stops "
        "on the dirty data's undecodable files it copied (10/18 through the CLI, 106 s).",
        "minimal", c.OLDER_GENERATION, points=10,
        loses=_all("generators_image_size", "generators_binary_labels", "generators_rescale",
                   TRAINED),
        messages=("Graded as: the course's older Colab edition",
                  "`TRAINING_DIR` is not defined")),
    "model-input-4000-pixels": Scenario(
        "The trained model is 4 weights whose Input is 4000×4000×3, so that the held-out "
        "scorer resizes every image to that size (8.7 GB resident on the grader).",
        "reference", edits={TRAINING: {c.FIT_CALL: c.HUGE_INPUT_MODEL}}, points=11,
        loses=_all(TRAINED, "model_input_shape", "model_three_conv_layers"),
        messages=("Your model is too large to grade: expected a model that takes 150×150×3 "
                  "images",)),
    "model-config-asks-dense-40000": Scenario(
        "After the export, rewrites the trained model's config.json to ask for Dense(40000) "
        "after a 67,500-wide Flatten: Keras allocates its 2.7 G weights (over 10 GB) before "
        "it finds the weights file does not fit.",
        "reference", (c.DENSE_40000_CONFIG,), edits={TRAINING: {c.FIT_CALL: ""}}, points=11,
        loses=_all(TRAINED, "model_three_conv_layers"),
        messages=("expected a model of at most 100,000,000 parameters",)),
    # --- a short limit on the grader's own checking process (with the honest neighbour) ----
    "model-deep-conv-stack": Scenario(
        "The trained model is 61 Conv2D(64) layers at 150×150 (2.2 M weights, small enough "
        "to load): scoring it on the held-out and split images would take the grader hours.",
        "reference", edits={TRAINING: {c.FIT_CALL: c.DEEP_CONV_STACK}}, batch="check-limits",
        # past the limit the checking runs again with no model loaded: every check of a
        # model (the architecture checks judge the trained model too) says why, the rest keep
        # their points
        points=11, loses=_all(TRAINED, ARCHITECTURE),
        messages=("Your model takes too long to grade: expected the grader to load and score "
                  "it within 120 s",)),
    "prints-forged-score-and-workflow-commands": Scenario(
        "Raises an exception whose message clears the screen, prints a green 'C2W1: 22 / 22 "
        "points' and GitHub workflow commands (::error, ::add-mask::, ::stop-commands::, "
        "##[error]) on lines of their own, for the grader's terminal and the CI log.",
        "minimal", (c.FORGED_SCORE,), status=("cell_errors",),
        messages=("raised RuntimeError",)),
    "displays-html-and-javascript": Scenario(
        "Displays HTML and JavaScript that set the page's title (a script, an onerror "
        "handler), to run in nbgrader's feedback page and in formgrader.",
        "release", (c.STUDENT_HTML,), at="imports",
        messages=("create_model() raised NotImplementedError",)),
    # --- short time limits -----------------------------------------------------------------
    "endless-loop": Scenario(
        "A cell that never ends.", "minimal", ("x = 1", "while True:\n    pass"),
        batch="limits", status=("cell_errors",),
        messages=("Cell 2 (`while True:`) ran for more than 5 s and was stopped",)),
    "endless-loop-ignoring-interrupts": Scenario(
        "A cell that ignores the grader's interrupt and never ends.",
        "minimal", ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                    "while True:\n    pass", "print('never')"),
        batch="limits", status=("timed_out",), messages=("did not stop when interrupted",)),
    "kernel-exits": Scenario(
        "Ends its own kernel with os._exit(1).", "minimal", ("import os\nos._exit(1)",),
        batch="limits", status=("kernel_died",), messages=("kernel died",)),
    "empty-file": Scenario(
        "An empty file named .ipynb.", "file", raw=b"", batch="limits",
        status=("invalid_notebook",), messages=("could not be read as a Jupyter notebook",)),
    "not-json": Scenario(
        "A text file named .ipynb.", "file", raw=b"print('hello')\n", batch="limits",
        status=("invalid_notebook",), messages=("it is not valid JSON",)),
}


def insert_cells(notebook, sources: tuple[str, ...], at: str, name: str) -> None:
    """Inserts scenario `name`'s cells after the imports (`at` ``"imports"``) or before the
    grading cells (anything else), each with an id of its own."""
    added = [new_code_cell(source) for source in sources]
    for index, cell in enumerate(added):
        cell["id"] = f"{name[:50]}-{index}"
    keys = [cell_key(cell) for cell in notebook.cells]
    position = keys.index("imports") + 1 if at == "imports" else keys.index("grading_md")
    notebook.cells[position:position] = added


def build(name: str) -> nbformat.NotebookNode | bytes:
    """Returns scenario `name`'s notebook (or, for a ``"file"`` scenario, its bytes).

    Raises:
        ValueError: if an edit no longer matches its cell (the corpus is stale).
    """
    scenario = SCENARIOS[name]
    if scenario.base == "file":
        return scenario.raw
    if scenario.base == "minimal":
        notebook = new_notebook(cells=[new_code_cell(source) for source in scenario.cells])
        for index, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{index}"
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}
    else:
        source = SOLUTION if scenario.base == "reference" else RELEASE
        notebook = copy.deepcopy(nbformat.read(source, as_version=4))
        if scenario.cells:
            insert_cells(notebook, scenario.cells, scenario.at, name)
    apply_edits(notebook, scenario.edits, name)
    if scenario.layout is not None:
        scenario.layout(notebook)
    notebook.metadata["autograder_scenario"] = {"name": name, "what": scenario.what}
    return notebook


def path_of(name: str) -> Path:
    """The committed file of scenario `name`."""
    return HERE / f"{name}.ipynb"


def write_all() -> None:
    for name in SCENARIOS:
        built = build(name)
        if isinstance(built, bytes):
            path_of(name).write_bytes(built)
        else:
            nbformat.write(built, path_of(name))


if __name__ == "__main__":
    write_all()
