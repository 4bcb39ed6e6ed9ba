""""My progress": what the learner's record holds, lesson by lesson, and the record's own tools.

For each lesson: the predictions committed (of the lesson's prediction moments), the first-try score on the
self-check (right first answers of the items answered in the lesson itself; retries and warm-ups do not count),
the exercises done (a value checked, by code or in the answer box) and the self-check items due for review
(:mod:`helpers.review`). Usage in a notebook::

    from helpers.activities.progress import show_progress, show_record_tools
    show_progress()          # the table
    show_record_tools()      # where the record is, "Download my record" and "Clear my record"

The handout index shows the same table from the browser's record (``helpers/publish/static``); a lesson page in a
handout points there. Everything is read from the learner's own machine; nothing is sent anywhere.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from helpers import record as learner_record
from helpers import review
from helpers.activities.base import Activity
from helpers.activities.exercise import load_exercises
from helpers.activities.predict import prediction_moments
from helpers.activities.quiz import core_items
from helpers.course import lessons
from helpers.theme import PREDICTION_BOX_STYLE

EXPORT_NAME = "my-course-record.json"   # "Download my record" writes it next to the notebook
CLEAR_LABEL = "Clear my record"
CONFIRM_LABEL = "Yes, delete every answer"
DOWNLOAD_LABEL = "Download my record"


@dataclass(frozen=True)
class LessonProgress:
    """One lesson's row of "My progress" (counts; ``first_try_right`` of ``answered`` self-check items)."""

    number: str
    title: str
    predictions: int
    moments: int
    first_try_right: int
    answered: int
    exercises_done: int
    exercises: int
    due: int

    @property
    def predictions_text(self) -> str:
        return f"{self.predictions} of {self.moments}" if self.moments else "–"   # a lesson without a moment

    @property
    def score_text(self) -> str:
        return f"{self.first_try_right} of {self.answered}" if self.answered else "–"


def lesson_totals(number: str) -> dict[str, list[str]]:
    """What lesson ``number``'s progress counts against, from the banks: its prediction moments
    (:func:`helpers.activities.predict.prediction_moments`), its self-check items (core and extension) and its
    checked exercises, each a list of ids. The handout index carries the same lists (``helpers.publish.build``)."""
    items = core_items(number) + core_items(number, extension=True)
    return {"moments": list(prediction_moments(number)), "items": [question.id for question in items],
            "exercises": [exercise.id for exercise in load_exercises(number)]}


def lesson_progress(events: list[dict], today: datetime.date | None = None) -> list[LessonProgress]:
    """Every lesson's progress from the record's ``events`` (:mod:`helpers.record`'s, this course version)."""
    due = set(review.due_items(events, today))
    rows = []
    for item in lessons():
        mine = [event for event in events if event["lesson"] == item.number]
        first_answers = {event["item"]: event for event in mine
                         if event["kind"] == "selfcheck" and event.get("context", "lesson") == "lesson"
                         and event.get("attempt", 0) == 0}
        totals = lesson_totals(item.number)
        rows.append(LessonProgress(
            number=item.number, title=item.title,
            predictions=len({event["item"] for event in mine if event["kind"] == "prediction"}),
            moments=len(totals["moments"]),
            first_try_right=sum(bool(event.get("right")) for event in first_answers.values()),
            answered=len(first_answers),
            exercises_done=len({event["item"] for event in mine if event["kind"] == "exercise"}),
            exercises=len(totals["exercises"]),
            due=len(due & set(totals["items"]))))
    return rows


def progress_html(rows: list[LessonProgress]) -> str:
    """The progress table (HTML) with a caption saying what each column counts."""
    body = "".join(
        f"<tr><th scope=\"row\">{row.number} · {html.escape(row.title)}</th>"
        f"<td>{row.predictions_text}</td><td>{row.score_text}</td>"
        f"<td>{row.exercises_done} of {row.exercises}</td><td>{row.due}</td></tr>" for row in rows)
    return ('<table class="course-progress"><caption>My progress, from the record on this machine. First-try '
            'score: self-check items right at the first answer, of those answered in the lesson. Due: items to '
            'answer again (warm-ups draw them first).</caption><thead><tr><th scope="col">Lesson</th>'
            '<th scope="col">Predictions made</th><th scope="col">First-try score</th>'
            '<th scope="col">Exercises done</th><th scope="col">Items due for review</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


class Progress(Activity):
    """The "My progress" table: from the record file live; in a handout, a pointer to the index's table."""

    def live_view(self):
        return HTML(progress_html(lesson_progress(learner_record.events())))

    def handout_html(self) -> str:
        return ('<p class="course-progress-pointer">Your progress on these pages is on the <a href="index.html#'
                'course-progress">index page</a>, from the answers this browser keeps.</p>')


def show_progress() -> None:
    """Display "My progress": per lesson, predictions made, first-try score, exercises done, items due."""
    Progress().show()


def download_record(folder: Path | str = ".") -> Path:
    """Save a copy of the learner's record as ``my-course-record.json`` in ``folder`` (default: next to the
    notebook) and return its path: the file a learner hands in for the class report."""
    return learner_record.export_record(Path(folder) / EXPORT_NAME)


class RecordTools(Activity):
    """Where the record is kept, with "Download my record" and a two-step "Clear my record"."""

    def live_view(self):
        where = widgets.HTML(f"<p>Your answers are kept in <code>{html.escape(str(learner_record.record_path()))}"
                             "</code>, on this machine only (set <code>COURSE_RECORD</code> to keep them elsewhere)."
                             "</p>")
        download = widgets.Button(description=DOWNLOAD_LABEL, layout=widgets.Layout(width="auto"))
        clear = widgets.Button(description=CLEAR_LABEL, layout=widgets.Layout(width="auto"))
        confirm = widgets.Button(description=CONFIRM_LABEL, button_style="danger",
                                 layout=widgets.Layout(width="auto", display="none"))
        status = widgets.HTML("")

        def on_download(_button) -> None:
            path = download_record()
            status.value = (f"<p>Saved as <code>{html.escape(path.name)}</code> beside this notebook: in the file "
                            "browser, right-click it and choose Download.</p>")

        def on_clear(_button) -> None:
            confirm.layout.display = None
            status.value = "<p>This deletes every answer of every lesson on this machine. Are you sure?</p>"

        def on_confirm(_button) -> None:
            learner_record.clear_record()
            confirm.layout.display = "none"
            status.value = "<p>Your record is cleared. A new one starts with your next answer.</p>"

        download.on_click(on_download)
        clear.on_click(on_clear)
        confirm.on_click(on_confirm)
        box = widgets.VBox([where, widgets.HBox([download, clear, confirm]), status],
                           layout=widgets.Layout(width="100%"))
        box.add_class("course-record-tools")
        return box

    def handout_html(self) -> str:
        return (f'<div style="{PREDICTION_BOX_STYLE}"><p>On these pages your answers are kept by this browser, on '
                'this machine only. "Download my record" and "Clear my record" are in the bar at the top of the '
                'page.</p></div>')


def show_record_tools() -> None:
    """Display where the learner's record is kept, with "Download my record" and "Clear my record"."""
    RecordTools().show()
