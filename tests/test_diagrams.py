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
# Words each drawing must carry as <text> (so they are text, readable and searchable, not outlines).
LABELS = {
    "gaba_a_receptor": ("α1", "β2", "γ2", "Cl⁻", "benzodiazepine site", "GABA site", "α1 His101", "Barbiturates"),
    "dopamine_synapse": ("DAT", "reuptake", "release", "FSCV", "microdialysis", "sub-second", "minutes"),
    "vta_disinhibition": ("VTA", "GABA", "interneuron", "dopamine", "nucleus", "benzodiazepine", "mice"),
}


def _rgb(colour: str) -> tuple[int, int, int]:
    """A theme colour (#rgb, #rrggbb or a CSS name the theme uses) as (red, green, blue), 0-255."""
    colour = {"white": "#ffffff", "black": "#000000"}.get(colour.strip().lower(), colour.strip().lower())
    digits = colour[1:] if len(colour) == 7 else "".join(2 * char for char in colour[1:])
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def _painted(root: ElementTree.Element) -> list[tuple[ElementTree.Element, str | None, str | None, float]]:
    """Each element with the fill and stroke it is painted with (the theme colour of its role class, else its
    "none", else its parent's, as CSS inherits them) and its fill-opacity: ``(element, fill, stroke, opacity)``."""
    painted = []

    def visit(element, fill, stroke):
        classes = (element.get("class") or "").split()
        colour = {prop: theme.DIAGRAM_COLOURS[name[len(f"course-{prop}-"):].replace("-", "_")]
                  for name in classes for prop in ("fill", "stroke") if name.startswith(f"course-{prop}-")}
        fill = colour.get("fill", None if element.get("fill") == "none" else fill)
        stroke = colour.get("stroke", None if element.get("stroke") == "none" else stroke)
        painted.append((element, fill, stroke, float(element.get("fill-opacity", 1))))
        for child in element:
            visit(child, fill, stroke)

    visit(root, "#000000", None)   # SVG's initial fill and stroke
    return painted


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0-255)."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first, second) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _on_background(colour: str, opacity: float) -> tuple[float, ...]:
    """``colour`` at ``opacity`` over the diagram's background, as the eye sees it."""
    ground = _rgb(theme.DIAGRAM_COLOURS["background"])
    return tuple(opacity * c + (1 - opacity) * g for c, g in zip(_rgb(colour), ground))


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


def test_the_svg_names_its_colours_by_theme_role_classes(item):
    root = ElementTree.fromstring(item.svg)
    written = [(element.tag, name, element.get(name)) for element in root.iter() for name in COLOUR_ATTRIBUTES
               if element.get(name) not in (None, "none")]
    assert written == [], f"{item.name}: colours written in the file instead of a course-fill/stroke class"
    assert not any("style" in element.attrib and element is not root for element in root.iter())
    roles = {role.replace("-", "_") for _, role in theme.DIAGRAM_CLASS.findall(item.svg)}
    unknown = roles - set(theme.DIAGRAM_COLOURS)
    assert roles and not unknown, f"{item.name}: no theme colour for {sorted(unknown)}"
    classes = {name for element in root.iter() for name in (element.get("class") or "").split()}
    assert all(theme.DIAGRAM_CLASS.fullmatch(name) for name in classes), f"{item.name}: {sorted(classes)}"


def test_the_inline_svg_carries_the_theme_colour_of_every_role_it_uses(item):
    styled = theme.themed_svg(item.svg)
    root = ElementTree.fromstring(styled)
    (style,) = root.iter(f"{SVG}style")
    scope = f'svg[aria-labelledby="{root.get("aria-labelledby")}"]'
    rules = re.findall(r"^(.*) \{ (fill|stroke): ([^;]+); \}$", style.text.strip(), re.M)
    assert len(rules) == len(set(theme.DIAGRAM_CLASS.findall(item.svg)))
    for selectors, prop, colour in rules:
        role = selectors.split(f".course-{prop}-", 1)[1].split(",")[0]
        assert colour == theme.DIAGRAM_COLOURS[role.replace("-", "_")]
        assert all(selector.strip().startswith(scope) for selector in selectors.split(",")), "scoped to this SVG"
    assert [child.tag for child in root][:3] == [f"{SVG}title", f"{SVG}desc", f"{SVG}style"]


def test_an_unknown_role_class_is_refused_naming_the_roles():
    with pytest.raises(ValueError, match="course-fill-gabba: no such role.*gaba"):
        theme.themed_svg('<svg aria-labelledby="t"><title id="t">t</title><desc>d</desc>'
                         '<rect class="course-fill-gabba"/></svg>')


def test_the_text_has_aa_contrast_on_every_ground_it_can_sit_on(item):
    """Labels sit on the background, the neutral cell fill or a translucent tint (never on a solid role colour):
    every text colour has at least 4.5:1 on each of them."""
    painted = _painted(ElementTree.fromstring(item.svg))
    grounds = {_on_background(fill, opacity) for element, fill, _, opacity in painted
               if fill and element.tag != f"{SVG}text"
               and (opacity < 1 or fill in (theme.DIAGRAM_COLOURS["background"], theme.DIAGRAM_COLOURS["cell"]))}
    texts = {fill for element, fill, _, _ in painted if element.tag == f"{SVG}text"}
    assert texts == {theme.DIAGRAM_COLOURS["text"]} and len(grounds) >= 2
    worst = min(_contrast(_rgb(text), ground) for text in texts for ground in grounds)
    assert worst >= 4.5, f"{item.name}: text contrast {worst:.2f}:1 on one of its grounds"


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
    assert theme.themed_svg(diagrams.diagram("gaba_a_receptor").svg) in page, "the SVG, with the theme's colours"
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


# ---------------------------------------------------------------- in a browser

PAINTED_JS = """() => Array.from(document.querySelectorAll('svg [class], svg[class], p[class]')).map(e => {
    const style = getComputedStyle(e);
    return {classes: e.getAttribute('class'), fill: style.fill, stroke: style.stroke, inside: !!e.closest('svg')};
})"""


@pytest.mark.browser
def test_chromium_paints_each_role_in_its_theme_colour_and_nothing_outside_the_diagram(chromium_browser):
    page = chromium_browser.new_page()
    try:
        page.set_content('<p class="course-fill-gaba course-stroke-outline">outside</p>'
                         + "".join(diagrams.diagram_html(name) for name in NAMES))
        elements = page.evaluate(PAINTED_JS)
    finally:
        page.close()
    inside = [element for element in elements if element["inside"]]
    assert len(inside) >= 40
    for element in inside:
        for name in element["classes"].split():
            prop, role = theme.DIAGRAM_CLASS.fullmatch(name).groups()
            assert element[prop] == "rgb({}, {}, {})".format(*_rgb(theme.DIAGRAM_COLOURS[role.replace("-", "_")])), name
    (outside,) = [element for element in elements if not element["inside"]]
    assert outside["fill"] == "rgb(0, 0, 0)" and outside["stroke"] == "none", "a diagram's style leaked into the page"
