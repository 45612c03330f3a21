"""nbgrader's autograde step, done by this grader outside the student's kernel.

`AutograderGrade` stands where nbgrader's `Execute` stands in
``Autograde.autograde_preprocessors`` (see ``nbgrader_config.py``). For each submitted
notebook it

1. writes the notebook, as nbgrader sanitized it, to a temporary folder;
2. grades it there with ``python -I -m autograder grade``: a separate process that runs the
   notebook in its own kernel, exports its artifacts and runs every check (``-I``: neither
   the working folder nor a ``PYTHON*`` variable can change which grader runs);
3. copies that run's outputs into the student's cells, and fills each autograder test cell
   with outputs from which nbgrader's `determine_grade` reads exactly the check's points.

Nothing that decides a grade runs in the student's kernel, so nothing a student's cell
defines or pre-fills there can change a score. Test cells never show hidden test code,
tracebacks or instructors' details: only the verdict, the points and the student feedback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from logging import Logger
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor
from traitlets import Integer, Unicode

from autograder.pipeline import is_grader_test_cell
from autograder.reporters.inert import for_terminal, plain
from autograder.reporters.inert_markdown import inert_markdown, inert_raw
from autograder.reporters.notebook_outputs import inert_outputs
from autograder.results import CheckResult, GradeResult, from_dict

__all__ = ["AutograderGrade", "InertMarkdown", "StudentMetadata", "copy_outputs",
           "fill_test_cells", "grader_command",
           "NOT_GRADED", "GRADER_ERROR", "NO_CHECK"]

NOT_GRADED = ("The grader could not check this notebook (this is not your fault); "
              "your instructor can see why.")
"""What every test cell says when the grader process gave no result."""
GRADER_ERROR = ("The grader failed on this check (this is not your fault); "
                "your instructor can see why.")
"""What a test cell says when the grader broke on its check (a ``grader_error``)."""
NO_CHECK = ("The autograder has no check for this test cell (this is not your fault); "
            "your instructor can see why.")
"""What a test cell says when its grade id is not a check of the assignment."""

_MARK = {"passed": "✓", "failed": "✗", "grader_error": "!"}
_STDERR_TAIL = 3000


def grader_command(notebook: Path, *, assignment: str, result: Path, executed: Path,
                   config: str = "") -> list[str]:
    """The command that grades `notebook` in a separate, isolated Python process.

    Args:
        notebook: the submission, as nbgrader sanitized it.
        assignment: assignment id, e.g. ``"C2W1"``.
        result: where the grader writes its result JSON.
        executed: where the grader writes the notebook with its run's outputs.
        config: the course's ``autograder.toml`` ("" for the grader's own lookup).

    Returns:
        The argument list for `subprocess`.
    """
    from autograder.assignments.editions import with_edition

    # the edition of the release whose test cells get the points (not the notebook's code)
    command = [sys.executable, "-I", "-m", "autograder", "grade", str(notebook),
               "--assignment", with_edition(assignment), "--json", str(result),
               "--executed", str(executed), "--quiet"]
    return command + (["--config", config] if config else [])


def copy_outputs(nb: NotebookNode, executed: NotebookNode, log: Logger | None = None) -> bool:
    """Copies the outputs and execution counts of the grader's run into `nb`'s student cells,
    made inert (`inert_outputs`: text and pictures only, no HTML, JavaScript or widget), as
    nbgrader's feedback and formgrader render them in a browser.

    Cells map one to one (the grader writes the notebook it was given, with outputs);
    autograder test cells are left alone: the grader did not run them.

    Returns:
        False when the two notebooks do not have the same cells: none is copied, and the
        outputs `nb` already holds are made inert.
    """
    ran = executed.get("cells", [])
    if [c.cell_type for c in nb.cells] != [c.get("cell_type") for c in ran]:
        if log:
            log.warning("The grader's executed notebook does not match the submission's cells; "
                        "its outputs are not shown.")
        for cell in nb.cells:
            if cell.cell_type == "code" and not is_grader_test_cell(cell):
                cell.outputs = inert_outputs(cell.get("outputs", []))
        return False
    for cell, done in zip(nb.cells, ran):
        if cell.cell_type == "code" and not is_grader_test_cell(cell):
            cell.outputs = inert_outputs(done.get("outputs", []))
            count = done.get("execution_count")
            cell.execution_count = count if type(count) is int else None
    return True


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.strip().splitlines())


def _verdict(check: CheckResult, points: float) -> str:
    line = (f"{_MARK.get(check.status, '!')} {check.title} "
            f"({points:g} of {check.max_points:g} points)\n")
    if check.status == "grader_error":
        return line + _indent(GRADER_ERROR)
    return line + (_indent(check.feedback) if check.feedback and not check.passed else "")


def _outputs(text: str, points: float) -> list[NotebookNode]:
    # stdout, never stderr: IgnorePattern drops stderr lines that mention Keras or
    # TensorFlow, which student feedback often does. The execute_result is what
    # nbgrader's determine_grade reads as the cell's partial credit.
    return [new_output("stream", name="stdout", text=text),
            new_output("execute_result", data={"text/plain": repr(float(points))},
                       execution_count=None)]


def _fill(cell: NotebookNode, text: str, points: float) -> None:
    # plain: nbconvert turns ANSI colours in a stream into HTML (a green forged score)
    cell.outputs = _outputs(plain(text), points)
    cell.execution_count = None


def _header(result: GradeResult) -> str:
    lines = [f"Graded on: {result.data}"]
    if result.execution.get("status") not in ("completed", "external", "grader_error", None):
        lines.append(f"Running your notebook: {result.execution.get('message', '')}")
    if result.edition:  # as the CLI's feedback says it (`autograder.reporters.text`)
        from autograder.assignments.editions import edition_title

        lines.append(f"Graded as: {edition_title(result.assignment, result.edition)}")
    return "\n".join(lines) + "\n\n"


def fill_test_cells(nb: NotebookNode, result: GradeResult | None,
                    log: Logger | None = None) -> None:
    """Writes each autograder test cell's verdict as outputs nbgrader grades.

    A test cell (nbgrader ``grade: true, solution: false``) whose grade id is a check id gets
    a stdout line with the check's verdict and points (and, when failed, the student
    feedback), then an ``execute_result`` holding the points, which nbgrader's
    `determine_grade` reads as the cell's score. Every other test cell gets 0.

    Args:
        nb: the notebook nbgrader keeps; changed in place.
        result: the grader's result, or None when the grader gave none (every test cell 0).
        log: where instructors' messages go (grader errors, unknown grade ids).
    """
    checks = {c.check_id: c for c in result.checks} if result else {}
    header = _header(result) if result else ""
    logged: set[str] = set()  # a whole-submission grader error repeats one traceback
    for cell in (c for c in nb.cells if is_grader_test_cell(c)):
        grade_id = cell.metadata["nbgrader"].get("grade_id", "")
        check = checks.get(grade_id)
        if result is None:
            _fill(cell, f"! {NOT_GRADED}\n", 0.0)
        elif check is None:
            if log:
                log.warning("Test cell %r is not a check of %s: it gets 0 points.",
                            for_terminal(grade_id), result.assignment)
            _fill(cell, header + f"! {NO_CHECK}\n", 0.0)
        else:
            points = _points(check, float(cell.metadata["nbgrader"].get("points", 0)), log)
            if check.status == "grader_error" and log and check.detail not in logged:
                log.error("Grader error on check %s: %s", check.check_id,
                          for_terminal(check.detail))
                logged.add(check.detail)
            _fill(cell, header + _verdict(check, points), points)
        header = ""  # said once, in the first test cell


def _points(check: CheckResult, cell_points: float, log: Logger | None) -> float:
    """The check's points, within what nbgrader accepts for the cell (0 to its points)."""
    if check.max_points != cell_points and log:
        log.warning("Check %s is worth %g points but its test cell %g: the cell gets at most %g.",
                    check.check_id, check.max_points, cell_points, cell_points)
    return min(max(float(check.points), 0.0), cell_points)


