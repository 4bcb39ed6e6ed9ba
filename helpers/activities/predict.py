"""Predict, then observe, then explain: the learner commits a prediction before the chart appears.

One call in a notebook shows a question, an answer box, "How sure are you?" (sure, fairly sure, guessing) and
a **Commit my prediction** button. The chart (a ``go.Figure`` or an :class:`~helpers.activities.explorer.Explorer`)
and its text summary stay out of sight until the learner commits with a confidence; then the chart appears
with one question: "In one line, what does the chart show?". Only once that line is written do the verdict,
the explanation written for *that* prediction, the general explanation and every other prediction's
explanation (folded) open, so everyone has the same information once explained. A committed prediction
cannot be changed.

Three kinds of prediction:

* ``"choice"`` (``options=[...]``, ``answer`` = index of the right option, one explanation per option index);
* ``"direction"`` (down, about the same, up; ``answer`` and the explanation keys are ``"down"``, ``"same"``,
  ``"up"``; ``options`` may reword the three labels);
* ``"number"`` (``answer`` a number, ``tolerance`` how far off still counts as close, ``unit``;
  explanations keyed ``"low"``, ``"close"``, ``"high"``).

The kind follows from the arguments (``options`` -> choice, a number answer -> number) unless ``kind`` says it.
Bad arguments raise ``ValueError`` naming the parameter.

Usage in a notebook (the moment's question, options, answer and explanations live in the prediction bank,
``helpers/data/predictions/NN_slug.yaml``, so no notebook cell holds the answer)::

    from helpers.activities.predict import predict
    predict("02-paradox", reveal=vta_circuit_explorer())

A bank entry (YAML) names the ``moment``, the lesson ``objective`` it serves, the ``giveaways`` (phrases that
would state its answer, which nothing before the moment may show: :func:`giveaways`) and the arguments of
:func:`make_prediction`. A moment built from other data (lesson 07 grades a claim from the claims table) has an
entry with ``asked_by`` (the function that asks it) and its ``giveaways`` only::

    - moment: 02-paradox
      objective: Explain how strengthening inhibition can raise dopamine neuron firing.
      prompt: A benzodiazepine strengthens inhibition. What happens to VTA dopamine neurons' firing?
      options: [falls, stays the same, rises]
      answer: 2                     # the option's index; "down"/"same"/"up" for kind: direction
      explanations: {0: "...addresses this wrong prediction...", 1: "...", 2: "..."}
      explanation: In the model, ... (what everyone reads once the chart is shown)
    - moment: 04-peak
      prompt: After one 10 mg dose, what is the peak amount in the body?
      answer: 9.1                   # a number prediction: tolerance and unit; explanations low / close / high
      tolerance: 1.0
      unit: mg
      explanations: {low: "...", close: "...", high: "..."}

Views:

* **live** (JupyterLab): ipywidgets radio buttons (or a text box for a number), the confidence and a button;
  the chart widget (a :class:`~helpers.activities.chart_widget.CourseChart` or the explorer's live view) is
  created and put on the page only on commit, so nothing of it is sent before (and no plotly figure sits inside
  an ``Output`` widget). :class:`LivePrediction` has ``choose``/``enter``, ``be_sure``, ``commit`` and
  ``explain`` for tests.
* **handout** (``COURSE_HANDOUT=1``): a ``<form>`` with a ``<fieldset>`` and ``<legend>``, native radio or
  number inputs, the confidence and a submit button; the chart and its summary in a block with the ``hidden``
  attribute (laid out out of sight, so plotly draws its charts at their size); then a second form for the
  learner's line, and the feedback and explanations in a ``hidden`` block with an ``aria-live`` region. A
  page script (``helpers/activities/static/predict.js``, inlined with the view) reveals each in turn (Enter or
  Space on a button, Enter on an option) and redraws the plotly charts (:func:`prediction_html`). Printed pages
  show everything, as nobody can commit on paper. Nothing is loaded from the network.
"""

