"""The course's one way to build a chart: :func:`compose_figure`, and the trace and legend styles it uses.

* Colours, sizes and fonts come from :mod:`helpers.theme` (the single source of style).
* Every axis is titled with its unit.
* Every figure carries a one-sentence ``summary`` for screen readers, stored in
  ``fig.layout.meta["summary"]`` and shown under the chart by the notebooks and
  handouts (see :func:`summary_of`).
* Every chart drawn from a teaching model says so on the chart: ``label="model"``
  (or ``"assumption"``, ``"hypothesis"``) puts a visible tag in front of the title
  ("MODEL ·", "MODEL · ASSUMPTION ·", "MODEL · HYPOTHESIS ·") and records it in
  ``fig.layout.meta["label"]`` (see :func:`label_of`). Charts of measured data only
  pass no label.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.theme import (COURSE_TEMPLATE, DASHES, FIGURE_HEIGHT_PX, FIGURE_WIDTH_PX, LABEL_COLOUR,
                           LEGEND_BESIDE_WIDTH_PX, MEASURED_BAND_FILL, MEASURED_COLOUR, MODEL_LABELS, NEUTRAL,
                           ROLE_COLOURS)


def line_style(role: str, *, dash_index: int = 0, width: float = 3.0) -> dict:
    """Line settings for a trace of a given role (see ``ROLE_COLOURS``)."""
    return dict(color=ROLE_COLOURS[role], width=width, dash=DASHES[dash_index % len(DASHES)])


# Measured values drawn on model charts: one colour (theme.MEASURED_COLOUR), square markers with error bars for
# points and ranges, a translucent band for windows; never a plain line, so a measured trace never reads as a model.
MEASURED_SYMBOLS = ("square", "diamond-tall", "star-square")   # several measured traces on one chart


def measured_style(*, size: float = 11.0, symbol: str = MEASURED_SYMBOLS[0]) -> dict:
    """Trace settings for measured points or ranges (``mode``, ``marker``, ``error_x``/``error_y`` colour):
    ``go.Scatter(x=..., y=..., name="Measured ...", **measured_style())``; add ``error_x``/``error_y``
    ``array``/``arrayminus`` for a range."""
    return dict(mode="markers", marker=dict(symbol=symbol, size=size, color=MEASURED_COLOUR,
                                            line=dict(color=NEUTRAL["marker_outline"], width=1.5)))


def measured_error_bar(minus, plus) -> dict:
    """An error bar in the measured style: ``minus``/``plus`` are the distances below/above each point."""
    return dict(type="data", symmetric=False, array=list(plus), arrayminus=list(minus), color=MEASURED_COLOUR,
                thickness=2.5, width=8)


def measured_range_line() -> dict:
    """The line joining the two ends of a measured range (thick, solid, measured colour)."""
    return dict(color=MEASURED_COLOUR, width=4)


def measured_band_style() -> dict:
    """Trace settings for a measured window drawn as a closed band (``fill="toself"``, dotted outline)."""
    return dict(mode="lines", fill="toself", fillcolor=MEASURED_BAND_FILL,
                line=dict(color=MEASURED_COLOUR, width=3, dash="dot"))


# ---------------------------------------------------------------- legend placements
# Legends sit above or beside the plot, never below it (handout sliders go below). Three placements:

def hline_shape(y: float, line: dict) -> dict:
    """A horizontal line across the plot at ``y`` (data units), e.g. a baseline or a reference value."""
    return dict(type="line", xref="x domain", yref="y", x0=0, x1=1, y0=y, y1=y, line=line)


def hline_label(y: float, text: str, position: str = "top right") -> dict:
    """A label for :func:`hline_shape`'s line, as ``fig.add_hline(annotation_position=position)`` places it:
    ``position`` is ``"top"``/``"bottom"`` (above/below the line) and ``"left"``/``"right"``."""
    vertical, horizontal = position.split()
    return dict(text=text, showarrow=False, xref="x domain", yref="y", x=1 if horizontal == "right" else 0,
                xanchor=horizontal, y=y, yanchor="top" if vertical == "bottom" else "bottom")


def legend_above(*, x: float = 0.0, y: float = 1.02, xanchor: str | None = None, yanchor: str = "bottom",
                 **legend) -> dict:
    """Layout keywords for a horizontal legend above the plot area, or above its bottom panel
    (``x``, ``y`` in fractions of the plot area; ``legend``: further legend settings such as ``font``)."""
    anchor = {} if xanchor is None else {"xanchor": xanchor}
    return dict(legend=dict(orientation="h", x=x, **anchor, y=y, yanchor=yanchor, **legend))


def legend_beside(*, height: float | None = None, top_margin_px: float = 90) -> dict:
    """Layout keywords for a legend beside the plot, right of it, in a figure widened to make room."""
    layout = dict(width=LEGEND_BESIDE_WIDTH_PX, legend=dict(x=1.02, y=1.0, xanchor="left", yanchor="top"),
                  margin=dict(r=230, t=top_margin_px))
    return layout | ({"height": height} if height else {})


TITLE_LINE_PX = 20.0   # room for each extra title line (a smaller second line under the title)


def legend_under_title(*, height: float, title: str) -> dict:
    """Layout keywords pinning the title to the figure's top edge with a horizontal legend just under it.

    Both are placed from the top of the whole figure, so a handout's dropdown row, which sits just above
    the plot, never covers the legend. ``title`` is the title text (its ``<br>`` lines push the legend down).
    """
    legend_top_px = 48.0 + TITLE_LINE_PX * title.count("<br>")
    return dict(height=height, title=dict(y=1.0 - 12.0 / height, yref="container", yanchor="top"),
                legend=dict(orientation="h", x=0.0, xanchor="left", y=1.0 - legend_top_px / height,
                            yref="container", yanchor="top"))


# ---------------------------------------------------------------- the figure builder

def compose_figure(traces, *, title: str, summary: str, label: str | None = None,
                   cells=None, x_title: str | None = None, y_title: str | None = None,
                   x_axes: dict | None = None, y_axes: dict | None = None, layout: dict | None = None,
                   rows: int = 1, cols: int = 1, **subplot_kwargs) -> go.Figure:
    """A finished course figure in one construction: the course's one way to build a chart.

    * ``traces``: plotly traces (``go.Scatter(...)``, or plain dicts with ``type=...``, which validate faster);
    * ``rows``, ``cols`` and ``subplot_kwargs`` (``shared_xaxes``, ``subplot_titles``, ``specs``, ...): the
      subplot grid, as for ``plotly.subplots.make_subplots``;
    * ``cells``: the ``(row, col)`` of each trace, or one ``(row, col)`` for all of them;
    * ``x_title``, ``y_title``: the title of every x (y) axis; ``x_axes``, ``y_axes``: settings of the axes
      of one subplot, by ``(row, col)``, e.g. ``x_axes={(3, 1): dict(title="Time (h)", range=[0, 96])}``;
    * ``title``, ``summary``, ``label``: as for :func:`finish_layout`;
    * ``layout``: any other layout settings (nested dicts, merged as ``update_layout`` merges them), applied last;
      its ``annotations`` come after the subplot titles.

    It gives what ``make_subplots`` + ``add_trace(row=, col=)`` + ``update_xaxes(row=, col=)`` +
    ``update_layout`` give (``tests/test_theme.py`` checks this) in ~3-5 ms instead of ~10-20 ms: the empty
    grid is built once per shape and kept, and the figure is validated once. Explorers call it on every
    slider move.
    """
    grid = _grid(rows, cols, subplot_kwargs)
    traces = list(traces)
    if cells is not None:
        placed = [cells] * len(traces) if isinstance(cells, tuple) else list(cells)
        if len(placed) != len(traces):
            raise ValueError(f"cells must give one (row, col) per trace ({len(traces)}); got {len(placed)}")
        for trace, cell in zip(traces, placed):
            x_name, y_name = grid.axis_names(cell)
            trace.update(xaxis=x_name.replace("axis", ""), yaxis=y_name.replace("axis", ""))
    updates = {}
    for names, title_text in ((grid.x_names, x_title), (grid.y_names, y_title)):
        if title_text is not None:
            updates.update({name: {"title": {"text": title_text}} for name in names})
    for axes, which in ((x_axes or {}, 0), (y_axes or {}, 1)):
        for cell, settings in axes.items():
            name = grid.axis_names(cell)[which]
            updates[name] = _merged(updates.get(name, {}), _axis_settings(settings))
    updates = _merged(updates, finish_layout(title=title, summary=summary, label=label))
    extra = dict(layout or {})
    if "annotations" in extra:   # added after the grid's own (the subplot titles), not instead of them
        extra["annotations"] = [*grid.layout.get("annotations", ()), *extra["annotations"]]
    return go.Figure(data=traces, layout=_merged(_merged(grid.layout, updates), extra))


class _Grid:
    """An empty course figure's layout (template, size, subplot axes and titles) and its axes by (row, col)."""

    def __init__(self, rows: int, cols: int, subplot_kwargs: dict):
        if rows == 1 and cols == 1 and not subplot_kwargs:
            fig = go.Figure()
            self.axes = {(1, 1): ("xaxis", "yaxis")}
        else:
            fig = make_subplots(rows=rows, cols=cols, **subplot_kwargs)
            cells = [(row, col) for row in range(1, rows + 1) for col in range(1, cols + 1)]
            self.axes = {cell: (subplot.xaxis.plotly_name, subplot.yaxis.plotly_name)
                         for cell, subplot in ((cell, fig.get_subplot(*cell)) for cell in cells) if subplot}
        fig.update_layout(template=COURSE_TEMPLATE, width=FIGURE_WIDTH_PX, height=FIGURE_HEIGHT_PX)
        self.layout = fig.to_plotly_json()["layout"]
        self.x_names = sorted({x for x, _ in self.axes.values()})
        self.y_names = sorted({y for _, y in self.axes.values()})

    def axis_names(self, cell: tuple) -> tuple[str, str]:
        """The layout names of the x and y axes of subplot ``cell`` = (row, col), e.g. ("xaxis2", "yaxis2")."""
        if cell not in self.axes:
            raise ValueError(f"no subplot at (row, col) = {cell!r}; the grid has {sorted(self.axes)}")
        return self.axes[cell]


