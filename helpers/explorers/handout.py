"""The handout view of an explorer: kernel-free, offline, precomputed.

Every handout setting moves one control while the others stay at their defaults
(:func:`handout_settings`; a note says so). The figure holds one precomputed frame per setting.

* A figure alone gets one plotly-native slider per :class:`Slider` and one plotly dropdown
  per :class:`Dropdown` inside the chart (:func:`build_handout_figure`).
* An explorer with a table gets one native, labelled ``<select>`` per control above its outputs
  (keyboard-accessible), one precomputed table per distinct setting (each with caption and header
  scopes), and a small inline script that shows the chosen table and moves the figure (if any)
  to the chosen frame (:func:`show_handout`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import html
import itertools
import json

import numpy as np
import plotly.graph_objects as go
from IPython.display import HTML, display

from helpers.display import summary_html
from helpers.explorers.controls import DROPDOWN_ROW_PX, SLIDER_BLOCK_PX, Dropdown, Slider, format_number
from helpers.figures.theme import summary_of

if TYPE_CHECKING:   # for annotations only: core imports this module
    from helpers.explorers.core import Explorer

UNFRAMED_LAYOUT_KEYS = ("meta", "template")   # the summary is printed under the chart; the theme never moves
REGULAR_X_TRACE_TYPES = ("scatter", "scattergl", "bar")
REGULAR_X_MIN_POINTS = 50   # shorter arrays cost less than the check is worth
JUMP = {"frame": {"duration": 0, "redraw": True}, "mode": "immediate", "transition": {"duration": 0}}
ONE_AT_A_TIME_NOTE = " In this handout each control moves alone; the others stay at their defaults."
_page_ids = itertools.count(1)   # element ids unique within one executed notebook

# Shows the table variant of the chosen option and moves the chart between the controls and the tables to its frame.
SELECT_SCRIPT = """<script>(function () {
  var controls = document.getElementById("%(controls)s"), tables = document.getElementById("%(tables)s");
  var selects = Array.prototype.slice.call(controls.querySelectorAll("select"));
  function chart() {
    var charts = document.querySelectorAll(".plotly-graph-div");
    for (var i = 0; i < charts.length; i++) {
      if ((controls.compareDocumentPosition(charts[i]) & Node.DOCUMENT_POSITION_FOLLOWING)
          && (tables.compareDocumentPosition(charts[i]) & Node.DOCUMENT_POSITION_PRECEDING)) { return charts[i]; }
    }
    return null;
  }
  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      selects.forEach(function (other) { if (other !== select) { other.value = other.dataset.default; } });
      var variant = select.options[select.selectedIndex].dataset.variant;
      tables.querySelectorAll("[data-variant]").forEach(function (v) { v.hidden = v.dataset.variant !== variant; });
      var gd = chart();
      if (gd && window.Plotly) { Plotly.animate(gd, [select.value], %(jump)s); }
    });
  });
})();</script>"""


def frame_name(control, value) -> str:
    """The frame (and option) that shows ``control`` at ``value`` (others at their defaults)."""
    return f"{control.name}={value}"


def handout_settings(explorer: Explorer) -> dict[str, dict]:
    """``{frame name: {control: value}}``: each control alone at each of its handout values."""
    return {frame_name(control, value): {control.name: value}
            for control in explorer.controls for value in control.handout_values()}


def show_handout(explorer: Explorer) -> None:
    """Display the handout view (see the module docstring)."""
    if not explorer.has_table:
        fig = build_handout_figure(explorer)
        fig.show()
        display(summary_html(fig))
        return
    page_id = f"course-explorer-{explorer.name}-{next(_page_ids)}"
    display(HTML(controls_html(explorer, page_id)))
    if explorer.has_figure:
        fig = build_handout_figure(explorer)
        fig.show()
        display(summary_html(fig))
    display(HTML(tables_html(explorer, page_id)))


def controls_html(explorer: Explorer, page_id: str) -> str:
    """The explorer's title and one labelled native ``<select>`` per control, over its handout settings."""
    variants = _variant_numbers(explorer)
    fields = []
    for control in explorer.controls:
        options = "".join(
            f'<option value="{html.escape(frame_name(control, value))}" data-variant="{variants[control.name, value]}"'
            f'{" selected" if value == control.default else ""}>{html.escape(_option_label(control, value))}</option>'
            for value in control.handout_values())
        label = f"{control.label} ({control.unit})" if control.unit and isinstance(control, Slider) else control.label
        fields.append(f'<label class="course-explorer-control" style="display:block;margin:0.25em 0">{html.escape(label)} '
                      f'<select name="{html.escape(control.name)}" '
                      f'data-default="{html.escape(frame_name(control, control.default))}">{options}</select></label>')
    note = ONE_AT_A_TIME_NOTE.strip() if len(explorer.controls) > 1 else ""
    description = " ".join(part for part in (explorer.description, note) if part)
    return (f'<div class="course-explorer course-explorer--{explorer.name}" id="{page_id}-controls">'
            f"<p><b>Interactive demo: {html.escape(explorer.title)}</b><br>{html.escape(description)}</p>"
            f'{"".join(fields)}</div>')


