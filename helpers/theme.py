"""The course's single source of style: every colour, size and font of charts, tables, diagrams and pages.

Charts are built with :mod:`helpers.figures.compose`; HTML styles, the handout pages' CSS variables
(:func:`handout_css`: every colour and length ``helpers/publish/static/course.css`` uses) and the diagrams' colours
(:func:`themed_svg`, for the role classes of ``helpers/data/diagrams/*.svg``) come from here too. No other file
writes a colour (``tests/test_colour_literals.py``).

* Colours: the Okabe-Ito palette, safe for the common forms of colour blindness;
  traces also differ by dash or marker so they read in greyscale.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

# Okabe & Ito (2008) colour-universal-design palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6E6E6E",
}

# Fixed roles so a colour means the same thing in every lesson.
ROLE_COLOURS = {
    "control": PALETTE["black"],
    "gaba": PALETTE["blue"],
    "benzodiazepine": PALETTE["vermillion"],
    "barbiturate": PALETTE["purple"],
    "dopamine": PALETTE["orange"],
    "opioid": PALETTE["green"],
    "stimulant": PALETTE["sky"],
    "model_prediction": PALETTE["grey"],
    "ghb": PALETTE["grey"],   # no course role of its own; grey keeps purple for barbiturates
}

# The drugs lessons 04 and 05 compare at equivalent doses: one colour each, in every chart.
DRUG_COLOURS = {"alprazolam": PALETTE["vermillion"], "lorazepam": PALETTE["orange"],
                "clonazepam": PALETTE["sky"], "diazepam": PALETTE["blue"]}

# Lesson 07's verdicts on the article's claims: one colour per verdict in charts (markers, bars).
VERDICT_COLOURS = {"supported": PALETTE["green"], "partly supported": PALETTE["orange"],
                   "not directly supported": PALETTE["blue"], "contradicted": PALETTE["vermillion"]}

# Text, lines and fills that are not data: greys and tints, by role.
NEUTRAL = {
    "text": "#1a1a1a",              # body text and chart text (AA contrast on white)
    "secondary_text": "#333",       # figure summaries
    "muted_text": "#4d4d4d",        # "not established" table cells
    "axis_line": "#444",
    "grid": "#e5e5e5",
    "legend_border": "#bbb",
    "table_border": "#bbb",
    "table_header_border": "#999",
    "table_header": "#f0f0f0",
    "muted_fill": "#ededed",        # "not established" table cells
    "marker_outline": "#222",
    "bar_outline": "#333",
    "arrow": "#555555",             # the course map's arrows
    "filtered_out": "#c8c8c8",      # markers a filter has hidden
    "empty_note": "#f2f2f2",        # background of "nothing matches" notes
    "range_fill": "rgba(110,110,110,0.35)",   # the spread between sources
    "background": "white",          # page, chart and diagram background
    "outline": "black",             # thin outlines around markers and symbols
    "text_on_colour": "white",      # text on a coloured fill (course map's marked box, dark table band)
}
# Translucent white behind text placed on a chart (legends, notes, labels over shaded bands).
OVERLAY_BACKGROUNDS = {"legend": "rgba(255,255,255,0.85)", "label": "rgba(255,255,255,0.8)",
                       "note": "rgba(255,255,255,0.9)"}
# Measured values drawn on model charts: one colour; a translucent band of it for windows.
MEASURED_COLOUR = PALETTE["green"]
MEASURED_BAND_FILL = "rgba(0, 158, 115, 0.18)"   # MEASURED_COLOUR, translucent
# Right/wrong feedback (quiz, explorer errors) and the evidence ladder's two halves: dark enough for AA on white.
FEEDBACK_COLOURS = {"right": "#00603F", "wrong": "#A40000"}
LADDER_COLOURS = {"unmeasured_band": "rgba(213, 94, 0, 0.08)", "measured_band": "rgba(0, 158, 115, 0.07)",
                  "unmeasured_text": "#8a3b00", "measured_text": FEEDBACK_COLOURS["right"]}
# The safety statement: a vermillion rule on a light tint (notebooks, the taper chart's note).
SAFETY_COLOURS = {"border": PALETTE["vermillion"], "background": "#fff4ec", "text": NEUTRAL["text"]}

DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
FONT_SIZE_PX = 14   # chart text and the pages' fallback text size

# Sizes. Handouts print on A4 with PAGE_MARGIN_MM margins, leaving a PRINT_COLUMN_PX column; wider charts
# are scaled to it when printed (helpers/publish/static/course.js).
PAGE_MARGIN_MM = 12
PRINT_COLUMN_PX = 680
FIGURE_WIDTH_PX = 760      # one panel
WIDE_FIGURE_WIDTH_PX = 900   # two columns or stacked panels
LEGEND_BESIDE_WIDTH_PX = 940   # a wide figure with its legend beside the plot
FIGURE_HEIGHT_PX = 440
FIGURE_WIDTHS_PX = (FIGURE_WIDTH_PX, WIDE_FIGURE_WIDTH_PX, LEGEND_BESIDE_WIDTH_PX)

COURSE_TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=FONT_SIZE_PX, color=NEUTRAL["text"]),
        paper_bgcolor=NEUTRAL["background"],
        plot_bgcolor=NEUTRAL["background"],
        colorway=[PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")],
        xaxis=dict(showline=True, linecolor=NEUTRAL["axis_line"], ticks="outside", gridcolor=NEUTRAL["grid"],
                   zeroline=False),
        yaxis=dict(showline=True, linecolor=NEUTRAL["axis_line"], ticks="outside", gridcolor=NEUTRAL["grid"],
                   zeroline=False),
        legend=dict(bgcolor=OVERLAY_BACKGROUNDS["legend"], bordercolor=NEUTRAL["legend_border"], borderwidth=1),
        hoverlabel=dict(font_family=FONT_FAMILY),
        margin=dict(l=70, r=30, t=70, b=60),
    )
)


# What a chart of a teaching model shows, as the tag printed in front of its title.
MODEL_LABELS = {
    "model": "MODEL",
    "assumption": "MODEL · ASSUMPTION",
    "hypothesis": "MODEL · HYPOTHESIS",
}
LABEL_COLOUR = PALETTE["grey"]   # the MODEL tag in front of a title


# ---------------------------------------------------------------- HTML styles (tables, quiz, safety box)

TABLE_STYLES = [
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: 600; padding: 0.3em 0; "
                                     f"color: {NEUTRAL['text']}; max-width: 60em;"},
    {"selector": "", "props": f"border-collapse: collapse; font-family: {FONT_FAMILY}; font-size: 0.9em; "
                              f"color: {NEUTRAL['text']};"},
    {"selector": "th", "props": f"background: {NEUTRAL['table_header']}; border: 1px solid "
                                f"{NEUTRAL['table_header_border']}; padding: 0.3em 0.5em; "
                                "text-align: left; vertical-align: bottom;"},
    {"selector": "th.row_heading", "props": "vertical-align: top;"},
    {"selector": "td", "props": f"border: 1px solid {NEUTRAL['table_border']}; padding: 0.3em 0.5em; "
                                "vertical-align: top;"},
]
# Cell styles. Shading repeats what the cell says (lightness steps and weights, so greyscale prints read).
SOURCE_IDS_CELL_STYLE = "font-size: 0.8em; min-width: 12em; overflow-wrap: break-word;"
WIDE_TEXT_CELL_STYLE = "min-width: 16em;"
NOT_ESTABLISHED_CELL_STYLE = (f"font-style: italic; color: {NEUTRAL['muted_text']}; "
                              f"background-color: {NEUTRAL['muted_fill']};")
DISAGREEMENT_CELL_STYLE = "font-weight: 700; background-color: #fbe3cf;"   # sources differ two-fold or more
# Three lightness steps of one blue for the half-life bands: distinct in greyscale too.
BAND_CELL_STYLES = {"short": "background-color: #e3eef8;", "intermediate": "background-color: #9cc3e4;",
                    "long": f"background-color: #0b4f8a; color: {NEUTRAL['text_on_colour']};"}
_SUPPORTING = "background-color: #cfe8dc;"
_OPPOSING = "background-color: #f5d0b5;"
_BETWEEN = "background-color: #fff0b3; font-weight: 600;"
EFFECT_CELL_STYLES = {"increase": _SUPPORTING, "decrease": _OPPOSING, "mixed": _BETWEEN,
                      "not established": NOT_ESTABLISHED_CELL_STYLE}
VERDICT_CELL_STYLES = {"supported": _SUPPORTING, "partly supported": _BETWEEN,
                       "not directly supported": NOT_ESTABLISHED_CELL_STYLE,
                       "contradicted": f"{_OPPOSING} font-weight: 700;"}
QUIZ_FIELDSET_BORDER = NEUTRAL["table_border"]
SAFETY_BOX_STYLE = (f"border-left:6px solid {SAFETY_COLOURS['border']};background:{SAFETY_COLOURS['background']};"
                    f"color:{SAFETY_COLOURS['text']};padding:0.6em 1em;margin:0.5em 0;border-radius:4px")
SUMMARY_STYLE = f"color:{NEUTRAL['secondary_text']};font-style:italic;margin:0.2em 0 1em 0"
# Predict-observe-explain (helpers.activities.predict): the question box, and the revealed part under a rule of the
# same colour.
PREDICTION_COLOURS = {"border": PALETTE["blue"], "background": "#eef5fb", "text": NEUTRAL["text"]}
PREDICTION_BOX_STYLE = (f"border-left:6px solid {PREDICTION_COLOURS['border']};"
                        f"background:{PREDICTION_COLOURS['background']};color:{PREDICTION_COLOURS['text']};"
                        "padding:0.5em 1em;margin:0.6em 0;border-radius:4px")
PREDICTION_REVEAL_STYLE = f"border-left:6px solid {PREDICTION_COLOURS['border']};padding:0.2em 0 0.2em 1em"


# ---------------------------------------------------------------- diagrams (helpers/data/diagrams/*.svg)

# The diagrams' colours by role. An SVG element names its colours by class, ``course-fill-<role>`` and
# ``course-stroke-<role>`` ("_" written "-"); :func:`themed_svg` adds the rules that paint them.
DIAGRAM_COLOURS = {
    "text": NEUTRAL["text"],
    "background": NEUTRAL["background"],     # the drawing's ground, and white rings that set symbols apart
    "outline": NEUTRAL["axis_line"],          # outlines of cells, vesicles, subunits
    "arrow": NEUTRAL["arrow"],                # arrows and leader lines
    "cell": NEUTRAL["muted_fill"],            # neurons that are not the subject (other neurons, accumbens)
    "region": PALETTE["grey"],                # a brain region's outline (the VTA)
    "gaba": ROLE_COLOURS["gaba"],
    "dopamine": ROLE_COLOURS["dopamine"],
    "benzodiazepine": ROLE_COLOURS["benzodiazepine"],
    "transporter": PALETTE["sky"],            # the dopamine transporter (DAT)
    "alpha_subunit": PALETTE["sky"],
    "beta_subunit": PALETTE["green"],
    "gamma_subunit": PALETTE["yellow"],
    "residue": PALETTE["black"],              # one amino acid (alpha1 His101)
    "fscv": PALETTE["black"],                 # the carbon fibre and FSCV's time scale
    "microdialysis": PALETTE["grey"],         # the probe and its time scale
    "instrument": PALETTE["grey"],            # the electrode's holder
}
DIAGRAM_CLASS = re.compile(r"\bcourse-(fill|stroke)-([a-z0-9-]+)")


def diagram_css(svg: str, scope: str) -> str:
    """CSS rules painting every ``course-fill-<role>``/``course-stroke-<role>`` class ``svg`` uses, each
    under the selector ``scope`` (the SVG itself and its descendants); ``ValueError`` names an unknown role."""
    rules = []
    for prop, role in sorted(set(DIAGRAM_CLASS.findall(svg))):
        key = role.replace("-", "_")
        if key not in DIAGRAM_COLOURS:
            raise ValueError(f"course-{prop}-{role}: no such role in DIAGRAM_COLOURS ({', '.join(DIAGRAM_COLOURS)})")
        name = f".course-{prop}-{role}"
        rules.append(f"{scope}{name}, {scope} {name} {{ {prop}: {DIAGRAM_COLOURS[key]}; }}")
    return "\n".join(rules)


def themed_svg(svg: str) -> str:
    """``svg`` (a course diagram) with a ``<style>`` of the theme's colours after its ``<desc>``, scoped to that
    SVG by its ``aria-labelledby`` (so one page can hold several diagrams and nothing else is painted)."""
    opening = re.match(r"\s*<svg\b[^>]*>", svg)
    label = re.search(r'\baria-labelledby="([^"]+)"', opening.group(0)) if opening else None
    if label is None or "</desc>" not in svg:
        raise ValueError("a course diagram is an <svg aria-labelledby=...> with a <desc>")
    scope = f'svg[aria-labelledby="{label.group(1)}"]'
    style = f"<style>\n{diagram_css(svg, scope)}\n</style>"
    return svg.replace("</desc>", f"</desc>\n  {style}", 1)


# ---------------------------------------------------------------- handout pages (helpers/publish/static/course.css)

# Every colour the pages use, by role; course.css reads each as var(--course-<role>), "_" written "-".
PAGE_COLOURS = {
    "text": NEUTRAL["text"],
    "secondary_text": NEUTRAL["secondary_text"],
    "background": NEUTRAL["background"],
    "accent": "#0b5c99",                      # links, the role badge, focus rings (AA on white)
    "text_on_accent": NEUTRAL["text_on_colour"],
    "rule": "#d0d0d0",                        # borders of the navigation bar, code cells and index cards
    "solution": FEEDBACK_COLOURS["right"],    # an exercise solution's rule and label
    "solution_background": "#f1f8f4",
    "guide": "#5d3a8c",                       # the instructor guide's border, title and role badge
    "guide_background": "#faf7fd",
    "guide_table_border": "#c8c8c8",
    "extension": "#6b6b6b",                   # the dashed rule beside "Going further" material
    "code_background": "#f5f5f5",
}
# Code cells' prompts and syntax colours (JupyterLab's variables), each at least 4.5:1 on the code background;
# course.css reads each as var(--course-code-<role>).
CODE_COLOURS = {
    "in_prompt": "#1f5d99", "out_prompt": "#a3330f", "keyword": "#006400", "atom": "#1a1aa6",
    "number": "#006400", "definition": "#0000c8", "variable": NEUTRAL["text"], "variable_2": "#0b4a8b",
    "variable_3": "#00663a", "punctuation": "#0b4a8b", "property": "#0b4a8b", "operator": "#7a1fb8",
    "comment": "#35635f", "string": "#a11b1b", "string_2": "#8a3c00", "meta": "#7a1fb8", "qualifier": "#3d5c00",
    "builtin": "#006400", "bracket": "#595959", "tag": "#006400", "attribute": "#0000b0", "header": "#0000c8",
    "quote": "#006400", "link": "#0b4a8b", "error": "#b00000",
}
# The pages' fixed lengths (CSS, with units); spacing in em stays in course.css, proportional to the text.
# The printed page's margin is PAGE_MARGIN_MM (written in course.css's @page rule, where var() does not apply).
PAGE_SIZES = {
    "page_width": "1000px",           # widest text column on a screen
    "page_padding": "16px",           # left and right of the column
    "page_padding_bottom": "48px",
    "guide_font_size": f"{FONT_SIZE_PX}px",   # the guide's text where JupyterLab sets no size
    "target_min": "24px",             # smallest control (WCAG 2.2 target size)
    "control_height": "32px",         # sliders and menus
    "hairline": "1px",                # borders of cells, tables and cards
    "guide_border": "2px",
    "focus_ring": "3px",
    "focus_offset": "2px",
    "extension_rule": "4px",
    "solution_rule": "5px",
    "radius_small": "3px",            # the role badge
    "radius": "4px",                  # code cells, solutions
    "radius_large": "6px",            # the guide, index cards
}


def _css_name(prefix: str, key: str) -> str:
    """The CSS custom property for a theme key, e.g. ``("code-", "string_2")`` -> ``--course-code-string-2``."""
    return f"--course-{prefix}{key.replace('_', '-')}"


def handout_properties() -> dict[str, str]:
    """Every CSS custom property of the handout pages, ``{"--course-text": "#1a1a1a", ...}``, from this theme."""
    properties = {"--course-font-family": FONT_FAMILY}
    for prefix, values in (("", PAGE_COLOURS), ("code-", CODE_COLOURS), ("", PAGE_SIZES)):
        properties.update({_css_name(prefix, key): value for key, value in values.items()})
    return properties


def handout_css() -> str:
    """The handout pages' CSS custom properties as one ``:root`` block (``helpers/publish`` puts it before
    ``course.css``, which uses only these: ``var(--course-text)``, ``var(--course-accent)``...)."""
    lines = "".join(f"  {name}: {value};\n" for name, value in handout_properties().items())
    return f"/* From helpers/theme.py */\n:root {{\n{lines}}}\n"


# ---------------------------------------------------------------- slide decks (helpers.publish.slides)

# A deck is laid out for a 1280 x 720 projector; its body text is at least SLIDE_TEXT_PX on that screen.
SLIDE_WIDTH_PX = 1280
SLIDE_HEIGHT_PX = 720
SLIDE_TEXT_PX = 28
SLIDE_BACKGROUND = NEUTRAL["background"]
# WCAG 2.2: text 4.5:1 (1.4.3, contrast minimum); lines and other graphics that carry meaning 3:1 (1.4.11).
TEXT_CONTRAST_MIN = 4.5
LINE_CONTRAST_MIN = 3.0
NAMED_COLOURS = {"white": "#ffffff", "black": "#000000"}   # the only colour names the theme writes


def rgb(colour: str) -> tuple[int, int, int]:
    """``colour`` ("#rgb", "#rrggbb", "white" or "black") as 0-255 channels; ``ValueError`` for anything else."""
    text = NAMED_COLOURS.get(colour.strip().lower(), colour.strip())
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(character * 2 for character in digits)
    if len(digits) != 6 or any(character not in "0123456789abcdefABCDEF" for character in digits):
        raise ValueError(f"colour must be #rgb, #rrggbb, white or black; got {colour!r}")
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB ``colour`` (0 black to 1 white)."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def projector_colour(colour: str, background: str = SLIDE_BACKGROUND, minimum: float = LINE_CONTRAST_MIN) -> str:
    """``colour`` itself where it has ``minimum`` contrast on ``background``; else the lightest darker shade of the
    same hue and saturation that has it (so a role keeps its colour on a projector: orange stays orange)."""
    import colorsys

    if contrast_ratio(colour, background) >= minimum:
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in rgb(colour)))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        shade = "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast_ratio(shade, background) >= minimum:
            return shade
    return NAMED_COLOURS["black"]


def slide_css() -> str:
    """The decks' size properties from this theme, as a ``:root`` block before ``static/slides.css``."""
    return (f":root {{\n  --course-slide-font-size: {SLIDE_TEXT_PX}px;\n"
            f"  --course-slide-height: {SLIDE_HEIGHT_PX}px;\n}}\n")


# The palette's colours as a deck draws them: those under LINE_CONTRAST_MIN on the slide background are darkened.
PROJECTOR_COLOURS = {colour: projector_colour(colour) for colour in PALETTE.values()
                     if projector_colour(colour) != colour}
_PROJECTOR_PATTERN = re.compile(
    "(?:" + "|".join(re.escape(colour) for colour in PROJECTOR_COLOURS) + r")(?![0-9A-Fa-f])", re.I)
_PROJECTOR_BY_KEY = {colour.upper(): shade for colour, shade in PROJECTOR_COLOURS.items()}


def for_projector(markup: str) -> str:
    """``markup`` (a chart's HTML, figure JSON or SVG) with each palette colour that would fall under
    LINE_CONTRAST_MIN on the slide background replaced by its :data:`PROJECTOR_COLOURS` shade (any letter case)."""
    return _PROJECTOR_PATTERN.sub(lambda match: _PROJECTOR_BY_KEY[match.group(0).upper()], markup)
