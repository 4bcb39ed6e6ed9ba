"""lessons/course.yaml is the one place for each lesson's number, title, minutes and prerequisites; every
other place that shows them (course map, README, syllabus, guides, notebooks, handouts, claims table) agrees."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from helpers import course, tables
from helpers.figures.course_map import PREREQUISITES
from helpers.publish import build
from helpers.publish.build import lesson_title



def test_the_registry_is_the_one_list_of_lessons_every_notebook_and_guide_of_it_exists():
    assert course.unregistered_notebooks() == [], "a lesson notebook must have its entry in lessons/course.yaml"
    assert course.without_notebook() == ()
    assert all(item.guide.exists() for item in course.lessons())


def test_the_handout_build_takes_the_registry_lessons_and_skips_other_notebooks_with_a_message(tmp_path,
                                                                                               monkeypatch):
    stray = tmp_path / "99_stray.ipynb"
    shutil.copy(course.lessons()[0].notebook, stray)
    monkeypatch.setattr(build, "NOTEBOOK_DIR", tmp_path)
    said = []
    found = build.discover_lessons(log=said.append)
    assert [lesson.notebook for lesson in found] == [item.notebook for item in course.lessons()]
    assert len(said) == 1 and "99_stray.ipynb" in said[0] and "not a lesson of lessons/course.yaml" in said[0]


def test_a_notebook_outside_the_registry_is_named():
    assert course.unregistered_notebooks(ROOT / "notebooks") == []


def test_readme_table_syllabus_rows_and_notebook_headers_are_generated_from_the_registry():
    assert course.out_of_date() == [], "run `python -m helpers sync` to regenerate them"


def test_the_syllabus_gets_a_row_for_a_new_lesson_and_keeps_the_hand_written_columns(monkeypatch):
    syllabus = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    assert course.synced_syllabus(syllabus) == syllabus
    without_last = re.sub(r"^\| 07 \|.*\n", "", syllabus, flags=re.M)
    assert course.synced_syllabus(without_last).count("| 07 | **") == 1
    assert "| 07 | **" + course.lesson("07").title in course.synced_syllabus(without_last)


def test_extension_minutes_are_written_into_the_registry_text_keeping_its_comments():
    text = course.COURSE_FILE.read_text(encoding="utf-8")
    changed = course.with_extension_minutes(text, "04", 99)
    assert changed.count("extension_minutes: 99") == 1 and changed.splitlines()[:5] == text.splitlines()[:5]
    assert course.with_extension_minutes(changed, "04", course.lesson("04").extension_minutes) == text


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
    import nbformat   # here: it takes seconds to import, and only this test builds a notebook

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
