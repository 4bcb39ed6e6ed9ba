"""Every objective a lesson lists is assessed: by a self-check item or a checked exercise of that lesson."""

from __future__ import annotations

import pytest

from conftest import notebook
from helpers.activities.exercise import load_exercises
from helpers.activities.quiz import load_quiz
from helpers.course import lessons
from helpers.glossary import objectives as listed_objectives

LESSONS = list(lessons())


def objectives(item) -> list[str]:
    """The notebook's "### Objectives" list (read as the glossary reads it), whitespace collapsed."""
    return listed_objectives(notebook(item))


@pytest.mark.parametrize("item", LESSONS, ids=[item.stem for item in LESSONS])
def test_every_objective_has_an_item_or_a_checked_exercise(item):
    assessed = {question.objective for question in load_quiz(item.number)}
    assessed |= {exercise.objective for exercise in load_exercises(item.number)}
    listed = objectives(item)
    assert listed, f"{item.stem}: no Objectives list"
    assert [objective for objective in listed if objective not in assessed] == []
