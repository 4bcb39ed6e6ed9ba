"""lessons/course.yaml is the one place for each lesson's number, title, minutes and prerequisites; every
other place that shows them (course map, README, syllabus, guides, notebooks, handouts, claims table) agrees."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT
from helpers import course, tables
from helpers.figures.course_map import PREREQUISITES
from helpers.publish.build import lesson_title


def test_the_registry_lists_every_notebook_and_guide_in_order():
    assert [item.notebook for item in course.lessons()] == NOTEBOOKS
    assert all(item.guide.exists() for item in course.lessons())


def test_readme_table_and_notebook_headers_are_generated_from_the_registry():
    assert course.out_of_date() == [], "run `python -m helpers.course` to regenerate them"


@pytest.mark.parametrize("item", course.lessons(), ids=lambda item: item.stem)
def test_the_syllabus_row_shows_the_registry_title_and_minutes(item):
    syllabus = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    row = next(line for line in syllabus.splitlines() if line.startswith(f"| {item.number} |"))
    assert f"**{item.title}**" in row
    assert f"| {item.minutes_text} |" in row


@pytest.mark.parametrize("item", course.lessons(), ids=lambda item: item.stem)
def test_the_guide_gives_the_registry_class_length(item):
    guide = item.guide.read_text(encoding="utf-8")
    assert re.search(rf"Class length: \*\*{item.minutes} minutes\*\*", guide)


def test_map_claims_and_handouts_read_the_registry():
    assert PREREQUISITES == tuple((before, item.number) for item in course.lessons() for before in item.prerequisites)
    assert tables.COURSE_LESSONS == course.lesson_stems()
    first = course.lessons()[1]
    assert lesson_title(nbformat.v4.new_notebook(), first.stem) == f"{first.number} · {first.title}"
    assert lesson_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Mine")]), "99_x") == "Mine"


def test_a_prerequisite_that_is_not_earlier_is_refused(tmp_path, monkeypatch):
    broken = (ROOT / "lessons" / "course.yaml").read_text(encoding="utf-8").replace(
        'prerequisites: ["00"]', 'prerequisites: ["03"]', 1)
    (tmp_path / "course.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(course, "COURSE_FILE", tmp_path / "course.yaml")
    course.lessons.cache_clear()
    try:
        with pytest.raises(ValueError, match="lesson 01's prerequisites must be earlier lessons"):
            course.lessons()
    finally:
        course.lessons.cache_clear()


def test_an_unknown_lesson_number_lists_the_numbers_that_exist():
    with pytest.raises(ValueError, match="lesson must be one of '00'"):
        course.lesson("12")
