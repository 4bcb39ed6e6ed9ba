"""The course's single source of style: every colour, size and font of charts, tables, diagrams and pages.

Charts are built with :mod:`helpers.figures.compose`; HTML styles and the handout pages' CSS variables
(:func:`handout_css`, used by ``helpers/publish/static/course.css``) come from here too.

* Colours: the Okabe-Ito palette, safe for the common forms of colour blindness;
  traces also differ by dash or marker so they read in greyscale.
"""

from __future__ import annotations

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
        font=dict(family=FONT_FAMILY, size=14, color=NEUTRAL["text"]),
        paper_bgcolor="white",
        plot_bgcolor="white",
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
                    "long": "background-color: #0b4f8a; color: white;"}
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
# Predict-observe-explain (helpers.activities.predict): the question box, and the revealed part under a rule of the same colour.
PREDICTION_COLOURS = {"border": PALETTE["blue"], "background": "#eef5fb", "text": NEUTRAL["text"]}
PREDICTION_BOX_STYLE = (f"border-left:6px solid {PREDICTION_COLOURS['border']};"
                        f"background:{PREDICTION_COLOURS['background']};color:{PREDICTION_COLOURS['text']};"
                        "padding:0.5em 1em;margin:0.6em 0;border-radius:4px")
PREDICTION_REVEAL_STYLE = f"border-left:6px solid {PREDICTION_COLOURS['border']};padding:0.2em 0 0.2em 1em"


def handout_css() -> str:
    """The handout pages' CSS custom properties, from this theme (``helpers/publish`` puts them before
    ``course.css``, which uses them: ``var(--course-font-family)``, ``var(--course-text)``...)."""
    properties = {"--course-font-family": FONT_FAMILY, "--course-text": NEUTRAL["text"]}
    lines = "".join(f"  {name}: {value};\n" for name, value in properties.items())
    return f"/* From helpers/theme.py */\n:root {{\n{lines}}}\n"