from __future__ import annotations

import functools
import html
import math
import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.activities.base import (DATA_FOLDER, Activity, answer_form, answer_inputs_html, bank_file, load_bank,
                                    page_id, page_script, parse_number, record, recorded, restoring, spec_script)
from helpers.activities.display import chart_html, summary_html
from helpers.activities.chart_widget import CourseChart
from helpers.activities.explorer import Explorer
from helpers.activities.handout import explorer_html
from helpers.figures.compose import summary_of
from helpers.theme import FEEDBACK_COLOURS, PREDICTION_BOX_STYLE, PREDICTION_REVEAL_STYLE

KINDS = ("choice", "direction", "number")
DIRECTIONS = ("down", "same", "up")
DIRECTION_LABELS = ("falls", "stays about the same", "rises")
NUMBER_OUTCOMES = ("low", "close", "high")
COMMIT_LABEL = "Commit my prediction"
CONFIDENCE_LEVELS = ("sure", "fairly sure", "guessing")
CONFIDENCE_QUESTION = "How sure are you?"
OBSERVE_QUESTION = "In one line, in your own words: what does the chart show?"
EXPLAIN_LABEL = "Show the explanation"
MISSING_LINE = "Write one line on what the chart shows first."
MISSING_CONFIDENCE = "Say how sure you are first."
MOMENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
BANK_FOLDER = "predictions"   # helpers/data/predictions/NN_slug.yaml
PREDICTION_FOLDER = DATA_FOLDER / BANK_FOLDER


@dataclass(frozen=True)
class Prediction:
    """One prediction moment, checked and normalised (see :func:`make_prediction`).

    ``labels`` are the options shown (choice, direction) or the outcome names (number); ``explanations``
    holds one text per label, in the same order; ``answer`` is the right label's index, or the number.
    """

    moment: str
    prompt: str
    kind: str
    labels: tuple[str, ...]
    answer: float
    explanations: tuple[str, ...]
    explanation: str = ""
    tolerance: float = 0.0
    unit: str = ""

    def outcome(self, response) -> int:
        """The index into ``explanations`` for a learner's response (an option index, or a number)."""
        if self.kind != "number":
            return int(response)
        if response < self.answer - self.tolerance:
            return 0
        return 2 if response > self.answer + self.tolerance else 1

    def verdict(self, outcome: int) -> str:
        """One sentence comparing the prediction with what the chart shows."""
        if self.kind == "number":
            shown = f"{_number(self.answer)} {self.unit}".strip()
            margin = f"{_number(self.tolerance)} {self.unit}".strip()
            return {0: f"Lower than what the chart shows ({shown}, give or take {margin}).",
                    1: f"Close to what the chart shows ({shown}, give or take {margin}).",
                    2: f"Higher than what the chart shows ({shown}, give or take {margin})."}[outcome]
        if outcome == self.answer:
            return f"You predicted “{self.labels[outcome]}”, and that is what the chart shows."
        return f"You predicted “{self.labels[outcome]}”; the chart shows “{self.labels[int(self.answer)]}”."

    def is_right(self, outcome: int) -> bool:
        return outcome == (1 if self.kind == "number" else self.answer)

    def feedback(self, outcome: int) -> str:
        """The verdict and the explanation written for this outcome (plain text)."""
        return f"{self.verdict(outcome)} {self.explanations[outcome]}"


