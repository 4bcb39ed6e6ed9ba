"""The handout view of an explorer: a kernel-free plotly figure.

Each :class:`Slider` becomes a plotly-native slider, each :class:`Dropdown` a
plotly dropdown menu. Every position is a precomputed frame in which that one
control takes the shown value and the others stay at their defaults (a note on
the figure says so). The page needs no kernel and no network.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from helpers.explorers.core import Dropdown, Explorer, Slider, SLIDER_BLOCK_PX, DROPDOWN_ROW_PX
from helpers.figures.theme import summary_of

FRAME_LAYOUT_KEYS = ("annotations", "shapes", "title")
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
    fig.frames = _compact_frames(base, shown_figures)
    _make_room(fig, n_sliders=len(sliders), n_menus=len(menus))
    fig.update_layout(sliders=sliders, updatemenus=menus)
    note = " In this handout each control moves alone; the others stay at their defaults." if len(explorer.controls) > 1 else ""
    fig.update_layout(meta={"summary": summary_of(base) + note, "explorer": explorer.name})
    return fig


def _compact_frames(base: go.Figure, shown_figures: dict) -> list[go.Frame]:
    """Frames holding only what changes: trace properties equal in every frame stay in the base figure.

    Arrays are stored as float32, which is ample for a chart and halves the page size.
    """
    traces = {name: [t.to_plotly_json() for t in shown.data] for name, shown in shown_figures.items()}
    all_versions = [[t.to_plotly_json() for t in base.data], *traces.values()]
    frames = []
    for name, shown in shown_figures.items():
        data = []
        for index, trace in enumerate(traces[name]):
            changing = {key: _float32(value) for key, value in trace.items()
                        if key == "type" or not _same_everywhere(all_versions, index, key)}
            data.append(changing)
        frames.append(go.Frame(name=name, data=data, layout={k: shown.layout[k] for k in FRAME_LAYOUT_KEYS}))
    return frames


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
        steps=[dict(label=f"{value:.3g}", method="animate", args=[[name], JUMP]) for value, name in steps],
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
