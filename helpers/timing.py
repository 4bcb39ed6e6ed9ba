"""How long a lesson takes, computed from its notebook: the core (a 50-minute class) and its extensions.

The estimate counts what a learner reads and does, with the constants below (one place, used by the command,
the tests and the guides' timing tables):

* reading: markdown a learner sees, at :data:`READING_WORDS_PER_MINUTE`; not counted are solution cells, text
  folded in ``<details>`` (the glossary, Think! answers: opened after the thinking, which has its own minutes),
  HTML comments and tags;
* each explorer shown (an ``….show()`` call), each prediction moment (``predict(…)``/``show_prediction(…)``),
  each Think! heading, each exercise heading, each quiz item (a lesson's self-check bank, a warm-up draw, the
  claims to grade in lesson 07, or the concept inventory's items), each static figure or table
  (``show_figure``/``show_table``/``show_diagram``).

A cell tagged ``extension`` (material for self-study under a "Going further" heading) counts towards the
extension minutes, every other cell towards the core. ``python -m helpers.timing`` prints the table;
:func:`sync` (run by ``python -m helpers sync``) writes each lesson's extension minutes into ``lessons/course.yaml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from helpers import course
from helpers.course import _read_notebook

READING_WORDS_PER_MINUTE = 130   # a careful reading pace for technical text
MINUTES_PER_EXPLORER = 4         # read the prompt, move the controls, read the chart
MINUTES_PER_PREDICTION = 4       # commit (with a show of hands in class), reveal, read the explanation
MINUTES_PER_THINK = 2            # think, then open the folded answer
MINUTES_PER_EXERCISE = 6         # one exercise: starter or answer box, a check, a hint
MINUTES_PER_QUIZ_ITEM = 1        # one self-check or warm-up question with its feedback
MINUTES_PER_STATIC = 1           # one figure, table or diagram without controls
EXTENSION_TAG = "extension"
SOLUTION_TAG = "solution"

_FOLDED = re.compile(r"<details.*?</details>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\s|#*`>_\-–—]+")
_EXPLORER = re.compile(r"\)\.show\(\)")
_PREDICTION = re.compile(r"\b(?:predict|show_prediction)\(")
_STATIC = re.compile(r"\b(?:show_figure|show_table|show_diagram|show_equivalence_ranges|show_table_columns|"
                     r"show_claims|show_steady_state_gap|show_genotype_table|"
                     r"show_diazepam_ec50_table)\(")
_SELF_CHECK = re.compile(r"\bshow_quiz\(\s*[\"'](\d\d)[\"']([^)]*)\)")
_WARM_UP = re.compile(r"\bshow_warm_up\(\s*[\"'](\d\d)[\"']")
_GRADING = re.compile(r"\bshow_quiz\(\s*grading_questions\(\)")
_INVENTORY = re.compile(r"\bshow_inventory\(")
_THINK = re.compile(r"^#{2,4}\s*Think!", re.M)
_EXERCISE = re.compile(r"^#{2,4}\s*Exercise\b", re.M)


@dataclass(frozen=True)
class Part:
    """What one part of a lesson (its core or its extensions) holds, and the minutes it takes."""

    words: int = 0
    explorers: int = 0
    predictions: int = 0
    thinks: int = 0
    exercises: int = 0
    quiz_items: int = 0
    statics: int = 0

    @property
    def minutes(self) -> int:
        """Estimated minutes, rounded up."""
        return math.ceil(self.words / READING_WORDS_PER_MINUTE + self.explorers * MINUTES_PER_EXPLORER
                         + self.predictions * MINUTES_PER_PREDICTION + self.thinks * MINUTES_PER_THINK
                         + self.exercises * MINUTES_PER_EXERCISE + self.quiz_items * MINUTES_PER_QUIZ_ITEM
                         + self.statics * MINUTES_PER_STATIC)

    def __add__(self, other: Part) -> Part:
        return Part(*(a + b for a, b in zip(self._counts(), other._counts())))

    def _counts(self) -> tuple[int, ...]:
        return (self.words, self.explorers, self.predictions, self.thinks, self.exercises, self.quiz_items,
                self.statics)


@dataclass(frozen=True)
class Estimate:
    number: str
    core: Part
    extension: Part


def visible_words(markdown: str) -> int:
    """Words a learner reads in a markdown cell: folded blocks, comments and HTML tags left out."""
    text = _TAG.sub(" ", _COMMENT.sub(" ", _FOLDED.sub(" ", markdown)))
    return len(_WORD.findall(text))


def cell_part(cell: dict) -> Part:
    """What one notebook cell adds to its part of the lesson."""
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
        return Part()
    if cell["cell_type"] == "markdown":
        return Part(words=visible_words(source), thinks=len(_THINK.findall(source)),
                    exercises=len(_EXERCISE.findall(source)))
    if cell["cell_type"] != "code":
        return Part()
    return Part(explorers=len(_EXPLORER.findall(source)), predictions=len(_PREDICTION.findall(source)),
                statics=len(_STATIC.findall(source)), quiz_items=_quiz_items(source))


def _quiz_items(source: str) -> int:
    from helpers.activities.quiz import core_items, load_warm_up   # here: quiz imports the display stack

    items = sum(len(core_items(number, "extension=True" in rest.replace(" ", "")))
                for number, rest in _SELF_CHECK.findall(source))
    items += sum(len(load_warm_up(number)) for number in _WARM_UP.findall(source))
    if _GRADING.search(source):
        from helpers.lessons.l07_fact_check import grading_questions

        items += len(grading_questions())
    if _INVENTORY.search(source):
        from helpers.activities.inventory import load_inventory

        items += len(_INVENTORY.findall(source)) * len(load_inventory().items)
    return items


def estimate(number: str, notebook: Path | None = None) -> Estimate:
    """The core and extension parts of lesson ``number`` (its registry notebook, or ``notebook``)."""
    cells = _read_notebook(notebook or course.lesson(number).notebook)["cells"]
    core, extension = Part(), Part()
    for cell in cells:
        part = cell_part(cell)
        if EXTENSION_TAG in cell.get("metadata", {}).get("tags", []):
            extension += part
        else:
            core += part
    return Estimate(number, core, extension)


def table() -> str:
    """Every lesson's estimate as a markdown table."""
    header = ("| lesson | core words | explorers | predictions | Think! | exercises | quiz items | figures/tables "
              "| core min | registry min | extension min |\n|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for item in course.lessons():
        found = estimate(item.number)
        c = found.core
        rows.append(f"| {item.number} | {c.words:,} | {c.explorers} | {c.predictions} | {c.thinks} | {c.exercises} "
                    f"| {c.quiz_items} | {c.statics} | {c.minutes} | {item.minutes} | {found.extension.minutes} |")
    return "\n".join([header, *rows])


def sync() -> list[str]:
    """Write each lesson's computed extension minutes into ``lessons/course.yaml`` (lessons without a notebook yet
    are skipped); return ``["lessons/course.yaml"]`` when it changed, else ``[]``."""
    text = course.COURSE_FILE.read_text(encoding="utf-8")
    synced = text
    for item in course.with_notebook():
        synced = course.with_extension_minutes(synced, item.number, estimate(item.number).extension.minutes)
    if synced == text:
        return []
    course.COURSE_FILE.write_text(synced, encoding="utf-8")
    course.lessons.cache_clear()
    return [str(course.COURSE_FILE.relative_to(course.ROOT))]


if __name__ == "__main__":
    print(table())
