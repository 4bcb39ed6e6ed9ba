"""The ground of the activity framework: one activity, two views.

Every activity (a quiz, a prediction, an exercise's answer box or check, an explorer) has a **live** view (an
ipywidgets object in JupyterLab, with a kernel) and a **handout** view (an offline HTML string, for the pages
``make handouts`` builds with ``COURSE_HANDOUT=1``). :class:`Activity` declares both; :meth:`Activity.show` is the
one place that picks between them (:func:`in_handout`).

Also here, shared by every activity: element ids unique within a page (:func:`page_id`), the lesson banks
``helpers/data/<folder>/NN_slug.yaml`` (:func:`load_bank`), the learner's typed number (:func:`parse_number`)
the activities' browser scripts (:func:`page_script`, files in ``helpers/activities/static/``), and the one path by
which every live activity writes to the learner's record (:func:`record`, :func:`recorded`; see
:mod:`helpers.record`). Handout pages record through ``static/record.js``, in the browser.

This module imports nothing from ``helpers.activities``: every other module of the framework may import it.
"""

from __future__ import annotations

import abc
import contextlib
import functools
import html
import itertools
import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import yaml
from IPython.display import HTML, display
from traitlets import TraitError

from helpers import record as learner_record
from helpers.course import lesson
from helpers.theme import PREDICTION_BOX_STYLE

HANDOUT_ENV = "COURSE_HANDOUT"   # "1" while make handouts executes a notebook (set by helpers.publish.run)
DATA_FOLDER = Path(__file__).resolve().parents[1] / "data"
STATIC_FOLDER = Path(__file__).resolve().parent / "static"
_page_numbers = itertools.count(1)   # one counter for every kind: ids unique within one executed notebook


def in_handout() -> bool:
    """True while ``make handouts`` executes the notebook (kernel-free views wanted)."""
    return os.environ.get(HANDOUT_ENV, "") == "1"


def record(kind: str, item: str, lesson: str | None = None, **fields) -> None:
    """Add what the learner just did to their record (:func:`helpers.record.add_event`): ``kind`` is one of
    :data:`helpers.record.KINDS`, ``item`` the moment, question or exercise id (its first two characters name the
    lesson unless ``lesson`` is given). Only live views call it (a handout build records nothing); a record that
    cannot be written warns and never stops the lesson."""
    try:
        learner_record.add_event(kind, lesson or item[:2], item, **fields)
    except (OSError, ValueError) as error:
        warnings.warn(f"Your answer could not be saved to your record ({error}); the lesson goes on.",
                      learner_record.RecordWarning, stacklevel=2)


@contextlib.contextmanager
def restoring(item: str):
    """Show one recorded answer again, or, when it no longer fits (a hand-edited record, or a bank changed since
    it was written), skip it with a :class:`~helpers.record.RecordWarning`: the question starts afresh and the
    lesson goes on."""
    try:
        yield
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, TraitError) as error:
        warnings.warn(f"An earlier answer to {item} in your record could not be shown again ({error}); the question "
                      f"starts afresh.", learner_record.RecordWarning, stacklevel=3)


def recorded(kind: str, item: str | None = None, lesson: str | None = None) -> list[dict]:
    """The learner's recorded events of ``kind`` (for ``item``, in ``lesson`` where given) in this course version,
    oldest first (none when the record cannot be read). Only live views call it: a handout never shows what the
    person building it answered."""
    try:
        return learner_record.events(kind, lesson or (item[:2] if item else None), item)
    except OSError:
        return []


def page_id(kind: str, name: str = "") -> str:
    """A fresh element id for one activity on the page, e.g. ``page_id("quiz")`` -> ``"course-quiz-3"`` and
    ``page_id("exercise", "04-ex1")`` -> ``"course-exercise-04-ex1-4"``."""
    return "-".join(["course", kind, *([name] if name else []), str(next(_page_numbers))])


