"""Checked exercises: the learner's value is judged right, close or wrong, with a hint graded by how it is off.

The answers live in a bank, ``helpers/data/exercises/NN_slug.yaml`` (one file per lesson, named like the quiz
bank), so no notebook cell holds an answer key. Two calls, as a notebook reads them::

    from helpers.activities.exercise import answer_box, check

    half_lives = ...                      # the starter blank: the learner fills it in
    check("04-ex1", half_lives)           # right / close / wrong, with a hint

    answer_box("04-ex1")                  # no code: read the value off an explorer and type it in

Each bank entry: ``id`` ("04-ex1": lesson number, ``ex`` and the exercise's number, a letter for a second part),
``exercise`` (the notebook heading it belongs to), ``objective`` (text of the lesson's Objectives list, as in the
quiz bank), ``prompt`` (one line), ``kind`` and then

* ``kind: number``: ``answer``, ``unit``, ``tolerance`` (within it the value is right), ``close`` (within it the
  value is close), ``hints`` with ``low``, ``high`` and ``again`` (added from the second wrong attempt on), and
  optional ``slips``: ``[{factor: 12, hint: "..."}]``, a value that is the answer times ``factor`` (hours for
  half-lives, a percentage for a fraction); a factor of 1000 either way is always recognised as a unit slip;
* ``kind: choice``: ``options`` (short words the learner types or picks), ``answer`` (one of them), ``hints``
  with one text per wrong option and ``again``; ``unit`` and ``tolerance`` are empty (an exact match counts);

plus ``no_code`` (which explorer and which setting to read), ``solution`` (the worked solution, markdown: what a
learner reads, with any code as a fenced block, never run by "Run All"), ``source_ids`` (ids of
``helpers/data/references.yaml``) and ``assumption`` where the answer rests on an assumed model parameter.

The worked solution is reached through the exercise's own control, after at least one attempt (any value, right
or not, so that a learner may also give up after one): a **Show the worked solution** button appears under the
answer box once :func:`check` or the box has judged a value. Instructor handouts print every solution.

Views:

* **live** (JupyterLab): :func:`check` prints the verdict (an ``...`` blank asks to fill it in; text that is not a
  number gets a clear message, never a traceback); :func:`answer_box` is an ipywidgets text box (or radio buttons
  for a choice), a **Check** button and the feedback (:class:`LiveAnswerBox` has ``enter`` and ``check`` for tests).
* **handout** (``COURSE_HANDOUT=1``): :func:`answer_box` is a ``<form>`` with a labelled number input (the unit in
  the label) or radio buttons, a submit button and an ``aria-live`` feedback region, judged by the page script
  ``helpers/activities/static/exercise.js`` (inlined with the box). The page necessarily carries the answer bands
  and the hint texts (as the quiz's CSS feedback
  carries its answers): a learner who reads the page source can find them. Nothing is loaded from the network.
"""

from __future__ import annotations

import functools
import html
import math
import numbers
import re
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import mistune
from IPython.display import HTML

from helpers.activities.base import (DATA_FOLDER, Activity, answer_form, answer_inputs_html, bank_file, load_bank,
                                    page_id, page_script, parse_number, record, recorded, restoring, spec_script)
from helpers.course import lessons
from helpers.theme import FEEDBACK_COLOURS, NEUTRAL, PREDICTION_BOX_STYLE

BANK_FOLDER = "exercises"   # helpers/data/exercises/NN_slug.yaml
EXERCISE_FOLDER = DATA_FOLDER / BANK_FOLDER
EXERCISE_ID = re.compile(r"(?P<lesson>\d\d)-(?:ex\d+[a-z]?|fit-[a-z]+)")   # "04-ex1"; a fit exercise "05-fit-onset"
KINDS = ("number", "choice")
UNIT_SLIP_FACTOR = 1000.0   # mg for µg, ms for s: always recognised as a unit slip
CHECK_LABEL = "Check"
SOLUTION_LABEL = "Show the worked solution"
SOLUTION_HEADING = "Worked solution"
STATUS_LABELS = {"right": "Right.", "close": "Close.", "wrong": "Not yet."}   # blank and invalid: no label
JUDGED = tuple(STATUS_LABELS)   # the statuses of a value that counts as an attempt (and is recorded)
NOT_A_NUMBER = "That is not a number: give a number such as 3.5 (with a point, not a comma)."
STATUS_COLOURS = {"right": FEEDBACK_COLOURS["right"], "close": NEUTRAL["text"], "wrong": FEEDBACK_COLOURS["wrong"],
                  "blank": NEUTRAL["text"], "invalid": NEUTRAL["text"]}