def make_prediction(moment: str, prompt: str, *, answer, explanations: dict, options=None, kind: str | None = None,
                    explanation: str = "", tolerance=None, unit: str = "") -> Prediction:
    """Check :func:`predict`'s arguments; return the :class:`Prediction` (``ValueError`` names the parameter)."""
    if not isinstance(moment, str) or not MOMENT_ID.fullmatch(moment):
        raise ValueError(f"moment must be a short id of lowercase letters, digits and hyphens, e.g. '02-paradox'; "
                         f"got {moment!r}")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError("prompt must be the question, as non-empty text")
    kind = kind or ("choice" if options is not None else "number")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    common = dict(moment=moment, prompt=prompt.strip(), kind=kind, explanation=_text("explanation", explanation),
                  unit=_text("unit", unit))
    if kind == "number":
        return Prediction(labels=NUMBER_OUTCOMES, answer=_finite("answer", answer),
                          explanations=_explanations(explanations, NUMBER_OUTCOMES, NUMBER_OUTCOMES),
                          tolerance=_tolerance(tolerance), **common)
    if tolerance is not None:
        raise ValueError(f"tolerance applies to number predictions only, not to kind {kind!r}")
    if kind == "direction":
        labels = _options(DIRECTION_LABELS if options is None else options, count=len(DIRECTIONS))
        if answer not in DIRECTIONS:
            raise ValueError(f"answer must be one of {', '.join(map(repr, DIRECTIONS))}; got {answer!r}")
        return Prediction(labels=labels, answer=DIRECTIONS.index(answer),
                          explanations=_explanations(explanations, DIRECTIONS, labels), **common)
    labels = _options(options)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral) or not 0 <= answer < len(labels):
        raise ValueError(f"answer must be an option index from 0 to {len(labels) - 1}; got {answer!r}")
    return Prediction(labels=labels, answer=int(answer),
                      explanations=_explanations(explanations, tuple(range(len(labels))), labels), **common)


def _options(options, count: int | None = None) -> tuple[str, ...]:
    if isinstance(options, str) or not all(isinstance(o, str) and o.strip() for o in options or ()):
        raise ValueError("options must be a list of non-empty texts")
    labels = tuple(o.strip() for o in options)
    if count is not None and len(labels) != count:
        raise ValueError(f"options must hold {count} labels (down, about the same, up); got {len(labels)}")
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise ValueError("options must hold at least two different choices")
    return labels


def _explanations(explanations, keys: tuple, labels: tuple) -> tuple[str, ...]:
    if not isinstance(explanations, dict):
        raise ValueError(f"explanations must be a dict with one text for each of {list(keys)}")
    unknown = [key for key in explanations if key not in keys]
    if unknown:
        raise ValueError(f"explanations has key {unknown[0]!r}, which is none of {list(keys)}")
    for key, label in zip(keys, labels):
        if not isinstance(explanations.get(key), str) or not explanations[key].strip():
            raise ValueError(f"explanations is missing a text for {key!r} ({label!r})")
    return tuple(explanations[key].strip() for key in keys)