def tables_html(explorer: Explorer, page_id: str) -> str:
    """One table per distinct handout setting (only the default's shown) and the script that switches them."""
    tables = [f'<div class="course-table-variant" data-variant="{number}"{" hidden" if number else ""}>'
              f"{explorer.table_html(**setting)}</div>"
              for number, setting in enumerate(_distinct_settings(explorer))]
    script = SELECT_SCRIPT % {"controls": f"{page_id}-controls", "tables": f"{page_id}-tables",
                              "jump": json.dumps(JUMP)}
    return f'<div class="course-explorer-tables" id="{page_id}-tables" aria-live="polite">{"".join(tables)}</div>{script}'


def _distinct_settings(explorer: Explorer) -> list[dict]:
    """The defaults first, then every handout setting that differs from them."""
    return [{}] + [{name: value} for name, value in _moved(explorer)]


def _moved(explorer: Explorer) -> list[tuple]:
    return [(c.name, value) for c in explorer.controls for value in c.handout_values() if value != c.default]


def _variant_numbers(explorer: Explorer) -> dict[tuple, int]:
    """``{(control, value): table variant}`` in :func:`_distinct_settings` order; every default shows variant 0."""
    numbers = {(c.name, c.default): 0 for c in explorer.controls}
    numbers.update({key: number for number, key in enumerate(_moved(explorer), start=1)})
    return numbers


def _option_label(control, value) -> str:
    if isinstance(control, Dropdown):
        return next(text for text, option in control.options if option == value)
    return f"{format_number(value)} {control.unit}".strip()


# ---------------------------------------------------------------- the figure


def build_handout_figure(explorer: Explorer) -> go.Figure:
    """The explorer's figure with one frame per handout setting; plotly-native controls unless it has a table."""
    base = explorer.figure()
    fig = go.Figure(base)
    shown_figures = {name: base if _at_defaults(explorer, setting) else explorer.figure(**setting)
                     for name, setting in handout_settings(explorer).items()}
    native = not explorer.has_table
    sliders = [_slider(c, i) for i, c in enumerate(_controls_of(explorer, Slider))] if native else []
    menus = [_dropdown(c, i) for i, c in enumerate(_controls_of(explorer, Dropdown))] if native else []
    regular = _regular_x_traces(base, shown_figures)
    for index in regular:
        fig.data[index].update(_x_as_steps(fig.data[index].to_plotly_json(), keep_x_key=True))
    extra_top = DROPDOWN_ROW_PX if menus else 0
    extra_bottom = len(sliders) * SLIDER_BLOCK_PX
    fig.frames = _compact_frames(base, shown_figures, regular, room=(extra_top, extra_bottom))
    fig.update_layout(_grown(base.layout.to_plotly_json(), extra_top, extra_bottom, keys=("margin", "height")))
    fig.update_layout(sliders=sliders, updatemenus=menus)
    note = ONE_AT_A_TIME_NOTE if len(explorer.controls) > 1 else ""
    fig.update_layout(meta={**(base.layout.meta or {}), "summary": summary_of(base) + note, "explorer": explorer.name})
    return fig


def _at_defaults(explorer: Explorer, setting: dict) -> bool:
    """Every control's default position shows the base figure: build it once, not once per control."""
    return all(explorer.control(name).default == value for name, value in setting.items())


def _controls_of(explorer: Explorer, kind) -> list:
    return [c for c in explorer.controls if isinstance(c, kind)]


