"""The course's one figure theme.

* Colours: the Okabe-Ito palette, safe for the common forms of colour blindness;
  traces also differ by dash or marker so they read in greyscale.
* Every axis is titled with its unit.
* Every figure carries a one-sentence ``summary`` for screen readers, stored in
  ``fig.layout.meta["summary"]`` and shown under the chart by the notebooks and
  handouts (see :func:`summary_of`).
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
}

DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
FIGURE_WIDTH_PX = 760     # fits a printed A4/Letter page without clipping
FIGURE_HEIGHT_PX = 440

COURSE_TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color="#1a1a1a"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")],
        xaxis=dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False),
        yaxis=dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False),
        legend=dict(bgcolor="rgba(255,255,255,0.85)", bordercolor="#bbb", borderwidth=1),
        hoverlabel=dict(font_family=FONT_FAMILY),
        margin=dict(l=70, r=30, t=70, b=60),
    )
)


def new_figure(*, rows: int = 1, cols: int = 1, **subplot_kwargs) -> go.Figure:
    """An empty figure in the course theme (with subplots when ``rows``/``cols`` > 1).

    Returns a fresh copy of a blank kept per layout: copying takes ~1 ms where
    ``make_subplots`` and applying the template take ~2-7 ms, and explorers call
    this on every slider move.
    """
    key = repr((rows, cols, sorted(subplot_kwargs.items())))
    if key not in _BLANK_FIGURES:
        _BLANK_FIGURES[key] = _blank_figure(rows, cols, subplot_kwargs)
    return go.Figure(_BLANK_FIGURES[key])


_BLANK_FIGURES: dict[str, go.Figure] = {}


def _blank_figure(rows: int, cols: int, subplot_kwargs: dict) -> go.Figure:
    if rows == 1 and cols == 1:
        fig = go.Figure()
    else:
        from plotly.subplots import make_subplots

        fig = make_subplots(rows=rows, cols=cols, **subplot_kwargs)
    fig.update_layout(template=COURSE_TEMPLATE, width=FIGURE_WIDTH_PX, height=FIGURE_HEIGHT_PX)
    return fig


def finish(fig: go.Figure, *, title: str, summary: str, x_title: str | None = None,
           y_title: str | None = None) -> go.Figure:
    """Set the title, the axis titles (with units) and the screen-reader summary; return ``fig``."""
    if not summary or not summary.strip():
        raise ValueError("summary must be one sentence describing what the figure shows")
    fig.update_layout(title=dict(text=title, x=0.0, xanchor="left"), meta={"summary": summary.strip()})
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def summary_of(fig: go.Figure) -> str:
    """The figure's one-sentence text summary ('' if it has none)."""
    meta = fig.layout.meta
    return meta.get("summary", "") if isinstance(meta, dict) else ""


def line_style(role: str, *, dash_index: int = 0, width: float = 3.0) -> dict:
    """Line settings for a trace of a given role (see ``ROLE_COLOURS``)."""
    return dict(color=ROLE_COLOURS[role], width=width, dash=DASHES[dash_index % len(DASHES)])