def _finite(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return float(value)


def _tolerance(tolerance) -> float:
    if tolerance is None:
        raise ValueError("tolerance must be given for a number prediction: how far off still counts as close")
    value = _finite("tolerance", tolerance)
    if value <= 0:
        raise ValueError(f"tolerance must be greater than 0; got {tolerance!r}")
    return value


def _text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {type(value).__name__}")
    return value.strip()


def _reveal(reveal):
    if not isinstance(reveal, (go.Figure, Explorer)):
        raise ValueError(f"reveal must be a plotly go.Figure or an Explorer; got {type(reveal).__name__}")
    return reveal


def _number(value: float) -> str:
    return f"{value:g}"


# ---------------------------------------------------------------- the entry point


def predict(moment: str, reveal) -> None:
    """Ask the bank's prediction ``moment`` (e.g. ``"02-paradox"``), then reveal ``reveal`` (a figure or an explorer).

    The question, its options, the answer and the explanations live in the prediction bank,
    ``helpers/data/predictions/NN_slug.yaml``, so no notebook cell holds the answer. Shows the live view in
    JupyterLab and the kernel-free view in a handout.
    """
    show_prediction(load_prediction(moment), reveal)


def show_prediction(prediction: Prediction, reveal) -> None:
    """Show ``prediction`` (see :func:`make_prediction`) with ``reveal`` hidden until the learner commits."""
    PredictionMoment(prediction, _reveal(reveal)).show()


class PredictionMoment(Activity):
    """A prediction with the chart it hides until the commit: :class:`LivePrediction` live,
    :func:`prediction_html` in a handout."""

    def __init__(self, prediction: Prediction, reveal: go.Figure | Explorer):
        self.prediction, self.reveal = prediction, reveal

    def live_view(self):
        return LivePrediction(self.prediction, self.reveal).view

    def handout_html(self) -> str:
        return prediction_html(self.prediction, self.reveal)


# ---------------------------------------------------------------- the prediction bank


def prediction_file(number: str) -> Path:
    """The prediction bank of lesson ``number``: ``helpers/data/predictions/NN_slug.yaml``."""
    return bank_file(BANK_FOLDER, number)


@functools.cache
def load_predictions(number: str) -> dict[str, Prediction]:
    """Lesson ``number``'s prediction moments by id, in file order; ``ValueError`` names the file and the moment."""
    path = prediction_file(number)
    moments = {}
    for entry in load_bank(BANK_FOLDER, number):
        if entry.get("asked_by"):
            continue   # a moment built elsewhere (e.g. lesson 07's, from the claims table): only its giveaways are here
        moment = entry.get("moment")
        if not str(moment).startswith(f"{number}-"):
            raise ValueError(f"{path.name}: moment {moment!r} must start with the lesson number '{number}-'")
        if moment in moments:
            raise ValueError(f"{path.name}: moment {moment!r} appears twice")
        fields = {key: value for key, value in entry.items()
                  if key not in ("moment", "objective", "sources", "giveaways")}
        try:
            moments[moment] = make_prediction(moment, **fields)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path.name}, moment {moment!r}: {error}") from None
    return moments


@functools.cache
def giveaways(number: str) -> dict[str, tuple[str, ...]]:
    """Lesson ``number``'s moments, each with the phrases that would state its answer (the bank's ``giveaways``):
    nothing a learner sees before the moment (text, glossary, titles, charts, warm-up) may hold one. A moment built
    elsewhere (its entry names the function that asks it, ``asked_by``) is listed too."""
    return {entry["moment"]: tuple(str(phrase) for phrase in entry.get("giveaways") or ())
            for entry in load_bank(BANK_FOLDER, number)}


def prediction_moments(number: str) -> tuple[str, ...]:
    """Lesson ``number``'s prediction moments, those asked elsewhere included (07-grade), but not a moment asked
    as self-check items (its bank entry says ``self_check: true``): what "My progress" counts."""
    return tuple(entry["moment"] for entry in load_bank(BANK_FOLDER, number) if not entry.get("self_check"))


def load_prediction(moment: str) -> Prediction:
    """The bank's prediction ``moment``; its lesson is the number before the first hyphen (``"02-paradox"`` -> 02)."""
    number = str(moment).split("-", 1)[0]
    moments = load_predictions(number)
    if moment not in moments:
        raise ValueError(f"moment {moment!r} is not in {prediction_file(number).name}; it has {list(moments)}")
    return moments[moment]


# ---------------------------------------------------------------- live (JupyterLab)