_wrong_attempts: dict[str, int] = {}   # per exercise id, in this kernel: the second hint comes on a later attempt
_attempts: dict[str, int] = {}         # per exercise id, in this kernel: judged values (the solution opens after one)
_live_boxes: dict[str, list] = {}      # per exercise id: the answer boxes shown, told when check() judges a value


@dataclass(frozen=True)
class Verdict:
    """The judgement of one attempt: ``status`` is right, close, wrong, blank (``...``) or invalid (not an answer)."""

    status: str
    message: str

    @property
    def text(self) -> str:
        return f"{STATUS_LABELS.get(self.status, '')} {self.message}".strip()


@dataclass(frozen=True)
class Exercise:
    """One checked exercise of the bank (see the module docstring for the fields)."""

    id: str
    exercise: str
    objective: str
    prompt: str
    kind: str
    answer: float | str
    hints: dict
    no_code: str
    unit: str = ""
    tolerance: float = 0.0
    close: float = 0.0
    options: tuple = ()
    slips: tuple = ()
    source_ids: tuple = ()
    assumption: str = ""
    solution: str = ""
    lesson: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "lesson", self.id[:2])

    # ------------------------------------------------------------ outcomes: one key per kind of answer

    def outcome(self, value) -> str:
        """The outcome key of a value: right, close-low, close-high, slip-N, low, high (number); the option (choice).

        ``ValueError`` says why the value is no answer (to be shown to the learner).
        """
        if self.kind == "choice":
            return self._option(value)
        number = _as_number(value)
        if abs(number - self.answer) <= self.tolerance:
            return "right"
        if abs(number - self.answer) <= self.close:
            return "close-low" if number < self.answer else "close-high"
        for index, slip in enumerate(self.all_slips):
            if abs(number / slip["factor"] - self.answer) <= self.close:
                return f"slip-{index}"
        return "low" if number < self.answer else "high"

    def message(self, outcome: str) -> tuple[str, str]:
        """The status (right, close, wrong) and the hint for an outcome key."""
        if self.kind == "choice":
            right = self.hints.get("right", f"The answer is {self.answer_text}.")
            return ("right", right) if outcome == self.answer else ("wrong", self.hints[outcome])
        if outcome == "right":
            return "right", self.hints.get("right", f"The model gives {self.answer_text}.")
        if outcome.startswith("close"):
            side = "low" if outcome == "close-low" else "high"
            return "close", f"Yours is a little {side}. {self.hints[side]}"
        if outcome.startswith("slip-"):
            return "wrong", self.all_slips[int(outcome[5:])]["hint"]
        side = "too low" if outcome == "low" else "too high"
        return "wrong", f"Yours is {side}. {self.hints[outcome]}"

    def outcomes(self) -> tuple[str, ...]:
        """Every outcome key (the handout carries one message for each)."""
        if self.kind == "choice":
            return self.options
        return ("right", "close-low", "close-high", "low", "high",
                *(f"slip-{index}" for index in range(len(self.all_slips))))

    @property
    def all_slips(self) -> tuple[dict, ...]:
        """The bank's slips, then a factor of 1000 each way (unless the bank names it); none for an answer of 0."""
        if self.kind != "number" or self.answer == 0:
            return ()
        named = {slip["factor"] for slip in self.slips}
        generic = tuple({"factor": factor, "hint": f"Yours is about {word} the answer: check the unit "
                                                  f"(the answer is in {self.unit})."}
                        for factor, word in ((UNIT_SLIP_FACTOR, "1000 times"), (1 / UNIT_SLIP_FACTOR, "a 1000th of"))
                        if factor not in named)
        return tuple(self.slips) + generic

    @property
    def missing_note(self) -> str:
        """What an answer box says when Check is pressed with nothing entered."""
        return "Type a number first." if self.kind == "number" else "Choose an option first."

    @property
    def answer_text(self) -> str:
        if self.kind == "choice":
            return f"“{self.answer}”"
        return f"{_g(self.answer)} {self.unit}".strip()

    def judge(self, value, attempt: int = 1) -> Verdict:
        """The verdict for ``value`` on the learner's ``attempt``-th wrong try (the ``again`` hint from the 2nd on)."""
        if value is Ellipsis:
            return Verdict("blank", "Fill in the blank first: replace the ... with your value, then run the cell.")
        try:
            status, hint = self.message(self.outcome(value))
        except ValueError as problem:
            return Verdict("invalid", str(problem))
        if status != "right" and attempt >= 2:
            hint = f"{hint} {self.hints['again']}"
        return Verdict(status, hint)

    def _option(self, value) -> str:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"Answer with one of the options, as text: {self.options_text}.")
        typed = " ".join(value.casefold().replace("’", "'").split()).strip(" .!\"'")
        for option in self.options:
            if typed == option.casefold():
                return option
        raise ValueError(f"“{value.strip()}” is not one of the options: {self.options_text}.")

    @property
    def options_text(self) -> str:
        return ", ".join(f"“{option}”" for option in self.options)


