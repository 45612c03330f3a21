"""The kernel package imports nothing else of the grader, and is told what to export as data."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import autograder.kernel
from autograder.artifacts import epilogue_code, kernel_exports
from autograder.assignments import get_assignment
from tests.conftest import ROOT

KERNEL = Path(autograder.kernel.__file__).parent
#: What the student's kernel has besides the standard library.
KERNEL_PACKAGES = {"numpy", "tensorflow", "keras"}

#: Any import of the grader outside `autograder.kernel` raises, in a fresh interpreter.
GUARD = """
import sys

class Guard:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("autograder.") and not (name == "autograder.kernel"
                                                   or name.startswith("autograder.kernel.")):
            raise ImportError(f"the kernel imported {name}")
        return None

sys.meta_path.insert(0, Guard())
"""


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom):
            names.add(f"<relative {node.module}>")
    return names


def test_every_import_of_the_kernel_package_is_stdlib_numpy_tensorflow_or_itself():
    found = {name for path in KERNEL.glob("*.py") for name in _imports(path)}
    outside = sorted(name for name in found
                     if not (name.split(".")[0] in sys.stdlib_module_names
                             or name.split(".")[0] in KERNEL_PACKAGES
                             or name == "autograder.kernel"
                             or name.startswith("autograder.kernel.")))
    assert outside == []
    assert "autograder.kernel.capture" in found  # the scan sees the package's own imports


def test_the_scan_fails_on_a_module_that_imports_the_grader(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from autograder.assignments import get_assignment\n")
    assert "autograder.assignments" in _imports(bad)


def _run_guarded(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", GUARD + textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_the_export_cell_runs_with_every_other_grader_import_refused(tmp_path):
    """The very cell the grader appends, run with a guard on the grader's other modules."""
    spec = get_assignment("C2W1")
    exports = kernel_exports(spec, only={"cleaning", "datasets"})
    cell = epilogue_code(tmp_path / "artifacts", spec.id, exports)
    completed = _run_guarded(f"""
        get_ipython = lambda: type("Shell", (), {{"user_ns": {{}}}})()
        exec({cell!r})
        loaded = sorted(name for name in sys.modules if name.startswith("autograder"))
        print("LOADED", loaded)
    """)
    assert completed.returncode == 0, completed.stderr
    loaded = completed.stdout.split("LOADED", 1)[1]
    assert "autograder.kernel.epilogue" in loaded and "autograder.checks" not in loaded
    document = json.loads((tmp_path / "artifacts" / "artifacts.json").read_text())
    assert set(document["artifacts"]) == {"cleaning", "datasets"}
    assert "`train_val_datasets` is not defined" in document["artifacts"]["datasets"]["feedback"]


def test_the_guard_refuses_the_grader_outside_the_kernel_package():
    completed = _run_guarded("import autograder.assignments")
    assert completed.returncode != 0 and "the kernel imported autograder" in completed.stderr


def test_exports_are_plain_data_from_the_declaration():
    spec = get_assignment("C2W4")
    exports = kernel_exports(spec)
    assert [e["name"] for e in exports] == [a.name for a in spec.artifacts]
    assert json.loads(json.dumps(exports)) == exports
    assert kernel_exports(spec, only={"history"}) == [
        {"name": "history", "exporter": "history", "params": {}}]
