"""Projector-safe colours for the slide decks: text at 4.5:1 and lines at 3:1 on the slide background (WCAG 2.2,
1.4.3 and 1.4.11), each role keeping its hue. The decks' charts are checked in Chromium by test_slide_decks.py."""

from __future__ import annotations

import colorsys

import pytest

from helpers import theme

TEXT_ROLES = {"page text": theme.PAGE_COLOURS["text"], "secondary text": theme.PAGE_COLOURS["secondary_text"],
              "links and accents": theme.PAGE_COLOURS["accent"], "muted text": theme.NEUTRAL["muted_text"],
              "right feedback": theme.FEEDBACK_COLOURS["right"], "wrong feedback": theme.FEEDBACK_COLOURS["wrong"],
              "MODEL tag": theme.LABEL_COLOUR}


def _hue(colour: str) -> float:
    return colorsys.rgb_to_hls(*(channel / 255 for channel in theme.rgb(colour)))[0]


@pytest.mark.parametrize("role", TEXT_ROLES)
def test_every_text_colour_reads_on_the_slide_background(role):
    ratio = theme.contrast_ratio(TEXT_ROLES[role], theme.SLIDE_BACKGROUND)
    assert ratio >= theme.TEXT_CONTRAST_MIN, f"{role}: {ratio:.2f}:1"


@pytest.mark.parametrize("name", theme.PALETTE)
def test_every_palette_colour_as_a_deck_draws_it_has_line_contrast(name):
    colour = theme.PALETTE[name]
    drawn = theme.PROJECTOR_COLOURS.get(colour, colour)
    assert theme.contrast_ratio(drawn, theme.SLIDE_BACKGROUND) >= theme.LINE_CONTRAST_MIN


def test_a_darkened_colour_keeps_its_hue_and_stays_apart_from_the_others():
    assert set(theme.PROJECTOR_COLOURS) == {c for c in theme.PALETTE.values()
                                            if theme.contrast_ratio(c, theme.SLIDE_BACKGROUND) < 3}
    for colour, shade in theme.PROJECTOR_COLOURS.items():
        assert abs(_hue(colour) - _hue(shade)) < 0.01, colour
    drawn = [theme.PROJECTOR_COLOURS.get(c, c).upper() for c in theme.PALETTE.values()]
    assert len(set(drawn)) == len(drawn)


def test_the_contrast_ratio_is_wcags():
    assert theme.contrast_ratio("black", "white") == pytest.approx(21)
    assert theme.contrast_ratio("#777", "#777") == pytest.approx(1)
    assert theme.contrast_ratio("#767676", "white") == pytest.approx(4.54, abs=0.01)   # WCAG's known grey


@pytest.mark.parametrize("bad", ["red", "#12", "rgb(1,2,3)", "#gggggg"])
def test_a_colour_the_theme_cannot_read_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="colour"):
        theme.rgb(bad)


def test_a_chart_is_redrawn_in_projector_colours_and_nothing_else_changes():
    orange, sky, blue = theme.PALETTE["orange"], theme.PALETTE["sky"], theme.PALETTE["blue"]
    markup = f'{{"line": {{"color": "{orange}"}}, "marker": {{"color": "{sky.lower()}"}}, "x": "{blue}", ' \
             f'"other": "{orange}AA"}}'
    drawn = theme.for_projector(markup)
    assert theme.PROJECTOR_COLOURS[orange] in drawn and theme.PROJECTOR_COLOURS[sky] in drawn
    assert blue in drawn and f"{orange}AA" in drawn   # a colour with line contrast, and a longer hex, stay
