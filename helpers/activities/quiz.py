"""The self-check quiz piece every lesson uses.

* Live (JupyterLab): ipywidgets radio buttons and a "Check" button, then the feedback at once.
* Handout (static HTML, no kernel): a plain HTML form whose feedback appears
  through CSS alone (``:checked``), so it works with scripts off and offline.

The first answer counts, in both: once an item is answered its input locks and its feedback shows; "Try again"
unlocks it for a retry, marked as one (live: :class:`LiveQuiz`; handout: the page script
``helpers/publish/static/selfcheck.js``, which also locks a number or ordering item when its fold opens). Choosing
an option is not yet answering: live, a choice is answered with "Check"; in a handout, with a click on an option,
or Enter or Space on the focused one (the arrow keys only move through the options).

The questions live in a bank, ``helpers/data/quizzes/NN_slug.yaml`` (one file per lesson), so no notebook
cell holds an answer key. Usage in a notebook::

    from helpers.activities.quiz import show_quiz
    show_quiz("01")

Each bank entry names its ``id``, the ``objective`` it assesses (text of the notebook's Objectives list), its
``level`` (what it asks: remember, understand, apply, analyse or evaluate), ``extension: true`` for further
practice outside the 50-minute core (``show_quiz("01", extension=True)``), its ``sources`` (ids of
``helpers/data/references.yaml``) and its ``options``, each with ``text``, ``feedback`` and, for the one right
option, ``right: true``. A number-entry item says ``kind: number`` and gives ``value``, ``tolerance``, ``unit``,
``explanation`` (shown when right) and ``hint`` (shown when wrong); in a handout the learner types the number and
then opens a fold to compare. An ordering item says ``kind: ordering`` and gives ``items`` in the right order,
``explanation`` and ``hint``; the learner gives each item its position from a menu (live: feedback at once;
handout: then opens a fold to compare). :func:`load_quiz` shuffles the options with a seed taken from the
question's id, so JupyterLab and the handouts show the same order.

A practice item (``kind: number`` with ``family:``, one of :data:`helpers.activities.practice.FAMILIES`, and
``parameters:`` for the instance shown by default) is drawn afresh by ``load_quiz(number, seed=...)``; an entry that
also gives its own ``prompt`` and ``value`` shows them by default. "Another one like this" under it (live:
:class:`LiveQuiz`; handout: ``static/practice.js`` over a few precomputed instances) gives a new instance, recorded
with its family and seed. Warm-ups (:func:`load_warm_up`) are drawn from the learner's own record.
"""

from __future__ import annotations

import functools
import hashlib
import html
import random
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import traitlets

from helpers.activities import practice
from helpers.activities.base import (Activity, bank_file, load_bank, page_id, page_script, parse_number, record,
                                     recorded, restoring)
from helpers.course import lesson, lessons
from helpers.review import due_items
from helpers.theme import FEEDBACK_COLOURS, QUIZ_FIELDSET_BORDER

BANK_FOLDER = "quizzes"   # helpers/data/quizzes/NN_slug.yaml

RIGHT_COLOUR = FEEDBACK_COLOURS["right"]   # dark green, AA contrast on white
WRONG_COLOUR = FEEDBACK_COLOURS["wrong"]   # dark red, AA contrast on white


@dataclass(frozen=True, kw_only=True)
class BankItem:
    """What every bank item carries besides its question: its id, the objective it assesses, its source ids,
    its level (one of :data:`LEVELS`) and whether it belongs to the lesson's extension."""

    id: str = ""
    objective: str = ""
    sources: tuple = ()
    level: str = ""
    extension: bool = False

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(self.sources))


@dataclass(frozen=True)
class Question(BankItem):
    """One multiple-choice question; ``answer`` is the index of the correct option.

    ``option_feedback`` holds one explanation per option (the bank's questions all have it); without it every
    option gets ``explanation``.
    """

    prompt: str
    options: tuple
    answer: int
    explanation: str = ""
    option_feedback: tuple = ()

    def __post_init__(self):
        super().__post_init__()
        for name in ("options", "option_feedback"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if len(self.options) < 2:
            raise ValueError("options must hold at least two choices")
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"answer must be an index from 0 to {len(self.options) - 1}")
        if self.option_feedback and len(self.option_feedback) != len(self.options):
            raise ValueError("option_feedback must hold one explanation per option")

    def feedback(self, chosen: int) -> str:
        """The feedback text for choosing option ``chosen``."""
        verdict = "Correct." if chosen == self.answer else "Not quite."
        return f"{verdict} {self.option_feedback[chosen] if self.option_feedback else self.explanation}"


