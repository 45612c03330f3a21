"""Command line: a thin layer over keyword-only Python functions.

    autograder data [C2W1 ...] [--scale ci|full] [--from ZIP_OR_FOLDER] [--student OUT]
    autograder author [C2W1 ...]  # rewrite source/'s nbgrader test cells from the checks
    autograder release [C2W1 ...]
    autograder grade NOTEBOOK... [--assignment C2W1] [--json OUT] [--out-dir DIR] [--force]
                                 [--html REPORT.html|DIR]
    autograder feedback RESULT.json --out DIR [--summary FILE]  # report, CI formats, summary
    autograder report RESULTS/ [--html class.html] [--csv class.csv]  # the class report
    autograder template C2W1 OUT/  # the student template repository (CI workflow)
    autograder ci run|decrypt|score ...  # the workflow's grading steps
    autograder gradebook RESULTS/ [--db sqlite:///gradebook.db] [--csv grades.csv]
    autograder course [C2W1 ...]  # the main job: data, release, grade solution + release
    autograder init COURSE_DIR [C2W1 ...]  # a course folder away from this repository
    autograder batch SUBMITTED_DIR --assignment C2W1 [--workers N] [--backend local|dask]
                     [--html DIR]  # also writes OUT_DIR/class.html and class.csv
    autograder regrade RESULTS_DIR [--assignment C2W1]  # checks again on the kept evidence

Commands that take assignments do every assignment of the course when given none.

Exit codes: 0 graded; 1 some submission could not be graded; 2 setup error (e.g. data
not prepared); 3 the grader itself failed on a check (a "grader error" in the result).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from autograder.assignments import ASSIGNMENT_IDS, get_assignment
from autograder.config import OPTIONS, boolean, load_settings

__all__ = ["main", "build_parser"]



#: The settings of `autograder data` (the commands that run or check notebooks take all).
DATA_SETTINGS = ("data_root", "heldout_root", "seed")
#: The subcommands that start sandboxed kernels below work_root, and so need it short enough
#: (``ci run`` starts its kernel in its --state folder: the kernel's own check covers it).
_KERNEL_COMMANDS = ("grade", "batch", "regrade", "course")


def _add_settings(parser: argparse.ArgumentParser, only: Sequence[str] | None = None) -> None:
    """Adds the grader settings the command uses (`only`, by name; default: every one) and
    ``--config``; a command without settings (``only=()``) gets neither."""
    if only is not None and not only:
        return
    group = parser.add_argument_group("grader settings (CLI > AUTOGRADER_* env > "
                                      "autograder.toml > default)")
    for option in OPTIONS:
        if only is not None and option.name not in only:
            continue
        if option.type is boolean and option.default:
            group.add_argument(f"--no-{option.flag[2:]}", dest=option.name, default=None,
                               action="store_const", const=False,
                               help=f"Turn off what is on by default: {option.help} "
                                    f"[env {option.env}=0]")
            continue
        if option.type is boolean:
            group.add_argument(option.flag, dest=option.name, default=None,
                               action="store_const", const=True,
                               help=f"{option.help} [env {option.env}=1; off by default]")
            continue
        group.add_argument(option.flag, dest=option.name, default=None, choices=option.choices,
                           help=f"{option.help} [env {option.env}; default {option.default}]")
    group.add_argument("--config", type=Path, default=None, help="Path of an autograder.toml.")


def _add_assignments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help=f"Assignment ids ({', '.join(ASSIGNMENT_IDS)}; default: all).")


def _assignments(names: list[str]) -> list[str]:
    """The ids `names` stand for (all when empty).

    Raises:
        KeyError: naming the known ones, for an unknown id.
    """
    ids = [name.upper() for name in names] or list(ASSIGNMENT_IDS)
    for assignment in ids:
        get_assignment(assignment)
    return ids


def _resource(text: str) -> tuple[str, float]:
    name, _, amount = text.partition("=")
    return name, float(amount or 1)


def _add_batch(commands) -> None:
    batch = commands.add_parser("batch", help="Grade a folder of submissions in parallel "
                                "(nbgrader's submitted/ or any folder of notebooks).")
    batch.add_argument("folder", type=Path, metavar="SUBMITTED_DIR")
    batch.add_argument("--assignment", required=True, help="Assignment id, e.g. C2W1.")
    batch.add_argument("--workers", type=int, default=2, help="Gradings at once (default 2).")
    batch.add_argument("--backend", choices=("local", "dask"), default="local",
                       help="local: grading processes on this machine; dask: a Dask cluster "
                            "(a local one unless --scheduler).")
    batch.add_argument("--scheduler", default=None, help="An existing Dask scheduler, e.g. "
                       "tcp://host:8786 (workers see the same paths).")
    batch.add_argument("--threads", type=int, default=None, help="TensorFlow threads per "
                       "grading (default: the cores shared by the gradings at once).")
    batch.add_argument("--resources", type=_resource, action="append", default=[],
                       metavar="NAME=N", help="Dask worker resources each grading needs, "
                       "e.g. GPU=1 (default: what the assignment declares).")
    batch.add_argument("--out-dir", type=Path, default=Path("results"),
                       help="Folder for the result files and grades.csv.")
    batch.add_argument("--csv", type=Path, default=None, help="The grades table "
                       "(default: OUT_DIR/grades.csv).")
    batch.add_argument("--force", action="store_true", help="Grade again even where a "
                       "current result exists (same notebook, grader, mode and data).")
    batch.add_argument("--html", type=Path, default=None, metavar="DIR",
                       help="Also write each student's HTML report to DIR/<key>.html (the "
                            "class report, class.html and class.csv, always goes to OUT_DIR).")
    batch.add_argument("--no-evidence", dest="evidence", action="store_false",
                       help="Keep no evidence in OUT_DIR/.evidence (then `autograder regrade` "
                            "runs every notebook again).")


def build_parser() -> argparse.ArgumentParser:
    from autograder import __version__

    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"autograder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    data = commands.add_parser("data", help="Prepare the student and held-out data.")
    _add_assignments(data)
    data.add_argument("--scale", choices=("ci", "full"), default="ci",
                      help="Size of the offline stand-in (ci ≈ 2,000 images, full ≈ 25,000).")
    data.add_argument("--from", dest="source", type=Path, default=None,
                      help="The real dataset: its zip or unpacked folder (one assignment).")
    data.add_argument("--force", action="store_true", help="Rebuild even if present.")
    data.add_argument("--student", type=Path, default=None, metavar="OUT",
                      help="Write only the student's stand-in files to OUT/<dataset>/ (no "
                           "held-out images, no secret): the data to run the notebook on.")

    author = commands.add_parser("author", help="Write the nbgrader test cells of source/ "
                                 "from the assignment's checks (id, title, points).")
    _add_assignments(author)

    release = commands.add_parser("release", help="Generate release/ from source/ (nbgrader).")
    _add_assignments(release)

    grade = commands.add_parser("grade", help="Grade submission notebooks.")
    grade.add_argument("notebooks", nargs="+", type=Path)
    grade.add_argument("--assignment", default=None, help="Assignment id (default: from path).")
    grade.add_argument("--json", type=Path, default=None, help="Result file (one notebook).")
    grade.add_argument("--out-dir", type=Path, default=None, help="Folder for result files.")
    grade.add_argument("--keep-work", action="store_true", help="Keep the scratch folder.")
    grade.add_argument("--executed", type=Path, default=None,
                       help="Write the notebook with this run's outputs here (one notebook).")
    grade.add_argument("--quiet", action="store_true", help="Print only the summary table.")
    grade.add_argument("--html", type=Path, default=None,
                       help="Write each student's HTML report: a .html file (one notebook) or a "
                            "folder laid out like --out-dir.")
    grade.add_argument("--force", action="store_true",
                       help="Grade again even where --out-dir already holds a result of the same "
                            "notebook by the same grader, mode and data (such results are "
                            "otherwise reused, so a stopped batch resumes).")
    grade.add_argument("--evidence", type=Path, default=None, metavar="DIR",
                       help="Keep each grading's evidence (the files its sandbox produced) in "
                            "DIR for `autograder regrade` (default with --out-dir: "
                            "OUT_DIR/.evidence).")
    grade.add_argument("--no-evidence", dest="evidence", action="store_const", const=False,
                       help="Keep no evidence (then `autograder regrade` runs every notebook "
                            "again).")

    feedback = commands.add_parser("feedback", help="Write a result's HTML report, CI result "
                                   "formats and Markdown summary (runs no student code).")
    feedback.add_argument("result", type=Path, help="A result file of `autograder grade`.")
    feedback.add_argument("--out", type=Path, required=True, help="Folder for the files.")
    feedback.add_argument("--summary", type=Path, default=None,
                          help="Also append the Markdown summary here ($GITHUB_STEP_SUMMARY).")

    report = commands.add_parser("report", help="Write the class report of a results folder: "
                                 "score distribution, failure rate and common messages per "
                                 "check, failed and slowest gradings, grader errors, look-alike "
                                 "submissions (runs no student code).")
    report.add_argument("results", type=Path, metavar="RESULTS_DIR",
                        help="A folder of result files (`batch`/`grade --out-dir`).")
    report.add_argument("--html", type=Path, default=None, help="The page (default "
                        "RESULTS_DIR/class.html).")
    report.add_argument("--csv", type=Path, default=None, help="The grades, a column per "
                        "check, as CSV (default RESULTS_DIR/class.csv).")

    init = commands.add_parser("init", help="Make a course folder an instructor can use away "
                               "from this repository: source/ notebooks, nbgrader_config.py, "
                               "autograder.toml.")
    init.add_argument("folder", type=Path, metavar="COURSE_DIR")
    _add_assignments(init)
    init.add_argument("--force", action="store_true", help="Overwrite the course's files "
                      "already in the folder.")

    course = commands.add_parser("course", help="Main job: prepare stand-in data, generate "
                                 "release/, grade the solution and the untouched release.")
    _add_assignments(course)
    course.add_argument("--out-dir", type=Path, default=Path("results"))

    _add_batch(commands)
    from autograder.regrade.command import add_parser as add_regrade

    add_regrade(commands, _add_settings)

    _add_settings(data, DATA_SETTINGS)
    for sub in (grade, course, commands.choices["batch"]):
        _add_settings(sub)
    from autograder.ci.subcommands import add_parsers

    add_parsers(commands, _add_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    from autograder import commands

    try:
        assignments = _assignments(getattr(args, "assignments", []))
    except KeyError as error:
        print(f"autograder: {error.args[0]}", file=sys.stderr)
        return 2
    if args.command == "release":
        return max(commands.release(assignment) for assignment in assignments)
    if args.command == "author":
        return max(commands.author(assignment) for assignment in assignments)
    if args.command == "init":
        return commands.init(args.folder, assignments, force=args.force)
    if args.command == "feedback":
        return commands.feedback(args.result, out=args.out, summary=args.summary)
    if args.command == "report":
        return commands.report(args.results, html=args.html, csv=args.csv)
    cli_values = {option.name: getattr(args, option.name, None) for option in OPTIONS}
    try:
        settings = load_settings(cli_values, config_path=getattr(args, "config", None))
    except ValueError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 2
    if args.command in _KERNEL_COMMANDS and settings.sandbox:
        from autograder.sandbox.sockets import work_root_problem

        problem = work_root_problem(settings.work_root)
        if problem:  # before a batch of hundreds starts, not in each grading's result
            print(f"autograder: {problem} (set by {settings.sources['work_root']})",
                  file=sys.stderr)
            return 2
    if args.command in ("ci", "template", "gradebook"):
        from autograder.ci.subcommands import run_command

        return run_command(args, settings)
    if args.command == "data":
        if args.source is not None and len(assignments) != 1:
            print("autograder: --from takes the real files of one assignment; name it, e.g. "
                  "`autograder data C2W1 --from kagglecatsanddogs_5340.zip`.", file=sys.stderr)
            return 2
        if args.source is not None and args.student is not None:
            print("autograder: --student writes the offline stand-in, so it takes no --from. "
                  "Drop --from (or --student, to prepare the grader's real data).",
                  file=sys.stderr)
            return 2
        return max(commands.data(assignment, settings=settings, scale=args.scale,
                                 source=args.source, force=args.force, student=args.student)
                   for assignment in assignments)
    if args.command == "grade":
        return commands.grade(args.notebooks, settings=settings, assignment=args.assignment,
                              json_path=args.json, out_dir=args.out_dir,
                              keep_work=args.keep_work, quiet=args.quiet,
                              executed_path=args.executed, force=args.force, html=args.html,
                              evidence=True if args.evidence is None else args.evidence)
    if args.command == "batch":
        from autograder.batch import batch

        return batch(args.folder, settings=settings, assignment=args.assignment,
                     workers=args.workers, out_dir=args.out_dir, backend=args.backend,
                     scheduler=args.scheduler, threads=args.threads,
                     resources=dict(args.resources), force=args.force, csv_path=args.csv,
                     html=args.html, evidence=args.evidence)
    if args.command == "regrade":
        from autograder.regrade.command import regrade

        return regrade(args.results, settings=settings, assignment=args.assignment,
                       workers=args.workers)
    return commands.course(assignments, settings=settings, out_dir=args.out_dir)


if __name__ == "__main__":
    sys.exit(main())
