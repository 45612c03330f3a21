"""The CLI's commands as keyword-only functions returning exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

from autograder.assignments import get_assignment
from autograder.config import Settings
from autograder.batch.serial import grade_batch
from autograder.data.prepare import prepare_data
from autograder.release import generate_release
from autograder.pipeline import DataNotPrepared
from autograder.road import grade_one
from autograder.sandbox import SandboxUnavailable, check_sandbox
from autograder.reporters import batch_table, student_feedback
from autograder.reporters.inert import echo
from autograder.results import write_result

__all__ = ["data", "author", "release", "grade", "feedback", "report", "course"]

COURSE_ROOT = Path(__file__).resolve().parent.parent


def data(assignment: str, *, settings: Settings, scale: str = "ci", source: Path | None = None,
         force: bool = False, student: Path | None = None) -> int:
    """Prepares the data of `assignment` (offline stand-in, or the real files at `source`).

    With `student`, writes only the student's stand-in files to ``student/<dataset>/`` (no
    held-out image, no secret): what a student runs the notebook on.
    """
    spec = get_assignment(assignment)
    if student is None:
        print(prepare_data(spec, settings, scale=scale, source=source, force=force))
        return 0
    from autograder.data.student import write_student_data

    manifest, written = write_student_data(spec, student, seed=settings.seed, scale=scale,
                                           force=force)
    print(f"{'Wrote' if written else 'Already there'}: {student / spec.data.dataset} "
          f"({manifest.description}). Start Jupyter with AUTOGRADER_DATA_ROOT={student} so "
          f"the notebook finds it.")
    return 0


def init(folder: Path, assignments: list[str], *, force: bool = False) -> int:
    """Writes a course folder for `assignments` (`autograder.course_folder`)."""
    from autograder.course_folder import CourseFolderExists, init_course

    try:
        written = init_course(folder, assignments, force=force)
    except (CourseFolderExists, FileNotFoundError) as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 2
    ids = " ".join(assignments)
    print(f"Wrote {len(written)} files to {folder}. Next, in {folder}:\n"
          f"  autograder data {ids}                # offline stand-in data (or --from the real files)\n"
          f"  nbgrader generate_assignment {assignments[0]}   # source/ -> release/ for your students\n"
          f"  nbgrader autograde {assignments[0]}            # grades submitted/<student>/{assignments[0]}/\n"
          "nbgrader's warnings that a hidden test cell's checksum changed are expected: the "
          "grader writes those cells' verdicts itself.")
    return 0


def author(assignment: str, *, course_root: Path = COURSE_ROOT) -> int:
    """Rewrites the nbgrader test cells of ``source/<assignment>`` from its checks."""
    from autograder.authoring import write_test_cells

    spec = get_assignment(assignment)
    changed = write_test_cells(course_root, spec)
    print(f"source/{spec.name}/{spec.notebook}: test cells "
          f"{'rewritten from' if changed else 'already match'} the {len(spec.checks)} checks."
          + (" Run `autograder release` next." if changed else ""))
    return 0


def release(assignment: str, *, course_root: Path = COURSE_ROOT) -> int:
    """Generates ``release/<assignment>`` from ``source/<assignment>`` with nbgrader."""
    spec = get_assignment(assignment)
    generate_release(course_root, spec)
    print(f"Generated release/{spec.name} from source/{spec.name} with nbgrader.")
    return 0


def grade(notebooks: list[Path], *, settings: Settings, assignment: str | None = None,
          json_path: Path | None = None, out_dir: Path | None = None, keep_work: bool = False,
          quiet: bool = False, executed_path: Path | None = None, force: bool = False,
          html: Path | None = None, evidence: Path | bool = True) -> int:
    """Grades each notebook, prints feedback and a table, writes result files.

    Args:
        notebooks: the submissions.
        settings: resolved `Settings`.
        assignment: assignment id; detected from each path when None.
        json_path: the result file of a single notebook.
        out_dir: the folder for result files, one per submission (``<key>.json``); a batch
            started again skips the submissions whose result there is still current.
        keep_work: keep each scratch folder.
        quiet: print only the summary table.
        executed_path: also write the single notebook with this run's outputs there.
        force: grade again even where `out_dir` holds a current result.
        html: write each student's HTML report there (a ``.html`` file for one notebook,
            else a folder laid out like `out_dir`).
        evidence: where each grading keeps its evidence for `autograder regrade`: True,
            ``<out_dir>/.evidence`` (none without `out_dir`); a folder; False, nowhere.

    Returns:
        The exit code (see `_exit_code`; 2 for a setup error).
    """
    if (json_path is not None or executed_path is not None) and len(notebooks) != 1:
        print("autograder: --json and --executed take one notebook; use --out-dir for several.",
              file=sys.stderr)
        return 2
    # A path that is no notebook file is "could not be graded" (exit 1), never a 0 score.
    missing = [(str(path), None, f"{path}: no such notebook file. Check the path.")
               for path in notebooks if not Path(path).is_file()]
    notebooks = [path for path in notebooks if Path(path).is_file()]
    keep = _evidence_keeper(evidence, out_dir, settings)
    try:
        if settings.sandbox and notebooks:
            check_sandbox()  # refuse before anything runs, not once per submission
        rows = missing + grade_batch(
            notebooks, settings=settings, assignment=assignment, out_dir=out_dir, force=force,
            grade=lambda path: grade_one(
                path, settings=settings, assignment=assignment, keep_work=keep_work,
                executed_path=executed_path, keeper=keep))
    except (DataNotPrepared, SandboxUnavailable) as error:
        echo(f"autograder: {error}", file=sys.stderr)  # a clash names submissions' paths
        return 2
    for name, result, error in rows:
        if result is not None and json_path is not None:
            write_result(result, json_path)
        if not quiet:  # names and feedback come from submissions: printed inert
            echo(f"\n== {name}")
            echo(student_feedback(result) if result else f"Not graded: {error}")
    if html is not None:
        from autograder.reporters.files import write_html_reports

        for path in write_html_reports((r for _, r, _ in rows if r is not None), html):
            echo(f"Report: {path}")
    echo("\n" + batch_table(rows))
    return _exit_code(rows)


def _evidence_keeper(evidence: Path | bool, out_dir: Path | None, settings: Settings):
    """The `EvidenceKeeper` of `grade`'s `evidence` argument, or None."""
    from autograder.regrade import EvidenceKeeper, EvidenceStore

    if evidence is True:
        return None if out_dir is None else EvidenceKeeper(EvidenceStore.of_results(out_dir),
                                                           settings)
    return EvidenceKeeper(EvidenceStore(Path(evidence)), settings) if evidence else None


