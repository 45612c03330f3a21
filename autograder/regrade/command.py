"""``autograder regrade RESULTS_DIR``: the checks again on kept evidence (the CLI's command)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from autograder.config import Settings
from autograder.regrade.regrade import CHECKED, EXECUTED, LEFT, RegradeRow, regrade_folder
from autograder.reporters.inert import echo

__all__ = ["add_parser", "regrade"]


def add_parser(commands, add_settings) -> None:
    """Adds ``regrade`` to the CLI's subcommands."""
    parser = commands.add_parser(
        "regrade", help="Run today's checks and bars again on the evidence each grading of a "
        "results folder kept, rewriting its results; a notebook runs again only when its "
        "evidence is missing or its execution would differ (says which and why).")
    parser.add_argument("results", type=Path, metavar="RESULTS_DIR",
                        help="A folder of result files (`batch`/`grade --out-dir`).")
    parser.add_argument("--assignment", default=None,
                        help="Regrade only this assignment's results (default: all).")
    parser.add_argument("--workers", type=int, default=2,
                        help="Submissions regraded at once (default 2).")
    add_settings(parser)


def _line(row: RegradeRow) -> str:
    before = f"{row.before.score:g}/{row.before.max_score:g}"
    if row.after is None:
        return f"  {LEFT:<15}{row.key}: {before}; {row.reason}"
    change = f"{before} -> {row.after.score:g}/{row.after.max_score:g}"
    why = f"; because {row.reason}" if row.reason else ""
    return f"  {row.action:<15}{row.key}: {change} ({row.seconds:.1f} s){why}"


def regrade(results: Path, *, settings: Settings, assignment: str | None = None,
            workers: int = 2) -> int:
    """Regrades the results below `results`; rewrites their files, ``grades.csv`` and the
    class report where the folder has them.

    Returns:
        0 when every result was regraded; 1 when some were left as they were (the reason is
        printed); 2 when `results` is no folder of results; 3 when a new result holds a
        grader error.
    """
    from autograder.pipeline import DataNotPrepared

    if not Path(results).is_dir():
        echo(f"autograder: expected a folder of result files. Found no folder at {results}.",
             file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        rows = regrade_folder(results, settings=settings, assignment=assignment,
                              workers=workers, on_row=lambda row: echo(_line(row)))
    except DataNotPrepared as error:
        echo(f"autograder: {error}", file=sys.stderr)
        return 2
    if not rows:
        echo(f"autograder: expected result files (*.json of `batch` or `grade --out-dir`) "
             f"under {results}{' for ' + assignment if assignment else ''}. Found none.",
             file=sys.stderr)
        return 2
    counts = {action: sum(row.action == action for row in rows)
              for action in (CHECKED, EXECUTED, LEFT)}
    echo(f"Regraded {len(rows)} results in {time.monotonic() - started:.1f} s: "
         f"{counts[CHECKED]} checked again on their kept evidence, {counts[EXECUTED]} "
         f"executed again, {counts[LEFT]} left as they were.")
    _rewrite_tables(Path(results))
    echo(f"nbgrader's gradebook takes the new points with `autograder gradebook {results} "
         f"--db sqlite:///gradebook.db`.")
    if counts[LEFT]:
        return 1
    return 3 if any(row.after.grader_errors for row in rows if row.after is not None) else 0


def _rewrite_tables(results: Path) -> None:
    """``grades.csv`` and the class report again, where the batch wrote them."""
    from autograder.batch.summary import BatchRow, write_grades_csv
    from autograder.reporters.classreport import class_report
    from autograder.reporters.classreport.collect import read_results

    if (results / "grades.csv").is_file():
        entries = read_results(results).entries
        write_grades_csv([BatchRow(key=entry.key, result=entry.result) for entry in entries],
                         results / "grades.csv")
        echo(f"Table: {results / 'grades.csv'}")
    if (results / "class.html").is_file():
        class_report(results, html=results / "class.html", csv=results / "class.csv")
        echo(f"Class report: {results / 'class.html'}")
