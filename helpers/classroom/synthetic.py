"""A synthetic class: learners' records generated from a seed, to drive the class report's tests and
``make class-demo``. No real learner is in it; its numbers say nothing about how a real class learns.

**The model** (every part an ASSUMPTION, chosen to give the report something recognisable to show):

* each learner has an *ability*, drawn from a standard normal distribution;
* each item (prediction moment, self-check item, exercise, inventory item) has a *difficulty*, drawn from a normal
  distribution (mean :data:`ITEM_DIFFICULTY_MEAN`, predictions :data:`PREDICTION_EXTRA_DIFFICULTY` harder: they come
  before the lesson teaches the idea);
* the chance of a right answer is logistic in ability minus difficulty (the one-parameter, Rasch, model):
  ``1 / (1 + exp(-(ability - difficulty)))``; on :data:`FLAWED_SHARE` of the self-check items ability does not help
  (as on a confusing item), so the report has items to flag;
* a wrong answer picks among the wrong options with weights drawn once per item (a Dirichlet distribution with
  :data:`ATTRACTION` < 1), so some wrong options are much more attractive than others;
* confidence goes with being right: :data:`CONFIDENCE_IF_RIGHT` against :data:`CONFIDENCE_IF_WRONG`;
* a wrong first self-check answer is retried once, right with probability :data:`RETRY_RIGHT` (in the lesson's
  self-check and in warm-ups);
* every lesson after the first opens with a warm-up (as lessons 01-07 do), drawn as
  :func:`helpers.activities.quiz.load_warm_up` draws it from the learner's record on that lesson's day: misses and
  due items first, then the lesson's prerequisites, then the fixed draw. Items met
  again there are :data:`WARM_UP_FORGETTING` logits harder than in their lesson (some is forgotten in a week);
  the course's warm-up items that no learner answers in a lesson (the extension's) get a difficulty too;
* :data:`PRACTICE_SHARE` of the learners present in a lesson with practice items (the extension's bank entries
  with ``family:``, lessons 01-04) practise: for each practice item, 1 to :data:`MAX_PRACTICE_INSTANCES`
  instances of its family, seeds 1, 2, ... as "Another one like this" gives them, each answered once (context
  "practice", with family and seed); each earlier instance adds :data:`PRACTICE_GAIN` logits (practice helps);
* the concept inventory's post-test (end of lesson 07) adds a per-learner learning gain to ability (normal, mean
  :data:`LEARNING_GAIN_MEAN`), so the post-test is better than the pre-test (start of lesson 00);
* each learner misses a lesson with probability :data:`ABSENCE` (and its events with it).

The same ``seed`` and size give byte-identical files.
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import numpy as np

from helpers.activities.exercise import Exercise
from helpers.activities.predict import CONFIDENCE_LEVELS, Prediction
from helpers.activities.quiz import (NumberQuestion, OrderingQuestion, Question, answer_text, is_right, load_warm_up,
                                     practice_question, warm_up_pool)
from helpers.classroom import course_items
from helpers.course import COURSE_ID, course_version, lessons
from helpers.record import FORMAT, FORMAT_VERSION

DEFAULT_SEED = 2026
ITEM_DIFFICULTY_MEAN = -0.5        # most items are answered right by most learners
ITEM_DIFFICULTY_SD = 1.0
PREDICTION_EXTRA_DIFFICULTY = 0.8
FLAWED_SHARE = 0.05
ATTRACTION = 0.6
MAX_OPTIONS = 10                   # options an item may have (attraction weights drawn for this many)
CONFIDENCE_IF_RIGHT = (0.5, 0.35, 0.15)   # sure, fairly sure, guessing
CONFIDENCE_IF_WRONG = (0.2, 0.4, 0.4)
RETRY_RIGHT = 0.7
WARM_UP_FORGETTING = 0.3           # logits: an item met again in a later lesson's warm-up is this much harder
PRACTICE_SHARE = 0.4               # learners present who practise a lesson's practice items
MAX_PRACTICE_INSTANCES = 4         # instances of each practice item a practising learner answers: 1 to this
PRACTICE_GAIN = 0.4                # logits each earlier instance of the same item adds
LEARNING_GAIN_MEAN = 1.2
LEARNING_GAIN_SD = 0.5
ABSENCE = 0.05
CODE_ROUTE = 0.6                   # share of exercise checks through code rather than the answer box
FIRST_LESSON_DAY = datetime.datetime(2026, 9, 7, 10, 0, tzinfo=datetime.UTC)
LINES_IF_RIGHT = ("The chart shows what I predicted.", "It went the way I expected, and by about as much.",
                  "Same direction as my guess.")
LINES_IF_WRONG = ("It went the other way from my guess.", "Not what I expected: the change is smaller.",
                  "I see now why my prediction was off.")


def synthetic_class(learners: int, seed: int = DEFAULT_SEED) -> list[dict]:
    """``learners`` records in the learner-record format (events' ``source`` "synthetic"), from ``seed``."""
    if learners < 1:
        raise ValueError(f"learners must be at least 1; got {learners}")
    rng = np.random.default_rng(seed)
    items = _ItemParameters(rng)
    return [_learner_record(rng, items, number) for number in range(learners)]


def write_class(learners: int, folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write :func:`synthetic_class` to ``folder`` as ``record-001.json``...; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, record in enumerate(synthetic_class(learners, seed), start=1):
        path = folder / f"record-{number:03d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


class _ItemParameters:
    """Each item's difficulty and its wrong options' attraction, drawn once per class in a fixed order."""

    def __init__(self, rng: np.random.Generator):
        self.moments = course_items.moments()
        self.selfchecks = {key: item for key, item in course_items.selfcheck_items().items() if item.core}
        self.exercises = course_items.exercises()
        self.inventory = course_items.inventory()
        self.warm_ups = {item.number: warm_up_pool(item.number) for item in lessons()[1:]}
        self.practice = _practice_items()
        inventory_ids = sorted(self.inventory.items)
        ids = [*self.moments, *self.selfchecks, *self.exercises, *(f"inventory:{key}" for key in inventory_ids)]
        ids += sorted({question.id for pool in self.warm_ups.values() for question in pool} - set(ids))
        difficulty = rng.normal(ITEM_DIFFICULTY_MEAN, ITEM_DIFFICULTY_SD, len(ids))
        self.difficulty = dict(zip(ids, difficulty))
        for moment in self.moments:
            self.difficulty[moment] += PREDICTION_EXTRA_DIFFICULTY
        self.flawed = {key for key in self.selfchecks if rng.random() < FLAWED_SHARE}
        self.attraction = {key: rng.dirichlet([ATTRACTION] * MAX_OPTIONS) for key in ids}
        self._instances: dict[tuple[str, int], NumberQuestion] = {}

    def instance(self, question: NumberQuestion, seed: int) -> NumberQuestion:
        """Instance ``seed`` of practice item ``question`` (each drawn once per class)."""
        key = (question.id, seed)
        if key not in self._instances:
            self._instances[key] = practice_question(question, seed)
        return self._instances[key]

    def wrong_choice(self, rng: np.random.Generator, key: str, wrong: list[int]) -> int:
        """One of the ``wrong`` options, the more attractive ones more often."""
        weights = self.attraction[key][:len(wrong)]
        return wrong[int(rng.choice(len(wrong), p=weights / weights.sum()))]


def _practice_items() -> dict[str, list[NumberQuestion]]:
    """The practice items (bank entries with a ``family``) of each lesson that has any."""
    found: dict[str, list[NumberQuestion]] = {}
    for item in course_items.selfcheck_items().values():
        if getattr(item.question, "family", ""):
            found.setdefault(item.lesson, []).append(item.question)
    return found


def _chance(ability: float, difficulty: float) -> float:
    return 1.0 / (1.0 + math.exp(-(ability - difficulty)))


def _learner_record(rng: np.random.Generator, items: _ItemParameters, number: int) -> dict:
    ability = float(rng.normal())
    gain = float(rng.normal(LEARNING_GAIN_MEAN, LEARNING_GAIN_SD))
    present = {item.number for item in lessons() if rng.random() >= ABSENCE}
    clock = _Clock()
    events = []
    for item in lessons():
        if item.number not in present:
            continue
        clock.start_lesson(int(item.number))
        if items.inventory and item.number == items.inventory.lessons["pre"]:
            events += _inventory_events(rng, items, ability, "pre", clock)
        events += _warm_up_events(rng, items, ability, item.number, events, clock)
        events += _prediction_events(rng, items, ability, item.number, clock)
        events += _selfcheck_events(rng, items, ability, item.number, clock)
        events += _practice_events(rng, items, ability, item.number, clock)
        events += _exercise_events(rng, items, ability, item.number, clock)
        if items.inventory and item.number == items.inventory.lessons["post"]:
            events += _inventory_events(rng, items, ability + gain, "post", clock)
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "course": COURSE_ID,
            "record_id": f"{int(rng.integers(0, 2**63)):016x}{number:08x}", "created": clock.first,
            "events": events}


class _Clock:
    """Event times: lesson N on day 7 × N of the course, a minute or two apart."""

    def __init__(self):
        self.now = FIRST_LESSON_DAY
        self.first = FIRST_LESSON_DAY.strftime("%Y-%m-%dT%H:%M:%SZ")

    def start_lesson(self, number: int) -> None:
        self.now = FIRST_LESSON_DAY + datetime.timedelta(days=7 * number)

    @property
    def today(self) -> datetime.date:
        return self.now.date()

    def tick(self) -> str:
        self.now += datetime.timedelta(seconds=90)
        return self.now.strftime("%Y-%m-%dT%H:%M:%SZ")


def _event(kind: str, lesson: str, item: str, clock: _Clock, **fields) -> dict:
    return {"lesson": lesson, "kind": kind, "item": item, "time": clock.tick(), "course_version": course_version(),
            "source": "synthetic", **fields}


def _confidence(rng: np.random.Generator, right: bool) -> str:
    weights = CONFIDENCE_IF_RIGHT if right else CONFIDENCE_IF_WRONG
    return CONFIDENCE_LEVELS[int(rng.choice(len(CONFIDENCE_LEVELS), p=weights))]


# ---------------------------------------------------------------- predictions


def _prediction_events(rng, items: _ItemParameters, ability: float, lesson: str, clock: _Clock) -> list[dict]:
    events = []
    for moment, prediction in items.moments.items():
        if not moment.startswith(f"{lesson}-"):
            continue
        right = rng.random() < _chance(ability, items.difficulty[moment])
        target = 1 if prediction.kind == "number" else int(prediction.answer)
        outcome = target if right else items.wrong_choice(
            rng, moment, [index for index in range(len(prediction.labels)) if index != target])
        response = _number_response(rng, prediction, outcome) if prediction.kind == "number" else outcome
        events.append(_event("prediction", lesson, moment, clock, response=response,
                             label=prediction.labels[outcome], outcome=outcome, right=bool(right),
                             confidence=_confidence(rng, right)))
        line = (LINES_IF_RIGHT if right else LINES_IF_WRONG)[int(rng.integers(3))]
        events.append(_event("explanation", lesson, moment, clock, line=line))
    return events


def _number_response(rng, prediction: Prediction, outcome: int) -> float:
    """A number in the outcome's range: below, within or above the answer's tolerance."""
    spread = prediction.tolerance or abs(prediction.answer) * 0.1 or 1.0
    if outcome == 1:
        return round(prediction.answer + prediction.tolerance * (2 * rng.random() - 1), 3)
    beyond = prediction.tolerance + spread * (0.2 + rng.random())
    return round(prediction.answer + (beyond if outcome == 2 else -beyond), 3)


# ---------------------------------------------------------------- self-check


def _selfcheck_events(rng, items: _ItemParameters, ability: float, lesson: str, clock: _Clock) -> list[dict]:
    events = []
    for key, item in items.selfchecks.items():
        if item.lesson == lesson:
            events += _answer_with_retry(rng, items, item.question, ability, 0.0, "lesson", clock)
    return events


def _answer_with_retry(rng, items: _ItemParameters, question, ability: float, harder: float, context: str,
                       clock: _Clock) -> list[dict]:
    """A first answer to ``question`` (``harder`` logits added to its difficulty) and, when wrong, one retry."""
    skill = 0.0 if question.id in items.flawed else ability
    right = rng.random() < _chance(skill, items.difficulty[question.id] + harder)
    chosen = _selfcheck_answer(rng, items, question, right)
    events = [_selfcheck_event(question, chosen, 0, context, clock)]
    if not is_right(question, chosen):
        retry = _selfcheck_answer(rng, items, question, rng.random() < RETRY_RIGHT, avoid=chosen)
        events.append(_selfcheck_event(question, retry, 1, context, clock))
    return events


def _selfcheck_event(question, chosen, attempt: int, context: str, clock: _Clock) -> dict:
    """A self-check event as the quiz records it; a practice item adds its family and seed (None: the bank's
    default instance)."""
    family = {"family": question.family, "seed": question.seed} if getattr(question, "family", "") else {}
    return _event("selfcheck", question.id[:2], question.id, clock,
                  answer=list(chosen) if isinstance(chosen, tuple) else chosen,
                  answer_text=answer_text(question, chosen), right=is_right(question, chosen), attempt=attempt,
                  context=context, **family)


# ---------------------------------------------------------------- warm-ups and mastery practice


def _warm_up_events(rng, items: _ItemParameters, ability: float, number: str, events: list[dict],
                    clock: _Clock) -> list[dict]:
    """Lesson ``number``'s warm-up (none for the first lesson): each item answered, a miss retried once."""
    if number not in items.warm_ups:
        return []
    found = []
    for question in load_warm_up(number, events=events, today=clock.today):
        found += _answer_with_retry(rng, items, question, ability, WARM_UP_FORGETTING, "warm-up", clock)
    return found


def _practice_events(rng, items: _ItemParameters, ability: float, number: str, clock: _Clock) -> list[dict]:
    """A practising learner's new instances of lesson ``number``'s practice items (none for most learners)."""
    questions = items.practice.get(number, [])
    if not questions or rng.random() >= PRACTICE_SHARE:
        return []
    events = []
    for question in questions:
        for seed in range(1, int(rng.integers(1, MAX_PRACTICE_INSTANCES + 1)) + 1):
            instance = items.instance(question, seed)
            skill = ability + PRACTICE_GAIN * (seed - 1)
            right = rng.random() < _chance(skill, items.difficulty[question.id])
            events.append(_selfcheck_event(instance, _selfcheck_answer(rng, items, instance, right), 0, "practice",
                                           clock))
    return events


def _selfcheck_answer(rng, items: _ItemParameters, question, right: bool, avoid=None):
    """An answer as the quiz records it: a shown option index, a number, or the positions given."""
    if isinstance(question, Question):
        if right:
            return question.answer
        wrong = [index for index in range(len(question.options)) if index not in (question.answer, avoid)]
        return items.wrong_choice(rng, question.id, wrong or [question.answer])
    if isinstance(question, NumberQuestion):
        if right:
            return question.value
        factor = (0.5, 2.0, 10.0)[int(rng.integers(3))]
        return round(question.value * factor + (0 if question.value else 2 * question.tolerance + 1), 6)
    return _ordering_answer(rng, question, right)


def _ordering_answer(rng, question: OrderingQuestion, right: bool) -> tuple:
    positions = list(question.right_positions())
    if not right:
        first, second = rng.choice(len(positions), size=2, replace=False)
        positions[first], positions[second] = positions[second], positions[first]
    return tuple(int(position) for position in positions)


# ---------------------------------------------------------------- exercises


def _exercise_events(rng, items: _ItemParameters, ability: float, lesson: str, clock: _Clock) -> list[dict]:
    events = []
    for key, exercise in items.exercises.items():
        if exercise.lesson != lesson:
            continue
        right = rng.random() < _chance(ability, items.difficulty[key])
        value = _exercise_value(rng, items, exercise, right)
        events.append(_event("exercise", lesson, key, clock, value=value, status=exercise.judge(value).status,
                             route="code" if rng.random() < CODE_ROUTE else "box"))
    return events


def _exercise_value(rng, items: _ItemParameters, exercise: Exercise, right: bool):
    if exercise.kind == "choice":
        if right:
            return exercise.answer
        wrong = [option for option in exercise.options if option != exercise.answer]
        return wrong[items.wrong_choice(rng, exercise.id, list(range(len(wrong))))]
    if right:
        return exercise.answer
    near = rng.random() < 0.4   # a near miss, inside the "close" band
    offset = (exercise.tolerance + exercise.close) / 2 if near else exercise.close * 2 + abs(exercise.answer) * 0.3
    return round(exercise.answer + (offset if rng.random() < 0.5 else -offset), 6)


# ---------------------------------------------------------------- concept inventory


def _inventory_events(rng, items: _ItemParameters, ability: float, phase: str, clock: _Clock) -> list[dict]:
    lesson = items.inventory.lessons[phase]
    events = []
    for key in sorted(items.inventory.items):
        item = items.inventory.items[key]
        right_index = next(index for index, option in enumerate(item.options) if option.right)
        right = rng.random() < _chance(ability, items.difficulty[f"inventory:{key}"])
        chosen = right_index if right else items.wrong_choice(
            rng, f"inventory:{key}", [index for index in range(len(item.options)) if index != right_index])
        events.append(_event("inventory", lesson, key, clock, phase=phase, concept=item.concept, answer=chosen,
                             right=bool(item.options[chosen].right)))
    return events