class LivePrediction:
    """The ipywidgets view. ``choose(index)`` or ``enter(number)``, ``be_sure(level)``, ``commit()``, then
    ``explain(line)`` act as a learner would.

    ``reveal_area`` stays empty until the commit; then it holds the chart widget and its summary, and the
    learner is asked for one line on what it shows. ``explanation_area`` and ``feedback`` stay empty until
    that line is written; then they hold the verdict and every explanation.
    """

    def __init__(self, prediction: Prediction, reveal: go.Figure | Explorer):
        self.prediction, self.reveal = prediction, reveal
        if prediction.kind == "number":
            unit = f" ({prediction.unit})" if prediction.unit else ""
            self.answer_box = widgets.Text(placeholder="type a number", description=f"Your prediction{unit}:",
                                           style={"description_width": "initial"})
        else:
            self.answer_box = widgets.RadioButtons(options=[(label, i) for i, label in enumerate(prediction.labels)],
                                                   value=None, layout=widgets.Layout(width="auto"))
        self.confidence = widgets.RadioButtons(options=CONFIDENCE_LEVELS, value=None, description=CONFIDENCE_QUESTION,
                                               style={"description_width": "initial"},
                                               layout=widgets.Layout(width="auto"))
        self.commit_button = widgets.Button(description=COMMIT_LABEL, button_style="primary",
                                            layout=widgets.Layout(width="auto"))
        self.commit_button.on_click(lambda _button: self.commit())
        self.status = widgets.HTML("")
        self.reveal_area = widgets.VBox([])
        self.line = widgets.Textarea(placeholder="What you see, in one line", rows=2,
                                     layout=widgets.Layout(width="100%"))
        self.explain_button = widgets.Button(description=EXPLAIN_LABEL, layout=widgets.Layout(width="auto"))
        self.explain_button.on_click(lambda _button: self.explain(self.line.value))
        self.observe_area = widgets.VBox([])
        self.feedback = widgets.HTML("")
        self.explanation_area = widgets.VBox([])
        self.chart = None
        self._outcome = None
        self._restoring = False
        question = widgets.HTML(f'<div style="{PREDICTION_BOX_STYLE}"><b>Predict first.</b> '
                                f"{html.escape(prediction.prompt)}</div>")
        self.view = widgets.VBox([question, self.answer_box, self.confidence, self.commit_button, self.status,
                                  self.reveal_area, self.observe_area, self.feedback, self.explanation_area],
                                 layout=widgets.Layout(width="100%"))
        self.view.add_class("course-predict")
        self._restore()

    def _restore(self) -> None:
        """Show a prediction the learner committed earlier (another session, a restarted kernel, a new day) as
        committed, with its chart, and their line and the explanations if they wrote one; nothing is recorded again.
        """
        commits = recorded("prediction", self.prediction.moment)
        if not commits or "response" not in commits[0]:
            return
        first = commits[0]
        self._restoring = True
        try:
            with restoring(self.prediction.moment):
                self._restore_commit(first)
        finally:
            self._restoring = False

    def _restore_commit(self, first: dict) -> None:
        """Commit ``first`` (the recorded prediction) again, and write its recorded line if there is one;
        ``ValueError`` when the recorded response is none this moment takes."""
        response, number = first["response"], self.prediction.kind == "number"
        if isinstance(response, bool) or not isinstance(response, (int, float) if number else int):
            raise ValueError(f"{response!r} is no answer to this moment")
        if number:
            self.enter(response)
        elif not 0 <= response < len(self.prediction.labels):
            raise ValueError(f"{response!r} is no option of this moment")
        else:
            self.choose(response)
        if first.get("confidence") in CONFIDENCE_LEVELS:
            self.be_sure(first["confidence"])
        self.commit()
        lines = recorded("explanation", self.prediction.moment)
        if lines and isinstance(lines[0].get("line"), str) and lines[0]["line"].strip():
            self.explain(lines[0]["line"])

    @property
    def committed(self) -> bool:
        return self.answer_box.disabled

    @property
    def explained(self) -> bool:
        return self.line.disabled

    def choose(self, index: int) -> None:
        self.answer_box.value = index

    def enter(self, number) -> None:
        self.answer_box.value = str(number)

    def be_sure(self, level: str) -> None:
        """Set the confidence: one of :data:`CONFIDENCE_LEVELS`."""
        self.confidence.value = level

    def commit(self) -> bool:
        """Reveal the chart and ask for the learner's line, if a prediction and a confidence were given."""
        if self.committed:
            return True
        response = self._response()
        if response is None or self.confidence.value is None:
            note = _missing_prediction_note(self.prediction) if response is None else MISSING_CONFIDENCE
            self.status.value = f"<p>{html.escape(note)}</p>"
            return False
        self._outcome = self.prediction.outcome(response)
        self.answer_box.disabled = self.confidence.disabled = self.commit_button.disabled = True
        self.status.value = ""
        self.reveal_area.children = self._chart_widgets()
        self.observe_area.children = [widgets.HTML(f"<p><b>{html.escape(OBSERVE_QUESTION)}</b></p>"), self.line,
                                      self.explain_button]
        if not self._restoring:
            record("prediction", self.prediction.moment, response=response,
                   label=self.prediction.labels[response] if self.prediction.kind != "number" else f"{response:g}",
                   outcome=self._outcome, right=self.prediction.is_right(self._outcome),
                   confidence=self.confidence.value)
        return True

    def explain(self, line: str) -> str:
        """With the learner's line on what the chart shows, open the verdict and the explanations; return the
        feedback shown (plain text), or "" (and a note) while the prediction is uncommitted or the line empty."""
        if not self.committed:
            return ""
        if self.explained:
            return self.prediction.feedback(self._outcome)
        if not str(line).strip():
            self.status.value = f"<p>{html.escape(MISSING_LINE)}</p>"
            return ""
        self.line.value = str(line)
        self.line.disabled = self.explain_button.disabled = True
        self.status.value = ""
        self.feedback.value = _feedback_markup(self.prediction, self._outcome)
        self.explanation_area.children = [widgets.HTML(_explanations_markup(self.prediction))]
        if not self._restoring:
            record("explanation", self.prediction.moment, line=str(line).strip()[:1000])
        return self.prediction.feedback(self._outcome)

    def _response(self):
        if self.prediction.kind != "number":
            return self.answer_box.value
        number = parse_number(self.answer_box.value)
        return number if number is not None and math.isfinite(number) else None

    def _chart_widgets(self) -> list:
        if isinstance(self.reveal, Explorer):
            live = self.reveal.widget()
            self.chart = live.figure_widget
            return [live.view]
        self.chart = CourseChart(self.reveal)
        return [self.chart, widgets.HTML(f'<p class="figure-summary"><b>Figure summary:</b> '
                                         f"{html.escape(summary_of(self.reveal))}</p>")]


