"""A lesson's minutes are computed from its notebook, with the constants in helpers.timing."""

from __future__ import annotations

import json

import pytest

from helpers import course, timing

LESSONS = list(course.lessons())
CLOSING = ("## References", "## Where to read next")   # the lesson's closing section, after Going further


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
    from helpers.activities.quiz import core_items

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


@pytest.mark.parametrize("item", LESSONS, ids=[item.stem for item in LESSONS])
def test_a_lessons_core_fits_its_registry_minutes_and_the_registry_holds_its_extension(item):
    found = timing.estimate(item.number)
    assert found.core.minutes <= item.minutes, f"{item.stem}: the core takes {found.core.minutes} min"
    assert item.extension_minutes == found.extension.minutes, \
        f"{item.stem}: set extension_minutes: {found.extension.minutes} in lessons/course.yaml"


@pytest.mark.parametrize("item", LESSONS, ids=[item.stem for item in LESSONS])
def test_extension_material_comes_after_the_core_under_going_further(item):
    from helpers.course import _read_notebook

    cells = _read_notebook(item.notebook)["cells"]
    tagged = [i for i, cell in enumerate(cells) if timing.EXTENSION_TAG in cell.get("metadata", {}).get("tags", [])]
    if not tagged:
        return
    first = cells[tagged[0]]
    assert "".join(first["source"]).startswith("## Going further"), f"{item.stem}: extensions open with the heading"
    closing = next((i for i in range(tagged[0], len(cells)) if "".join(cells[i]["source"]).startswith(CLOSING)),
                   len(cells))
    untagged = [i for i in range(tagged[0], closing) if i not in tagged and
                "show_sources" not in "".join(cells[i]["source"])]
    assert untagged == [], f"{item.stem}: cells {untagged} sit in Going further but are not tagged"
    assert all(i < closing for i in tagged), f"{item.stem}: extension cells after the closing references"


def test_every_guide_carries_its_generated_time_budget_and_self_check_key():
    from helpers import guides

    assert guides.out_of_date() == []


@pytest.mark.parametrize("item", LESSONS[1:], ids=[item.stem for item in LESSONS[1:]])
def test_every_lesson_after_00_keeps_a_prediction_moment_in_its_core(item):
    found = timing.estimate(item.number)
    assert found.core.predictions >= 1, f"{item.stem}: the class must predict at least once"
