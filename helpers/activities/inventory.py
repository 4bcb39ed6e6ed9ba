"""The course's concept inventory: the same multiple-choice items before the course and after it.

The items live in ``helpers/data/inventory.yaml`` (never in a notebook), 2–3 per central idea of the course; each
wrong option names the misconception it stands for and the guide whose "Common misconceptions" table lists it.

* **Pre-test** (lesson 00, ``show_inventory("pre")``): no feedback anywhere, not even hidden on the page. The
  learner answers every item and presses **Submit my answers**; the answers lock and are recorded (kind
  ``inventory``, lesson ``"00"``, phase ``"pre"``).
* **Post-test** (end of lesson 07, ``show_inventory("post")``): the same items; after the submit, each item's
  feedback and the learner's normalised gain per concept (:func:`normalised_gain`).

Reopening either restores the submitted answers, locked (from the learner's record; in a handout, from the
browser's storage through ``static/inventory.js``). Options are shown in a shuffle seeded by the item's id
(:func:`helpers.activities.quiz.shown_order`, as the self-check does); a record's ``answer`` is always the
option's index in the **bank's** order.

**Where ``right`` is computed.** A live view records ``right`` (the kernel holds the bank and shows nothing of
it). A handout's pre-test page does not know which option is right, so that its HTML cannot give the key away:
its events carry ``answer`` only, and whoever needs the score computes it from the bank
(:func:`answer_is_right`; the post-test page carries the key and scores the pre-test answers stored by the
lesson-00 page, ``courseRecord.pageEvents("00_start_here")``). The bank spreads the right options over the bank
positions, so the indices on the pre-test page say nothing either.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import ipywidgets as widgets
import yaml

from helpers.activities.base import DATA_FOLDER, Activity, page_id, page_script, record, recorded, spec_script
from helpers.activities.quiz import shown_order
from helpers.course import lesson
from helpers.theme import FEEDBACK_COLOURS, PREDICTION_BOX_STYLE, QUIZ_FIELDSET_BORDER

INVENTORY_FILE = DATA_FOLDER / "inventory.yaml"
PHASE_LESSONS = MappingProxyType({"pre": "00", "post": "07"})   # where each phase is taken
IN_THE_MODEL = "in the model"   # a source entry: the right answer is a property of the course's model
SUBMIT_LABEL = "Submit my answers"
ALREADY_AT_TOP = "already at the top before"
NO_PRE_TEST = "no pre-test recorded"
NO_POST_TEST = "no post-test recorded"
ANSWER_ALL = "Answer every question first (a guess is fine: nothing is graded)."
SUBMITTED = {"pre": "Submitted: your answers are locked and kept in your record on this machine. "
                    "You will meet these questions again at the end of lesson 07.",
             "post": "Submitted: your answers are locked and kept in your record on this machine. "
                     "Feedback on each question and your gain per idea are below."}
TITLES = {"pre": "Concept inventory: before the course", "post": "Concept inventory: after the course"}
INTRO = {"pre": "Not graded and no feedback: choose the answer you think is right, or your best guess.",
         "post": "The same questions as in lesson 00. Feedback and your gain per idea appear after you submit."}


@dataclass(frozen=True)
class Option:
    """One option of an item: its ``text``; ``right`` for the one right option; ``feedback`` (shown only after
    the post-test); for a wrong option, the ``misconception`` it stands for and the ``guide`` ("NN") that lists it."""

    text: str
    right: bool = False
    feedback: str = ""
    misconception: str = ""
    guide: str = ""


@dataclass(frozen=True)
class InventoryItem:
    """One inventory item: ``options`` in the bank's order, ``sources`` (reference ids or "in the model")."""

    id: str
    concept: str
    prompt: str
    options: tuple[Option, ...]
    sources: tuple[str, ...] = ()

    @property
    def right_index(self) -> int:
        """The bank index of the right option."""
        return next(index for index, option in enumerate(self.options) if option.right)

    @property
    def shown(self) -> tuple[int, ...]:
        """The bank indices of the options in the order shown (a shuffle seeded by the item's id)."""
        return tuple(shown_order(self.id, len(self.options)))

    def is_right(self, answer) -> bool:
        """Whether bank option ``answer`` is the right one (False for anything that is no option index)."""
        return isinstance(answer, int) and not isinstance(answer, bool) and answer == self.right_index


