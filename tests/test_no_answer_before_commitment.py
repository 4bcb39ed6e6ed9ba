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

from helpers.course import lessons
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
