"""Display helpers the notebooks call: the mode switch, figures with their summaries, the safety box.

The course runs in two modes:

* **live** (JupyterLab with a kernel): explorers are ipywidgets driving the course chart widget, and static
  figures are course charts too (:mod:`helpers.activities.chart_widget`);
* **handout** (``COURSE_HANDOUT=1``, set by ``make handouts``; :func:`helpers.activities.base.in_handout`):
  explorers are kernel-free plotly figures with native HTML controls over precomputed frames; every chart is drawn
  by :func:`chart_html` (responsive, marked with its trace types) and the page builder inlines plotly.js once per
  page.
"""

from __future__ import annotations

import copy
import html
import numbers

import jinja2
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from helpers.activities.base import Activity, in_handout
from helpers.activities.chart_widget import CourseChart
from helpers.figures.compose import summary_of
from helpers.theme import FIGURE_WIDTH_PX, SAFETY_BOX_STYLE, SUMMARY_STYLE
from helpers.references import citation_text

HANDOUT_RENDERER = "course_handout"
CHART_CONFIG = {"responsive": True, "displaylogo": False}   # redrawn at the page column's width

SAFETY_TEXT = (
    "This course is educational and is not medical advice. Its models are simplified teaching "
    "models; nothing in it is a dosing or tapering plan for any person. "
    "Taking a benzodiazepine with opioids, alcohol or other drugs that depress the central nervous system "
    "can cause profound sedation, respiratory depression (slowed or stopped breathing), coma and death. "
    "After regular use, stopping a benzodiazepine abruptly or cutting the dose quickly can cause withdrawal "
    "reactions, including seizures and a delirium-like state, which can be life-threatening. If you take a "
    "benzodiazepine, do not stop it abruptly or change the dose on your own: talk to your prescriber."
)
# The sources of SAFETY_TEXT (ids of the reference base), printed under it in every safety box.
SAFETY_SOURCES = ("bzd_boxed_warning_label_text", "fda2016_opioid_bzd_boxed_warning",
                  "fda2020_bzd_boxed_warning_update", "bzd_withdrawal_severity")


def setup() -> None:
    """Prepare plotly for this mode. Every notebook calls it once, in its first code cell."""
    if in_handout():
        pio.renderers[HANDOUT_RENDERER] = HandoutRenderer()
        pio.renderers.default = HANDOUT_RENDERER   # no plotly.js here: the page builder inlines it once
    display(safety_box())


def chart_html(fig: go.Figure | dict) -> str:
    """A handout chart: as wide as the page column up to its designed width (``layout.width``, px), redrawn
    when the column changes; its wrapper names its trace types (``data-trace-types``) so that the page
    builder can pick the plotly.js bundle that draws them. Needs plotly.js on the page; loads nothing."""
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else copy.deepcopy(fig)
    layout = fig_dict.setdefault("layout", {})
    width = layout.pop("width", None) or FIGURE_WIDTH_PX
    layout["autosize"] = True
    types = sorted({trace.get("type", "scatter") for trace in fig_dict.get("data", [])})
    chart = pio.to_html(fig_dict, include_plotlyjs=False, full_html=False, auto_play=False, config=CHART_CONFIG,
                        default_width="100%", validate=False)
    return (f'<div class="course-chart" data-trace-types="{" ".join(types)}" '
            f'style="max-width:{int(width)}px">{chart}</div>')


class HandoutRenderer(pio.base_renderers.MimetypeRenderer):
    """``fig.show()`` in handout mode: the chart as :func:`chart_html` draws it."""

    def to_mimebundle(self, fig_dict):
        return {"text/html": chart_html(fig_dict)}


def safety_html(tag: str = "div") -> str:
    """The course's safety statement (:data:`SAFETY_TEXT`, with its sources) as one HTML element: the box at the
    top of every lesson, and the same words on the handout index and glossary pages."""
    sources = "; ".join(SAFETY_SOURCES)
    return (f'<{tag} class="course-safety" role="note" aria-label="Safety statement" style="{SAFETY_BOX_STYLE}">'
            f"<strong>Educational only.</strong> {html.escape(SAFETY_TEXT)} "
            f'<span class="course-safety-sources">[sources: {sources}]</span></{tag}>')


def safety_box() -> HTML:
    """The course's safety statement as a visible box (shown by :func:`setup` in every lesson)."""
    return HTML(safety_html())


def summary_html(fig: go.Figure) -> HTML:
    """The figure's text summary as a paragraph (read by screen readers, printed in handouts)."""
    return HTML(f'<p class="figure-summary" style="{SUMMARY_STYLE}">'
                f"<span style=\"font-weight:600\">Figure summary:</span> {html.escape(summary_of(fig))}</p>")