@dataclass(frozen=True)
class NumberQuestion(BankItem):
    """A number-entry question: an entry within ``tolerance`` of ``value`` is right; ``hint`` guides a wrong one.
    A practice item names its ``family`` (:mod:`helpers.activities.practice`) and the ``seed`` of its instance
    (None: the bank's default instance)."""

    prompt: str
    value: float
    tolerance: float
    unit: str
    explanation: str
    hint: str
    family: str = ""
    seed: int | None = None

    def __post_init__(self):
        super().__post_init__()
        if not self.tolerance > 0:
            raise ValueError("tolerance must be above 0")

    def is_right(self, entered: float) -> bool:
        return abs(entered - self.value) <= self.tolerance

    def feedback(self, entered: float) -> str:
        """The feedback text for the entered number."""
        return f"Correct. {self.explanation}" if self.is_right(entered) else f"Not quite. {self.hint}"

    @property
    def answer_text(self) -> str:
        """The value to three significant figures (a model's result carries more), its unit and tolerance."""
        return f"{self.value:.3g} {self.unit} (± {self.tolerance:g})"


@dataclass(frozen=True)
class OrderingQuestion(BankItem):
    """Put ``items`` in order: ``items`` holds them in the right order, ``shown`` the item indices in the order
    shown (a shuffle seeded by the question's id). The learner gives each shown item its position, 1 to n."""

    prompt: str
    items: tuple
    shown: tuple
    explanation: str
    hint: str

    def __post_init__(self):
        super().__post_init__()
        for name in ("items", "shown"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if len(self.items) < 3 or len(set(self.items)) != len(self.items):
            raise ValueError("items must hold at least three different steps")
        if sorted(self.shown) != list(range(len(self.items))):
            raise ValueError("shown must list every item index once")

    @property
    def shown_items(self) -> tuple:
        return tuple(self.items[index] for index in self.shown)

    def right_positions(self) -> tuple:
        """The right position (1 to n) of each item, in the order shown."""
        return tuple(index + 1 for index in self.shown)

    def is_right(self, positions) -> bool:
        return tuple(positions) == self.right_positions()

    def feedback(self, positions) -> str:
        """The feedback text for the positions given to the shown items (in the order shown)."""
        if self.is_right(positions):
            return f"Correct. {self.explanation}"
        placed = sum(given == right for given, right in zip(positions, self.right_positions()))
        return f"Not quite: {placed} of {len(self.items)} in the right place. {self.hint}"

    @property
    def answer_text(self) -> str:
        return " → ".join(self.items)


def quiz_file(number: str) -> Path:
    """The bank file of lesson ``number``: ``helpers/data/quizzes/NN_slug.yaml``."""
    return bank_file(BANK_FOLDER, number)


@functools.cache
def load_quiz(number: str, seed: int | None = None) -> tuple[Question | NumberQuestion | OrderingQuestion, ...]:
    """The self-check questions of lesson ``number``, options in the order shown; ``ValueError`` names the file
    when it is missing or empty, and a bad entry. With a ``seed``, every practice item is that seed's instance of
    its family (the same seed gives the same numbers); without one, each shows its bank's default instance."""
    path, entries = quiz_file(number), load_bank(BANK_FOLDER, number)
    if not entries:
        raise ValueError(f"{path.name}: lesson {number} needs a self-check bank with at least one question")
    return tuple(_question_from_entry(entry, path, seed) for entry in entries)


def practice_question(question: NumberQuestion, seed: int) -> NumberQuestion:
    """Instance ``seed`` of a practice item's family, with the item's id, objective, level and extension, and its
    sources together with the family's."""
    item = practice.practice_item(question.family, seed)
    return NumberQuestion(**vars(item), family=question.family, seed=seed, id=question.id,
                          objective=question.objective, sources=_with_family_sources(question.sources, question.family),
                          level=question.level, extension=question.extension)


def _with_family_sources(sources, family: str) -> tuple:
    """An item's source ids, then those of its family's parameter ranges, each once."""
    return tuple(dict.fromkeys((*sources, *practice.FAMILIES[family].sources)))


WARM_UP_ITEMS = 3   # a warm-up's length: three questions from earlier lessons, a few minutes of class


def load_warm_up(number: str, count: int = WARM_UP_ITEMS, *, events: list[dict] | None = None,
                 today=None) -> tuple[Question, ...]:
    """Spaced retrieval: ``count`` questions from the lessons before ``number`` (none for the first lesson), drawn
    from the learner's record (``events``: by default their self-check answers in this course version, none in a
    handout build), in this order:

    1. their **misses**: items whose last first answer was wrong, then
    2. their other **due** items, longest overdue first (the spacing scheme of :mod:`helpers.review`), then
    3. items of this lesson's **prerequisites** (``lessons/course.yaml``), then
    4. the **fixed draw**: the same items every time (a shuffle seeded by the lesson number), which is also the
       whole warm-up when the record holds no self-check answer.

    An item that would give away one of this lesson's predictions (its text holds a phrase of the prediction
    bank's ``giveaways``) is never drawn, whatever its place in that order. ``today``: a ``datetime.date``
    (default: today, UTC)."""
    pool = warm_up_pool(number)
    fixed = _fixed_draw(number, pool, count)
    events = recorded("selfcheck") if events is None else [e for e in events if e.get("kind") == "selfcheck"]
    if not events:
        return fixed
    by_id = {question.id: question for question in pool}
    due = [by_id[item] for item in due_items(events, today) if item in by_id]
    before = lesson(number).prerequisites
    prerequisites = [question for question in pool if question.id[:2] in before]
    chosen = dict.fromkeys([*due, *prerequisites, *fixed, *pool])
    return tuple(list(chosen)[:count])


@functools.cache
def warm_up_pool(number: str) -> tuple:
    """Every item a warm-up of lesson ``number`` may hold: the earlier lessons' items that give none of this
    lesson's predictions away, in the order of a shuffle seeded by the lesson number (worked out once)."""
    from helpers.activities.predict import giveaways   # here: predict imports the explorer framework

    phrases = [phrase.lower() for moment in giveaways(number).values() for phrase in moment]
    earlier = [question for item in lessons() if item.number < number for question in load_quiz(item.number)
               if not any(phrase in _all_text(question).lower() for phrase in phrases)]
    return tuple(earlier[index] for index in shown_order(f"warm-up-{number}", len(earlier)))


def _fixed_draw(number: str, pool: tuple, count: int) -> tuple:
    """The first ``count`` items of the warm-up pool, in the order of the banks: the draw without a record."""
    order = shown_order(f"warm-up-{number}", len(pool))
    return tuple(pool[position] for position in sorted(range(min(count, len(pool))), key=order.__getitem__))


def _all_text(question) -> str:
    """Everything a learner reads of an item: its prompt, options or items, and every feedback."""
    if isinstance(question, Question):
        return " ".join([question.prompt, *question.options, *question.option_feedback, question.explanation])
    if isinstance(question, NumberQuestion):
        return " ".join([question.prompt, question.explanation, question.hint])
    return " ".join([question.prompt, *question.items, question.explanation, question.hint])


def shown_order(question_id: str, count: int) -> list[int]:
    """The bank indices of ``count`` options in the order shown: a shuffle seeded by the question's id."""
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


# Each bank item says what it asks of the learner (Bloom's levels, as the course uses them).
LEVELS = ("remember", "understand", "apply", "analyse", "evaluate")
NEEDED_BY_KIND = {"number": ("value", "tolerance", "unit", "explanation", "hint"),
                  "ordering": ("items", "explanation", "hint"), None: ("options",)}


def _question_from_entry(entry: dict, path: Path, seed: int | None = None
                         ) -> Question | NumberQuestion | OrderingQuestion:
    where = f"{path.name}, question {entry.get('id')!r}"
    if entry.get("kind") not in NEEDED_BY_KIND:
        raise ValueError(f"{where}: kind must be number or ordering, or left out for a choice")
    if entry.get("family"):
        _check_family(entry, where)
        if seed is not None or "value" not in entry:
            return _practice_from_entry(entry, where, seed)
    needed = NEEDED_BY_KIND[entry.get("kind")]
    missing = [key for key in ("id", "objective", "prompt", *needed) if entry.get(key) in (None, "", [])]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    if entry.get("level") not in (None, *LEVELS):
        raise ValueError(f"{where}: level must be one of {', '.join(LEVELS)}; got {entry.get('level')!r}")
    if entry.get("kind") == "number":
        return NumberQuestion(**{key: entry[key] for key in ("prompt", "value", "tolerance", "unit", "explanation",
                                                             "hint", "id")},
                              objective=" ".join(entry["objective"].split()), sources=entry.get("sources") or (),
                              level=entry.get("level") or "", extension=bool(entry.get("extension")),
                              family=entry.get("family") or "")
    if entry.get("kind") == "ordering":
        return _ordering_from_entry(entry, where)
    options = entry["options"]
    if sum(bool(option.get("right")) for option in options) != 1:
        raise ValueError(f"{where}: needs exactly one option marked right: true")
    if not all(option.get("text") and option.get("feedback") for option in options):
        raise ValueError(f"{where}: every option needs text and feedback")
    order = [options[i] for i in shown_order(entry["id"], len(options))]
    return Question(prompt=entry["prompt"], options=[option["text"] for option in order],
                    answer=next(i for i, option in enumerate(order) if option.get("right")),
                    option_feedback=[option["feedback"] for option in order], id=entry["id"],
                    objective=" ".join(entry["objective"].split()), sources=entry.get("sources") or (),
                    level=entry.get("level") or "", extension=bool(entry.get("extension")))


def _check_family(entry: dict, where: str) -> None:
    """A practice entry names a known family on a number item and gives its id, its objective and the
    ``parameters`` of its default instance; a level, where given, is one of :data:`LEVELS`."""
    if entry.get("kind") != "number" or entry["family"] not in practice.FAMILIES:
        raise ValueError(f"{where}: family must be one of {', '.join(practice.FAMILIES)}, on a kind: number item")
    missing = [key for key in ("id", "objective", "parameters") if not entry.get(key)]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    if entry.get("level") not in (None, *LEVELS):
        raise ValueError(f"{where}: level must be one of {', '.join(LEVELS)}; got {entry.get('level')!r}")


def _practice_from_entry(entry: dict, where: str, seed: int | None) -> NumberQuestion:
    """Instance ``seed`` of the entry's family, or without a seed the instance for the entry's ``parameters``."""
    family = entry["family"]
    try:
        item = practice.practice_item(family, seed, dict(entry["parameters"]))
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: parameters do not suit family {family!r} ({error})") from None
    return NumberQuestion(**vars(item), family=family, seed=seed, id=entry["id"],
                          objective=" ".join(entry["objective"].split()),
                          sources=_with_family_sources(entry.get("sources") or (), family),
                          level=entry.get("level") or "", extension=bool(entry.get("extension")))


def _ordering_from_entry(entry: dict, where: str) -> OrderingQuestion:
    """An ordering item: ``items`` in the right order, shown shuffled (never already in order)."""
    shown = shown_order(entry["id"], len(entry["items"]))
    if shown == sorted(shown):
        shown.reverse()
    try:
        return OrderingQuestion(prompt=entry["prompt"], items=entry["items"], shown=shown,
                                explanation=entry["explanation"], hint=entry["hint"], id=entry["id"],
                                objective=" ".join(entry["objective"].split()), sources=entry.get("sources") or (),
                                level=entry.get("level") or "", extension=bool(entry.get("extension")))
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


class OrderingInput(widgets.VBox):
    """One position menu (1 to n) beside each shown item; ``value`` is the tuple of positions once all are set."""

    value = traitlets.Tuple(allow_none=True, default_value=None)

    def __init__(self, question: OrderingQuestion):
        count = len(question.items)
        self.menus = [widgets.Dropdown(options=[("–", None)] + [(str(n), n) for n in range(1, count + 1)],
                                       value=None, layout=widgets.Layout(width="4.5em")) for _ in range(count)]
        rows = [widgets.HBox([menu, widgets.HTML(html.escape(text))])
                for menu, text in zip(self.menus, question.shown_items)]
        super().__init__(rows)
        for menu in self.menus:
            menu.observe(self._update, names="value")

    def _update(self, _change) -> None:
        positions = tuple(menu.value for menu in self.menus)
        self.value = None if None in positions else positions

    def set_positions(self, positions) -> None:
        for menu, position in zip(self.menus, positions):
            menu.value = position


CHECK_LABEL = "Check"   # answers a choice item (live); as the exercises' answer box says it
RETRY_LABEL = "Try again"
ANOTHER_LABEL = "Another one like this"


class LiveQuiz:
    """ipywidgets view of a list of questions. The first answer counts: once a question is answered, its input
    locks and its feedback shows; "Try again" unlocks it for a retry, whose feedback is marked as a retry.

    A choice is answered by selecting an option and pressing "Check" (``check_buttons``; :meth:`check` from
    code): selecting alone answers nothing, so a learner may look through the options (with the arrow keys too).
    A number is answered on Enter, an order once every position is set.

    ``choose(i, option)`` answers from code (tests) as a learner would (pressing "Try again" first when the
    question is answered; for a choice, selecting the option then pressing "Check"): an option index, the number
    entered for a :class:`NumberQuestion`, or the positions of an :class:`OrderingQuestion`. ``first_answers`` and
    ``retries`` hold what was answered.

    A practice item (a :class:`NumberQuestion` with a ``family``) has "Another one like this" under it
    (``another_buttons``; :meth:`another` from code): a new instance of its family, the next seed after every one the
    learner's record holds for it, recorded with its family and seed in the context "practice".
    """

    def __init__(self, questions, title: str = "Self-check", context: str = "lesson"):
        self.questions, self.context = list(questions), context
        self._restoring = False
        self.choices = [_answer_widget(q) for q in self.questions]
        self.feedback = [widgets.HTML("") for _ in self.questions]
        self.retry_buttons = [widgets.Button(description=RETRY_LABEL, layout=widgets.Layout(width="auto",
                                                                                            display="none"))
                              for _ in self.questions]
        self.first_answers = [None] * len(self.questions)
        self.retries = [0] * len(self.questions)
        self.prompts = [widgets.HTML(_prompt_html(index, q)) for index, q in enumerate(self.questions)]
        self.another_buttons = {index: widgets.Button(description=ANOTHER_LABEL, layout=widgets.Layout(width="auto"))
                                for index, q in enumerate(self.questions) if getattr(q, "family", "")}
        self.check_buttons = {index: widgets.Button(description=CHECK_LABEL, button_style="primary",
                                                    layout=widgets.Layout(width="auto"))
                              for index, q in enumerate(self.questions) if isinstance(q, Question)}
        rows = [widgets.HTML(f"<h4>{html.escape(title)}</h4>")]
        for index, (question, choice) in enumerate(zip(self.questions, self.choices)):
            rows += [self.prompts[index], choice]
            if index in self.check_buttons:
                self.check_buttons[index].on_click(lambda _button, i=index: self.check(i))
                rows.append(self.check_buttons[index])
            else:
                choice.observe(lambda change, i=index: self._answered(i, change["new"]), names="value")
            self.retry_buttons[index].on_click(lambda _button, i=index: self.retry(i))
            rows += [self.feedback[index], self.retry_buttons[index]]
            if index in self.another_buttons:
                self.another_buttons[index].on_click(lambda _button, i=index: self.another(i))
                rows.append(self.another_buttons[index])
        self.view = widgets.VBox(rows)
        if context == "lesson":
            self._restore()

    def _restore(self) -> None:
        """Show each question's recorded answers again (first answer, then any retries): a reopened lesson, a
        restarted kernel or a new day finds the learner's self-check as they left it."""
        self._restoring = True
        try:
            for index, question in enumerate(self.questions):
                for event in recorded("selfcheck", question.id) if question.id else ():
                    if event.get("context", "lesson") == "lesson" and "answer" in event:
                        with restoring(question.id):
                            self.choose(index, _restored_answer(question, event["answer"]))
        finally:
            self._restoring = False

    def choose(self, index: int, option) -> str:
        """Answer question ``index``: an option index, the number entered, or the positions of an ordering item."""
        if self.locked(index):
            self.retry(index)
        question = self.questions[index]
        if isinstance(question, OrderingQuestion):
            self.choices[index].set_positions(option)
        elif isinstance(question, NumberQuestion):
            self.choices[index].value = str(option)
        else:
            self.choices[index].value = option
            self.check_buttons[index].click()
        return self.feedback[index].value

    def check(self, index: int) -> str:
        """Answer choice question ``index`` with the option selected ("Check"); with none selected, ask for one."""
        if self.choices[index].value is None:
            self.feedback[index].value = "<p>Choose an option first.</p>"
        else:
            self._answered(index, self.choices[index].value)
        return self.feedback[index].value

    def locked(self, index: int) -> bool:
        return _is_disabled(self.choices[index])

    def another(self, index: int, seed: int | None = None) -> NumberQuestion:
        """Replace practice item ``index`` with instance ``seed`` of its family (default: the next new seed), shown
        unanswered."""
        question = self.questions[index]
        seed = seed if seed is not None else _next_seed(question)
        self.questions[index] = practice_question(question, seed)
        self.retry(index)
        self.choices[index].value = ""
        self.first_answers[index], self.retries[index] = None, 0
        self.prompts[index].value = _prompt_html(index, self.questions[index])
        self.choices[index].placeholder = f"a number, in {self.questions[index].unit}"
        return self.questions[index]

    def retry(self, index: int) -> None:
        """Unlock question ``index`` for another answer (marked as a retry; the first answer still counts)."""
        _set_disabled(self.choices[index], False)
        self._show_check(index, True)
        self.retry_buttons[index].layout.display = "none"
        self.feedback[index].value = ""
        if isinstance(self.questions[index], Question):
            self.choices[index].value = None
        elif isinstance(self.questions[index], OrderingQuestion):
            self.choices[index].set_positions([None] * len(self.questions[index].items))

    def _show_check(self, index: int, shown: bool) -> None:
        """Show a choice's "Check" button while it can be answered, hide it once answered."""
        if index in self.check_buttons:
            self.check_buttons[index].layout.display = None if shown else "none"

    def _answered(self, index: int, chosen) -> None:
        question = self.questions[index]
        if isinstance(question, NumberQuestion):
            chosen = parse_number(chosen)
        if chosen is None or self.locked(index):
            return
        retry = self.first_answers[index] is not None
        if retry:
            self.retries[index] += 1
        else:
            self.first_answers[index] = chosen
        _show_feedback(question, self.feedback[index], chosen, self.retries[index] if retry else 0)
        _set_disabled(self.choices[index], True)
        self._show_check(index, False)
        self.retry_buttons[index].layout.display = None
        if question.id and not self._restoring:
            record("selfcheck", question.id, answer=list(chosen) if isinstance(chosen, tuple) else chosen,
                   answer_text=answer_text(question, chosen), right=is_right(question, chosen),
                   attempt=self.retries[index] if retry else 0, **_context_fields(question, self.context))


def _prompt_html(index: int, question) -> str:
    return f"<p><b>{index + 1}.</b> {html.escape(question.prompt)}</p>"


def _context_fields(question, context: str) -> dict:
    """What a self-check event says of where it was answered: the quiz's context; a practice item adds its family
    and seed, and a new instance (one with a seed) is always answered in the context "practice"."""
    if not getattr(question, "family", ""):
        return {"context": context}
    return {"context": context if question.seed is None else "practice", "family": question.family,
            "seed": question.seed}


def _next_seed(question: NumberQuestion) -> int:
    """The seed after the current one and after every seed the learner's record holds for this item."""
    seeds = [event.get("seed") for event in recorded("selfcheck", question.id)]
    return max([question.seed or 0, *(seed for seed in seeds if isinstance(seed, int))]) + 1


def _restored_answer(question, answer):
    """A recorded answer as the question's input takes it; ``ValueError`` when it cannot be one (an edited record,
    or a bank changed since): an option index in range, a number, or one position per item."""
    if isinstance(question, Question):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(question.options):
            raise ValueError(f"{answer!r} is no option of this question")
    elif isinstance(question, NumberQuestion):
        if parse_number(answer) is None:
            raise ValueError(f"{answer!r} is not a number")
    elif not isinstance(answer, list) or sorted(answer) != list(range(1, len(question.items) + 1)):
        raise ValueError(f"{answer!r} is not one position for each item")
    return tuple(answer) if isinstance(question, OrderingQuestion) else answer


def is_right(question, chosen) -> bool:
    """Whether ``chosen`` (an option index, a number, or positions) answers ``question`` rightly."""
    return chosen == question.answer if isinstance(question, Question) else question.is_right(chosen)


def answer_text(question, chosen) -> str:
    """What the learner answered, as they saw it: the option's text, the number, or the positions in order."""
    if isinstance(question, Question):
        return question.options[chosen]
    if isinstance(question, NumberQuestion):
        return f"{chosen:g} {question.unit}"
    return ", ".join(str(position) for position in chosen)


def _is_disabled(widget) -> bool:
    return all(menu.disabled for menu in widget.menus) if isinstance(widget, OrderingInput) else widget.disabled


def _set_disabled(widget, disabled: bool) -> None:
    for part in (widget.menus if isinstance(widget, OrderingInput) else [widget]):
        part.disabled = disabled


def _answer_widget(question):
    if isinstance(question, OrderingQuestion):
        return OrderingInput(question)
    if isinstance(question, NumberQuestion):
        return widgets.Text(value="", placeholder=f"a number, in {question.unit}", continuous_update=False,
                            description="Your answer", style={"description_width": "initial"})
    return widgets.RadioButtons(options=[(text, i) for i, text in enumerate(question.options)], value=None,
                                layout=widgets.Layout(width="auto"))


def _show_feedback(question, target: widgets.HTML, chosen, retry: int = 0) -> None:
    right = is_right(question, chosen)
    colour = RIGHT_COLOUR if right else WRONG_COLOUR
    marker = (f"<b>Retry {retry}</b> (your first answer is the one that counts): " if retry
              else "<b>Your first answer</b> (the one that counts): ")
    target.value = f'<p style="color:{colour}">{marker}{html.escape(question.feedback(chosen))}</p>'


def _number_question_html(question: NumberQuestion, name: str, heading: str) -> str:
    """Kernel-free number entry: type the value, then open the fold to compare (no script needed). The fold's answer
    carries the value, tolerance and unit for the page script, which records whether the entry was right."""
    return (f'{_item_fieldset(question)}<legend>{heading}</legend>'
            f'<label class="number-entry" for="{name}-entry">Your answer ({html.escape(question.unit)}) '
            f'<input class="number-entry" type="text" inputmode="decimal" id="{name}-entry"></label>'
            f'<details><summary>Check your answer</summary><p class="right" data-value="{float(question.value)!r}" '
            f'data-tolerance="{float(question.tolerance)!r}" data-unit="{html.escape(question.unit)}">'
            f'The answer: {html.escape(question.answer_text)}. {html.escape(question.explanation)}</p>'
            f'<p class="wrong">If yours is different: {html.escape(question.hint)}</p></details></fieldset>')


def _ordering_question_html(question: OrderingQuestion, name: str, heading: str) -> str:
    """Kernel-free ordering: a position menu beside each item, then a fold to compare (no script needed). The fold's
    right order carries the right positions (in the order shown) for the page script, which records whether the
    order given was right."""
    count = len(question.items)
    menus = "".join(
        f'<label class="ordering" for="{name}-i{i}"><select id="{name}-i{i}"><option value="">–</option>'
        + "".join(f"<option>{n}</option>" for n in range(1, count + 1))
        + f"</select> {html.escape(text)}</label>" for i, text in enumerate(question.shown_items))
    right_order = "".join(f"<li>{html.escape(item)}</li>" for item in question.items)
    return (f"{_item_fieldset(question)}<legend>{heading}</legend>{menus}"
            f'<details><summary>Check your order</summary>'
            f'<ol class="right" data-positions="{" ".join(map(str, question.right_positions()))}">{right_order}</ol>'
            f'<p class="right">{html.escape(question.explanation)}</p>'
            f'<p class="wrong">If yours is different: {html.escape(question.hint)}</p></details></fieldset>')


def _item_fieldset(question) -> str:
    """An item's opening ``<fieldset>``, naming the item (``data-item``) for the page's record script; a practice
    item adds its family (``data-family``) and, for a new instance, its seed (``data-seed``)."""
    family = getattr(question, "family", "")
    seed = f' data-seed="{question.seed}"' if family and question.seed is not None else ""
    practice_data = f' data-family="{html.escape(family)}"{seed}' if family else ""
    return f'<fieldset data-item="{html.escape(question.id)}"{practice_data}>'


def _hidden(markup: str) -> str:
    """An item's markup with its fieldset hidden (a page script may show it)."""
    return markup.replace("<fieldset ", "<fieldset hidden ", 1)


def _practice_html(question: NumberQuestion, name: str, number: int, seeds, shown_markup: str) -> str:
    """A practice item shown, then its instances for ``seeds``, hidden: ``static/practice.js`` shows the next one
    on "Another one like this" (without scripts the page shows the first instance alone)."""
    instances = "".join(_hidden(_question_html(practice_question(question, seed), f"{name}-s{seed}", number, []))
                        for seed in seeds)
    return f'<div class="course-practice">{shown_markup}{instances}</div>'


def quiz_html(questions, title: str = "Self-check", context: str = "lesson", *, practice_seeds=(),
              shown: int | None = None, attributes: str = "") -> str:
    """The kernel-free quiz: radio inputs whose feedback shows through CSS ``:checked`` rules.

    Once the page script (``selfcheck.js``) runs, it marks the form ``data-scripted`` and an answered item's
    fieldset ``data-answered``: then an option checked but not yet answered with (browsed with the arrow keys)
    shows no feedback. Without scripts, a checked option shows its feedback.

    Each practice item is followed by its instances for ``practice_seeds``, hidden; with ``shown``, only the first
    ``shown`` questions show (the rest, hidden, are a warm-up's pool); ``attributes`` go on the form."""
    quiz_id = page_id("quiz")
    css = [f"#{quiz_id} .fb {{display:none;clear:left;margin:0.2em 0 0.6em 1.6em}}",
           f"#{quiz_id} .right {{color:{RIGHT_COLOUR}}}", f"#{quiz_id} .wrong {{color:{WRONG_COLOUR}}}",
           f"#{quiz_id} fieldset {{border:1px solid {QUIZ_FIELDSET_BORDER};border-radius:6px;margin:0.6em 0;"
           f"padding:0.4em 0.8em}}",
           f"#{quiz_id} label {{display:block;margin:0.15em 0;cursor:pointer}}",
           f"#{quiz_id} input {{float:left;clear:left;margin:0.3em 0.5em 0 0}}",  # radio beside its label
           f"#{quiz_id} input.number-entry {{float:none;margin:0.2em 0 0.4em 0.5em}}",
           f"#{quiz_id} select {{min-height:24px;min-width:3.5em;margin:0.15em 0.5em 0.15em 0}}",
           f"#{quiz_id}[data-scripted] fieldset:not([data-answered]) .fb {{display:none}}"]  # beats :checked
    parts = []
    for q_index, question in enumerate(questions):
        name = f"{quiz_id}-q{q_index}"
        markup = _question_html(question, name, q_index + 1, css)
        if shown is not None and q_index >= shown:
            markup = _hidden(markup)
        if practice_seeds and getattr(question, "family", ""):
            markup = _practice_html(question, name, q_index + 1, practice_seeds, markup)
        parts.append(markup)
    extra = f" {attributes}" if attributes else ""
    return (f'<style>{" ".join(css)}</style><form class="course-quiz" id="{quiz_id}" data-context="{context}" '
            f'aria-label="{html.escape(title)}"{extra}>'
            f"<h4>{html.escape(title)}</h4>{''.join(parts)}</form>")


def _question_html(question, name: str, number: int, css: list) -> str:
    """One item's fieldset, numbered ``number``; a choice item adds its ``:checked`` rules to ``css``."""
    heading = f"<b>{number}.</b> {html.escape(question.prompt)}"
    if isinstance(question, NumberQuestion):
        return _number_question_html(question, name, heading)
    if isinstance(question, OrderingQuestion):
        return _ordering_question_html(question, name, heading)
    options = []
    for o_index, text in enumerate(question.options):
        input_id = f"{name}-o{o_index}"
        css.append(f"#{input_id}:checked ~ .fb-{o_index} {{display:block}}")
        options.append(f'<input type="radio" name="{name}" id="{input_id}">'
                       f'<label for="{input_id}">{html.escape(text)}</label>')
    feedback = "".join(
        f'<p class="fb fb-{o_index} {"right" if o_index == question.answer else "wrong"}">'
        f"{html.escape(question.feedback(o_index))}</p>" for o_index in range(len(question.options)))
    return f'{_item_fieldset(question)}<legend>{heading}</legend>{"".join(options)}{feedback}</fieldset>'


def core_items(number: str, extension: bool = False) -> tuple:
    """Lesson ``number``'s self-check items for the class (bank items without ``extension: true``), or, with
    ``extension=True``, the further practice for self-study."""
    return tuple(question for question in load_quiz(number) if question.extension == extension)


class Quiz(Activity):
    """A list of questions under a title: :class:`LiveQuiz` live, :func:`quiz_html` in a handout."""

    def __init__(self, questions, title: str = "Self-check", context: str = "lesson"):
        self.questions, self.title, self.context = tuple(questions), title, context

    def live_view(self):
        return LiveQuiz(self.questions, self.title, self.context).view

    def handout_html(self) -> str:
        if not any(getattr(question, "family", "") for question in self.questions):
            return quiz_html(self.questions, self.title, self.context)
        return quiz_html(self.questions, self.title, self.context, practice_seeds=practice.PRACTICE_SEEDS) + _scripts()


WARM_UP_TITLE = "Warm-up: from earlier lessons"


class WarmUp(Activity):
    """Lesson ``number``'s warm-up: live, :func:`load_warm_up` from the learner's record; in a handout, the fixed
    draw with the rest of the pool hidden, which ``static/practice.js`` draws from the browser's record."""

    def __init__(self, number: str):
        self.number = number

    def live_view(self):
        return LiveQuiz(load_warm_up(self.number), WARM_UP_TITLE, context="warm-up").view

    def handout_html(self) -> str:
        return warm_up_html(self.number)


def warm_up_html(number: str) -> str:
    """The handout warm-up: the fixed draw shown, then every other item of the pool hidden. The form names the pool
    (``data-pool``, in its shuffled order), the fixed draw (``data-fixed``), the count and the lesson's
    prerequisites, so that ``static/practice.js`` draws as :func:`load_warm_up` does from the learner's record."""
    pool, fixed = warm_up_pool(number), load_warm_up(number, events=[])
    rest = [question for question in pool if question not in fixed]
    attributes = (f'data-pool="{" ".join(q.id for q in pool)}" data-fixed="{" ".join(q.id for q in fixed)}" '
                  f'data-count="{len(fixed)}" data-prerequisites="{" ".join(lesson(number).prerequisites)}"')
    return quiz_html([*fixed, *rest], WARM_UP_TITLE, "warm-up", shown=len(fixed), attributes=attributes) + _scripts()


def _scripts() -> str:
    """The page scripts of practice items and warm-ups: the spacing scheme, then practice.js."""
    return page_script("review.js") + page_script("practice.js")


def show_quiz(questions, title: str | None = None, extension: bool = False) -> None:
    """Display the quiz in the form that suits the current mode. ``questions`` may be a lesson number ("01"):
    then the lesson's core items, or its extension items with ``extension=True``."""
    if isinstance(questions, str):
        questions = core_items(questions, extension)
    Quiz(questions, title or ("More practice (extension)" if extension else "Self-check")).show()


def show_warm_up(number: str) -> None:
    """Display lesson ``number``'s warm-up: questions from earlier lessons (spaced retrieval, :func:`load_warm_up`)."""
    WarmUp(number).show()
