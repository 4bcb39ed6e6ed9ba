"""Checked exercises in the notebooks: each sits under its own heading as a starter cell with a blank to fill and
then its answer box; the worked solution waits in the exercise bank; the guide lists every one with its no-code
route; and the exercises beyond the class time are marked homework."""

from __future__ import annotations

import re

import pytest

from conftest import cells, guide_text
from helpers.activities.exercise import load_exercises
from helpers.course import lessons

LESSONS = [item.number for item in lessons()]


def heading_above(notebook_cells, index: int) -> str:
    """The ``## Exercise ...`` heading (without ``## ``) of the section holding cell ``index``."""
    return next(cell.source.splitlines()[0][3:].strip() for cell in reversed(notebook_cells[:index])
                if cell.cell_type == "markdown" and cell.source.startswith("## Exercise"))


@pytest.mark.parametrize("number", ["00", "01", "02"])
def test_each_exercise_reads_starter_then_answer_box_and_its_solution_waits_in_the_bank(number):
    notebook_cells = cells(number)
    for item in load_exercises(number):
        starters = [i for i, cell in enumerate(notebook_cells)
                    if cell.cell_type == "code" and f'check("{item.id}",' in cell.source]
        assert len(starters) == 1, f"{item.id}: one starter cell"
        starter = starters[0]
        assert re.search(r"^\w+ = \.\.\.", notebook_cells[starter].source, re.M), f"{item.id}: a blank to fill"
        assert notebook_cells[starter + 1].source.strip() == f'answer_box("{item.id}")'
        assert item.solution, f"{item.id}: its worked solution is in the bank, opened from the answer box"
        assert heading_above(notebook_cells, starter) == item.exercise, f"{item.id} sits under its own heading"


@pytest.mark.parametrize("number", ["00", "01", "02"])
def test_guide_lists_every_checked_exercise_with_its_no_code_route(number):
    guide = guide_text(number)
    assert "answer_box(" in guide and "check(" in guide and "no-code route" in guide.lower()
    rows = {line.split("|")[1].strip() for line in guide.splitlines() if line.startswith("| `")}
    missing = [item.id for item in load_exercises(number) if f"`{item.id}`" not in rows]
    assert missing == [], f"the guide of lesson {number} has no row for {missing} in its checked-exercises table"


@pytest.mark.parametrize("number", ["05", "06", "07"])
def test_exercises_beyond_the_class_time_are_marked_homework(number):
    headings = [line for cell in cells(number) if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## Exercise")]
    assert headings and any("homework" in line for line in headings)
