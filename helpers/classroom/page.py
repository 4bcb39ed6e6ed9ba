"""The class report as one offline HTML page: plotly charts (plotly.js inlined once, the course's basic bundle),
pandas tables and the page template ``templates/report.html.j2`` (jinja2, autoescape on).

Every text from a record (a learner's line, a typed answer, a label, a version, a file name) reaches the page
escaped: through the template's autoescape, through ``DataFrame.to_html(escape=True)``, or through
:func:`html.escape` before it becomes a chart label. The page's Content-Security-Policy allows its own inline
scripts and styles only: no request leaves it.
"""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd

from helpers.activities import plotlyjs
from helpers.activities.display import chart_html
from helpers.activities.predict import CONFIDENCE_LEVELS
from helpers.classroom.report import (CHECK_KEY_DISCRIMINATION, LOW_DISCRIMINATION, MIN_LEARNERS, NO_CONFIDENCE,
                                      ClassReport, MomentResult)
from helpers.course import lessons
from helpers.figures.compose import compose_figure, legend_under_title
from helpers.theme import (FEEDBACK_COLOURS, FIGURE_WIDTH_PX, NEUTRAL, PALETTE, TABLE_STYLES, WIDE_FIGURE_WIDTH_PX,
                           handout_css)

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
RIGHT_MARK = "✓ "
CONFIDENCE_COLOURS = {"sure": PALETTE["blue"], "fairly sure": PALETTE["sky"], "guessing": PALETTE["yellow"],
                      NO_CONFIDENCE: NEUTRAL["filtered_out"]}
PHASE_COLOURS = {"before (pre)": PALETTE["grey"], "after (post)": PALETTE["green"]}
TABLE_CLASS = "class-report-table"
BAR_ROW_PX = 34      # height of one bar row in a chart
CHART_FRAME_PX = 150  # a chart's title, legend and axis
COUNT_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)   # ticks of an axis of learners
MAX_COUNT_TICKS = 8
PRACTICE_SHARES = ("right, all instances", "right on the first instance", "right on later instances")


