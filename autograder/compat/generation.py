"""Telling a student that the notebook belongs to another generation or week of the course.

A notebook written for the course's older generation (folders made by
``create_train_val_dirs``, files copied by ``split_data``) or for another week's assignment
runs, and loses most points, with messages about functions it never meant to write. A
notebook of a generation that asks for fewer functions (Week 4's image-folder version has no
``parse_data_from_input``) is graded on what it has and loses the rest. The grader reads the
submitted file's code (in the grading process, never through the student's kernel) and, when
it recognises such a notebook, says so once, with how to fix it.

The names come from the course: each generation and week grades functions of its own
(see ``COURSE.md``); a notebook that defines another week's own names and none of this
assignment's own names is that week's notebook.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

__all__ = ["OLDER_GENERATION", "COURSE_WEEKS", "SHORTER_GENERATIONS", "ShorterGeneration",
           "code_cells", "defined_names", "generation_notice", "graded_names", "accepted_aliases"]

#: Graded names of the course's older generation that the current one replaced.
OLDER_GENERATION = ("create_train_val_dirs", "split_data", "train_val_generators")

#: Per assignment: how a notebook of the older generation moves to the current one.
_OLDER_GENERATION_FIX = {
    "C2W1": "`clean_images()` drops the zero-length and broken files, and "
            "`train_val_datasets()` replaces the copying into training and validation folders "
            "with one `tf.keras.utils.image_dataset_from_directory(..., validation_split=0.1, "
            "subset='both', seed=42)` call.",
    "C2W2": "`train_val_datasets()` replaces the folders and `ImageDataGenerator`s with one "
            "`tf.keras.utils.image_dataset_from_directory(..., image_size=(120, 120), "
            "validation_split=0.15, subset='both', seed=42)` call, and the random "
            "transformations move into `create_augmentation_model()` (RandomFlip, "
            "RandomRotation, RandomTranslation, RandomZoom), which `create_model()` puts right "
            "after its Input.",
    "C2W3": "`train_val_datasets()` replaces `train_val_generators()` with two "
            "`tf.keras.utils.image_dataset_from_directory(..., image_size=(150, 150), "
            "batch_size=32)` calls, one per folder, whose pictures go through "
            "`tf.keras.applications.inception_v3.preprocess_input` (pixels in [-1, 1], as "
            "InceptionV3 was trained; not divided by 255) before they reach the model; "
            "`create_pre_trained_model()` takes no argument and reads `LOCAL_WEIGHTS_FILE` "
            "(`weights=None` then `load_weights(LOCAL_WEIGHTS_FILE)` is fine); and the callback "
            "class is `EarlyStoppingCallback` (the older notebook's `myCallback`).",
}

@dataclass(frozen=True)
class ShorterGeneration:
    """A generation of the public course whose version of an assignment lacks a graded
    function."""

    lacks: str
    """The graded function it does not ask for, e.g. ``"parse_data_from_input"``."""
    shows: tuple[str, ...]
    """Names a notebook of that generation defines (with `lacks` absent)."""
    what: str
    """That generation's version, in words a student recognises."""
    fix: str
    """What the missing function does, as a how-to-fix."""


#: Per assignment: the public course's generations that ask for fewer graded functions.
SHORTER_GENERATIONS: dict[str, ShorterGeneration] = {
    "C2W4": ShorterGeneration(
        lacks="parse_data_from_input", shows=("train_val_datasets", "create_model"),
        what="the course's image-folder version of this assignment (its "
             "`train_val_datasets()` reads the PNG folders `data/train` and "
             "`data/validation`)",
        fix="add `parse_data_from_input(filename)`, which reads a CSV file of Sign Language "
            "MNIST (`sign_mnist_train.csv` is next to your notebook): skip the header line, "
            "take column 0 of each row as its label and the other 784 values as its 28×28 "
            "picture, and return float64 arrays of shape (N, 28, 28) and (N,)."),
}

#: Per assignment of the course: how to name it to a student, and the names it grades.
#: (Week 4's CSV version calls its datasets function `train_val_generators`, a name the
#: older generation of Weeks 1–2 used too, so it tells no week apart and is not listed.)
COURSE_WEEKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "C2W1": ("Week 1 (cats vs dogs)",
             ("clean_images", "train_val_datasets", "create_model", "EarlyStoppingCallback")),
    "C2W2": ("Week 2 (image augmentation)",
             ("train_val_datasets", "create_augmentation_model", "create_model",
              "EarlyStoppingCallback")),
    "C2W3": ("Week 3 (transfer learning)",
             ("create_pre_trained_model", "output_of_last_layer", "create_final_model")),
    "C2W4": ("Week 4 (multiclass classification)",
             ("parse_data_from_input", "train_val_datasets", "create_model")),
}

_MAGIC = re.compile(r"^\s*[%!]|\?\s*$")
_DEFINITION = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_]\w*)\s*=",
                         re.MULTILINE)


def defined_names(sources: Iterable[str]) -> set[str]:
    """The names code cells define at their top level (functions, classes, variables).

    IPython magics and shell lines are left out; a cell that still is not Python is read
    line by line for ``def name``, ``class name`` and ``name =``.

    Args:
        sources: the code cells' sources.
    """
    names: set[str] = set()
    for source in sources:
        code = "\n".join("" if _MAGIC.search(line) else line for line in source.splitlines())
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError):
            names |= {a or b for a, b in _DEFINITION.findall(code)}
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def graded_names(spec) -> tuple[str, ...]:
    """The names `spec` grades, as a student writes them: ``clean_images()``, or
    ``EarlyStoppingCallback`` for a class."""
    shown = []
    for artifact in spec.artifacts:
        params = dict(artifact.params)
        if "function" in params:
            shown.append(f"{params['function']}()")
        elif "name" in params:
            shown.append(params["name"])
    return tuple(shown)