@dataclass(frozen=True)
class Inventory:
    """The bank: ``concepts`` (id -> name, in the file's order) and ``items``. Do not change it: it is shared."""

    concepts: MappingProxyType
    items: tuple[InventoryItem, ...]

    def item(self, item_id: str) -> InventoryItem:
        """The item with id ``item_id`` (``KeyError`` if there is none)."""
        found = {item.id: item for item in self.items}
        return found[item_id]

    def of_concept(self, concept: str) -> tuple[InventoryItem, ...]:
        return tuple(item for item in self.items if item.concept == concept)


@functools.cache
def load_inventory(path: Path = INVENTORY_FILE) -> Inventory:
    """The concept inventory in ``path`` (``helpers/data/inventory.yaml``), checked and read once.

    ``ValueError`` names the file and, for a bad entry, the item: a concept, id, prompt or option missing, an
    unknown concept, an id used twice, not exactly one right option, a wrong option without its misconception
    and guide, or an option without feedback."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{Path(path).name}: not valid YAML ({error})") from None
    name = Path(path).name
    concepts, entries = data.get("concepts"), data.get("items")
    if not isinstance(concepts, dict) or not concepts or not all(isinstance(v, str) and v for v in concepts.values()):
        raise ValueError(f"{name}: needs `concepts`, a mapping of concept ids to names")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{name}: needs `items`, a list of items")
    items = tuple(_item(entry, concepts, f"{name}, item {index + 1}") for index, entry in enumerate(entries))
    seen = [item.id for item in items]
    twice = sorted({item_id for item_id in seen if seen.count(item_id) > 1})
    if twice:
        raise ValueError(f"{name}: item id used twice: {', '.join(twice)}")
    return Inventory(MappingProxyType(dict(concepts)), items)


def _item(entry, concepts: dict, where: str) -> InventoryItem:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a mapping")
    where = f"{where} ({entry.get('id')!r})" if entry.get("id") else where
    missing = [key for key in ("id", "concept", "prompt", "options") if not entry.get(key)]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    if entry["concept"] not in concepts:
        raise ValueError(f"{where}: concept {entry['concept']!r} is not one of {', '.join(concepts)}")
    options = entry["options"]
    if not isinstance(options, list) or len(options) < 3 or not all(isinstance(o, dict) for o in options):
        raise ValueError(f"{where}: needs at least three options, each a mapping")
    if sum(bool(option.get("right")) for option in options) != 1:
        raise ValueError(f"{where}: needs exactly one option marked right: true")
    for number, option in enumerate(options, 1):
        problem = _option_problem(option)
        if problem:
            raise ValueError(f"{where}, option {number}: {problem}")
    sources = entry.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(source, str) and source for source in sources):
        raise ValueError(f"{where}: sources must be a list of reference ids (or \"{IN_THE_MODEL}\")")
    return InventoryItem(id=entry["id"], concept=entry["concept"], prompt=" ".join(entry["prompt"].split()),
                         options=tuple(Option(text=option["text"], right=bool(option.get("right")),
                                              feedback=" ".join(option["feedback"].split()),
                                              misconception=option.get("misconception", ""),
                                              guide=str(option.get("guide", "")))
                                       for option in options),
                         sources=tuple(sources))


def _option_problem(option: dict) -> str:
    if not option.get("text") or not option.get("feedback"):
        return "needs text and feedback"
    if option.get("right"):
        return "the right option names no misconception" if option.get("misconception") else ""
    if not option.get("misconception") or not option.get("guide"):
        return "a wrong option needs the misconception it stands for and its guide (\"NN\")"
    return ""


def concepts() -> MappingProxyType:
    """The inventory's concepts: id -> name, in the bank's order."""
    return load_inventory().concepts


def answer_is_right(item_id: str, answer) -> bool:
    """Whether bank option ``answer`` of item ``item_id`` is right (a handout pre-test records no ``right``)."""
    return load_inventory().item(item_id).is_right(answer)


# ---------------------------------------------------------------- the normalised gain


@dataclass(frozen=True)
class ConceptGain:
    """One concept's result: fractions right before and after (0–1, None when that phase has no answer), the
    normalised gain (None when it is undefined) and a note saying why it is undefined."""

    concept: str
    name: str
    items: int
    pre: float | None
    post: float | None
    gain: float | None
    note: str = ""

    @property
    def gain_text(self) -> str:
        """The gain as the learner reads it: "0.50", or the note."""
        return self.note if self.gain is None else f"{self.gain:.2f}"


def normalised_gain(pre_answers: dict, post_answers: dict, inventory: Inventory | None = None) -> dict:
    """Each concept's normalised gain, g = (post − pre) / (1 − pre), on the fraction of its items answered right.

    ``pre_answers`` and ``post_answers`` map item ids to bank option indices (an item without an answer counts as
    not right). g is the net share of what could still be gained that was gained (newly right minus newly wrong):
    1 = everything, 0 = as many right as before, negative = fewer right than before. Undefined, with a note, when
    the pre-test was already all right (:data:`ALREADY_AT_TOP`, which adds the post-test score when fewer are right
    now: :func:`at_top_note`) or when a phase has no answer for the concept (:data:`NO_PRE_TEST`,
    :data:`NO_POST_TEST`).
    Returns ``{concept id: ConceptGain}`` in the bank's order."""
    inventory = inventory or load_inventory()
    gains = {}
    for concept, name in inventory.concepts.items():
        items = inventory.of_concept(concept)
        pre, post = _fraction_right(items, pre_answers), _fraction_right(items, post_answers)
        gain, note = None, ""
        if pre is None:
            note = NO_PRE_TEST
        elif post is None:
            note = NO_POST_TEST
        elif pre == 1:
            note = at_top_note(post, len(items))
        else:
            gain = (post - pre) / (1 - pre)
        gains[concept] = ConceptGain(concept, name, len(items), pre, post, gain, note)
    return gains


