"""What the course asks, as the class report and the synthetic class read it: every prediction moment, self-check
item, checked exercise and concept-inventory item of the current banks, by id.

A learner's record may name items these banks no longer hold (an older course version): the report lists those as
unknown instead of counting them under a different question.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from helpers.activities.exercise import Exercise, load_exercises
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
class InventoryOption:
    """One option of an inventory item, in the bank's order."""

    text: str
    right: bool
    misconception: str


@dataclass(frozen=True)
class InventoryItem:
    """One concept-inventory item: the concept it measures, its prompt and its options in the bank's order."""

    id: str
    concept: str
    prompt: str
    options: tuple[InventoryOption, ...]


@dataclass(frozen=True)
class Inventory:
    """The concept inventory: concept names by id, the items by id, and the lesson each phase is taken in
    (``{"pre": "00", "post": "07"}``)."""

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
def inventory() -> Inventory | None:
    """The concept inventory (``helpers.activities.inventory.load_inventory``), or None in a course version
    without one."""
    try:
        from helpers.activities.inventory import PHASE_LESSONS, load_inventory
    except ImportError:
        return None
    try:
        bank = load_inventory()
    except FileNotFoundError:
        return None
    return Inventory(concepts={str(key): str(name) for key, name in dict(_field(bank, "concepts")).items()},
                     items={str(_field(item, "id")): _inventory_item(item) for item in _field(bank, "items")},
                     lessons=dict(PHASE_LESSONS))


def _inventory_item(item) -> InventoryItem:
    options = tuple(InventoryOption(text=str(_field(option, "text")), right=bool(_field(option, "right", False)),
                                    misconception=str(_field(option, "misconception", "") or ""))
                    for option in _field(item, "options"))
    return InventoryItem(id=str(_field(item, "id")), concept=str(_field(item, "concept")),
                         prompt=str(_field(item, "prompt")), options=options)


def _field(thing, name: str, default=None):
    """``thing[name]`` for a mapping, else ``thing.name`` (the inventory's loader may return either)."""
    if isinstance(thing, dict):
        return thing.get(name, default)
    return getattr(thing, name, default)