def _missing_prediction_note(prediction: Prediction) -> str:
    return "Type a number first." if prediction.kind == "number" else "Choose an option first."


def _feedback_markup(prediction: Prediction, outcome: int) -> str:
    colour = FEEDBACK_COLOURS["right" if prediction.is_right(outcome) else "wrong"]
    return (f'<p style="color:{colour}"><b>{html.escape(prediction.verdict(outcome))}</b></p>'
            f"<p>{html.escape(prediction.explanations[outcome])}</p>")


def _explanations_markup(prediction: Prediction) -> str:
    """The general explanation and every prediction's explanation (folded): the same for everyone."""
    general = f"<p>{html.escape(prediction.explanation)}</p>" if prediction.explanation else ""
    items = "".join(f"<li><b>{html.escape(_outcome_label(prediction, index))}:</b> {html.escape(text)}</li>"
                    for index, text in enumerate(prediction.explanations))
    return (f'<div class="course-predict-explanations" style="{PREDICTION_REVEAL_STYLE}">{general}'
            f"<details><summary>Every prediction, explained</summary><ul>{items}</ul></details></div>")


def _outcome_label(prediction: Prediction, index: int) -> str:
    if prediction.kind != "number":
        return prediction.labels[index]
    return {0: "A lower number", 1: "A number close to it", 2: "A higher number"}[index]


# ---------------------------------------------------------------- handout (no kernel)