class StudentMetadata(DeduplicateIds):
    """nbgrader's `DeduplicateIds`, made safe for the whole batch.

    nbgrader stops ``autograde`` for every student after the current one when a submitted
    cell's ``nbgrader`` metadata has another schema version: its own `DeduplicateIds`
    leaves ``{}`` (version 0) on a duplicated locked or graded cell, so a student who
    copies a cell, or writes any version number into a cell's metadata, ends the batch.
    Here such metadata is not the student's to set: a duplicate becomes an ordinary cell
    (its ``nbgrader`` key removed), and every other cell's version is the current one
    (`OverwriteCells` then restores graded and locked cells from the source notebook, and
    `CheckCellMetadata` still rejects metadata that is malformed, for this student only).
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            return cell, resources
        if not isinstance(meta, dict) or not meta.get("grade_id"):
            del cell.metadata["nbgrader"]
            return cell, resources
        meta["schema_version"] = MetadataValidator.schema_version
        grade_id = meta["grade_id"]
        if (meta.get("grade") or meta.get("solution") or meta.get("locked")) and \
                grade_id in self.grade_ids:
            self.log.warning("Cell with id '%s' exists multiple times; the copy is kept as "
                             "an ordinary cell", for_terminal(grade_id))
            del cell.metadata["nbgrader"]
            return cell, resources
        self.grade_ids.add(grade_id)
        return cell, resources


class InertMarkdown(NbGraderPreprocessor):
    """Makes the HTML a student writes in Markdown and raw cells inert, as their code's
    outputs already are (`copy_outputs`), before nbgrader's feedback or formgrader renders
    the notebook in a browser: raw HTML in Markdown is escaped, the rest of the Markdown is
    kept (`inert_markdown`), and raw cells are shown as written (`inert_raw`). Every such
    cell is treated so: the instructor's cells of this course hold no raw HTML, and a
    student can mark a cell of their own as the instructor's.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if cell.cell_type == "markdown":
            cell.source = inert_markdown(cell.source)
        elif cell.cell_type == "raw":
            cell.source = inert_raw(cell.source)
        return cell, resources