def render_page(report: ClassReport) -> str:
    """The report's HTML page (one file: scripts, styles and charts inline)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                                     undefined=jinja2.StrictUndefined)
    markup = jinja2.utils.markupsafe.Markup
    moments = [_moment_view(result) for result in report.moments]
    return environment.get_template(TEMPLATE).render(
        report=report, css=markup(handout_css() + _table_css()), plotlyjs=markup(plotlyjs.bundle_script("basic")),
        lessons=[(item.number, item.title, [view for view in moments if view["lesson"] == item.number])
                 for item in lessons()],
        item_chart=markup(_item_chart(report.items)), items_table=markup(_items_table(report.items)),
        practice_table=markup(_table(_percent_columns(report.practice, PRACTICE_SHARES))),
        inventory=_inventory_view(report), wrong_table=markup(_wrong_table(report.wrong_answers)),
        exercises_table=markup(_exercises_table(report.exercises)),
        versions_table=markup(_table(report.versions)),
        unknown_table=markup(_table(report.unknown)) if len(report.unknown) else "",
        files_table=markup(_table(report.files)) if report.files is not None else "",
        min_learners=MIN_LEARNERS, low_discrimination=LOW_DISCRIMINATION,
        check_key_discrimination=_signed(CHECK_KEY_DISCRIMINATION))


# ---------------------------------------------------------------- tables


def _table_css() -> str:
    """The course's table styles (helpers/theme.py), for this page's tables."""
    return "".join(f"table.{TABLE_CLASS} {style['selector']} {{ {style['props']} }}\n" for style in TABLE_STYLES)


def _table(frame: pd.DataFrame, index: bool = False) -> str:
    """A pandas table, every cell and heading escaped."""
    return frame.to_html(escape=True, index=index, na_rep="—", classes=TABLE_CLASS, border=0, justify="left")


def _percent(value) -> str:
    """``0.62`` -> ``"62 %"`` with a no-break space (the sign stays on the number's line); ``"—"`` when missing."""
    return "—" if value is None or pd.isna(value) else f"{100 * value:.0f}\u00a0%"


def _signed(value: float) -> str:
    """``-0.1`` -> ``"−0.1"`` (a minus sign, not a hyphen)."""
    return f"{value:g}".replace("-", "\u2212")


def _percent_columns(frame: pd.DataFrame, columns) -> pd.DataFrame:
    return frame.assign(**{column: frame[column].map(_percent) for column in columns if column in frame})


def _items_table(items: pd.DataFrame) -> str:
    shown = _percent_columns(items, ["right first time", "warm-up right"])
    shown = shown.assign(discrimination=items["discrimination"].map(lambda r: "—" if pd.isna(r) else f"{r:.2f}"))
    return _table(shown)


def _wrong_table(wrong: pd.DataFrame) -> str:
    return _table(_percent_columns(wrong, ["share of answers"]))


def _exercises_table(exercises: pd.DataFrame) -> str:
    return _table(_percent_columns(exercises, ["right", "close", "wrong"]))


# ---------------------------------------------------------------- prediction moments


def _moment_view(result: MomentResult) -> dict:
    """What the template shows for one moment: its chart, its table and the learners' lines."""
    table = result.table.copy()
    labels = [_shown_label(label, result) for label in table.index]
    table.index = pd.Index(labels, name="choice")
    table.columns.name = None
    table["share"] = table["share"].map(_percent)
    markup = jinja2.utils.markupsafe.Markup
    return {"lesson": result.lesson, "moment": result.moment, "prompt": result.prompt, "learners": result.learners,
            "from_bank": result.from_bank, "lines": result.lines,
            "chart": markup(_moment_chart(result, labels)) if result.learners else "",
            "table": markup(_table(table.reset_index()))}


def _shown_label(label: str, result: MomentResult) -> str:
    return f"{RIGHT_MARK}{label}" if label == result.right_label else label


def _moment_chart(result: MomentResult, labels: list[str]) -> str:
    """Stacked horizontal bars: learners per choice, split by how sure they were (first commits only)."""
    table = result.table
    levels = [level for level in (*CONFIDENCE_LEVELS, NO_CONFIDENCE) if level in table.columns]
    names = [html.escape(label) for label in labels]   # plotly reads labels as markup: escape record text
    traces = [dict(type="bar", orientation="h", name=level, y=names, x=[int(count) for count in table[level]],
                   marker=dict(color=CONFIDENCE_COLOURS[level]),
                   hovertemplate=f"%{{x}} learners, {level}<extra></extra>")
              for level in levels]
    title = f"What the class predicted at {result.moment} (n = {result.learners})"
    summary = (f"Learners per choice at prediction moment {result.moment}, split by how sure they said they were, "
               f"first commits only; {RIGHT_MARK.strip()} marks the answer the chart then showed.")
    height = CHART_FRAME_PX + BAR_ROW_PX * len(labels)
    layout = dict(barmode="stack", width=WIDE_FIGURE_WIDTH_PX, yaxis=dict(autorange="reversed", automargin=True),
                  xaxis=dict(tick0=0, dtick=_count_step(int(table["learners"].max()))),
                  margin=dict(t=90)) | legend_under_title(height=height, title=title)
    layout["legend"] = layout["legend"] | dict(traceorder="normal")
    return chart_html(compose_figure(traces, title=html.escape(title), summary=summary, x_title="learners",
                                     layout=layout))


def _count_step(largest: int) -> int:
    """A whole, round tick step for an axis of learners up to ``largest`` (about eight ticks or fewer)."""
    return next((step for step in COUNT_STEPS if step * MAX_COUNT_TICKS >= largest), COUNT_STEPS[-1])


# ---------------------------------------------------------------- self-check items


def _item_chart(items: pd.DataFrame) -> str:
    """Each item as a point: difficulty (share right on the first answer) across, discrimination up."""
    placed = items.dropna(subset=["discrimination"])
    if placed.empty:
        return ""
    check_key = placed["discrimination"] <= CHECK_KEY_DISCRIMINATION
    low = (placed["discrimination"] < LOW_DISCRIMINATION) & ~check_key
    groups = (("items", placed[~low & ~check_key], PALETTE["blue"]),
              (f"low (below {LOW_DISCRIMINATION})", placed[low], PALETTE["orange"]),
              (f"check the key ({_signed(CHECK_KEY_DISCRIMINATION)} or below)", placed[check_key],
               FEEDBACK_COLOURS["wrong"]))
    traces = [dict(type="scatter", mode="markers", name=name, x=list(group["right first time"]),
                   y=list(group["discrimination"]), text=list(group["item"]),
                   marker=dict(size=10, color=colour, line=dict(width=1, color=NEUTRAL["marker_outline"])),
                   hovertemplate="%{text}: %{x:.0%} right, discrimination %{y:.2f}<extra></extra>")
              for name, group, colour in groups if not group.empty]
    return chart_html(compose_figure(
        traces, title="Self-check items: difficulty and discrimination",
        summary=(f"Each self-check item as a point: the share of learners right on their first answer across, the "
                 f"corrected point-biserial discrimination up; below {LOW_DISCRIMINATION} an item is flagged low, at "
                 f"or below {_signed(CHECK_KEY_DISCRIMINATION)} check the key and the wording."),
        x_title="right on the first answer (share of learners)", y_title="discrimination (corrected point-biserial)",
        layout=dict(width=FIGURE_WIDTH_PX, height=460, xaxis=dict(range=[-0.05, 1.05], tickformat=".0%"),
                    yaxis=dict(range=[min(-0.3, float(np.nanmin(placed["discrimination"])) - 0.1), 1.0]),
                    shapes=[_threshold_line(LOW_DISCRIMINATION, "dash"),
                            _threshold_line(CHECK_KEY_DISCRIMINATION, "dot")])))


def _threshold_line(y: float, dash: str) -> dict:
    """A horizontal line across the chart at a flag's threshold."""
    return dict(type="line", xref="paper", x0=0, x1=1, y0=y, y1=y,
                line=dict(dash=dash, width=1, color=NEUTRAL["axis_line"]))


# ---------------------------------------------------------------- concept inventory


def _inventory_view(report: ClassReport) -> dict:
    markup = jinja2.utils.markupsafe.Markup
    concepts = report.inventory.concepts
    shown = _percent_columns(concepts, ["before (pre)", "after (post)"]).assign(
        **{"normalised gain": concepts["normalised gain"].map(lambda g: "—" if pd.isna(g) else f"{g:.2f}")})
    items = _percent_columns(report.inventory.items, ["right before", "right after"])
    return {"chart": markup(_inventory_chart(concepts)), "table": markup(_table(shown)),
            "pre_lesson": report.inventory.lessons["pre"], "post_lesson": report.inventory.lessons["post"],
            "items": markup(_table(items)), "learners": int(concepts["learners with both"].max() or 0)}


def _inventory_chart(concepts: pd.DataFrame) -> str:
    measured = concepts[concepts["learners with both"] > 0]
    if measured.empty:
        return ""
    names = [html.escape(name) for name in measured["concept"]]
    traces = [dict(type="bar", orientation="h", name=phase, y=names, x=list(measured[phase]),
                   marker=dict(color=colour), hovertemplate=f"%{{x:.0%}} right {phase}<extra></extra>")
              for phase, colour in PHASE_COLOURS.items()]
    title = "Concept inventory: the class before and after"
    height = CHART_FRAME_PX + 2 * BAR_ROW_PX * len(names)
    layout = dict(barmode="group", width=WIDE_FIGURE_WIDTH_PX, xaxis=dict(range=[0, 1], tickformat=".0%"),
                  yaxis=dict(autorange="reversed", automargin=True), margin=dict(t=90)) | \
        legend_under_title(height=height, title=title)
    layout["legend"] = layout["legend"] | dict(traceorder="normal")
    return chart_html(compose_figure(
        traces, title=title, x_title="mean share right",
        summary="Per concept, the class's mean share right before the course (the inventory's pre-test) and after it "
                "(its post-test), over the learners who took both.", layout=layout))