def at_top_note(post: float, items: int) -> str:
    """The note of a concept whose pre-test was all right: :data:`ALREADY_AT_TOP`, and where the post-test has
    fewer right (``post``, a fraction 0–1, of ``items`` questions), that drop: "…; now 1 of 2"."""
    return ALREADY_AT_TOP if post == 1 else f"{ALREADY_AT_TOP}; now {_score(post, items)}"


def _fraction_right(items, answers: dict) -> float | None:
    if not items or not any(item.id in answers for item in items):
        return None
    return sum(item.is_right(answers.get(item.id)) for item in items) / len(items)


def recorded_answers(phase: str) -> dict[str, int]:
    """The learner's submitted answers of ``phase`` from their record: item id -> bank option index (the latest)."""
    return {event["item"]: event["answer"] for event in recorded("inventory", lesson=PHASE_LESSONS[phase])
            if event.get("phase") == phase and "answer" in event}


def gains_html(gains: dict) -> str:
    """The learner's gains as a small HTML table, with what the number means and its limit."""
    rows = "".join(f"<tr><td>{html.escape(gain.name)}</td><td>{_score(gain.pre, gain.items)}</td>"
                   f"<td>{_score(gain.post, gain.items)}</td><td>{html.escape(gain.gain_text)}</td></tr>"
                   for gain in gains.values())
    return ('<div class="course-inventory-gains"><table><caption>Your normalised gain per idea</caption>'
            "<thead><tr><th>Idea</th><th>Before (lesson 00)</th><th>After</th><th>Normalised gain</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>{html.escape(GAIN_NOTE)}</p></div>")


GAIN_NOTE = ("The normalised gain is (after − before) / (1 − before): the net share of what you could still learn "
             "that you learned, newly right minus newly wrong (1 = all of it, 0 = as many right as before, below 0 = "
             "fewer right than before). With two or three "
             "questions per idea one answer moves it a lot: read it as a pointer to what to revisit, not a grade.")


