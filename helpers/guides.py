"""Generated parts of the instructor guides (``lessons/NN_slug.md``): the self-check key, from the quiz bank.

A guide holds its key between two markers; ``python -m helpers.guides`` rewrites it from
``helpers/data/quizzes/NN_slug.yaml`` (every item: its prompt, the right answer, its level and the objective it
assesses), so the key is never retyped and never stale. :func:`out_of_date` lists guides whose block differs
(a test fails on it).
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import course
from helpers.quiz import NumberQuestion, OrderingQuestion, load_quiz

KEY_START = ("<!-- self-check key: generated from helpers/data/quizzes by `python -m helpers.guides`; "
             "edit the bank, not this block -->")
KEY_END = "<!-- end of self-check key -->"
_BLOCK = re.compile(re.escape(KEY_START) + r".*?" + re.escape(KEY_END), re.S)


def right_answer(question) -> str:
    """The right answer of a bank item, as an instructor reads it out."""
    if isinstance(question, (NumberQuestion, OrderingQuestion)):
        return question.answer_text
    return question.options[question.answer]


def self_check_key(number: str) -> str:
    """Lesson ``number``'s self-check key as a markdown block between the markers."""
    lines = [KEY_START, "", "| # | Item | Right answer | Level | Objective assessed |", "|---|---|---|---|---|"]
    for index, question in enumerate(load_quiz(number), 1):
        cells = [question.prompt, right_answer(question), question.level or "–", question.objective]
        lines.append(f"| {index} (`{question.id}`) | " + " | ".join(_cell(text) for text in cells) + " |")
    lines += ["", "The options are shuffled the same way in JupyterLab, the handouts and the learning platform; "
              "each wrong option's feedback is in the bank.", "", KEY_END]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def synced(text: str, number: str) -> str:
    """``text`` (a guide) with its key block rewritten; a guide without the markers is returned unchanged."""
    return _BLOCK.sub(lambda _match: self_check_key(number), text)


def out_of_date() -> list[str]:
    """Guides whose key block is missing or differs from the bank."""
    problems = []
    for item in course.lessons():
        text = item.guide.read_text(encoding="utf-8")
        if KEY_START not in text or synced(text, item.number) != text:
            problems.append(str(Path("lessons") / item.guide.name))
    return problems


def sync() -> list[str]:
    """Rewrite every guide's key block from its bank; return the guides changed."""
    changed = []
    for item in course.lessons():
        text = item.guide.read_text(encoding="utf-8")
        if synced(text, item.number) != text:
            item.guide.write_text(synced(text, item.number), encoding="utf-8")
            changed.append(str(Path("lessons") / item.guide.name))
    return changed


if __name__ == "__main__":
    print("\n".join(sync()) or "Every guide's self-check key agrees with its bank.")
