"""The live view of an explorer: ipywidgets controls driving a ``go.FigureWidget``.

Data flows one way: control value -> ``Explorer.build`` (model -> figure) -> the
FigureWidget's traces, updated in place inside one ``batch_update``. A bad value
shows a short message under the chart instead of a traceback.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.explorers.core import Dropdown, Explorer, Slider
from helpers.figures.theme import summary_of

# Layout keys a builder may change with the controls (titles, annotations, shapes, axis ranges).
UPDATABLE_LAYOUT_KEYS = ("annotations", "shapes", "title")


class LiveExplorer:
    """ipywidgets + FigureWidget for one :class:`Explorer`.

    ``view`` is the widget to display; ``set(**values)`` moves controls from code
    (tests and benchmarks use it, exactly as a learner's slider would).
    """

    def __init__(self, explorer: Explorer):
        self.explorer = explorer
        self.controls = {c.name: _make_control(c) for c in explorer.controls}
        first = explorer.figure()
        self.figure_widget = go.FigureWidget(first)
        self.summary = widgets.HTML(_summary_markup(first))
        self.status = widgets.HTML("")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        header = widgets.HTML(f"<b>Interactive demo: {html.escape(explorer.title)}</b>"
                              + (f"<br>{html.escape(explorer.description)}" if explorer.description else ""))
        self.view = widgets.VBox([header, *self.controls.values(), self.figure_widget, self.summary, self.status],
                                 layout=widgets.Layout(width="100%"))

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values) -> None:
        """Move one or more controls, as a learner would; the figure redraws once per control."""
        for name, value in values.items():
            if name not in self.controls:
                self.explorer.control(name)  # raises ValueError naming the controls
            self.controls[name].value = value

    def _on_change(self, _change=None) -> None:
        try:
            fig = self.explorer.figure(**self.values)
        except ValueError as error:
            self.status.value = f'<span style="color:#a40000">⚠ {html.escape(str(error))}</span>'
            return
        self.status.value = ""
        _copy_into(self.figure_widget, fig)
        self.summary.value = _summary_markup(fig)


def _copy_into(target: go.FigureWidget, source: go.Figure) -> None:
    if len(target.data) != len(source.data):
        raise RuntimeError("an explorer's builder must return the same traces for every setting")
    with target.batch_update():
        for old, new in zip(target.data, source.data):
            old.update(new.to_plotly_json(), overwrite=True)
        for key in UPDATABLE_LAYOUT_KEYS:
            target.layout[key] = source.layout[key]
        for axis in [k for k in source.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
            target.layout[axis].range = source.layout[axis].range


def _make_control(control):
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="min(560px, 100%)")
    label = f"{control.label} ({control.unit})" if control.unit else control.label
    if isinstance(control, Dropdown):
        return widgets.Dropdown(options=list(control.options), value=control.default, description=label,
                                style=style, layout=layout)
    if isinstance(control, Slider) and control.scale == "log":
        return widgets.FloatLogSlider(value=control.default, base=10, min=math.log10(control.low),
                                      max=math.log10(control.high), step=control.step, description=label,
                                      style=style, layout=layout, continuous_update=True, readout_format=".3g")
    return widgets.FloatSlider(value=control.default, min=control.low, max=control.high, step=control.step,
                               description=label, style=style, layout=layout, continuous_update=True,
                               readout_format=".3g")


def _summary_markup(fig: go.Figure) -> str:
    return f'<p class="figure-summary"><b>Figure summary:</b> {html.escape(summary_of(fig))}</p>'
