"""Every notebook: committed clean, shaped like a lesson, and runs top to bottom in a fresh kernel.

Discovered automatically from notebooks/NN_*.ipynb.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT

IDS = [p.stem for p in NOTEBOOKS]


def _source(notebook, kind=None):
    return "\n".join(c.source for c in notebook.cells if kind is None or c.cell_type == kind)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no NN_*.ipynb"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} holds outputs: clear them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_the_lesson_shape(path):
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0].source
    assert first.startswith("# "), "the first cell opens with the lesson title"
    for heading in ("Prerequisites", "Time to learn"):
        assert heading in first, f"the first cell needs '{heading}' (Project Pythia style)"
    text = _source(notebook)
    assert "setup()" in _source(notebook, "code"), "call helpers.activities.display.setup() (it shows the safety statement)"
    assert "Key points" in text


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "00_start_here.ipynb"],
                         ids=[p.stem for p in NOTEBOOKS if p.name != "00_start_here.ipynb"])
def test_lesson_has_exercises_with_banked_solutions_think_and_a_guide(path):
    from helpers.activities.exercise import load_exercises

    notebook = nbformat.read(path, as_version=4)
    exercises = load_exercises(path.name[:2])
    assert exercises and all(item.solution for item in exercises), "every exercise's worked solution is in its bank"
    text = _source(notebook)
    assert "Think!" in text and "Interactive demo" in text and "Exercise" in text
    number = path.name[:2]
    assert list((ROOT / "lessons").glob(f"{number}_*.md")), f"lessons/{number}_*.md (instructor guide) is missing"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path, executed_notebook):
    notebook = executed_notebook(path)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}"
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs) or \
        path.name == "00_start_here.ipynb", "a lesson shows at least one live explorer"
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("Traceback" in s or "Warning" in s for s in stderr), f"{path.name} printed to stderr: {stderr[:1]}"


SOLUTION_START = re.compile(r"\s*[*_]*\s*(?:solution|model answers?)\b", re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_solution_is_a_notebook_cell(path):
    """Solutions open from the exercise's own answer box after an attempt (the bank's ``solution``): no cell is a
    solution, so "Run All" prints no answer and JupyterLab shows none before the learner tries."""
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        assert "solution" not in cell.metadata.get("tags", []), f"{path.name} cell {index} is a solution cell"
        assert not SOLUTION_START.match(cell.source), f"{path.name} cell {index} starts like a solution"
