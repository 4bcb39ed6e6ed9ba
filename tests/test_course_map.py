"""The course map (notebook 00) and the syllabus (lessons/README.md) describe the lessons of the registry
(lessons/course.yaml), and only those."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from helpers import course
from helpers.figures.course_map import LESSONS, PREREQUISITES, course_map_figure, lesson
from helpers.figures.compose import summary_of


def test_the_map_has_every_registry_lesson_in_order():
    assert [item.number for item in LESSONS] == [item.number for item in course.lessons()]
    assert [item.number for item in LESSONS] == [f"{n:02d}" for n in range(len(LESSONS))]


def test_no_two_lessons_share_a_place_on_the_map():
    places = [(item.map.x, item.map.y) for item in LESSONS]
    assert len(set(places)) == len(places)


def test_every_arrow_joins_two_lessons_and_points_forward():
    for start, end in PREREQUISITES:
        assert lesson(start) and lesson(end)
        assert start < end, f"{start} -> {end} points backwards"


def test_every_lesson_after_00_builds_on_an_earlier_one():
    reached = {end for _, end in PREREQUISITES}
    assert reached == {item.number for item in LESSONS} - {"00"}


def test_the_figure_draws_one_box_per_lesson_and_one_arrow_per_link():
    fig = course_map_figure()
    boxes = [a for a in fig.layout.annotations if not a.showarrow]
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(boxes) == len(LESSONS)
    assert len(arrows) == len(PREREQUISITES)
    assert summary_of(fig).endswith(".")


def test_highlight_marks_the_current_lesson():
    fig = course_map_figure(highlight="01")
    marked = [a for a in fig.layout.annotations if "you are here" in (a.text or "")]
    assert len(marked) == 1 and marked[0].text.startswith("<b>01")
    assert "lesson 01" in summary_of(fig)


def test_an_unknown_lesson_is_refused_with_the_allowed_numbers():
    with pytest.raises(ValueError, match="lesson must be one of '00'"):
        course_map_figure(highlight="12")


def test_the_syllabus_lists_every_lesson_with_its_notebook_and_guide():
    syllabus = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    for item in LESSONS:
        assert f"| {item.number} |" in syllabus, f"lesson {item.number} is missing from lessons/README.md"
    for item in course.lessons():
        assert f"../notebooks/{item.stem}.ipynb" in syllabus, f"lessons/README.md does not link {item.stem}.ipynb"


# --- Lesson 00's notebook and guide ---------------------------------------------------

from helpers.lessons import all_explorers  # noqa: E402
from helpers.figures.compose import label_of  # noqa: E402
from conftest import cells  # noqa: E402
from test_circuit import cited_sources_without_their_flag, lesson_text, merged_study_sentences  # noqa: E402

LESSON_00 = "00_start_here"


def _cells():
    return cells(LESSON_00)


def test_lesson_00_practises_on_a_chart_of_its_own_not_on_a_later_lesson_demo():
    code = "\n".join(cell.source for cell in _cells() if cell.cell_type == "code")
    shown = set(re.findall(r"from helpers\.lessons\.\w+ import (\w+)", code))
    assert shown == {"firing_practice_explorer"}, f"lesson 00 shows {shown}: no later lesson's demo"
    practice = all_explorers()["firing_practice"]
    assert label_of(practice.figure()) == "model"
    assert {control.name for control in practice.controls} == {"rate_hz", "cells"}


def test_lesson_00_overview_asks_the_questions_instead_of_answering_them():
    overview = next(cell.source for cell in _cells() if cell.source.startswith("## Where the course started"))
    assert overview.count("?") >= 5
    for answer in ("more frequent", "smaller", "lower", "increase the firing", "[source:"):
        assert answer not in overview, f"the overview gives away a lesson answer: {answer!r}"
    key_points = next(cell.source for cell in _cells() if cell.source.startswith("## Key points"))
    assert "transient" not in key_points and "average level" not in key_points


def test_lesson_00_keeps_the_dopamine_studies_apart_and_flags_its_sources():
    text = lesson_text(LESSON_00)
    assert merged_study_sentences(text) == []
    assert cited_sources_without_their_flag(text) == []
    # the microdialysis result (midazolam, 5 mg/kg s.c.) is lesson 03's prediction: lesson 00 no longer names it
    for detail in ("awake rats", "two separate studies are merged", "MODEL"):
        assert detail in text


def test_the_course_map_is_not_a_model_chart_and_carries_no_model_label():
    assert label_of(course_map_figure()) is None