def bank_file(folder: str, number: str) -> Path:
    """Lesson ``number``'s bank in ``helpers/data/<folder>/``, named like its notebook: ``NN_slug.yaml``."""
    return DATA_FOLDER / folder / f"{lesson(number).stem}.yaml"


@functools.cache
def load_bank(folder: str, number: str) -> tuple[dict, ...]:
    """The entries of lesson ``number``'s bank in ``helpers/data/<folder>/`` (none without a file), read once.

    ``ValueError`` names the file when it is no YAML list of entries. Do not change the entries: they are shared.
    """
    path = bank_file(folder, number)
    if not path.exists():
        return ()
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML ({error})") from None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ValueError(f"{path.name}: must be a list of entries (each a mapping of keys to values)")
    return tuple(entries)


def parse_number(text: str) -> float | None:
    """The learner's typed text as a number, or None if it is not one.

    A comma as the decimal point ("3,5") and a Unicode minus ("−2") are read as a learner means them; "inf" and
    "nan" parse (callers that need a finite number check it).
    """
    try:
        return float(str(text).strip().replace(",", ".").replace("−", "-"))
    except ValueError:
        return None


def answer_inputs_html(root_id: str, label: str, choices: Sequence[tuple[str, str]] = (), role: str = "") -> str:
    """The learner's answer in a handout form: a labelled number input (``label`` is HTML, unit included), or,
    with ``choices`` (``(value, text)`` pairs), one radio input per choice (``data-role`` set when ``role`` is)."""
    if not choices:
        return (f'<label for="{root_id}-number">{label}</label> '
                f'<input type="number" step="any" id="{root_id}-number" name="{root_id}-number">')
    role_attribute = f' data-role="{role}"' if role else ""
    return "".join(f'<label style="display:block;margin:0.15em 0"><input type="radio" name="{root_id}-choice"'
                   f'{role_attribute} value="{html.escape(value)}"> {html.escape(text)}</label>'
                   for value, text in choices)


def spec_script(kind: str, spec: dict) -> str:
    """An activity's data for its page script: a JSON ``<script class="course-<kind>-spec">`` element."""
    data = json.dumps(spec).replace("</", "<\\/")
    return f'<script type="application/json" class="course-{kind}-spec">{data}</script>'


def answer_form(root_id: str, *, legend: str, inputs: str, button: str, after: str = "", css_class: str = "") -> str:
    """The boxed form a learner answers in (``<root_id>-form``): the question as the legend (HTML), the inputs,
    the submit button labelled ``button``, then ``after`` (a status or feedback element) inside the form."""
    attributes = f' class="{css_class}"' if css_class else ""
    return (f'<form id="{root_id}-form"{attributes} style="{PREDICTION_BOX_STYLE}" novalidate>'
            f'<fieldset style="border:0;margin:0;padding:0"><legend>{legend}</legend>{inputs}'
            f'<p><button type="submit">{html.escape(button)}</button></p></fieldset>{after}</form>')


@functools.cache
def page_script(name: str) -> str:
    """The browser script ``helpers/activities/static/<name>`` as an inline ``<script>`` element.

    Each handout output that needs one carries it; the script defines itself once per page and starts every
    activity root not yet started, reading each one's data from its markup. Nothing is loaded from the network.
    """
    return f"<script>{(STATIC_FOLDER / name).read_text(encoding='utf-8')}</script>"


class Activity(abc.ABC):
    """Something a learner does, with two views of it: :meth:`live_view` and :meth:`handout_html`."""

    @abc.abstractmethod
    def live_view(self):
        """The live view: the ipywidgets object to display (or an IPython ``HTML`` for a verdict)."""

    @abc.abstractmethod
    def handout_html(self) -> str:
        """The handout view: kernel-free, offline HTML (its script, if any, inlined; plotly.js left to the page)."""

    def show(self) -> None:
        """Display the view that suits the current mode: the handout HTML in a handout, else the live view."""
        display(HTML(self.handout_html()) if in_handout() else self.live_view())
