"""The command line of the CI steps and of the template: ``autograder ci …``, ``autograder
template …`` (wired into `autograder.cli`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from autograder.reporters.inert import echo

__all__ = ["add_parsers", "run_command"]

#: What ``ci run`` uses: it runs the notebook in the sandbox, without the held-out data.
_RUN_SETTINGS = ("data_root", "work_root", "cell_timeout", "notebook_timeout", "seed", "sandbox",
                 "memory_limit", "disk_limit", "max_processes")


def add_parsers(commands, add_settings) -> None:
    """Adds ``ci`` (run, decrypt, score), ``template`` and ``gradebook`` to the CLI."""
    ci = commands.add_parser("ci", help="Grading on a CI runner, one step at a time.")
    steps = ci.add_subparsers(dest="ci_step", required=True)
    run = steps.add_parser("run", help="Run the notebook in the sandbox (no held-out data).")
    run.add_argument("notebook", type=Path)
    run.add_argument("--assignment", default=None)
    run.add_argument("--state", type=Path, required=True, help="Folder for what the run left.")
    decrypt = steps.add_parser("decrypt", help="Open the held-out bundle (runs no student code).")
    decrypt.add_argument("bundle", type=Path)
    decrypt.add_argument("--key-env", default="HELDOUT_KEY",
                         help="Environment variable holding the bundle's key.")
    score = steps.add_parser("score", help="Check what `ci run` left, held-out data present.")
    score.add_argument("--state", type=Path, required=True)
    score.add_argument("--json", type=Path, required=True, help="The result file.")
    add_settings(run, _RUN_SETTINGS)
    add_settings(decrypt, ("heldout_root",))
    add_settings(score)

    template = commands.add_parser("template", help="Write the student template repository "
                                   "of an assignment (notebook, workflow, encrypted held-out).")
    template.add_argument("assignment")
    template.add_argument("out", type=Path)
    template.add_argument("--grader", default=None,
                          help="pip requirement the workflow installs (default: this version).")
    add_settings(template, ("heldout_root",))  # it seals the held-out data

    gradebook = commands.add_parser("gradebook", help="Results into nbgrader's gradebook "
                                    "and/or a CSV of all students.")
    gradebook.add_argument("results", type=Path, help="Folder of result files (--out-dir).")
    gradebook.add_argument("--db", default=None,
                           help="nbgrader gradebook URL, e.g. sqlite:///gradebook.db.")
    gradebook.add_argument("--csv", type=Path, default=None, help="CSV of all results.")
    add_settings(gradebook, ())  # reads result files only


def run_command(args, settings) -> int:
    """Runs a ``ci`` step or ``template``; returns the exit code."""
    from autograder.pipeline import DataNotPrepared

    try:
        if args.command == "template":
            return _template(args, settings)
        if args.command == "gradebook":
            return _gradebook(args)
        if args.ci_step == "run":
            return _run(args, settings)
        if args.ci_step == "decrypt":
            return _decrypt(args, settings)
        return _score(args, settings)
    except (DataNotPrepared, FileNotFoundError) as error:
        echo(f"autograder: {error}", file=sys.stderr)
        return 2


def _run(args, settings) -> int:
    from autograder.ci.steps import run_student_code

    run = run_student_code(args.notebook, settings=settings, state=args.state,
                           assignment=args.assignment)
    echo(f"Ran {run['submission']}: {run['execution'].get('status')}")
    return 0


def _decrypt(args, settings) -> int:
    from cryptography.fernet import InvalidToken

    from autograder.ci.bundle import open_heldout

    key = os.environ.get(args.key_env, "")
    if not key:
        print(f"autograder: no key in ${args.key_env}: set the repository secret "
              f"{args.key_env} to the key `autograder template` printed.", file=sys.stderr)
        return 2
    try:
        folder = open_heldout(args.bundle, key, settings.heldout_root)
    except (InvalidToken, ValueError):
        print(f"autograder: ${args.key_env} does not open {args.bundle}.", file=sys.stderr)
        return 2
    print(f"Held-out data ready in {folder}")
    return 0


def _score(args, settings) -> int:
    from autograder.ci.steps import score_run
    from autograder.reporters import student_feedback
    from autograder.results import write_result

    result = score_run(args.state, settings=settings)
    write_result(result, args.json)
    echo(student_feedback(result))  # into the run's log: no workflow command survives
    return 3 if result.grader_errors else 0


def _template(args, settings) -> int:
    from autograder.assignments import get_assignment
    from autograder.ci.template import write_template

    try:
        spec = get_assignment(args.assignment.upper())
    except KeyError as error:
        print(f"autograder: {error.args[0]}", file=sys.stderr)
        return 2
    key = write_template(spec, args.out, settings=settings,
                         grader=args.grader)
    print(f"Wrote the template repository to {args.out}.\n"
          f"Set this key as the secret HELDOUT_KEY of the student repositories (or of the "
          f"organisation), and keep it nowhere else:\n{key.decode('ascii')}")
    return 0


def _gradebook(args) -> int:
    from autograder.gradebook import find_results, record_in_gradebook, write_grades_csv

    if args.db is None and args.csv is None:
        print("autograder: name --db, --csv or both.", file=sys.stderr)
        return 2
    # nbgrader's gradebook shells out to `alembic`, installed beside this interpreter: found
    # even when the virtual environment's bin/ is not on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join(filter(None, [bin_dir, os.environ.get("PATH")]))
    results = find_results(args.results)
    if args.csv is not None:
        print(f"{write_grades_csv(results, args.csv)} result(s) in {args.csv}")
    if args.db is not None:
        recorded = record_in_gradebook(results, args.db)
        print(f"{len(recorded)} result(s) in the gradebook {args.db}")
    return 0
