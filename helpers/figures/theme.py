"""The course's one figure theme.

* Colours: the Okabe-Ito palette, safe for the common forms of colour blindness;
  traces also differ by dash or marker so they read in greyscale.
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
           y_title: str | None = None, label: str | None = None) -> go.Figure:
    """Set the title (tagged with ``label``, see :data:`MODEL_LABELS`), the axis titles (with units)
    and the screen-reader summary; return ``fig``."""
    fig.update_layout(**finish_layout(title=title, summary=summary, label=label))
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


def compose_figure(traces, layout: dict | None = None, *, trace_rows=None, trace_cols=None, rows: int = 1,
                   cols: int = 1, **subplot_kwargs) -> go.Figure:
    """The figure ``new_figure(rows=..., cols=..., ...)`` then ``add_traces(traces, rows=trace_rows,
    cols=trace_cols)`` then ``update_layout(**layout)`` would give, built in one go.

    Explorers rebuild figures on every slider move; one construction takes ~3-5 ms where the
    three steps take ~10 ms. ``layout`` holds nested dicts (``xaxis2=dict(title=dict(text=...))``),
    merged into the blank layout the way ``update_layout`` merges them; ``trace_rows``/``trace_cols``
    (an int for all traces, or one per trace) place the traces in subplots.
    """
    traces = list(traces)
    key = repr((rows, cols, sorted(subplot_kwargs.items())))
    if key not in _BLANK_FIGURES:
        _BLANK_FIGURES[key] = _blank_figure(rows, cols, subplot_kwargs)
    if key not in _BLANK_LAYOUTS:
        _BLANK_LAYOUTS[key] = _BLANK_FIGURES[key].to_plotly_json()["layout"]
    if trace_rows is not None or trace_cols is not None:
        grid = _BLANK_FIGURES[key]._grid_ref
        each_row = trace_rows if isinstance(trace_rows, (list, tuple)) else [trace_rows or 1] * len(traces)
        each_col = trace_cols if isinstance(trace_cols, (list, tuple)) else [trace_cols or 1] * len(traces)
        for trace, row, col in zip(traces, each_row, each_col):
            trace.update(grid[row - 1][col - 1][0].trace_kwargs)
    return go.Figure(data=traces, layout=_merged(_BLANK_LAYOUTS[key], layout or {}))


_BLANK_LAYOUTS: dict[str, dict] = {}


def _merged(base: dict, updates: dict) -> dict:
    """``base`` updated by ``updates`` as ``update_layout`` would; a new dict, ``base`` is left as it was."""
    merged = dict(base)
    for name, value in updates.items():
        if isinstance(value, dict) and isinstance(base.get(name), dict):
            merged[name] = _merged(base[name], value)
        else:
            merged[name] = value
    return merged


# What a chart of a teaching model shows, as the tag printed in front of its title.
MODEL_LABELS = {
    "model": "MODEL",
    "assumption": "MODEL · ASSUMPTION",
    "hypothesis": "MODEL · HYPOTHESIS",
}
LABEL_COLOUR = PALETTE["grey"]


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