def accepted_aliases(spec) -> set[str]:
    """Other generations' names of functions `spec` grades (``train_val_generators``)."""
    return {name for artifact in spec.artifacts
            for name in dict(artifact.params).get("aliases", ())}


def code_cells(notebook: Path) -> list[str] | None:
    """The sources of `notebook`'s code cells, or None for a file that cannot be read."""
    import nbformat

    try:
        cells = nbformat.read(notebook, as_version=4).get("cells", [])
    except Exception:  # noqa: BLE001 - an unreadable file gets its own message elsewhere
        return None
    return [c.get("source", "") for c in cells
            if isinstance(c, dict) and c.get("cell_type") == "code"
            and isinstance(c.get("source"), str)]


def _listing(names: Iterable[str]) -> str:
    names = [f"`{name}`" for name in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _older_generation(defined: set[str], spec) -> str | None:
    found = [name for name in OLDER_GENERATION
             if name in defined and name not in accepted_aliases(spec)]
    if not found or "train_val_datasets" in defined or \
            "train_val_datasets()" not in graded_names(spec):
        return None
    fix = _OLDER_GENERATION_FIX.get(spec.id, "")
    api = "split_data" if "split_data" in found else found[0]
    return (f"This notebook uses the older `{api}` API of the course (it defines "
            f"{_listing(n + '()' for n in found)}); this assignment grades "
            f"{_listing(graded_names(spec))} instead, so the parts written for the older "
            "API earn no points here. How to fix: start from this assignment's current "
            "notebook and move your code into its graded functions" + (f": {fix}" if fix else "."))


def _own_names(spec) -> set[str]:
    if spec.id in COURSE_WEEKS:
        return set(COURSE_WEEKS[spec.id][1])
    return {name.removesuffix("()") for name in graded_names(spec)}


def _other_week(defined: set[str], spec) -> str | None:
    own = _own_names(spec)
    others = {week: entry for week, entry in COURSE_WEEKS.items() if week != spec.id}
    only_ours = own - set().union(*(names for _, names in others.values()))
    if defined & only_ours:
        return None
    this = COURSE_WEEKS.get(spec.id, (spec.title, ()))[0]
    for title, names in others.values():
        theirs = [name for name in names if name not in own and name in defined]
        if theirs:
            none_of = (f", and none of {_listing(n + '()' for n in sorted(only_ours))}"
                       if only_ours else "")
            return (f"This notebook looks like the {title} assignment: it defines "
                    f"{_listing(n + '()' for n in theirs)}, which this assignment does not "
                    f"grade{none_of}. "
                    f"This is the {this} assignment; it grades "
                    f"{_listing(graded_names(spec))}. How to fix: submit your "
                    f"{this.split(' (')[0]} notebook here, and this one to its own "
                    "assignment.")
    return None


def _points_of(function: str, spec) -> float:
    artifacts = {artifact.name for artifact in spec.artifacts
                 if dict(artifact.params).get("function") == function}
    return sum(check.points for check in spec.checks if artifacts & set(check.needs))


def _shorter_generation(defined: set[str], spec) -> str | None:
    generation = SHORTER_GENERATIONS.get(spec.id)
    if generation is None or generation.lacks in defined or \
            not all(name in defined for name in generation.shows):
        return None
    points = _points_of(generation.lacks, spec)
    return (f"This notebook follows {generation.what}, which has no `{generation.lacks}()`. "
            f"This assignment grades that function too, so its {points:g} points are lost; "
            "everything else in your notebook is graded as it is. How to fix: "
            f"{generation.fix}")


def _other_edition(defined: set[str], spec) -> str | None:
    """The notice for a notebook of another edition of the same week than the one the course
    grades (an instructor fixed the edition in ``autograder.toml``)."""
    from autograder.assignments.editions import detect_edition, editions_of

    if set(spec.edition.marks) & defined:
        return None  # it writes this edition's functions, beside whatever else it keeps
    editions = editions_of(spec.id)
    found = detect_edition(defined, editions)
    if found.edition.name == spec.edition.name or not set(found.edition.marks) & defined:
        return None
    return (f"This notebook is written for {found.edition.title}, but this course grades the "
            f"assignment as {spec.edition.title}, which grades {_listing(graded_names(spec))}; "
            "the parts written for the other edition earn no points here. How to fix: start "
            "from the notebook your course handed out and move your code into its graded "
            "functions.")


def generation_notice(notebook: Path, spec) -> str | None:
    """A message for the student when `notebook` is of the older generation, another week,
    or a generation that lacks one of the graded functions.

    Reads the file's code cells (never the student's kernel).

    Args:
        notebook: the submitted ``.ipynb``.
        spec: the `Assignment` it is graded as.

    Returns:
        The message, or None for a notebook of this assignment (or one that cannot be read,
        which the execution stage reports).

    Example:
        >>> generation_notice(Path("old/C2W1_Assignment.ipynb"), get_assignment("C2W1"))
        'This notebook uses the older `split_data` API of the course (it defines ...'
    """
    sources = code_cells(Path(notebook))
    if sources is None:
        return None
    defined = defined_names(sources)
    # Another week first: its own names (Week 4's parser) tell more than a helper name that
    # several generations and weeks share (`train_val_generators`).
    return (_other_week(defined, spec) or _older_generation(defined, spec)
            or _other_edition(defined, spec) or _shorter_generation(defined, spec))
