"""Notebook execution: each lesson's wall time in a fresh kernel, beside a baseline notebook.

The baseline notebook holds only the import lines found in the course notebooks plus the
import of the live explorer (``helpers.activities.live``, with the course chart widget,
loaded on the first explorer), so the ratio shows what a lesson costs beyond
starting a kernel and importing the course. Runs
alternate (baseline, lesson, baseline, next lesson, ...) for ``repeats`` rounds, so both
see the same machine load; the median of each is reported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import cells
from helpers.course import with_notebook
from helpers.publish.run import CELL_TIMEOUT_S, execute_notebook

from bench.report import ROOT, TARGETS, Section, median

if TYPE_CHECKING:
    import nbformat

NOTEBOOK_DIR = ROOT / "notebooks"
REPEATS = 3


def course_notebooks() -> list[Path]:
    """The notebooks of the lessons in ``lessons/course.yaml`` (those written so far), in course order."""
    return [item.notebook for item in with_notebook()]


def course_imports(notebooks: list[Path]) -> list[str]:
    """Every top-level import statement in the notebooks' code cells, each once, in first-seen order."""
    lines = []
    for path in notebooks:
        for cell in cells(path):
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:  # IPython magics; nothing to import there
                continue
            lines += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return list(dict.fromkeys(lines))


# What a lesson loads without naming it: the live explorer and its chart widget (anywidget).
LAZY_IMPORTS = ["from helpers.activities.live import LiveExplorer"]


def baseline_notebook(imports: list[str]) -> nbformat.NotebookNode:
    """One cell: the course's import lines, then the lazily loaded ones (``LAZY_IMPORTS``)."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("\n".join(dict.fromkeys(imports + LAZY_IMPORTS)))]
    return notebook


def execution_seconds(notebook: nbformat.NotebookNode) -> float:
    """Wall time to run ``notebook`` top to bottom in a fresh kernel (start and shutdown included)."""
    start = time.perf_counter()
    execute_notebook(notebook, handout=False, cwd=NOTEBOOK_DIR, timeout_s=CELL_TIMEOUT_S)
    return time.perf_counter() - start


# Imports worth watching: the live view (course chart widget, anywidget) against plotly's FigureWidget, which
# pulls in nbformat -> jsonschema -> rfc3987_syntax (a grammar built at import, ~1-2 s); the course no longer
# imports FigureWidget.
WATCHED_IMPORTS = {
    "import of the live view (fresh interpreter)": "from helpers.activities.live import LiveExplorer",
    "import of plotly FigureWidget, not used (fresh interpreter)": "import plotly.graph_objects as go; go.FigureWidget",
}


def import_seconds(statement: str) -> float | None:
    """Median time of ``statement`` in ``REPEATS`` fresh interpreters (None if it fails)."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(REPEATS):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            return None
        times.append(float(done.stdout.strip()))
    return median(times)


def run(repeats: int = REPEATS) -> Section:
    import nbformat

    section = Section("notebooks")
    paths = course_notebooks()
    if not paths:
        section.notes.append("no notebooks/NN_*.ipynb yet")
        return section
    baseline = baseline_notebook(course_imports(paths))
    times: dict[str, list[float]] = {"baseline": []}
    failures: dict[str, str] = {}
    for _ in range(repeats):
        for path in paths:
            times["baseline"].append(execution_seconds(nbformat.from_dict(baseline)))
            if path.stem in failures:
                continue
            try:
                times.setdefault(path.stem, []).append(execution_seconds(nbformat.read(path, as_version=4)))
            except Exception as error:  # a broken lesson is reported, not fatal
                failures[path.stem] = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:120]}"
    base = median(times["baseline"])
    section.add("baseline (course imports only)", base, "s", None, f"n={len(times['baseline'])}")
    for path in paths:
        if path.stem in failures:
            section.add(f"{path.stem} ratio to baseline", None, "", TARGETS["execution_ratio"],
                        f"failed: {failures[path.stem]}")
            continue
        seconds = median(times[path.stem])
        section.add(f"{path.stem} ratio to baseline", seconds / base, "x", TARGETS["execution_ratio"],
                    f"median {seconds:.1f} s, n={len(times[path.stem])}")
    for what, statement in WATCHED_IMPORTS.items():
        seconds = import_seconds(statement)
        if seconds is not None:
            section.add(what, seconds, "s", None, statement)
    section.notes.append(f"fresh kernel per run (start + shutdown included), live mode (COURSE_HANDOUT=0); "
                         f"baseline and lessons alternate, {repeats} rounds; medians.")
    section.raw = {"seconds": times, "failures": failures, "baseline_imports": course_imports(paths)}
    return section