class AutograderGrade(NbGraderPreprocessor):
    """Grades a submission with this grader, in a separate process, instead of `Execute`."""

    config_file = Unicode(
        "", help="The course's autograder.toml, passed to the grader as --config "
                 "('' lets the grader look for one itself).").tag(config=True)
    timeout = Integer(
        3600, help="Seconds the grader may take for one notebook (its run, export and checks); "
                   "after that it is stopped and every test cell gets 0.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Grades `nb` outside the student's kernel and writes the verdicts into it."""
        name = resources["nbgrader"]["notebook"]
        assignment = resources["nbgrader"]["assignment"]
        with tempfile.TemporaryDirectory(prefix="nbgrader-autograde-") as folder:
            folder = Path(folder)
            nbformat.write(nb, folder / f"{name}.ipynb")
            command = grader_command(folder / f"{name}.ipynb", assignment=assignment,
                                     result=folder / "result.json",
                                     executed=folder / "executed.ipynb", config=self.config_file)
            self.log.info("Grading %s of %s with the autograder (outside the student's kernel)",
                          name, resources["nbgrader"].get("student", "?"))
            stderr = self._run(command, folder)
            result = self._read_result(folder / "result.json", stderr)
            self._copy_executed(nb, folder / "executed.ipynb")
        fill_test_cells(nb, result, self.log)
        return nb, resources

    def _copy_executed(self, nb: NotebookNode, path: Path) -> None:
        """Shows the grader's run in the student's cells, if it wrote one."""
        if not path.is_file():
            return
        try:
            executed = nbformat.read(path, as_version=4)
        except Exception as error:  # noqa: BLE001 - only the outputs are lost, never the grade
            self.log.warning("Could not read the grader's executed notebook: %s", error)
            return
        copy_outputs(nb, executed, self.log)

    def _run(self, command: list[str], folder: Path) -> str:
        """Runs the grader; returns the end of its stderr (or why it was stopped)."""
        # Output to files, not pipes: a kernel left behind cannot keep a pipe open and
        # block us. A session of its own, so a timeout stops the grader's whole group.
        with open(folder / "stdout.txt", "w+") as out, open(folder / "stderr.txt", "w+") as err:
            try:
                process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=err,
                                           start_new_session=True,
                                           env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
            except OSError as error:
                return f"The grader could not be started: {error}"
            try:
                process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return f"The grader was stopped after {self.timeout} s (AutograderGrade.timeout)."
        stderr = (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        self.log.debug("Grader exit code %s; its summary:\n%s", process.returncode,
                       (folder / "stdout.txt").read_text(encoding="utf-8", errors="replace"))
        return f"exit code {process.returncode}\n{stderr[-_STDERR_TAIL:]}"

    def _read_result(self, path: Path, stderr: str) -> GradeResult | None:
        """The grader's result, or None (logged, with the grader's stderr) if it wrote none."""
        try:
            return from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as error:
            self.log.error("The autograder gave no result (%s: %s); every test cell gets 0. "
                           "The grader's stderr ends with:\n%s", type(error).__name__,
                           for_terminal(error), for_terminal(stderr))
            return None
