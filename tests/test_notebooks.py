"""Every lesson's notebook (from the course registry): committed clean, shaped like a lesson, and runs top to bottom
in a fresh kernel."""

from __future__ import annotations

import re

import pytest

from conftest import NOTEBOOKS, cells, code_text
from helpers.course import lessons

LESSONS = list(lessons())
IDS = [item.stem for item in LESSONS]
SOLUTION_START = re.compile(r"\s*[*_]*\s*(?:solution|model answers?)\b", re.I)


def test_the_course_starts_here_and_every_registered_notebook_exists():
    assert LESSONS and LESSONS[0].stem == "00_start_here"
    assert [path for path in NOTEBOOKS if not path.exists()] == []


@pytest.mark.parametrize("item", LESSONS, ids=IDS)
def test_notebook_is_committed_without_outputs(item):
    for cell in cells(item):
        if cell.cell_type == "code":
            assert cell.outputs == () and cell.execution_count is None, f"{item.stem} holds outputs: clear them"


@pytest.mark.parametrize("item", LESSONS, ids=IDS)
def test_notebook_has_the_lesson_shape(item):
    first = cells(item)[0].source
    assert first.startswith(item.heading), "the first cell opens with the lesson title from the registry"
    for heading in ("### Prerequisites", item.time_to_learn):
        assert heading in first, f"the first cell needs {heading!r} (Project Pythia style)"
    assert "setup()" in code_text(item), "call helpers.activities.display.setup() (it shows the safety statement)"
    assert any(cell.source.startswith("## Key points") for cell in cells(item))


@pytest.mark.parametrize("item", LESSONS[1:], ids=IDS[1:])
def test_lesson_has_exercises_with_banked_solutions_think_demos_and_a_guide(item):
    from helpers.activities.exercise import load_exercises

    exercises = load_exercises(item.number)
    assert exercises and all(entry.solution for entry in exercises), "every exercise's worked solution is in its bank"
    headings = [cell.source.splitlines()[0] for cell in cells(item) if cell.cell_type == "markdown" and cell.source]
    for kind in ("Think!", "Interactive demo", "Exercise"):
        assert any(kind in heading for heading in headings), f"{item.stem}: no {kind} heading"
    assert item.guide.exists(), f"{item.guide.name} (instructor guide) is missing"


@pytest.mark.notebook
@pytest.mark.parametrize("item", LESSONS, ids=IDS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(item, executed_notebook):
    notebook = executed_notebook(item.notebook)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{item.stem}: {errors[0].ename}: {errors[0].evalue}"
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs) or \
        item.number == "00", "a lesson shows at least one live explorer"
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("Traceback" in s or "Warning" in s for s in stderr), f"{item.stem} printed to stderr: {stderr[:1]}"


@pytest.mark.parametrize("item", LESSONS, ids=IDS)
def test_no_solution_is_a_notebook_cell(item):
    """Solutions open from the exercise's own answer box after an attempt (the bank's ``solution``): no cell is a
    solution, so "Run All" prints no answer and JupyterLab shows none before the learner tries."""
    for index, cell in enumerate(cells(item)):
        assert "solution" not in cell.tags, f"{item.stem} cell {index} is a solution cell"
        assert not SOLUTION_START.match(cell.source), f"{item.stem} cell {index} starts like a solution"