def _as_number(value) -> float:
    """The learner's value as a finite number (a number, or text such as "3,3"); ``ValueError`` for anything else."""
    if isinstance(value, bool):
        raise ValueError("That is True or False, not a number: give a number.")
    if isinstance(value, str):
        typed, value = value, parse_number(value)
        if value is None:
            raise ValueError(f"“{typed.strip()}” is not a number: give a number, such as 3.5.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"That is a {type(value).__name__}, not a number: give one number, such as 3.5.") from None
    if not math.isfinite(number):
        raise ValueError("That is not a finite number: give a number, such as 3.5.")
    return number


def _g(value: float) -> str:
    return f"{value:.3g}"


# ---------------------------------------------------------------- the bank


def exercise_file(number: str) -> Path:
    """The bank file of lesson ``number``: ``helpers/data/exercises/NN_slug.yaml``."""
    return bank_file(BANK_FOLDER, number)


@functools.cache
def load_exercises(number: str) -> tuple[Exercise, ...]:
    """The checked exercises of lesson ``number`` (none if it has no bank file); ``ValueError`` names a bad entry."""
    path = exercise_file(number)
    return tuple(_exercise_from_entry(entry, path) for entry in load_bank(BANK_FOLDER, number))


def exercise(exercise_id: str) -> Exercise:
    """The bank entry ``exercise_id`` (e.g. "04-ex1"); ``ValueError`` if there is none."""
    match = EXERCISE_ID.fullmatch(str(exercise_id))
    found = [item for item in load_exercises(match["lesson"]) if item.id == exercise_id] if match else []
    if not found:
        raise ValueError(f"exercise_id must name an exercise of the bank (helpers/data/exercises/), such as "
                         f"'04-ex1'; got {exercise_id!r}")
    return found[0]


def all_exercises() -> tuple[Exercise, ...]:
    """Every lesson's checked exercises, in course order."""
    return tuple(item for each in lessons() for item in load_exercises(each.number))


def _exercise_from_entry(entry: dict, path: Path) -> Exercise:
    where = f"{path.name}, exercise {entry.get('id')!r}"
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}")
    needed = ("answer", "unit", "tolerance", "close") if kind == "number" else ("answer", "options")
    missing = [key for key in ("id", "exercise", "objective", "prompt", "hints", "no_code", *needed)
               if entry.get(key) in (None, "", [], {})]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    hint_keys = ("low", "high", "again") if kind == "number" else \
        ("again", *(option for option in entry["options"] if option != entry["answer"]))
    if kind == "choice" and entry["answer"] not in entry["options"]:
        raise ValueError(f"{where}: answer must be one of the options")
    absent = [key for key in hint_keys if not entry["hints"].get(key)]
    if absent:
        raise ValueError(f"{where}: hints needs a text for {', '.join(map(repr, absent))}")
    if kind == "number" and not 0 < entry["tolerance"] < entry["close"]:
        raise ValueError(f"{where}: needs 0 < tolerance < close")
    return Exercise(**{key: entry[key] for key in ("id", "exercise", "prompt", "kind", "answer", "hints", "no_code")},
                    objective=" ".join(entry["objective"].split()), unit=entry.get("unit") or "",
                    tolerance=entry.get("tolerance") or 0.0, close=entry.get("close") or 0.0,
                    options=tuple(entry.get("options") or ()), slips=tuple(entry.get("slips") or ()),
                    source_ids=tuple(entry.get("source_ids") or ()), assumption=entry.get("assumption") or "",
                    solution=(entry.get("solution") or "").strip())


# ---------------------------------------------------------------- check(): the code route


def check(exercise_id: str, value) -> None:
    """Judge the learner's ``value`` for exercise ``exercise_id`` and show the verdict with its hint.

    ``value`` may still be ``...`` (the starter's blank): then it asks to fill it in. In a handout (no kernel)
    it points to the answer box instead. Once a value is judged, the exercise's answer box offers the solution.
    """
    CheckedValue(exercise(exercise_id), value).show()