# The reveal block keeps its ``hidden`` attribute until the commit, but is laid out invisibly (out of sight and of
# the accessibility tree) so plotly can draw its charts at their size; printed, it shows (no one commits
# on paper), and so do the explanations. The feedback for each outcome is simply not displayed.
REVEAL_STYLE = """<style>
.course-predict [data-outcome][hidden] { display: none !important; }
.course-predict .course-predict-reveal[hidden] { display: block !important; visibility: hidden; height: 0;
  overflow: hidden; }
.course-predict textarea { width: 100%; box-sizing: border-box; font: inherit; }
@media print { .course-predict .course-predict-reveal[hidden] { visibility: visible; height: auto; }
  .course-predict .course-predict-explained[hidden] { display: block !important; } }
</style>"""


def prediction_html(prediction: Prediction, reveal: go.Figure | Explorer) -> str:
    """The kernel-free view (see the module docstring); the page builder puts plotly.js on the page."""
    root_id = page_id("predict", prediction.moment)
    feedback = "".join(f'<div data-outcome="{index}" hidden>{_feedback_markup(prediction, index)}</div>'
                       for index in range(len(prediction.explanations)))
    spec = {"kind": prediction.kind, "answer": prediction.answer, "tolerance": prediction.tolerance,
            "missing": _missing_prediction_note(prediction), "missingConfidence": MISSING_CONFIDENCE,
            "missingLine": MISSING_LINE}
    form = answer_form(root_id, legend=f"<b>Predict first.</b> {html.escape(prediction.prompt)}",
                       inputs=_inputs_html(prediction, root_id) + _confidence_html(root_id), button=COMMIT_LABEL,
                       after=f'<p id="{root_id}-status" class="course-predict-status" role="status"></p>',
                       css_class="course-predict-commit")
    return (f'{REVEAL_STYLE}<section class="course-predict" id="{root_id}" data-course-activity="predict" '
            f'data-moment="{html.escape(prediction.moment)}" '
            f'aria-label="Predict, then see the chart">{spec_script("predict", spec)}{form}'
            f'<div id="{root_id}-reveal" class="course-predict-reveal" hidden>{_reveal_html(reveal, root_id)}</div>'
            f'<form id="{root_id}-observe" class="course-predict-observe" hidden novalidate>'
            f'<label for="{root_id}-line"><b>{html.escape(OBSERVE_QUESTION)}</b></label>'
            f'<textarea id="{root_id}-line" rows="2"></textarea>'
            f'<p><button type="submit">{EXPLAIN_LABEL}</button></p></form>'
            f'<div id="{root_id}-explained" class="course-predict-explained" hidden>'
            f'<div id="{root_id}-feedback" class="course-predict-feedback" aria-live="polite">{feedback}</div>'
            f'{_explanations_markup(prediction)}</div></section>{page_script("predict.js")}')


def _inputs_html(prediction: Prediction, root_id: str) -> str:
    if prediction.kind == "number":
        unit = f" ({html.escape(prediction.unit)})" if prediction.unit else ""
        return answer_inputs_html(root_id, f"Your prediction{unit}")
    return answer_inputs_html(root_id, "", [(str(index), label) for index, label in enumerate(prediction.labels)],
                              role="answer")


def _confidence_html(root_id: str) -> str:
    """"How sure are you?": sure, fairly sure, guessing, as a group of radio inputs."""
    levels = "".join(f'<label style="display:inline-block;margin:0.15em 1em 0.15em 0"><input type="radio" '
                     f'name="{root_id}-confidence" data-role="confidence" value="{html.escape(level)}"> '
                     f"{html.escape(level)}</label>" for level in CONFIDENCE_LEVELS)
    return (f'<fieldset class="course-predict-confidence" style="border:0;margin:0.4em 0 0;padding:0">'
            f"<legend>{html.escape(CONFIDENCE_QUESTION)}</legend>{levels}</fieldset>")


def _reveal_html(reveal: go.Figure | Explorer, root_id: str) -> str:
    """The chart (and an explorer's controls and tables) with its summary, as a handout shows them."""
    if isinstance(reveal, go.Figure):
        return chart_html(reveal) + summary_html(reveal).data
    return explorer_html(reveal, f"{root_id}-explorer")