_GRIDS: dict[str, _Grid] = {}


def _grid(rows: int, cols: int, subplot_kwargs: dict) -> _Grid:
    """The kept empty grid for this shape (built on first use: ``make_subplots`` costs ~5-15 ms)."""
    key = repr((rows, cols, sorted(subplot_kwargs.items())))
    if key not in _GRIDS:
        _GRIDS[key] = _Grid(rows, cols, subplot_kwargs)
    return _GRIDS[key]


def _axis_settings(settings: dict) -> dict:
    """Axis settings with a plain-string ``title`` written out as ``{"text": ...}``."""
    if isinstance(settings.get("title"), str):
        return dict(settings, title={"text": settings["title"]})
    return settings


def _merged(base: dict, updates: dict) -> dict:
    """``base`` updated by ``updates`` as ``update_layout`` would; a new dict, ``base`` is left as it was."""
    merged = dict(base)
    for name, value in updates.items():
        if isinstance(value, dict) and isinstance(base.get(name), dict):
            merged[name] = _merged(base[name], value)
        else:
            merged[name] = value
    return merged


def summary_of(fig: go.Figure) -> str:
    """The figure's one-sentence text summary ('' if it has none)."""
    meta = fig.layout.meta
    return meta.get("summary", "") if isinstance(meta, dict) else ""


def finish_layout(*, title: str, summary: str, label: str | None = None) -> dict:
    """What :func:`finish` sets (title, label and summary, no axis titles), as keywords for one layout update.

    ``label`` is ``None`` for a chart of measured data only, else a key of :data:`MODEL_LABELS`.
    """
    if not summary or not summary.strip():
        raise ValueError("summary must be one sentence describing what the figure shows")
    meta = {"summary": summary.strip()}
    if label is not None:
        if label not in MODEL_LABELS:
            raise ValueError(f"label must be one of {sorted(MODEL_LABELS)} or None, got {label!r}")
        title = f'<span style="color:{LABEL_COLOUR}"><b>{MODEL_LABELS[label]}</b> ·</span> {title}'
        meta["label"] = label
    return dict(title=dict(text=title, x=0.0, xanchor="left"), meta=meta)


def label_of(fig: go.Figure) -> str | None:
    """The figure's model label (a key of :data:`MODEL_LABELS`), or ``None`` for a chart of data only."""
    meta = fig.layout.meta
    return meta.get("label") if isinstance(meta, dict) else None
