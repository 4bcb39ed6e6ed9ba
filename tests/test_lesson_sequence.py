"""The order of a lesson: it opens with a question and a warm-up, counts its class time as it goes, asks each
Think! question before the text that answers it, and shows its diagrams where the guide says.
"""

from __future__ import annotations

import re

import pytest

from conftest import cell_index, cells, code_text, guide_text
from helpers.activities.quiz import WARM_UP_ITEMS, load_warm_up
from helpers.course import lesson, lessons

LESSONS = [item.number for item in lessons()]
AFTER_00 = LESSONS[1:]
TIME_MARKER = re.compile(r"⏱ ~(\d+) of (\d+) min")
MAIN_SECTION = re.compile(r"## (\d+\.|Self-check|Key points|Warm-up)")


def overview_paragraphs(number: str) -> list[str]:
    """The first cell's paragraphs before the prerequisites and the time line (no heading, no HTML)."""
    first = cells(number)[0].source
    overview = first.split("### Prerequisites")[0].split("**Time to learn")[0]
    return [p.strip() for p in re.split(r"\n\s*\n", overview) if p.strip() and not p.lstrip().startswith(("#", "<"))]


@pytest.mark.parametrize("number", LESSONS)
def test_overview_ends_in_the_lessons_question(number):
    last = overview_paragraphs(number)[-1]
    assert last.endswith("?"), f"lesson {number}: the overview ends with {last[-60:]!r}"


@pytest.mark.parametrize("number", LESSONS)
def test_time_markers_count_forward_out_of_the_registry_minutes(number):
    minutes = lesson(number).minutes
    markers = [(int(done), int(total)) for cell in cells(number) if cell.cell_type == "markdown"
               for done, total in TIME_MARKER.findall(cell.source)]
    assert len(markers) >= 6, f"lesson {number}: a time marker under each main section"
    assert all(total == minutes for _, total in markers), f"lesson {number}: markers count out of {minutes} min"
    so_far = [done for done, _ in markers]
    assert so_far == sorted(so_far) and so_far[-1] <= minutes


@pytest.mark.parametrize("number", ["00", "01", "02"])
def test_every_main_section_says_how_much_class_time_has_gone(number):
    for cell in cells(number):
        if MAIN_SECTION.match(cell.source):
            heading = cell.source.splitlines()[0]
            assert TIME_MARKER.search(cell.source), f"lesson {number}: no time marker under {heading}"
    assert "⏱" in guide_text(number), "the guide shows the same time markers"


@pytest.mark.parametrize("number", AFTER_00)
def test_warm_up_opens_the_lesson_and_draws_from_earlier_lessons(number):
    notebook_cells = cells(number)
    assert cell_index(notebook_cells, f'show_warm_up("{number}")') < cell_index(notebook_cells, "## 1.")
    questions = load_warm_up(number)
    assert len(questions) == WARM_UP_ITEMS and len({q.id for q in questions}) == WARM_UP_ITEMS
    assert all(q.id[:2] < number for q in questions), "a warm-up recalls earlier lessons only"


def test_lesson_01_warm_up_draws_only_from_lesson_00():
    assert {q.id[:2] for q in load_warm_up("01")} == {"00"}


@pytest.mark.parametrize("number", ["05", "06", "07"])
def test_lesson_shows_its_self_check_with_one_call(number):
    assert f'show_quiz("{number}")' in [cell.source.strip() for cell in cells(number) if cell.cell_type == "code"]


@pytest.mark.parametrize("number, think, answering_text", [
    ("01", "### Think! 1", "### When GABA excites"),
    ("01", "### Think! 3", "### What this means"),
    ("03", "### Think! 1", "dose_chain_explorer().show()"),
])
def test_think_comes_before_the_text_that_answers_it(number, think, answering_text):
    notebook_cells = cells(number)
    think_at = cell_index(notebook_cells, think)
    assert think_at < cell_index(notebook_cells, answering_text)


def test_lesson_03_think_1_folds_no_answer_before_the_demo_that_answers_it():
    notebook_cells = cells("03")
    think = notebook_cells[cell_index(notebook_cells, "### Think! 1")].source
    assert "<details>" not in think.split("### Think! 1")[1], "the folded answer waits until after the demo"


@pytest.mark.parametrize("number, diagram", [("01", "gaba_a_receptor"), ("02", "vta_disinhibition")])
def test_guide_says_how_to_use_the_lesson_diagram_in_class(number, diagram):
    notes = guide_text(number).split("## Teaching notes by section")[1].split("## Common misconceptions")[0]
    assert "diagram in words" in notes, "the guide names the text version for screen-reader users"
    assert f'show_diagram("{diagram}")' in code_text(number)


def test_lesson_02_diagram_comes_after_the_paradox_and_the_live_circuit_and_the_guide_says_so():
    notebook_cells = cells("02")
    order = [cell_index(notebook_cells, text) for text in
             ('predict("02-paradox"', "vta_circuit_explorer().show()", 'show_diagram("vta_disinhibition")')]
    assert order == sorted(order)
    notes = guide_text("02").split("## Teaching notes by section")[1]
    assert "`02-paradox`" in notes and notes.index("`02-paradox`") < notes.index("diagram"), \
        "the guide's notes reach the diagram after the paradox, as the notebook does"
