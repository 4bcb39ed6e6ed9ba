"""The live view of an explorer: ipywidgets controls driving a course chart and/or an HTML table.

Data flows one way: control values -> the explorer's outputs (model -> figure, table -> HTML) ->
the chart (:class:`~helpers.activities.chart_widget.CourseChart`: only the changed properties are sent,
and plotly.js travels once per browser page) and the table widget's HTML. A bad value shows a short
message under the outputs instead of a traceback.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from helpers.activities.chart_widget import CourseChart
from helpers.activities.declaration import Declaration
from helpers.activities.controls import Dropdown, Slider
from helpers.figures.compose import summary_of
from helpers.theme import FEEDBACK_COLOURS



class LiveExplorer:
    """ipywidgets controls over a :class:`CourseChart` and/or a table for one :class:`Declaration`.

    ``view`` is the widget to display; ``set(**values)`` moves controls from code
    (tests and benchmarks use it, exactly as a learner's control would). ``figure_widget``
    and ``summary`` are None without a figure output, ``table`` (an ``ipywidgets.HTML``) without a table.
    """

    def __init__(self, explorer: Declaration):
        self.explorer = explorer
        self.controls = {c.name: _make_control(c) for c in explorer.controls}
        self.figure_widget = self.summary = self.table = None
        outputs = []
        if explorer.has_figure:
            first = explorer.figure()
            self.figure_widget = CourseChart(first)
            self.summary = widgets.HTML(_summary_markup(first))
            outputs += [self.figure_widget, self.summary]
        if explorer.has_table:
            self.table = widgets.HTML(explorer.table_html())
            self.table.add_class("course-explorer-table")
            outputs.append(self.table)
        self.status = widgets.HTML("")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        header = widgets.HTML(f"<b>Interactive demo: {html.escape(explorer.title)}</b>"
                              + (f"<br>{html.escape(explorer.description)}" if explorer.description else ""))
        self.view = widgets.VBox([header, *self.controls.values(), *outputs, self.status],
                                 layout=widgets.Layout(width="100%"))
        # Browser tests (tests/test_jupyterlab.py) find each explorer in the page by these classes.
        self.view.add_class("course-explorer")
        self.view.add_class(f"course-explorer--{explorer.name}")

    @property
    def values(self) -> dict:
        """The controls' current settings, snapped to each slider's grid."""
        return {name: self.explorer.control(name).snap(widget.value) for name, widget in self.controls.items()}

    def set(self, **values) -> None:
        """Move one or more controls, as a learner would; the figure redraws once per control."""
        for name, value in values.items():
            if name not in self.controls:
                self.explorer.control(name)  # raises ValueError naming the controls
            self.controls[name].value = value

    def _on_change(self, _change=None) -> None:
        try:
            outputs = self.explorer.outputs(**self.values)
        except ValueError as error:
            self.status.value = f'<span style="color:{FEEDBACK_COLOURS["wrong"]}">⚠ {html.escape(str(error))}</span>'
            return
        self.status.value = ""
        if "figure" in outputs:
            self.figure_widget.show_figure(outputs["figure"])
            self.summary.value = _summary_markup(outputs["figure"])
        if "table" in outputs:
            self.table.value = outputs["table"]


def _make_control(control):
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="min(560px, 100%)")
    label = f"{control.label} ({control.unit})" if control.unit else control.label
    if isinstance(control, Dropdown):
        return widgets.Dropdown(options=list(control.options), value=control.default, description=label,
                                style=style, layout=layout)
    if control.whole_numbers:
        return widgets.IntSlider(value=int(control.default), min=int(control.low), max=int(control.high),
                                 step=int(control.step), description=label, style=style, layout=layout,
                                 continuous_update=True)
    return widgets.FloatSlider(value=control.default, min=control.low, max=control.high, step=control.step,
                               description=label, style=style, layout=layout, continuous_update=True,
                               readout_format=_readout(control))


def _readout(control: Slider) -> str:
    """d3 format of the slider's reading: whole numbers from 1000 up (not 1.00e+3), else 3 significant figures."""
    return ".0f" if control.high >= 1000 else ".3g"


def _summary_markup(fig) -> str:
    return f'<p class="figure-summary"><b>Figure summary:</b> {html.escape(summary_of(fig))}</p>'
