"""The handout view of an explorer: a kernel-free plotly figure.

Each :class:`Slider` becomes a plotly-native slider, each :class:`Dropdown` a
plotly dropdown menu. Every position is a precomputed frame in which that one
control takes the shown value and the others stay at their defaults (a note on
the figure says so). The page needs no kernel and no network.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from helpers.explorers.core import DROPDOWN_ROW_PX, SLIDER_BLOCK_PX, Dropdown, Explorer, Slider, format_number
from helpers.figures.theme import summary_of

FRAME_LAYOUT_KEYS = ("annotations", "shapes", "title")
REGULAR_X_TRACE_TYPES = ("scatter", "scattergl", "bar")
REGULAR_X_MIN_POINTS = 50   # shorter arrays cost less than the check is worth
JUMP = {"frame": {"duration": 0, "redraw": True}, "mode": "immediate", "transition": {"duration": 0}}


def frame_name(control, value) -> str:
    """The frame that shows ``control`` at ``value`` (others at their defaults)."""
    return f"{control.name}={value}"


def build_handout_figure(explorer: Explorer) -> go.Figure:
    base = explorer.figure()
    fig = go.Figure(base)
    shown_figures, sliders, menus = {}, [], []
    for control in explorer.controls:
        steps = []
        for value in control.handout_values():
            # Every control's default position shows the base figure: build it once, not once per control.
            shown = base if value == control.default else explorer.figure(**{control.name: value})
            shown_figures[frame_name(control, value)] = shown
            steps.append((value, frame_name(control, value)))
        if isinstance(control, Slider):
            sliders.append(_slider(control, steps, len(sliders)))
        else:
            menus.append(_dropdown(control, steps, len(menus)))
    regular = _regular_x_traces(base, shown_figures)
    for index in regular:
        fig.data[index].update(_x_as_steps(fig.data[index].to_plotly_json(), keep_x_key=True))
    fig.frames = _compact_frames(base, shown_figures, regular)
    _make_room(fig, n_sliders=len(sliders), n_menus=len(menus))
    fig.update_layout(sliders=sliders, updatemenus=menus)
    note = " In this handout each control moves alone; the others stay at their defaults." if len(explorer.controls) > 1 else ""
    fig.update_layout(meta={**(base.layout.meta or {}), "summary": summary_of(base) + note, "explorer": explorer.name})
    return fig


def _compact_frames(base: go.Figure, shown_figures: dict, regular_x: set = frozenset()) -> list[go.Frame]:
    """Frames holding only what changes: trace properties equal in every frame stay in the base figure.

    Arrays are stored as float32, which is ample for a chart and halves the page size.
    Traces in ``regular_x`` store their evenly spaced x as ``x0``/``dx`` (see :func:`_x_as_steps`).
    """
    def trace_json(fig):
        return [_x_as_steps(t.to_plotly_json()) if i in regular_x else t.to_plotly_json()
                for i, t in enumerate(fig.data)]

    traces = {name: trace_json(shown) for name, shown in shown_figures.items()}
    all_versions = [trace_json(base), *traces.values()]
    frames = []
    for name, shown in shown_figures.items():
        data = []
        for index, trace in enumerate(traces[name]):
            changing = {key: _float32(value) for key, value in trace.items()
                        if key == "type" or not _same_everywhere(all_versions, index, key)}
            data.append(changing)
        frames.append(go.Frame(name=name, data=data, layout={k: shown.layout[k] for k in FRAME_LAYOUT_KEYS}))
    return frames


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


def _same_everywhere(versions, index: int, key: str) -> bool:
    first = versions[0][index].get(key)
    return all(_equal(first, version[index].get(key)) for version in versions[1:])


def _equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def _float32(value):
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(np.float32)
    return value


def _slider(control: Slider, steps, index: int) -> dict:
    active = [value for value, _ in steps].index(control.default)
    return dict(
        active=active,
        name=control.name,
        currentvalue=dict(prefix=f"{control.label}: ", suffix=f" {control.unit}", font=dict(size=13)),
        pad=dict(t=72 + index * SLIDER_BLOCK_PX, b=10),
        len=1.0, x=0.0, y=0.0, yanchor="top",
        steps=[dict(label=format_number(value), method="animate", args=[[name], JUMP]) for value, name in steps],
    )


def _dropdown(control: Dropdown, steps, index: int) -> dict:
    labels = dict((value, text) for text, value in control.options)
    active = [value for value, _ in steps].index(control.default)
    return dict(
        type="dropdown", active=active, direction="down", showactive=True,
        x=0.0 + 0.34 * index, xanchor="left", y=1.0, yanchor="bottom", pad=dict(b=6 + DROPDOWN_ROW_PX // 3),
        buttons=[dict(label=f"{control.label}: {labels[value]}", method="animate", args=[[name], JUMP])
                 for value, name in steps],
    )


def _make_room(fig: go.Figure, *, n_sliders: int, n_menus: int) -> None:
    margin = fig.layout.margin
    bottom = (margin.b or 60) + n_sliders * SLIDER_BLOCK_PX
    top = (margin.t or 70) + (DROPDOWN_ROW_PX if n_menus else 0)
    height = (fig.layout.height or 440) + n_sliders * SLIDER_BLOCK_PX + (DROPDOWN_ROW_PX if n_menus else 0)
    fig.update_layout(margin=dict(b=bottom, t=top), height=height)
