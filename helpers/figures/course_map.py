"""The course map: lessons 00-07 as boxes, arrows showing which lesson builds on which.

Shown in ``notebooks/00_start_here.ipynb`` (and available to any lesson as a
"you are here" map through ``highlight``). The same lesson list is written out
in ``lessons/README.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from helpers.figures.theme import FIGURE_WIDTH_PX, PALETTE, ROLE_COLOURS, finish, new_figure


@dataclass(frozen=True)
class Lesson:
    """One lesson on the map; ``x``, ``y`` place its box (arbitrary map units)."""

    number: str
    title: str
    question: str
    minutes: int
    strand: str
    x: float
    y: float


# Strands group lessons by what they are about; each has one colour from the course theme.
STRANDS = {
    "Getting started": PALETTE["grey"],
    "Mechanism": ROLE_COLOURS["gaba"],
    "Dopamine": ROLE_COLOURS["dopamine"],
    "Over time": ROLE_COLOURS["benzodiazepine"],
    "Comparing and judging": ROLE_COLOURS["opioid"],
}

LESSONS = (
    Lesson("00", "Start here", "How does this<br>course work?", 50, "Getting started", 0.0, 3.0),
    Lesson("01", "The GABA-A receptor", "What does a benzodiazepine<br>do to the receptor?", 50, "Mechanism",
           1.0, 3.0),
    Lesson("02", "VTA disinhibition", "How can a calming drug<br>excite dopamine neurons?", 50, "Mechanism",
           2.0, 3.0),
    Lesson("03", "Acute dopamine", "What happens to accumbens<br>dopamine after one dose?", 50, "Dopamine",
           0.0, 2.0),
    Lesson("04", "Tolerance", "What changes with<br>weeks of use?", 50, "Over time", 1.0, 2.0),
    Lesson("05", "Withdrawal", "What happens on stopping,<br>and what is unknown?", 50, "Over time", 2.0, 2.0),
    Lesson("06", "Drug comparison", "Where do benzodiazepines<br>sit among other drugs?", 50,
           "Comparing and judging", 0.0, 1.0),
    Lesson("07", "Fact check", "Which claims of the<br>article hold up?", 50, "Comparing and judging", 2.0, 1.0),
)

# (from, to): lesson "to" builds directly on lesson "from" (indirect links are left out to keep the map clear).
PREREQUISITES = (
    ("00", "01"), ("01", "02"), ("02", "03"), ("03", "04"), ("04", "05"),
    ("03", "06"), ("05", "07"), ("06", "07"),
)

X_RANGE = (-0.55, 2.55)
Y_RANGE = (0.45, 3.55)
MAP_HEIGHT_PX = 500
MAP_MARGIN = dict(l=10, r=10, t=90, b=10)
BOX_WIDTH_PX = 178
BOX_HALF_HEIGHT_PX = 45
ARROW_GAP_PX = 6           # space between an arrow's end and the box edge
ARROW_COLOUR = "#555555"


def lesson(number: str) -> Lesson:
    """The lesson with this two-digit number; ``ValueError`` lists the numbers that exist."""
    for item in LESSONS:
        if item.number == number:
            return item
    raise ValueError(f"lesson must be one of {', '.join(repr(item.number) for item in LESSONS)}; got {number!r}")


def course_map_figure(highlight: str | None = None) -> go.Figure:
    """Lessons as coloured boxes joined by arrows; ``highlight`` (e.g. ``"01"``) marks "you are here"."""
    marked = lesson(highlight) if highlight is not None else None
    fig = new_figure()
    for strand, colour in STRANDS.items():
        members = [item for item in LESSONS if item.strand == strand]
        fig.add_trace(go.Scatter(x=[item.x for item in members], y=[item.y for item in members], mode="markers",
                                 name=strand, hoverinfo="skip",
                                 marker=dict(symbol="square", size=16, color=colour)))
    for start, end in PREREQUISITES:
        _connect(fig, lesson(start), lesson(end))
    for item in LESSONS:
        fig.add_annotation(_box(item, is_marked=item == marked))
    fig.update_xaxes(visible=False, range=list(X_RANGE), fixedrange=True)
    fig.update_yaxes(visible=False, range=list(Y_RANGE), fixedrange=True)
    fig.update_layout(height=MAP_HEIGHT_PX, margin=MAP_MARGIN,
                      legend=dict(orientation="h", x=0.0, y=1.02, yanchor="bottom", itemsizing="constant",
                                  title_text="Strand: "))
    where = f" You are in lesson {marked.number}, {marked.title}." if marked else ""
    return finish(fig, title="Course map: eight lessons, each building on the one before",
                  summary=("Lesson 00 leads to 01 (the GABA-A receptor), 02 (VTA disinhibition) and 03 (acute "
                           "dopamine); from 03 one path runs through 04 (tolerance) and 05 (withdrawal), another "
                           "through 06 (drug comparison), and both end in 07, where the source article is "
                           f"fact-checked.{where}"))


def _box(item: Lesson, *, is_marked: bool) -> dict:
    colour = STRANDS[item.strand]
    small = "<span style='font-size:12px'>"
    label = f"<b>{item.number} · {item.title}</b><br>{small}{item.question}</span><br>{small}{item.minutes} min</span>"
    if is_marked:
        label += f"{small} · you are here</span>"
    return dict(x=item.x, y=item.y, xref="x", yref="y", text=label, showarrow=False, align="center",
                font=dict(size=14, color="white" if is_marked else "#1a1a1a"),
                bgcolor=colour if is_marked else "white", bordercolor=colour,
                borderwidth=4 if is_marked else 2.5, borderpad=6, width=BOX_WIDTH_PX,
                hovertext=f"{item.number}: {item.question.replace('<br>', ' ')}")


def _connect(fig: go.Figure, start: Lesson, end: Lesson) -> None:
    """A straight arrow between neighbours; from the end of one row to the next, an elbow that turns twice."""
    if start.x == end.x or start.y == end.y:
        fig.add_annotation(_arrow(start.x, start.y, end.x, end.y, _standoff_px(start.x, start.y, end.x, end.y)))
        return
    middle_y = (start.y + end.y) / 2
    fig.add_shape(type="path", path=f"M {start.x},{start.y} V {middle_y} H {end.x}", layer="below",
                  line=dict(color=ARROW_COLOUR, width=2))
    fig.add_annotation(_arrow(end.x, middle_y, end.x, end.y, _standoff_px(end.x, middle_y, end.x, end.y)))


def _arrow(x0: float, y0: float, x1: float, y1: float, standoff_px: float) -> dict:
    return dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                text="", showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=2, arrowcolor=ARROW_COLOUR,
                standoff=standoff_px, startstandoff=0)


def _standoff_px(x0: float, y0: float, x1: float, y1: float) -> float:
    """How far (px) the line from (x0, y0) to the box centred at (x1, y1) runs inside that box, plus a gap."""
    plot_width_px = FIGURE_WIDTH_PX - MAP_MARGIN["l"] - MAP_MARGIN["r"]
    plot_height_px = MAP_HEIGHT_PX - MAP_MARGIN["t"] - MAP_MARGIN["b"]
    dx = abs(x1 - x0) * plot_width_px / (X_RANGE[1] - X_RANGE[0])
    dy = abs(y1 - y0) * plot_height_px / (Y_RANGE[1] - Y_RANGE[0])
    fraction = min(BOX_WIDTH_PX / 2 / dx if dx else math.inf, BOX_HALF_HEIGHT_PX / dy if dy else math.inf)
    return fraction * math.hypot(dx, dy) + ARROW_GAP_PX