def feedback(result_path: Path, *, out: Path, summary: Path | None = None) -> int:
    """Writes the student's files for one result file (see `write_feedback`)."""
    from autograder.reporters.files import write_feedback
    from autograder.results import read_result

    try:
        result = read_result(result_path)
    except (OSError, ValueError, KeyError) as error:
        print(f"autograder: cannot read the result {result_path}: {error}", file=sys.stderr)
        return 2
    for name, path in write_feedback(result, out, summary=summary).items():
        echo(f"{name}: {path}")
    return 0


def report(results: Path, *, html: Path | None = None, csv: Path | None = None) -> int:
    """Writes the class report of the result files below `results` (runs no student code).

    Args:
        results: a results folder (``batch``/``grade --out-dir``).
        html: the page (default ``results/class.html``).
        csv: the grades, a column per check (default ``results/class.csv``).

    Returns:
        0 when written; 1 when the folder holds no result file; 2 when it is no folder.
    """
    from autograder.reporters.classreport import class_report

    html = html or Path(results) / "class.html"
    csv = csv or Path(results) / "class.csv"
    try:
        summary = class_report(Path(results), html=html, csv=csv)
    except NotADirectoryError as error:
        echo(f"autograder: {error}", file=sys.stderr)
        return 2
    for item in summary.unreadable:
        echo(f"  left out {item.path}: {item.reason}", file=sys.stderr)
    if not summary.submissions:
        echo(f"autograder: expected result files (*.json of `autograder batch` or `grade "
             f"--out-dir`) under {results}. Found none; the report is empty.", file=sys.stderr)
        return 1
    echo(f"Class report of {summary.submissions} submissions: {html}\nTable: {csv}")
    return 0


def _exit_code(rows) -> int:
    """1 if a notebook got no result (unknown assignment), 3 if the grader failed on one
    (a ``grader_error`` check, or the whole submission), else 0."""
    if any(result is None for _, result, _ in rows):
        return 1
    if any(result.grader_errors for _, result, _ in rows):
        return 3
    return 0


def course(assignments: list[str], *, settings: Settings, out_dir: Path,
           course_root: Path = COURSE_ROOT) -> int:
    """The main job, per assignment: stand-in data, release, then grade the reference
    solution and the untouched release (each notebook as its own assignment)."""
    notebooks = []
    for assignment in assignments:
        spec = get_assignment(assignment)
        print(prepare_data(spec, settings, scale="ci"))
        generate_release(course_root, spec)
        print(f"Generated release/{spec.name} from source/{spec.name} with nbgrader.")
        notebooks += [course_root / "solutions" / spec.name / spec.notebook,
                      course_root / "release" / spec.name / spec.notebook]
    return grade(notebooks, settings=settings, out_dir=out_dir)