def _compact_frames(base: go.Figure, shown_figures: dict, regular_x: set = frozenset(), *,
                    room: tuple = (0, 0)) -> list[go.Frame]:
    """Frames holding only what changes: trace and layout properties equal in every frame stay in the base figure.

    Arrays are stored as float32, which is ample for a chart and halves the page size.
    Traces in ``regular_x`` store their evenly spaced x as ``x0``/``dx`` (see :func:`_x_as_steps`).
    A frame's height and margins keep the ``room`` (top, bottom px) the handout's controls take.
    """
    def trace_json(fig):
        return [_x_as_steps(t.to_plotly_json()) if i in regular_x else t.to_plotly_json()
                for i, t in enumerate(fig.data)]

    traces = {name: trace_json(shown) for name, shown in shown_figures.items()}
    all_traces = [trace_json(base), *traces.values()]
    layouts = {name: shown.layout.to_plotly_json() for name, shown in shown_figures.items()}
    all_layouts = [base.layout.to_plotly_json(), *layouts.values()]
    moving_layout = sorted({key for layout in all_layouts for key in layout
                            if key not in UNFRAMED_LAYOUT_KEYS and not _same_everywhere(all_layouts, key)})
    frames = []
    for name in shown_figures:
        data = [{key: _float32(value) for key, value in trace.items()
                 if key == "type" or not _same_everywhere([version[index] for version in all_traces], key)}
                for index, trace in enumerate(traces[name])]
        layout = {key: layouts[name].get(key) for key in moving_layout}
        frames.append(go.Frame(name=name, data=data, layout={**layout, **_grown(layout, *room, keys=moving_layout)}))
    return frames


def _grown(layout: dict, extra_top: int, extra_bottom: int, *, keys) -> dict:
    """``layout``'s margin and height (those of them in ``keys``), grown by the room the handout's controls take."""
    grown = {}
    if "margin" in keys:
        margin = layout.get("margin") or {}
        grown["margin"] = {**margin, "t": (margin.get("t") or 70) + extra_top,
                           "b": (margin.get("b") or 60) + extra_bottom}
    if "height" in keys:
        grown["height"] = (layout.get("height") or 440) + extra_top + extra_bottom
    return grown


def _regular_x_traces(base: go.Figure, shown_figures: dict) -> set[int]:
    """Traces whose x is a long, evenly spaced numeric grid in the base figure and in every frame.

    Plotly can rebuild such an x from its start ``x0`` and step ``dx``, so the page need not
    carry the array (often half of a frame: every trace repeats the same time axis).
    """
    figures = [base, *shown_figures.values()]
    return {index for index, trace in enumerate(base.data)
            if trace.type in REGULAR_X_TRACE_TYPES
            and all(_is_regular_grid(fig.data[index].x) and fig.data[index].y is not None for fig in figures)}


def _is_regular_grid(x) -> bool:
    if x is None:
        return False
    values = np.asarray(x)
    if values.ndim != 1 or values.size < REGULAR_X_MIN_POINTS or values.dtype.kind not in "fiu":
        return False
    values = values.astype(float)
    step = (values[-1] - values[0]) / (values.size - 1)
    grid = values[0] + step * np.arange(values.size)
    return bool(step != 0 and np.allclose(values, grid, rtol=0.0, atol=1e-9 * abs(step)))


def _x_as_steps(trace: dict, *, keep_x_key: bool = False) -> dict:
    """``trace`` with its evenly spaced ``x`` given as ``x0`` and ``dx`` (``x=None`` kept to clear it)."""
    values = np.asarray(trace["x"], dtype=float)
    steps = {"x0": float(values[0]), "dx": float((values[-1] - values[0]) / (values.size - 1))}
    if keep_x_key:
        return {"x": None, **steps}
    return {**{key: value for key, value in trace.items() if key != "x"}, **steps}


def _same_everywhere(versions: list[dict], key: str) -> bool:
    first = versions[0].get(key)
    return all(_equal(first, version.get(key)) for version in versions[1:])


def _equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def _float32(value):
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(np.float32)
    return value


def _slider(control: Slider, index: int) -> dict:
    values = control.handout_values()
    return dict(
        active=values.index(control.default),
        name=control.name,
        currentvalue=dict(prefix=f"{control.label}: ", suffix=f" {control.unit}", font=dict(size=13)),
        pad=dict(t=72 + index * SLIDER_BLOCK_PX, b=10),
        len=1.0, x=0.0, y=0.0, yanchor="top",
        steps=[dict(label=format_number(value), method="animate", args=[[frame_name(control, value)], JUMP])
               for value in values],
    )


def _dropdown(control: Dropdown, index: int) -> dict:
    values = control.handout_values()
    return dict(
        type="dropdown", active=values.index(control.default), direction="down", showactive=True,
        x=0.0 + 0.34 * index, xanchor="left", y=1.0, yanchor="bottom", pad=dict(b=6 + DROPDOWN_ROW_PX // 3),
        buttons=[dict(label=f"{control.label}: {_option_label(control, value)}", method="animate",
                      args=[[frame_name(control, value)], JUMP]) for value in values],
    )
