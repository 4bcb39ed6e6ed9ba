"""Every objective a lesson lists is assessed: by a self-check item or a checked exercise of that lesson."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.course import lessons
from helpers.exercise import load_exercises
from helpers.quiz import load_quiz

LESSONS = list(lessons())


def objectives(item) -> list[str]:
    """The bullet points of the notebook's "### Objectives" list, whitespace collapsed."""
    notebook = nbformat.read(item.notebook, as_version=4)
    block = next(cell.source for cell in notebook.cells if "### Objectives" in cell.source).split("### Objectives")[1]
    block = re.split(r"\n#{1,4} |\n\*\*Time to learn|\n\n(?=[^-\s])", block)[0]
    return [" ".join(point.split()) for point in re.split(r"\n- ", "\n" + block.strip()) if point.strip()]


@pytest.mark.parametrize("item", LESSONS, ids=[item.stem for item in LESSONS])
def test_every_objective_has_an_item_or_a_checked_exercise(item):
    assessed = {question.objective for question in load_quiz(item.number)}
    assessed |= {exercise.objective for exercise in load_exercises(item.number)}
    listed = objectives(item)
    assert listed, f"{item.stem}: no Objectives list"
    assert [objective for objective in listed if objective not in assessed] == []
