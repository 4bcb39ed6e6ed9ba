"""What the course asks, as the class report and the synthetic class read it: every prediction moment, self-check
item, checked exercise and concept-inventory item of the current banks, by id.

A learner's record may name items these banks no longer hold (an older course version): the report lists those as
unknown instead of counting them under a different question.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from helpers.activities.exercise import Exercise, load_exercises
from helpers.activities.inventory import PHASE_LESSONS, InventoryItem, load_inventory
from helpers.activities.predict import Prediction, giveaways, load_predictions
from helpers.activities.quiz import NumberQuestion, OrderingQuestion, Question, load_quiz
from helpers.course import lessons


@dataclass(frozen=True)
class SelfCheckItem:
    """One self-check item: its ``question`` (options in the order shown), its lesson and whether it is core."""

    lesson: str
    question: Question | NumberQuestion | OrderingQuestion
    core: bool


@dataclass(frozen=True)
class Inventory:
    """The concept inventory as the report reads it: concept names by id, the items by id
    (:class:`helpers.activities.inventory.InventoryItem`, options in the bank's order), and the lesson each phase is
    taken in (``{"pre": "00", "post": "07"}``)."""

    concepts: dict[str, str]
    items: dict[str, InventoryItem]
    lessons: dict[str, str]


@functools.cache
def moments() -> dict[str, Prediction]:
    """Every prediction moment with a bank entry, by id, in course order."""
    return {moment: prediction for item in lessons() for moment, prediction in load_predictions(item.number).items()}


@functools.cache
def moments_asked_elsewhere() -> tuple[str, ...]:
    """Moments whose question is built by lesson code from other data (a bank entry with ``asked_by``, e.g. lesson
    07's ``07-grade`` from the claims table): the report counts their answers by the label each learner saw."""
    return tuple(moment for item in lessons() for moment in giveaways(item.number) if moment not in moments())


@functools.cache
def selfcheck_items() -> dict[str, SelfCheckItem]:
    """Every self-check item by id: each lesson's bank (core and extension), then lesson 07's claim-grading items
    (built from the claims table, asked as a self-check)."""
    found = {question.id: SelfCheckItem(item.number, question, not question.extension)
             for item in lessons() for question in load_quiz(item.number)}
    for question in _grading_questions():
        found[question.id] = SelfCheckItem(question.id[:2], question, True)
    return found


def _grading_questions() -> tuple:
    from helpers.lessons.l07_fact_check import grading_questions   # here: the lesson module loads its explorers
    return tuple(grading_questions())


@functools.cache
def exercises() -> dict[str, Exercise]:
    """Every checked exercise by id, in course order."""
    return {exercise.id: exercise for item in lessons() for exercise in load_exercises(item.number)}


@functools.cache
def inventory() -> Inventory:
    """The concept inventory (:func:`helpers.activities.inventory.load_inventory`), by id."""
    bank = load_inventory()
    return Inventory(concepts=dict(bank.concepts), items={item.id: item for item in bank.items},
                     lessons=dict(PHASE_LESSONS))
