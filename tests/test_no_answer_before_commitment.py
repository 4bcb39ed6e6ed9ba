"""No answer in sight before the learner commits: nothing shown before a prediction moment states its result.

Each moment of the prediction banks lists its ``giveaways``, the phrases that would state its answer. Before the
moment's cell, a learner sees the lesson's title, every markdown cell (the folded glossary included), and every
output: earlier charts' titles and summaries, tables, the warm-up and its feedback. The test reads all of it as the
handout page shows it (the notebook executed in handout mode, where outputs are HTML) and fails on any giveaway.
"""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import cells, code_text, markdown_text
from helpers.course import lesson, lessons
from helpers.activities.predict import giveaways, prediction_file

WITH_MOMENTS = [item for item in lessons() if giveaways(item.number)]
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def seen_text(cell) -> str:
    """A cell as a learner reads it: markdown source, or the text of its outputs."""
    if cell.cell_type == "markdown":
        return cell.source
    parts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        parts.append(str(data.get("text/html", "") or data.get("text/plain", "") or output.get("text", "")))
    return "".join(parts)


def readable(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).replace("*", "").lower().split())


def asked_by(number: str) -> dict[str, str]:
    """Moments built elsewhere: the function whose call in the notebook asks each (the bank's ``asked_by``)."""
    entries = yaml.safe_load(prediction_file(number).read_text(encoding="utf-8")) or []
    return {entry["moment"]: entry["asked_by"] for entry in entries if entry.get("asked_by")}


def moment_cell(cells, moment: str, asker: str | None = None) -> int:
    marker = f"{asker}(" if asker else f'predict("{moment}"'
    found = [i for i, cell in enumerate(cells) if cell.cell_type == "code" and marker in cell.source]
    assert len(found) == 1, f"{moment}: asked in {len(found)} cells"
    return found[0]


@pytest.mark.parametrize("item", WITH_MOMENTS, ids=[item.stem for item in WITH_MOMENTS])
def test_every_moment_names_the_phrases_that_would_give_it_away(item):
    for moment, phrases in giveaways(item.number).items():
        assert phrases, f"{moment}: list its giveaways in the prediction bank"


@pytest.mark.notebook
@pytest.mark.parametrize("item", WITH_MOMENTS, ids=[item.stem for item in WITH_MOMENTS])
def test_nothing_shown_before_a_moment_states_its_answer(item, built_handouts):
    cells = built_handouts.executed[item.stem].cells
    askers = asked_by(item.number)
    for moment, phrases in giveaways(item.number).items():
        index = moment_cell(cells, moment, askers.get(moment))
        before = readable(item.title + " " + " ".join(seen_text(cell) for cell in cells[:index]))
        leaked = [phrase for phrase in phrases if phrase.lower() in before]
        assert leaked == [], f"{moment} is given away before it is asked: {leaked}"


# ---------------------------------------------------------------- the lesson text, titles and earlier lessons


def text_outside_folds(number: str) -> str:
    """What a learner reads before opening anything: markdown outside ``<details>`` folds, lower case."""
    return re.sub(r"<details[^>]*>.*?</details>", "", markdown_text(number), flags=re.S).lower()


@pytest.mark.parametrize("number, results", [
    ("02", ("fire *faster*", "they make vta dopamine neurons", "brake comes off", "speed up", "resolves the paradox",
            "removes the rise")),
    ("03", ("more often but are smaller", "level **falls**")),
    ("04", ("swing up and down every day", "probably not to the anxiolytic effect")),
])
def test_the_overview_asks_its_question_without_its_result(number, results):
    overview = cells(number)[0].source.split("### Prerequisites")[0]
    assert [words for words in results if words in overview.lower()] == []


@pytest.mark.parametrize("number", ["00", "02"])
def test_lessons_before_03_do_not_give_away_what_accumbens_dopamine_does(number):
    """Lesson 03 asks for a prediction about accumbens dopamine (more frequent transients, lower average)."""
    text = text_outside_folds(number)
    for words in ("more frequent", "smaller", "average level **lower**", "level drops", "lowered the average",
                  "finlay1992", "schelp2017]"):
        assert words.lower() not in text, f"lesson {number} gives lesson 03's result away: {words!r}"
    code = code_text(number)
    assert "finlay1992" not in code and "schelp2017" not in code, "a printed citation title gives the result away"


def test_lesson_00_does_not_give_away_which_way_dopamine_neurons_fire():
    text = text_outside_folds("00")
    assert "increase the firing" not in text
    assert "fire faster" not in text.replace("if dopamine neurons fire faster", ""), "a question may name it"


def test_lesson_02_question_on_the_course_map_does_not_answer_the_paradox():
    item = lesson("02")
    for text in (item.question, item.map.question):
        for words in ("excite", "faster", "increase", "raise", "speed", "how can"):
            assert words not in text.lower(), f"lesson 02's question gives the paradox away: {text!r}"


def test_lesson_00_exercise_texts_shown_in_its_handout_give_no_later_answer_away():
    """The answer box's page carries the no-code text and the hints: none may answer lesson 02's or 03's question."""
    from helpers.activities.exercise import load_exercises

    for item in load_exercises("00"):
        text = " ".join([item.no_code, item.prompt, *item.hints.values()]).lower()
        for words in ("more frequent", "more numerous", "average level", "level down", "fire faster",
                      "increase the firing", "speed up"):
            assert words not in text, f"{item.id} gives a later lesson's answer away: {words!r}"


def test_charts_shown_before_a_prediction_have_neutral_titles():
    from helpers.figures.receptor import chloride_figure
    from helpers.lessons.l03_acute_dopamine import reconcile_explorer

    for cl_in_mM in (4.0, 10.0, 38.0, 70.0):
        title = chloride_figure(cl_in_mM, 133.0, 37.0).layout.title.text.lower()
        assert "inhibitory" not in title and "excitatory" not in title and "gaba is" not in title
    explorer = reconcile_explorer()
    for text in (explorer.title, explorer.figure(**explorer.defaults).layout.title.text):
        assert "average down" not in text.lower() and "amplitude down" not in text.lower()
