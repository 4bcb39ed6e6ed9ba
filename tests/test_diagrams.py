"""The course diagrams (helpers/data/diagrams/*.svg, helpers.activities.diagrams): accessible, theme-coloured, text as
text, sources checked, and shown inline in their lesson's handout page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from helpers import course
from helpers.activities import diagrams
from helpers import theme
from helpers.references import references

NAMES = diagrams.diagram_names()
SVG = "{http://www.w3.org/2000/svg}"
COLOUR_ATTRIBUTES = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
NOT_COLOURS = {"none", "currentcolor", "transparent"}
# Words each drawing must carry as <text> (so they are text, readable and searchable, not outlines).
LABELS = {
    "gaba_a_receptor": ("α1", "β2", "γ2", "Cl⁻", "benzodiazepine site", "GABA site", "α1 His101", "Barbiturates"),
    "dopamine_synapse": ("DAT", "reuptake", "release", "FSCV", "microdialysis", "sub-second", "minutes"),
    "vta_disinhibition": ("VTA", "GABA", "interneuron", "dopamine", "nucleus", "benzodiazepine", "mice"),
}


def _theme_colours() -> set[str]:
    """Every colour the theme defines (its dicts of named colours), normalised, plus white."""
    found = {"#ffffff"}
    for value in vars(theme).values():
        if isinstance(value, dict):
            found |= {_normal(colour) for colour in value.values()
                      if isinstance(colour, str) and re.fullmatch(r"#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}", colour)}
    return found


def _normal(colour: str) -> str:
    colour = colour.strip().lower()
    if colour == "white":
        return "#ffffff"
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        return "#" + "".join(2 * char for char in colour[1:])
    return colour


def _colours(root: ElementTree.Element) -> set[str]:
    used = set()
    for element in root.iter():
        declarations = dict(part.split(":", 1) for part in (element.get("style") or "").split(";") if ":" in part)
        for name in COLOUR_ATTRIBUTES:
            for value in (element.get(name), declarations.get(name, "").strip() or None):
                if value and value.lower() not in NOT_COLOURS:
                    used.add(_normal(value))
    return used


@pytest.fixture(params=NAMES)
def item(request):
    return diagrams.diagram(request.param)


def test_there_are_three_diagrams_each_for_a_course_lesson():
    assert set(NAMES) == {"gaba_a_receptor", "dopamine_synapse", "vta_disinhibition"}
    numbers = {lesson.number for lesson in course.lessons()}
    assert all(diagrams.diagram(name).lesson in numbers for name in NAMES)


def test_the_svg_has_an_accessible_name_and_long_description(item):
    root = ElementTree.fromstring(item.svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert title.get("id").startswith("diagram-") and desc.get("id").startswith("diagram-")
    assert 40 <= len(item.title) <= 160, "a title names the diagram in one line"
    assert len(item.description.split()) >= 120, "the description tells a screen-reader user the whole drawing"
    assert root.get("viewBox") and "max-width:100%" in root.get("style", ""), "scales to A4 and to the screen"


def test_the_svg_uses_only_theme_colours(item):
    used = _colours(ElementTree.fromstring(item.svg))
    assert used and used <= _theme_colours(), f"{item.name}: colours not in helpers/theme.py: " \
                                              f"{sorted(used - _theme_colours())}"


def test_the_svg_writes_its_labels_as_text_and_loads_nothing(item):
    root = ElementTree.fromstring(item.svg)
    texts = " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))
    missing = [label for label in LABELS[item.name] if label not in texts]
    assert missing == [], f"{item.name}: labels not written as <text>: {missing}"
    assert root.find(f".//{SVG}image") is None and "href" not in item.svg and "http://www.w3.org/2000/svg" in item.svg
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", item.svg)


def test_the_description_cites_checked_sources_and_flags_partly_verified_ones(item):
    assert item.source_ids, f"{item.name}: the description cites no source"
    for source_id in item.source_ids:
        confidence = references()[source_id]["confidence"]
        assert confidence in ("verified", "partially_verified"), (item.name, source_id)
        if confidence == "partially_verified":
            assert f"[source: {source_id}; partly verified]" in item.description


def test_the_diagrams_name_species_and_keep_studies_apart():
    assert "mice" in diagrams.diagram("vta_disinhibition").description
    synapse = diagrams.diagram("dopamine_synapse").description
    assert "separate studies" in synapse and "rats" in synapse
    assert "not drawn" in diagrams.diagram("gaba_a_receptor").description, "the barbiturate site is not located"


def test_show_diagram_puts_the_svg_inline_with_a_caption_and_its_words(monkeypatch):
    shown = []
    monkeypatch.setattr(diagrams, "display", shown.append)
    diagrams.show_diagram("gaba_a_receptor")
    (output,) = shown
    page = output.data
    assert page.startswith('<figure class="course-diagram" id="diagram-gaba_a_receptor"')
    assert diagrams.diagram("gaba_a_receptor").svg in page
    assert "<figcaption" in page and "<summary>The diagram in words</summary>" in page
    assert f'<figcaption style="{theme.SUMMARY_STYLE}">' in page, "the caption is styled by the theme"


def test_an_unknown_diagram_is_refused_with_the_names_that_exist():
    with pytest.raises(ValueError, match="'gaba_a_receptor'"):
        diagrams.diagram("receptor")


# ---------------------------------------------------------------- in the handouts


@pytest.mark.notebook
@pytest.mark.parametrize("name", NAMES)
def test_after_merge_each_diagram_is_inline_in_its_lesson_handout(name, built_handouts):
    """Passes once the lead has added the show_diagram cells named in /work/brief/diagrams_glossary_plan.md
    (lesson 01: gaba_a_receptor; 02: vta_disinhibition; 03: dopamine_synapse)."""
    item = diagrams.diagram(name)
    lesson = course.lesson(item.lesson)
    page = (built_handouts.out_dir / f"{lesson.stem}.html").read_text(encoding="utf-8")
    assert f'aria-labelledby="diagram-{name.replace("_", "-")}-title"' in page, (
        f"{lesson.stem}.html: no inline diagram {name!r}; add `show_diagram({name!r})` to the notebook")
    assert f"<title id=\"diagram-{name.replace('_', '-')}-title\">" in page
    assert '<img' not in page.split(f'id="diagram-{name}"', 1)[1].split("</figure>", 1)[0], "inline SVG, not an image"
