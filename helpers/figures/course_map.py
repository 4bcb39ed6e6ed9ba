"""The course map: lessons 00-07 as boxes, arrows showing which lesson builds on which.

Shown in ``notebooks/00_start_here.ipynb`` (and available to any lesson as a
"you are here" map through ``highlight``). Lessons, their boxes and their
prerequisites come from ``lessons/course.yaml`` (:mod:`helpers.course`).
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from helpers import course
from helpers.figures.compose import compose_figure, legend_above
from helpers.theme import FIGURE_WIDTH_PX, NEUTRAL, PALETTE, ROLE_COLOURS


# Strands group lessons by what they are about; each has one colour from the course theme.
STRANDS = {
    "Getting started": PALETTE["grey"],
    "Mechanism": ROLE_COLOURS["gaba"],
    "Dopamine": ROLE_COLOURS["dopamine"],
    "Over time": ROLE_COLOURS["benzodiazepine"],
    "Comparing and judging": ROLE_COLOURS["opioid"],
}

LESSONS = course.lessons()
# (from, to): lesson "to" builds directly on lesson "from" (course.yaml's prerequisites).
PREREQUISITES = tuple((before, item.number) for item in LESSONS for before in item.prerequisites)
lesson = course.lesson
QUESTION_LINE_CHARS = 26   # the box's question wraps at about this many characters

X_RANGE = (-0.55, 2.55)
Y_RANGE = (0.45, 3.55)
MAP_HEIGHT_PX = 500
MAP_MARGIN = dict(l=10, r=10, t=90, b=10)
BOX_WIDTH_PX = 178
BOX_HALF_HEIGHT_PX = 45
ARROW_GAP_PX = 6           # space between an arrow's end and the box edge
ARROW_COLOUR = NEUTRAL["arrow"]


def course_map_figure(highlight: str | None = None) -> go.Figure:
    """Lessons as coloured boxes joined by arrows; ``highlight`` (e.g. ``"01"``) marks "you are here"."""
    marked = lesson(highlight) if highlight is not None else None
    traces = []
    for strand, colour in STRANDS.items():
        members = [item.map for item in LESSONS if item.map.strand == strand]
        traces.append(go.Scatter(x=[box.x for box in members], y=[box.y for box in members], mode="markers",
                                 name=strand, hoverinfo="skip", marker=dict(symbol="square", size=16, color=colour)))
    shapes, annotations = [], []
    for start, end in PREREQUISITES:
        shape, arrow = _connection(lesson(start), lesson(end))
        shapes += shape
        annotations.append(arrow)
    annotations += [_box(item, is_marked=item == marked) for item in LESSONS]
    where = f" You are in lesson {marked.number}, {marked.map.title}." if marked else ""
    links = "; ".join(f"{item.number} ({item.map.title}) builds on {' and '.join(item.prerequisites)}"
                      for item in LESSONS if item.prerequisites)
    hidden = dict(visible=False, fixedrange=True)
    return compose_figure(
        traces, title=f"Course map: {len(LESSONS)} lessons, each building on an earlier one",
        summary=f"Lesson {LESSONS[0].number} ({LESSONS[0].map.title}) starts the course; {links}.{where}",
        x_axes={(1, 1): dict(hidden, range=list(X_RANGE))}, y_axes={(1, 1): dict(hidden, range=list(Y_RANGE))},
        layout=dict(height=MAP_HEIGHT_PX, margin=MAP_MARGIN, shapes=shapes, annotations=annotations,
                    **legend_above(itemsizing="constant", title=dict(text="Strand: "))))


def _box(item: course.Lesson, *, is_marked: bool) -> dict:
    box = item.map
    colour = STRANDS[box.strand]
    small = "<span style='font-size:12px'>"
    question = "<br>".join(textwrap.wrap(box.question, QUESTION_LINE_CHARS))
    minutes = f"{item.minutes} min" + (f" + {item.extension_minutes} extension" if item.extension_minutes else "")
    label = f"<b>{item.number} · {box.title}</b><br>{small}{question}</span><br>{small}{minutes}</span>"
    if is_marked:
        label += f"{small} · you are here</span>"
    return dict(x=box.x, y=box.y, xref="x", yref="y", text=label, showarrow=False, align="center",
                font=dict(size=14, color=NEUTRAL["text_on_colour"] if is_marked else NEUTRAL["text"]),
                bgcolor=colour if is_marked else NEUTRAL["background"], bordercolor=colour,
                borderwidth=4 if is_marked else 2.5, borderpad=6, width=BOX_WIDTH_PX,
                hovertext=f"{item.number}: {box.question}")


def _connection(start_lesson: course.Lesson, end_lesson: course.Lesson) -> tuple[list[dict], dict]:
    """The shapes and the arrow joining two lessons: a straight arrow between neighbours; from the end of one
    row to the next, an elbow that turns twice."""
    start, end = start_lesson.map, end_lesson.map
    if start.x == end.x or start.y == end.y:
        return [], _arrow(start.x, start.y, end.x, end.y, _standoff_px(start.x, start.y, end.x, end.y))
    middle_y = (start.y + end.y) / 2
    elbow = dict(type="path", path=f"M {start.x},{start.y} V {middle_y} H {end.x}", layer="below",
                 line=dict(color=ARROW_COLOUR, width=2))
    return [elbow], _arrow(end.x, middle_y, end.x, end.y, _standoff_px(end.x, middle_y, end.x, end.y))


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
