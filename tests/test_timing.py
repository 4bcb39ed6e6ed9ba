"""A lesson's minutes are computed from its notebook, with the constants in helpers.timing."""

from __future__ import annotations

import json

from helpers import timing


def cell(kind: str, source: str, *tags: str) -> dict:
    return {"cell_type": kind, "source": source, "metadata": {"tags": list(tags)}}


def write(tmp_path, cells) -> object:
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_reading_counts_what_a_learner_sees_and_skips_folds_comments_and_solutions():
    text = "One two three.\n<details><summary>Answer</summary>four five six</details>\n<!-- seven -->"
    assert timing.visible_words(text) == 3
    assert timing.cell_part(cell("markdown", "eight nine", "solution")) == timing.Part()


def test_each_activity_costs_its_documented_minutes(tmp_path):
    words = " ".join(["word"] * timing.READING_WORDS_PER_MINUTE)
    path = write(tmp_path, [
        cell("markdown", words),
        cell("code", "explorer().show()"),
        cell("markdown", "### Think! 1\nWhy?"),
        cell("code", 'predict("01-ceiling", reveal=figure())'),
        cell("markdown", "## Exercise 1: try it"),
        cell("code", 'show_quiz("01")'),
        cell("markdown", "## Going further\n" + words, "extension"),
        cell("code", "other_explorer().show()", "extension"),
        cell("code", 'show_quiz("01", extension=True)', "extension"),
    ])
    from helpers.quiz import core_items

    found = timing.estimate("01", path)
    core = found.core
    assert (core.explorers, core.thinks, core.predictions, core.exercises) == (1, 1, 1, 1)
    assert core.quiz_items == len(core_items("01"))
    assert found.extension.quiz_items == len(core_items("01", extension=True))
    expected = (1 + timing.MINUTES_PER_EXPLORER + timing.MINUTES_PER_THINK + timing.MINUTES_PER_PREDICTION
                + timing.MINUTES_PER_EXERCISE + len(core_items("01")) * timing.MINUTES_PER_QUIZ_ITEM)
    assert core.minutes - expected in (0, 1)   # the heading words round up
    assert found.extension.explorers == 1 and found.extension.minutes >= 1 + timing.MINUTES_PER_EXPLORER


def test_the_command_prints_a_row_per_lesson():
    from helpers import course

    assert len(timing.table().splitlines()) == 2 + len(course.lessons())