class CheckedValue(Activity):
    """The code route: a value the learner's code gives for one exercise. Live, the verdict (its view judges the
    value, counting the attempt); in a handout, a pointer to the answer box (the code route needs a kernel)."""

    def __init__(self, item: Exercise, value):
        self.item, self.value = item, value

    def live_view(self) -> HTML:
        verdict = judge(self.item, self.value)
        if verdict.status in JUDGED:
            _attempted(self.item.id)
            _record_check(self.item, self.value, verdict, "code")
        return HTML(_feedback_markup(verdict))

    def handout_html(self) -> str:
        return _feedback_markup(Verdict("blank", "In this handout, type your value in the answer box "
                                                 "(the code route needs JupyterLab)."))


def judge(item: Exercise, value) -> Verdict:
    """:meth:`Exercise.judge`, counting the wrong attempts at ``item`` in this kernel (for the second hint)."""
    verdict = item.judge(value, attempt=_wrong_attempts.get(item.id, 0) + 1)
    if verdict.status in ("close", "wrong"):
        _wrong_attempts[item.id] = _wrong_attempts.get(item.id, 0) + 1
    return verdict


def _record_check(item: Exercise, value, verdict: Verdict, route: str) -> None:
    """Add a judged value to the learner's record: the value as given, its status, and the route (code or box)."""
    shown = value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else repr(value)[:200]
    record("exercise", item.id, value=shown, status=verdict.status, route=route)


def _has_attempt(exercise_id: str) -> bool:
    """Whether the learner has had a value judged for ``exercise_id``: in this kernel, or in their record."""
    return bool(_attempts.get(exercise_id)) or bool(recorded("exercise", exercise_id))


def _attempted(exercise_id: str) -> None:
    """Count a judged value for ``exercise_id``; its answer boxes now offer the worked solution."""
    _attempts[exercise_id] = _attempts.get(exercise_id, 0) + 1
    for box in _live_boxes.get(exercise_id, []):
        box.offer_solution()


def solution_html(item: Exercise) -> str:
    """The worked solution as HTML (markdown rendered; code shown, never run)."""
    return f'<p class="course-solution-label">{SOLUTION_HEADING}</p>{mistune.html(item.solution)}'


def _feedback_markup(verdict: Verdict) -> str:
    label = STATUS_LABELS.get(verdict.status)
    bold = f"<b>{label}</b> " if label else ""
    return (f'<div class="course-exercise-feedback" role="status" aria-live="polite">'
            f'<p style="color:{STATUS_COLOURS[verdict.status]}">{bold}{html.escape(verdict.message)}</p></div>')


# ---------------------------------------------------------------- answer_box(): the no-code route


def answer_box(exercise_id: str) -> None:
    """Show a box to type (or pick) the answer read off an explorer, with a Check button and the feedback."""
    AnswerBox(exercise(exercise_id)).show()


class AnswerBox(Activity):
    """The no-code route: :class:`LiveAnswerBox` live, :func:`answer_box_html` in a handout."""

    def __init__(self, item: Exercise):
        self.item = item

    def live_view(self):
        return LiveAnswerBox(self.item).view

    def handout_html(self) -> str:
        return answer_box_html(self.item)


def _question_text(item: Exercise) -> str:
    return f"{item.prompt} Without code: {item.no_code}"


