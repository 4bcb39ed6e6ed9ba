"""The HTML handouts: built from every notebook, offline, solutions folded for students.

Discovered automatically from notebooks/NN_*.ipynb; the pages are built once per session
(fixture ``built_handouts`` in conftest.py) and the browser tests reuse them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import NOTEBOOKS, ROOT
from helpers.publish.build import (REMOTE_RESOURCE, WIDGET_VIEW_MIME, HandoutBuildError, Lesson, _refuse_widgets,
                            caption_tables, discover_lessons, render_guide)

LESSONS = [Lesson(path) for path in NOTEBOOKS]
IDS = [lesson.stem for lesson in LESSONS]
EXTERNAL_LINK = ("http://", "https://", "mailto:", "#", "data:", "javascript:")


class _PageParts(HTMLParser):
    """Counts what the handout tests look for: solution blocks, charts, summaries, uncaptioned tables."""

    def __init__(self):
        super().__init__()
        self.tables = []          # one dict per table: caption found?, aria label?
        self.classes = []
        self.ids = set()
        self.links = []
        self._open_tables = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes += (attrs.get("class") or "").split()
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "table":
            table = {"caption": False, "label": bool(attrs.get("aria-label") or attrs.get("aria-labelledby"))}
            self.tables.append(table)
            self._open_tables.append(table)
        if tag == "caption" and self._open_tables:
            self._open_tables[-1]["caption"] = True

    def handle_endtag(self, tag):
        if tag == "table" and self._open_tables:
            self._open_tables.pop()


def _parts(text: str) -> _PageParts:
    parser = _PageParts()
    parser.feed(text)
    return parser


def _answer_boxes(notebook) -> int:
    """The exercises a page shows an answer box for: each carries its worked solution."""
    return sum(cell.source.strip().startswith("answer_box(") for cell in notebook.cells if cell.cell_type == "code")


def test_the_builder_finds_every_notebook_in_lesson_order():
    assert [lesson.notebook for lesson in discover_lessons()] == NOTEBOOKS


@pytest.mark.notebook
def test_a_failing_notebook_stops_the_build_naming_the_notebook_and_the_cell(tmp_path):
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 99 · Broken"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('dose_mg must be in [0, 100]')"),
        nbformat.v4.new_code_cell("print('never runs')"),
    ])
    path = tmp_path / "99_broken.ipynb"
    nbformat.write(notebook, path)
    done = subprocess.run([sys.executable, "-m", "helpers.publish", "--no-pdf", "--out", str(tmp_path / "out"),
                           str(path)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1
    assert "[1/1] 99_broken" in done.stdout, "a progress line names each notebook"
    assert "99_broken.ipynb, cell 3 of 4" in done.stderr and "ValueError: dose_mg must be in [0, 100]" in done.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_widget_in_a_handout_stops_the_build():
    import nbformat

    cell = nbformat.v4.new_code_cell("slider", outputs=[nbformat.v4.new_output(
        "display_data", data={WIDGET_VIEW_MIME: {"model_id": "1"}, "text/plain": "FloatSlider()"})])
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"), cell])
    with pytest.raises(HandoutBuildError, match=r"99_x\.ipynb, cell 2 of 2 .*ipywidgets"):
        _refuse_widgets(ROOT / "notebooks" / "99_x.ipynb", notebook)


def test_the_instructor_guide_renders_with_table_captions(tmp_path):
    guide = tmp_path / "01_x.md"
    guide.write_text("# Guide\n\n## Timing\n\n| Section | Minutes |\n|---|---|\n| Demo | 10 |\n", encoding="utf-8")
    page = render_guide(guide)
    assert "<h2>Timing</h2>" in page
    assert '<caption class="course-sr-only">Timing</caption>' in page and "<td>Demo</td>" in page


def test_tables_after_text_get_a_caption_and_others_are_left_alone():
    assert "<caption" in caption_tables("<p><strong>Prerequisites</strong></p>\n<table><tr><td>a</td></tr></table>")
    captioned = "<p>x</p><table><caption>Mine</caption></table>"
    assert caption_tables(captioned) == captioned


@pytest.mark.notebook
def test_the_index_links_every_lesson_in_order(built_handouts):
    index = (built_handouts.out_dir / "index.html").read_text(encoding="utf-8")
    links = _parts(index).links
    students = [link for link in links if link in {lesson.student_page for lesson in LESSONS}]
    assert list(dict.fromkeys(students)) == [lesson.student_page for lesson in LESSONS]
    for lesson in LESSONS:
        assert lesson.instructor_page in links
    for link in links:
        assert (built_handouts.out_dir / link).exists(), f"index.html links a missing file: {link}"


@pytest.mark.notebook
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_pages_are_self_contained_with_no_widgets(lesson, built_handouts):
    for name in (lesson.student_page, lesson.instructor_page):
        page = (built_handouts.out_dir / name).read_text(encoding="utf-8")
        remote = REMOTE_RESOURCE.search(page)
        assert remote is None, f"{name} loads {remote.group(0)[:120]} from the network"
        assert WIDGET_VIEW_MIME not in page, f"{name} holds an ipywidgets view (needs a kernel)"
        assert "require.js" not in page and "mathjax@" not in page.lower()
        assert "Traceback" not in page, f"{name} shows a traceback"
        if "plotly-graph-div" in page:
            assert len(re.findall(r"plotly\.js (?:\(basic - minified\) )?v\d", page)) == 1, (
                f"{name}: plotly.js must be inlined in the page, once")


@pytest.mark.notebook
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_links_between_pages_lead_to_pages_that_exist(lesson, built_handouts):
    for name in (lesson.student_page, lesson.instructor_page):
        links = _parts((built_handouts.out_dir / name).read_text(encoding="utf-8")).links
        local = {link.split("#")[0] for link in links if not link.startswith(EXTERNAL_LINK)} - {""}
        missing = sorted(link for link in local if not (built_handouts.out_dir / link).exists())
        assert not missing, f"{name} links to pages the handouts do not have: {missing}"


@pytest.mark.notebook
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_student_pages_hide_solutions_behind_an_attempt_and_instructor_pages_show_them_with_the_guide(
        lesson, built_handouts):
    solutions = _answer_boxes(built_handouts.executed[lesson.stem])
    student_page = (built_handouts.out_dir / lesson.student_page).read_text(encoding="utf-8")
    student = _parts(student_page)
    instructor = _parts((built_handouts.out_dir / lesson.instructor_page).read_text(encoding="utf-8"))
    assert solutions and student.classes.count("course-exercise-solution") == solutions
    assert instructor.classes.count("course-exercise-solution") == solutions
    assert "course-instructor" in instructor.classes and "course-guide" not in student.classes
    hidden = [tag for tag in re.findall(r"<div\b[^>]*>", student_page)
              if "course-exercise-solution" in tag and re.search(r"\shidden(=\"\")?[\s>]", tag)]
    assert len(hidden) == solutions, "every solution waits behind its answer box's first check"
    if lesson.guide is not None:
        assert "course-guide" in instructor.classes, f"the instructor page lacks {lesson.guide.name}"


@pytest.mark.notebook
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_chart_has_a_summary_and_every_table_a_caption(lesson, built_handouts):
    for name in (lesson.student_page, lesson.instructor_page):
        parts = _parts((built_handouts.out_dir / name).read_text(encoding="utf-8"))
        charts = parts.classes.count("plotly-graph-div")
        assert parts.classes.count("figure-summary") >= charts, (
            f"{name}: every chart needs its text summary (helpers.activities.display.show_figure or Explorer.show)")
        uncaptioned = [t for t in parts.tables if not (t["caption"] or t["label"])]
        assert not uncaptioned, (f"{name}: {len(uncaptioned)} table(s) without a caption; show data tables with "
                                 "df.style.set_caption('...') and put a heading or sentence before markdown tables")
