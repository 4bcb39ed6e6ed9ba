"""The safety facts every pharmacology course teaches are taught here, in the lessons that need them.

- Combining a benzodiazepine with opioids, alcohol or other CNS depressants: profound sedation, respiratory
  depression, coma and death (boxed warnings since 2016), in lessons 01, 02 and 06, in a quiz item, in the
  glossary and in the safety box on every page.
- Withdrawal can be life-threatening: stopping abruptly or cutting quickly after dependence can cause seizures
  and a delirium-like state; in lesson 05's core and key points, in its own safety box and in the course's.
- Ashton's "success unaffected by the rate of withdrawal" is never quoted without its condition.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, cells, guide_text
from helpers.activities import display
from helpers.course import lesson, lessons
from helpers.glossary import terms
from helpers.references import references

COMBINATION_WORDS = ("opioid", "alcohol", "respiratory depression", "death")
COMBINATION_SOURCES = ("fda2016_opioid_bzd_boxed_warning", "bzd_boxed_warning_label_text")
WITHDRAWAL_WORDS = ("seizures", "delirium", "life-threatening")
WITHDRAWAL_SOURCES = ("fda2020_bzd_boxed_warning_update", "bzd_withdrawal_severity")


def taught_cells(number: str) -> list[str]:
    """The lesson's markdown as every learner sees it: no solution cell and nothing folded away in ``<details>``
    (the glossary and Think! answers), so a fact found here is in the lesson's own text."""
    return [re.sub(r"<details.*?</details>", "", cell.source, flags=re.S) for cell in cells(number)
            if cell.cell_type == "markdown" and "solution" not in cell.tags]


def cited(text: str, source_id: str) -> bool:
    return re.search(rf"\[source: [^\]]*\b{source_id}\b", text) is not None


def lowered(text: str) -> str:
    return text.lower().replace("‑", "-")


@pytest.mark.parametrize("number", ["00", "01", "02", "06"])
def test_the_lesson_teaches_the_danger_of_combining_depressants_in_one_place_with_its_sources(number):
    """One cell holds the whole warning (the drugs, what happens, the sources), so it is read as one fact."""
    cells = [cell for cell in taught_cells(number) if all(word in lowered(cell) for word in COMBINATION_WORDS)]
    assert cells, f"lesson {number}: no cell names {COMBINATION_WORDS} together"
    assert any(all(cited(cell, source) for source in COMBINATION_SOURCES) for cell in cells), \
        f"lesson {number}: the combination warning does not cite {COMBINATION_SOURCES}"


def test_a_self_check_item_asks_about_combining_depressants():
    items = []
    for number in ("01", "06"):
        bank = yaml.safe_load((ROOT / "helpers" / "data" / "quizzes" / f"{lesson(number).stem}.yaml").read_text())
        items += [item for item in bank if set(COMBINATION_SOURCES) & set(item.get("sources", []))]
    assert items, "no quiz item of lessons 01 or 06 cites the boxed warning on combining opioids and benzodiazepines"


def test_lesson_05_says_withdrawal_can_be_life_threatening_in_its_core_key_points_and_first_box():
    cells = taught_cells("05")
    text = "\n".join(cells)
    assert all(word in lowered(text) for word in WITHDRAWAL_WORDS)
    assert all(cited(text, source) for source in WITHDRAWAL_SOURCES)
    key_points = next(cell for cell in cells if cell.lstrip().startswith("## Key points"))
    assert all(word in lowered(key_points) for word in WITHDRAWAL_WORDS), "lesson 05's key points"
    assert "seizure" in lowered(cells[0]) and "life-threatening" in lowered(cells[0]), "lesson 05's first box"


def test_guide_05_says_how_to_teach_it_calmly_but_does_not_soften_it():
    guide = guide_text("05")
    assert "avoid frightening language" not in guide.lower()
    assert "life-threatening" in guide and "seizure" in guide.lower()


def test_the_safety_box_on_every_page_names_both_dangers_and_its_verified_sources():
    text = lowered(display.SAFETY_TEXT)
    for words in (COMBINATION_WORDS, ("seizures", "delirium", "life-threatening", "abruptly", "prescriber",
                                      "not medical advice",
                                      "is a dosing or tapering plan")):
        missing = [word for word in words if word not in text and word.rstrip("s") not in text]
        assert not missing, missing
    box = display.safety_box().data
    assert all(source in box for source in display.SAFETY_SOURCES)
    assert all(references()[source]["confidence"] == "verified" for source in display.SAFETY_SOURCES)


def test_the_handout_index_and_glossary_pages_carry_the_same_safety_statement():
    from helpers.publish.build import render_index
    from helpers.publish.glossary_page import render_glossary_page

    escaped = display.safety_html("p")
    assert escaped in render_glossary_page("")
    assert escaped in render_index([], {}, {}, set())


def test_the_glossary_defines_the_combination_danger_and_withdrawal_seizures():
    by_term = {item.term: item for item in terms()}
    assert set(COMBINATION_SOURCES) & set(by_term["respiratory depression"].sources)
    assert "opioid" in by_term["CNS depressant"].definition
    assert "seizures" in by_term["withdrawal"].definition
    assert "seizures" in by_term["flumazenil"].definition


def test_ashton_on_pace_is_never_quoted_without_its_condition():
    """'Unaffected by ... rate of withdrawal' holds 'with these methods' (gradual, individually titrated,
    with support): quoting it without the condition reads as 'fast works as well'."""
    texts = {item.notebook.name: "\n".join(cell.source for cell in cells(item)) for item in lessons()}
    for path in [*(ROOT / "lessons").glob("*.md"), *(ROOT / "helpers" / "data").glob("*/*.yaml"),
                 ROOT / "helpers" / "models" / "taper.py"]:
        texts[path.name] = path.read_text(encoding="utf-8")
    for name, raw in texts.items():
        text = re.sub(r"\s+", " ", raw)
        for match in re.finditer(r"rate of withdrawal", text):
            context = text[max(0, match.start() - 400): match.end() + 200]
            assert re.search(r"with these methods|gradual", context, flags=re.I), f"{name}: {context[-200:]!r}"