class LiveAnswerBox:
    """The ipywidgets view: ``enter(value)`` (a number or text, or an option) then ``check()``, as a learner would;
    after an attempt (here or through :func:`check`), ``show_solution()`` opens the worked solution."""

    def __init__(self, item: Exercise):
        self.item = item
        if item.kind == "number":
            self.entry = widgets.Text(placeholder=f"a number, in {item.unit}", description=f"Your answer ({item.unit})",
                                      style={"description_width": "initial"})
        else:
            self.entry = widgets.RadioButtons(options=list(item.options), value=None, description="Your answer",
                                              layout=widgets.Layout(width="auto"))
        self.button = widgets.Button(description=CHECK_LABEL, button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _button: self.check())
        self.feedback = widgets.HTML("")
        self.solution_button = widgets.Button(description=SOLUTION_LABEL, layout=widgets.Layout(width="auto",
                                                                                              display="none"))
        self.solution_button.on_click(lambda _button: self.show_solution())
        self.solution_area = widgets.HTMLMath("")
        self.wrong_attempts = 0
        question = widgets.HTML(f'<div style="{PREDICTION_BOX_STYLE}"><b>Your answer.</b> '
                                f"{html.escape(_question_text(item))}</div>")
        self.view = widgets.VBox([question, self.entry, self.button, self.feedback, self.solution_button,
                                  self.solution_area])
        self.view.add_class("course-exercise")
        _live_boxes.setdefault(item.id, []).append(self)
        self._restore()
        if _has_attempt(item.id):
            self.offer_solution()

    def _restore(self) -> None:
        """Show the last value the learner checked in this box (another session, a restarted kernel) with its
        feedback again; nothing is recorded again."""
        checks = [event for event in recorded("exercise", self.item.id) if event.get("route") == "box"]
        if not checks:
            return
        last = checks[-1]
        with restoring(self.item.id):
            if self.item.kind == "choice" and last.get("value") not in self.item.options:
                raise ValueError(f"{last.get('value')!r} is no option of this exercise")
            verdict = self.item.judge(last.get("value"), attempt=1)
            if verdict.status not in JUDGED:
                raise ValueError(f"{last.get('value')!r} is no answer to this exercise")
            self.enter(last.get("value"))
            self.feedback.value = _feedback_markup(verdict)

    def enter(self, value) -> None:
        self.entry.value = value if self.item.kind == "choice" else str(value)

    def check(self) -> str:
        """Judge what is in the box; show and return the feedback (plain text)."""
        value = self.entry.value
        if value in (None, ""):
            verdict = Verdict("blank", self.item.missing_note)
        else:
            verdict = self.item.judge(value, attempt=self.wrong_attempts + 1)
        if verdict.status in ("close", "wrong"):
            self.wrong_attempts += 1
        self.feedback.value = _feedback_markup(verdict)
        if verdict.status in JUDGED:
            _attempted(self.item.id)
            _record_check(self.item, value, verdict, "box")
        return verdict.text

    @property
    def solution_offered(self) -> bool:
        return self.solution_button.layout.display is None

    def offer_solution(self) -> None:
        """Show the "Show the worked solution" button (after an attempt), if the exercise has a solution."""
        if self.item.solution and not self.solution_area.value:
            self.solution_button.layout.display = None

    def show_solution(self) -> bool:
        """Open the worked solution, once the learner has tried; return whether it is shown."""
        if not _has_attempt(self.item.id) or not self.item.solution:
            return False
        self.solution_area.value = solution_html(self.item)
        self.solution_button.layout.display = "none"
        return True


def answer_box_html(item: Exercise) -> str:
    """The kernel-free answer box (see the module docstring): a form judged by the page script
    ``helpers/activities/static/exercise.js`` (inlined with it) from the data it carries."""
    root_id = page_id("exercise", item.id)
    spec = {"kind": item.kind, "answer": item.answer if item.kind == "number" else None,
            "tolerance": item.tolerance, "close": item.close,
            "factors": [slip["factor"] for slip in item.all_slips],
            "messages": {key: item.message(key) for key in item.outcomes()}, "again": item.hints["again"],
            "missing": item.missing_note,
            "invalid": NOT_A_NUMBER, "colours": STATUS_COLOURS, "labels": STATUS_LABELS}
    feedback = (f'<div id="{root_id}-feedback" class="course-exercise-feedback" role="status" aria-live="polite">'
                '</div>')
    form = answer_form(root_id, legend=f"<b>Your answer.</b> {html.escape(_question_text(item))}",
                       inputs=_inputs_html(item, root_id), button=CHECK_LABEL, after=feedback)
    return (f'<section class="course-exercise" id="{root_id}" data-course-activity="exercise" '
            f'data-exercise="{html.escape(item.id)}" aria-label="Check your answer">'
            f'{spec_script("exercise", spec)}{form}{_solution_block(item, root_id)}</section>'
            f'{page_script("exercise.js")}')


def _solution_block(item: Exercise, root_id: str) -> str:
    """The worked solution, hidden behind a button that appears after the first judged value (student pages);
    instructor pages show it (``helpers/publish/static/course.css``)."""
    if not item.solution:
        return ""
    return (f'<p><button type="button" id="{root_id}-offer" class="course-exercise-offer" hidden>{SOLUTION_LABEL}'
            f'</button></p><div id="{root_id}-solution" class="course-exercise-solution course-solution" '
            f'tabindex="-1" hidden>{solution_html(item)}</div>')


def _inputs_html(item: Exercise, root_id: str) -> str:
    if item.kind == "number":
        return answer_inputs_html(root_id, f"Your answer ({html.escape(item.unit)})")
    return answer_inputs_html(root_id, "", [(option, option) for option in item.options])