class StaticFigure(Activity):
    """A static figure's two views: a course chart live (plotly.js sent once per page, and plotly's renderers,
    which import nbformat and jsonschema, stay unloaded); in a handout, :func:`chart_html` (plotly.js inlined once
    per page by the page builder)."""

    def __init__(self, fig: go.Figure):
        self.fig = fig

    def live_view(self) -> CourseChart:
        return CourseChart(self.fig)

    def handout_html(self) -> str:
        return chart_html(self.fig)


def show_figure(fig: go.Figure) -> None:
    """Show a static figure (:class:`StaticFigure`, the view for the current mode) followed by its one-sentence
    summary."""
    StaticFigure(fig).show()
    display(summary_html(fig))


def _readable_number(value) -> str:
    """Integers with thousands separators, other numbers to 4 significant digits (trailing zeros dropped)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if float(value).is_integer():
        return f"{float(value):,.0f}"
    return f"{float(value):,.4g}" if abs(value) < 1000 else f"{float(value):,.0f}"


def table_html(table: pd.DataFrame | Styler, caption: str | None = None, *, row_header: str | None = None) -> str:
    """A data table as accessible HTML: a ``<caption>``, ``scope`` on every header cell, a named corner header.

    A DataFrame gets readable numbers in cells and labels (see :func:`_readable_number`; missing values as
    "–") and loses an unnamed integer row index; a Styler keeps its own formatting and styles. ``caption``
    (plain text) replaces the Styler's own caption; one of the two is required. ``row_header`` names the
    column of row headers (e.g. ``"Drug"``). Put units in the caption or the column names.
    """
    styler = copy.copy(table if isinstance(table, Styler) else _readable_styler(table))
    if caption is None and not styler.caption:
        raise ValueError("caption must be given (or set on the Styler): every table says what it is")
    styler.template_html_table = _TABLE_TEMPLATE   # pandas' own template, plus header scopes
    return styler.to_html(caption=None if caption is None else html.escape(caption),
                          row_header=html.escape(row_header or ""))


def show_table(table: pd.DataFrame | Styler, caption: str | None = None, *, row_header: str | None = None) -> None:
    """Show a data table as :func:`table_html` gives it,
    e.g. ``show_table(df, "Peak amount after one dose (diazepam-equivalent mg)")``."""
    display(HTML(table_html(table, caption, row_header=row_header)))


def _readable_styler(table: pd.DataFrame) -> Styler:
    styler = (table.style.format(_readable_number, na_rep="–", escape="html")
              .format_index(_readable_number, axis=0, escape="html")
              .format_index(_readable_number, axis=1, escape="html"))
    if table.index.name is None and pd.api.types.is_integer_dtype(table.index):
        styler = styler.hide(axis="index")  # row numbers (0, 1, 2… or left over from filtering) mean nothing
    return styler


# pandas' Styler table template with ``scope`` on header cells and the corner cell naming the row headers.
_TABLE_TEMPLATE = jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.DictLoader({"course_table.tpl": """\
{% extends "html_table.tpl" %}
{% block head_tr %}
    <tr>
{% for c in r %}{% if c.is_visible != False %}
      <th {%- if c.id is defined %} id="T_{{uuid}}_{{c.id}}"
      {%- endif %} class="{{c.class}}" scope="col" {{c.attributes}}>
      {%- if loop.first and "blank" in c.class and row_header %}{{row_header}}
      {%- else %}{{c.display_value}}{% endif %}</th>
{% endif %}{% endfor %}
    </tr>
{% endblock head_tr %}
{% block tr %}
    <tr>
{% for c in r %}{% if c.is_visible != False %}
      <{{c.type}} {%- if c.id is defined %} id="T_{{uuid}}_{{c.id}}" {%- endif %} class="{{c.class}}"
      {%- if c.type == "th" %} scope="row"{% endif %} {{c.attributes}}>{{c.display_value}}</{{c.type}}>
{% endif %}{% endfor %}
    </tr>
{% endblock tr %}
"""}), Styler.loader]), trim_blocks=True).get_template("course_table.tpl")


def sources_html(source_ids) -> HTML:
    """A list of traceable citations (:func:`helpers.references.citation_text`), each id once, in order.

    An unknown id raises ``ValueError`` naming it.
    """
    items = "".join(f"<li>{html.escape(citation_text(source_id))}</li>" for source_id in dict.fromkeys(source_ids))
    return HTML(f'<ul class="course-sources">{items}</ul>')


def show_sources(source_ids) -> None:
    """Show the sources a lesson cites (every notebook ends with this), e.g. ``show_sources(["schelp2017"])``."""
    display(sources_html(source_ids))
