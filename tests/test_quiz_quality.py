"""The self-check bank tests understanding, not test-wiseness.

Two test-wise rules are computed over every choice item, as expected scores of a learner who knows nothing:

* **avoid absolute words**: discard the options that hold an absolute word (:data:`ABSOLUTE`) and guess among
  the rest (among all, if none is left);
* **pick the longest**: choose the longest option (guess among ties);
* **pick the shortest**, and **avoid the longest** (guess among the others): an overcorrected bank, whose right
  option is never the longest, would reward these.

Neither may beat blind guessing by more than :data:`MARGIN`, and no single item may make its right option stand out
by length. Every item names its level (remember … evaluate), at least a third of the bank asks to apply, analyse or
evaluate, and implausible distractors stay out.
"""

from __future__ import annotations

import re

import pytest

from helpers.course import lessons
from helpers.activities.quiz import LEVELS, NumberQuestion, OrderingQuestion, Question, load_quiz

ABSOLUTE = re.compile(r"\b(always|never|exactly|only|nothing|all|none|every|no|cannot|must)\b", re.I)
MARGIN = 0.10               # how far a test-wise rule may beat blind guessing, over the whole bank
LONGEST_RATIO = 1.3         # the right option at most this many times as long as the longest wrong one
HIGHER_LEVELS = ("apply", "analyse", "evaluate")
IMPLAUSIBLE = ("A guideline is a randomised trial", "Exactly 50 %", "Z-drugs have no half-life",
               "are not in the blood")


def bank() -> list:
    return [question for item in lessons() for question in load_quiz(item.number)]


def choice_items() -> list[Question]:
    return [question for question in bank() if isinstance(question, Question)]


def avoid_absolute_words_score(question: Question) -> float:
    kept = [i for i, text in enumerate(question.options) if not ABSOLUTE.search(text)] or range(len(question.options))
    return 1 / len(kept) if question.answer in kept else 0.0


def pick_the_longest_score(question: Question) -> float:
    lengths = [len(text) for text in question.options]
    longest = [i for i, length in enumerate(lengths) if length == max(lengths)]
    return 1 / len(longest) if question.answer in longest else 0.0


def pick_the_shortest_score(question: Question) -> float:
    lengths = [len(text) for text in question.options]
    shortest = [i for i, length in enumerate(lengths) if length == min(lengths)]
    return 1 / len(shortest) if question.answer in shortest else 0.0


def avoid_the_longest_score(question: Question) -> float:
    lengths = [len(text) for text in question.options]
    kept = [i for i, length in enumerate(lengths) if length != max(lengths)] or range(len(lengths))
    return 1 / len(kept) if question.answer in kept else 0.0


RULES = {"avoid absolute words": avoid_absolute_words_score, "pick the longest": pick_the_longest_score,
         "pick the shortest": pick_the_shortest_score, "avoid the longest": avoid_the_longest_score}


def scores() -> dict[str, float]:
    items = choice_items()
    found = {rule: sum(map(score, items)) / len(items) for rule, score in RULES.items()}
    return {"chance": sum(1 / len(q.options) for q in items) / len(items), **found}


@pytest.mark.parametrize("rule", list(RULES))
def test_a_test_wise_rule_does_not_beat_guessing(rule):
    found = scores()
    assert found[rule] <= found["chance"] + MARGIN, found


def test_no_right_option_stands_out_by_its_length():
    loud = []
    for question in choice_items():
        right = len(question.options[question.answer])
        longest_wrong = max(len(text) for i, text in enumerate(question.options) if i != question.answer)
        if right > LONGEST_RATIO * longest_wrong:
            loud.append((question.id, round(right / longest_wrong, 2)))
    assert loud == []


def test_every_item_names_its_level_and_a_third_ask_more_than_recall_and_understanding():
    items = bank()
    assert [q.id for q in items if q.level not in LEVELS] == []
    higher = [q for q in items if q.level in HIGHER_LEVELS]
    assert len(higher) * 3 >= len(items), f"{len(higher)} of {len(items)} items apply, analyse or evaluate"


def test_no_implausible_distractor_is_left():
    texts = [text for q in choice_items() for text in q.options]
    assert [bad for bad in IMPLAUSIBLE if any(bad.lower() in text.lower() for text in texts)] == []


def test_number_and_ordering_items_count_as_application():
    for question in bank():
        if isinstance(question, (NumberQuestion, OrderingQuestion)):
            assert question.level in HIGHER_LEVELS + ("understand",), question.id
