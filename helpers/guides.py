"""Generated parts of the instructor guides (``lessons/NN_slug.md``): the time budget and the self-check key.

A guide holds each between two markers; ``python -m helpers.guides`` rewrites them:

* the **time budget**, from the notebook with :mod:`helpers.timing` (the core's minutes by activity, and the
  extensions'), so the guide's timing agrees with the estimate;
* the **self-check key**, from ``helpers/data/quizzes/NN_slug.yaml`` (every item: its prompt, the right answer,
  its level, the objective it assesses, and whether it is core or extension practice), never retyped.

:func:`out_of_date` lists guides whose blocks are missing or differ (a test fails on it).
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import course, timing
from helpers.activities.quiz import NumberQuestion, OrderingQuestion, load_quiz

KEY_START = ("<!-- self-check key: generated from helpers/data/quizzes by `python -m helpers.guides`; "
             "edit the bank, not this block -->")
KEY_END = "<!-- end of self-check key -->"
BUDGET_START = ("<!-- time budget: generated from the notebook by `python -m helpers.guides` (helpers.timing); "
                "edit the notebook, not this block -->")
BUDGET_END = "<!-- end of time budget -->"
_BLOCK = re.compile(re.escape(KEY_START) + r".*?" + re.escape(KEY_END), re.S)
_BUDGET = re.compile(re.escape(BUDGET_START) + r".*?" + re.escape(BUDGET_END), re.S)


def time_budget(number: str) -> str:
    """Lesson ``number``'s time budget: the core's minutes by activity, then the extensions', as a markdown block."""
    found = timing.estimate(number)
    rows = []
    for name, part in (("Core (the class)", found.core), ("Going further (self-study)", found.extension)):
        rows.append(f"| {name} | {part.words / timing.READING_WORDS_PER_MINUTE:.0f} ({part.words:,} words) "
                    f"| {part.explorers} × {timing.MINUTES_PER_EXPLORER} | {part.predictions} × "
                    f"{timing.MINUTES_PER_PREDICTION} | {part.thinks} × {timing.MINUTES_PER_THINK} | "
                    f"{part.exercises} × "
                    f"{timing.MINUTES_PER_EXERCISE} | {part.quiz_items} × {timing.MINUTES_PER_QUIZ_ITEM} | "
                    f"{part.statics} × {timing.MINUTES_PER_STATIC} | **{part.minutes}** |")
    return "\n".join([BUDGET_START, "", f"Time budget of lesson {number}, computed from the notebook:", "",
                      "| Part | Reading (min) | Explorers | Predictions | Think! | Exercises | "
                      "Quiz items | Figures, tables | Minutes |", "|---|---|---|---|---|---|---|---|---|", *rows, "",
                      f"Computed by `python -m helpers.timing` ({timing.READING_WORDS_PER_MINUTE} words a minute, "
                      "minutes per activity as in the columns).", "", BUDGET_END])


def right_answer(question) -> str:
    """The right answer of a bank item, as an instructor reads it out."""
    if isinstance(question, (NumberQuestion, OrderingQuestion)):
        return question.answer_text
    return question.options[question.answer]


def self_check_key(number: str) -> str:
    """Lesson ``number``'s self-check key as a markdown block between the markers."""
    lines = [KEY_START, "", f"Self-check key of lesson {number}, generated from its bank:", "",
             "| # | Item | Right answer | Level | Part | Objective assessed |",
             "|---|---|---|---|---|---|"]
    for index, question in enumerate(load_quiz(number), 1):
        cells = [question.prompt, right_answer(question), question.level or "–",
                 "extension" if question.extension else "core", question.objective]
        lines.append(f"| {index} (`{question.id}`) | " + " | ".join(_cell(text) for text in cells) + " |")
    lines += ["", "The options are shuffled the same way in JupyterLab, the handouts and the learning platform; "
              "each wrong option's feedback is in the bank.", "", KEY_END]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def synced(text: str, number: str) -> str:
    """``text`` (a guide) with its generated blocks rewritten; a guide without the markers is returned unchanged."""
    text = _BUDGET.sub(lambda _match: time_budget(number), text)
    return _BLOCK.sub(lambda _match: self_check_key(number), text)


def _chosen(numbers) -> list:
    """The lessons ``numbers`` (or all) that have a notebook and a guide to generate from and into."""
    return [item for item in course.with_notebook() if (not numbers or item.number in numbers) and item.guide.exists()]


def out_of_date(*numbers: str) -> list[str]:
    """Guides (of lessons ``numbers``, or all) whose generated blocks are missing or differ from the lesson; a
    lesson without its notebook or guide is named as such."""
    problems = [f"{item.stem}: no notebook or guide yet" for item in course.lessons()
                if (not numbers or item.number in numbers) and not (item.notebook.exists() and item.guide.exists())]
    for item in _chosen(numbers):
        text = item.guide.read_text(encoding="utf-8")
        if KEY_START not in text or BUDGET_START not in text or synced(text, item.number) != text:
            problems.append(str(Path("lessons") / item.guide.name))
    return problems


def sync(*numbers: str) -> list[str]:
    """Rewrite the generated blocks of the guides of lessons ``numbers`` (or all); return the guides changed."""
    changed = []
    for item in _chosen(numbers):
        text = item.guide.read_text(encoding="utf-8")
        if synced(text, item.number) != text:
            item.guide.write_text(synced(text, item.number), encoding="utf-8")
            changed.append(str(Path("lessons") / item.guide.name))
    return changed


if __name__ == "__main__":
    import sys

    print("\n".join(sync(*sys.argv[1:])) or "Every guide's time budget and self-check key agree with the lesson.")