def _score(fraction: float | None, items: int) -> str:
    return "–" if fraction is None else f"{round(fraction * items)} of {items}"


# ---------------------------------------------------------------- the live view


class LiveInventory:
    """The ipywidgets view: one radio group per item (options in the shown order, values the bank indices) and
    **Submit my answers**, which locks every answer and records it. After the post-test: feedback per item and the
    gains. ``choose(i, bank_index)`` and ``submit()`` act as a learner would (tests)."""

    def __init__(self, phase: str):
        if phase not in PHASE_LESSONS:
            raise ValueError(f"phase must be one of {', '.join(PHASE_LESSONS)}; got {phase!r}")
        self.phase, self.lesson = phase, PHASE_LESSONS[phase]
        self.items = load_inventory().items
        self.choices = [widgets.RadioButtons(options=[(item.options[i].text, i) for i in item.shown], value=None,
                                             layout=widgets.Layout(width="auto")) for item in self.items]
        self.feedback = [widgets.HTML("") for _ in self.items]
        self.button = widgets.Button(description=SUBMIT_LABEL, button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML("")
        self.gains = widgets.HTML("")
        self.button.on_click(lambda _button: self.submit())
        rows = [widgets.HTML(f"<h4>{html.escape(TITLES[phase])}</h4><p>{html.escape(INTRO[phase])}</p>")]
        for number, (item, choice, feedback) in enumerate(zip(self.items, self.choices, self.feedback), 1):
            rows += [widgets.HTML(f"<p><b>{number}.</b> {html.escape(item.prompt)}</p>"), choice, feedback]
        self.view = widgets.VBox([*rows, self.button, self.status, self.gains])
        self._restore()

    @property
    def submitted(self) -> bool:
        return self.button.disabled

    def choose(self, index: int, answer: int) -> None:
        """Choose bank option ``answer`` of item ``index`` (ignored once submitted)."""
        if not self.submitted:
            self.choices[index].value = answer

    def submit(self) -> bool:
        """Lock and record every answer; False (with a message) while a question is unanswered or once done."""
        if self.submitted:
            return False
        if any(choice.value is None for choice in self.choices):
            self.status.value = f"<p>{html.escape(ANSWER_ALL)}</p>"
            return False
        for item, choice in zip(self.items, self.choices):
            record("inventory", item.id, lesson=self.lesson, phase=self.phase, concept=item.concept,
                   answer=choice.value, right=item.is_right(choice.value))
        self._finish()
        return True

    def _restore(self) -> None:
        """Show the answers submitted earlier (a reopened lesson, a restarted kernel), locked."""
        answers = recorded_answers(self.phase)
        for item, choice in zip(self.items, self.choices):
            if answers.get(item.id) in item.shown:
                choice.value = answers[item.id]
        if all(item.id in answers for item in self.items):
            self._finish()

    def _finish(self) -> None:
        for choice in self.choices:
            choice.disabled = True
        self.button.disabled = True
        self.status.value = f"<p>{html.escape(SUBMITTED[self.phase])}</p>"
        if self.phase == "post":
            for item, choice, feedback in zip(self.items, self.choices, self.feedback):
                feedback.value = _feedback_html(item, choice.value)
            self.gains.value = gains_html(normalised_gain(recorded_answers("pre"), self.answers()))

    def answers(self) -> dict[str, int]:
        """The chosen answers: item id -> bank option index."""
        return {item.id: choice.value for item, choice in zip(self.items, self.choices) if choice.value is not None}


def _feedback_html(item: InventoryItem, answer: int) -> str:
    right = item.is_right(answer)
    verdict = "Right." if right else f"Not quite. The right answer: {item.options[item.right_index].text}."
    text = item.options[answer].feedback
    colour = FEEDBACK_COLOURS["right" if right else "wrong"]
    return f'<p style="color:{colour}">{html.escape(verdict)} {html.escape(text)}</p>'


# ---------------------------------------------------------------- the handout view


def inventory_html(phase: str) -> str:
    """The kernel-free form (``static/inventory.js`` records, locks and restores it). The pre-test page holds no
    feedback and no key; the post-test page holds both in its spec, shown only after the submit."""
    if phase not in PHASE_LESSONS:
        raise ValueError(f"phase must be one of {', '.join(PHASE_LESSONS)}; got {phase!r}")
    root = page_id("inventory", phase)
    inventory = load_inventory()
    fieldsets = "".join(_fieldset_html(root, number, item, phase)
                        for number, item in enumerate(inventory.items, 1))
    css = (f"#{root} fieldset{{border:1px solid {QUIZ_FIELDSET_BORDER};border-radius:6px;margin:0.6em 0;"
           f"padding:0.4em 0.8em}} #{root} label{{display:block;margin:0.15em 0;cursor:pointer}}")
    spec = spec_script("inventory", _post_spec(inventory) if phase == "post" else _pre_spec())
    gains = '<div class="course-inventory-gains" hidden></div>' if phase == "post" else ""
    return (f'<style>{css}</style><section id="{root}" class="course-inventory" data-course-activity="inventory" '
            f'data-phase="{phase}" data-lesson="{PHASE_LESSONS[phase]}" aria-label="{html.escape(TITLES[phase])}">'
            f'<form id="{root}-form" style="{PREDICTION_BOX_STYLE}" novalidate>'
            f"<h4>{html.escape(TITLES[phase])}</h4><p>{html.escape(INTRO[phase])}</p>{fieldsets}"
            f'<p><button type="submit">{SUBMIT_LABEL}</button></p>'
            f'<p class="course-inventory-status" role="status" aria-live="polite"></p>{gains}</form>{spec}</section>'
            f'{page_script("inventory.js")}')


def _fieldset_html(root: str, number: int, item: InventoryItem, phase: str) -> str:
    name = f"{root}-{number}"
    options = "".join(f'<label><input type="radio" name="{name}" value="{index}"> '
                      f"{html.escape(item.options[index].text)}</label>" for index in item.shown)
    after = '<div class="course-inventory-feedback" hidden></div>' if phase == "post" else ""
    return (f'<fieldset data-item="{html.escape(item.id)}" data-concept="{html.escape(item.concept)}">'
            f"<legend><b>{number}.</b> {html.escape(item.prompt)}</legend>{options}{after}</fieldset>")


def _pre_spec() -> dict:
    """What the pre-test page's script needs: its messages only (no key, no feedback)."""
    return {"texts": {"answer_all": ANSWER_ALL, "submitted": SUBMITTED["pre"]}}


def _post_spec(inventory: Inventory) -> dict:
    """What the post-test page needs after the submit: each item's key and feedback, the concepts, the lesson-00
    page whose stored answers are the pre-test, the texts and the colours."""
    return {"pre_page": lesson(PHASE_LESSONS["pre"]).stem, "concepts": dict(inventory.concepts),
            "items": {item.id: {"concept": item.concept, "right": item.right_index,
                                "right_text": item.options[item.right_index].text,
                                "feedback": [option.feedback for option in item.options]}
                      for item in inventory.items},
            "texts": {"answer_all": ANSWER_ALL, "submitted": SUBMITTED["post"], "at_top": ALREADY_AT_TOP,
                      "no_pre": NO_PRE_TEST, "note": GAIN_NOTE},
            "colours": dict(FEEDBACK_COLOURS)}


class ConceptInventory(Activity):
    """The inventory's ``phase`` ("pre" or "post"): :class:`LiveInventory` live, :func:`inventory_html` in a
    handout."""

    def __init__(self, phase: str):
        if phase not in PHASE_LESSONS:
            raise ValueError(f"phase must be one of {', '.join(PHASE_LESSONS)}; got {phase!r}")
        self.phase = phase

    def live_view(self):
        return LiveInventory(self.phase).view

    def handout_html(self) -> str:
        return inventory_html(self.phase)


def show_inventory(phase: str) -> None:
    """Show the concept inventory: ``"pre"`` in lesson 00 (no feedback), ``"post"`` at the end of lesson 07."""
    ConceptInventory(phase).show()
