"""The course chart widget (helpers.activities.chart_widget): plotly.js never in widget state, sent on request,
diffs only.

The browser half (one bundle per page, kernel restart, two notebooks) is driven in a real JupyterLab by
tests/test_jupyterlab.py; here the kernel half is checked without a browser, by recording what the widget sends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import pytest

from conftest import ROOT, explorers
from helpers.activities.chart_widget import CourseChart, bundle_bytes, bundle_kind, changed_paths, figure_json
from helpers.activities.controls import Slider
from helpers.activities.plotlyjs import basic_bundle

WITH_FIGURE = sorted(name for name, explorer in explorers().items() if explorer.has_figure)
# A widget's state as a notebook saves it: well under plotly.js's 1.19 MB (basic) or 4.8 MB (full).
MAX_STATE_BYTES = 250_000
PLOTLY_JS_SIGNATURE = "Copyright 2012-2026, Plotly, Inc."   # the banner at the top of every plotly.js bundle


def recorded(chart: CourseChart) -> list:
    """Replace ``chart.send`` by a recorder; return the list it fills with ``(content, buffers)``."""
    sent = []
    chart.send = lambda content, buffers=None: sent.append((content, buffers))
    return sent


def small_figure(y, width=2, title="a"):
    return go.Figure(go.Scatter(x=np.arange(5.0), y=np.asarray(y, dtype=float), line=dict(color="red", width=width)),
                     layout=dict(title=dict(text=title), xaxis=dict(range=[0, 4]), meta={"summary": "s"}))


@pytest.mark.parametrize("name", WITH_FIGURE)
def test_a_saved_explorer_chart_holds_its_figure_and_no_plotly_js(name):
    chart = explorers()[name].widget().figure_widget
    state = json.dumps(chart.get_state())
    assert len(state) < MAX_STATE_BYTES, f"{name}: {len(state)} bytes of widget state"
    assert PLOTLY_JS_SIGNATURE not in state
    assert chart.bundle == "basic", f"{name}: every course chart is drawn by the basic bundle"


def test_the_bundle_is_sent_only_when_a_page_asks_for_it_as_one_binary_buffer():
    chart = CourseChart(small_figure(np.zeros(5)))
    sent = recorded(chart)
    assert sent == [], "creating a chart sends no plotly.js"
    chart._handle_custom_msg({"type": "bundle-request", "kind": "basic"}, [])
    (content, buffers), = sent
    assert content == {"type": "bundle", "kind": "basic"}
    assert buffers == [basic_bundle().encode("utf-8")]


def test_a_figure_with_a_trace_type_outside_the_basic_bundle_asks_for_the_full_one():
    heatmap = go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]))
    assert bundle_kind(figure_json(heatmap)) == "full"
    assert CourseChart(heatmap).bundle == "full"
    assert len(bundle_bytes("full")) > 3 * len(bundle_bytes("basic"))
    with pytest.raises(ValueError, match="bundle kind"):
        bundle_bytes("tiny")


def test_an_update_sends_only_the_changed_leaves_and_the_kernel_keeps_the_figure_shown():
    chart = CourseChart(small_figure(np.zeros(5)))
    sent = recorded(chart)
    wanted = small_figure(np.ones(5), width=3)
    wanted.update_layout(xaxis_range=[0, 5], meta={"summary": "t"})
    chart.show_figure(wanted)
    (content, buffers), = sent
    assert content["type"] == "update" and buffers is None
    assert content["traces"][0].keys() == {"y", "line.width"}
    assert content["layout"].keys() == {"xaxis.range", "meta.summary"}
    assert list(chart.shown().data[0].y) == [1.0] * 5 and chart.shown().layout.xaxis.range == (0, 5)
    assert chart.figure["layout"]["title"] == {"text": "a"}, "unchanged properties stay"


def test_showing_the_same_figure_again_sends_nothing():
    chart = CourseChart(small_figure(np.zeros(5)))
    sent = recorded(chart)
    chart.show_figure(small_figure(np.zeros(5)))
    assert sent == []


def test_a_builder_that_changes_the_number_of_traces_is_refused():
    chart = CourseChart(small_figure(np.zeros(5)))
    two = small_figure(np.zeros(5)).add_trace(go.Scatter(x=[0], y=[0]))
    with pytest.raises(RuntimeError, match="same traces"):
        chart.show_figure(two)


def test_changed_paths_walks_objects_but_compares_arrays_whole():
    shown = figure_json(small_figure(np.zeros(5)))
    wanted = figure_json(small_figure(np.zeros(5), title="b"))
    assert changed_paths(shown["layout"], wanted["layout"], skip=("template",)) == {"title.text": "b"}
    assert changed_paths({"y": [1, 2]}, {"y": [1, 2, 3]}) == {"y": [1, 2, 3]}
    assert changed_paths({"a": 1}, {"a": 1.0}) == {"a": 1.0}, "a type change is a change"
    assert changed_paths({"a": 1, "b": 2}, {"a": 1}) == {}, "what the new figure does not set is left alone"


def test_a_moved_slider_reaches_the_chart_as_one_small_update():
    explorer = explorers()["single_dose"] if "single_dose" in explorers() else explorers()[WITH_FIGURE[0]]
    live = explorer.widget()
    sent = recorded(live.figure_widget)
    slider = next(c for c in explorer.controls if isinstance(c, Slider))
    live.set(**{slider.name: slider.high})
    assert len(sent) == 1 and sent[0][0]["type"] == "update"
    assert len(json.dumps(sent[0][0])) < len(json.dumps(live.figure_widget.figure))


def test_a_live_lesson_never_loads_plotlys_renderers_nor_nbformat():
    """plotly's FigureWidget and renderers import nbformat -> jsonschema (about a second per kernel); the course
    chart needs neither, for explorers, predictions and static figures alike."""
    code = ("import sys\nfrom helpers.activities.display import setup, show_figure\n"
            "from helpers.activities.predict import predict\n"
            "from helpers.lessons.l00_start_here import firing_practice_explorer\n"
            "from helpers.figures.course_map import course_map_figure\n"
            "setup()\nfiring_practice_explorer().show()\nshow_figure(course_map_figure(highlight='00'))\n"
            "print(sorted({'nbformat', 'jsonschema', 'plotly.io._renderers'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "COURSE_HANDOUT": "0"})
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_static_figure_is_shown_live_as_a_course_chart(monkeypatch):
    from helpers.activities import base, display as display_module

    shown = []
    monkeypatch.setenv("COURSE_HANDOUT", "0")
    monkeypatch.setattr(display_module, "display", shown.append)
    monkeypatch.setattr(base, "display", shown.append)   # the figure's view, chosen by Activity.show
    display_module.show_figure(small_figure(np.zeros(5)))
    assert isinstance(shown[0], CourseChart) and "Figure summary" in shown[1].data
