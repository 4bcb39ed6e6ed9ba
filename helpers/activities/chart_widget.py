"""The course's live chart: an anywidget that draws one plotly figure and sends plotly.js once per page.

``go.FigureWidget`` carries plotly's whole JavaScript bundle (about 5 MB) in the state of every widget, so a
lesson's Run All sent 15-21 MB through the kernel's websocket and a notebook saved with widget state grew by
megabytes per explorer. :class:`CourseChart` holds only the figure (plotly JSON, arrays base64-encoded) and a
small ES module (``chart_widget.js``). The bundle travels once per browser page:

1. the first chart drawn on a page finds no plotly.js there and sends its kernel a ``bundle-request``;
2. the kernel answers with the script as one binary buffer: the course's basic bundle
   (:mod:`helpers.activities.plotlyjs`, 1.19 MB) when every trace type fits it, else plotly's full bundle;
3. the module runs the script once and keeps the library in a promise on ``globalThis``: every other chart on
   the page, in any notebook open in the same JupyterLab (or Notebook 7) page, before or after a kernel
   restart, draws with it and asks for nothing.

Nothing is fetched beyond the Jupyter server's websocket (offline, and on a JupyterHub), and the bundle is
never part of the widget state. :meth:`CourseChart.show_figure` sends the browser only the properties that
differ from the figure shown (``"y"``, ``"line.color"``, ``"xaxis.range"``), as one custom message.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from pathlib import Path

import anywidget
import numpy as np
import plotly.graph_objects as go
import traitlets

from helpers.activities import plotlyjs

ESM_PATH = Path(__file__).with_name("chart_widget.js")
# The course theme: the same for every setting, so never compared or re-sent.
IGNORED_LAYOUT_KEYS = ("template",)
# plotly.js options for every live chart: no plotly logo link (the page stays offline).
CHART_CONFIG = {"displaylogo": False}


class CourseChart(anywidget.AnyWidget):
    """One plotly chart in JupyterLab or Notebook 7, e.g. ``CourseChart(fig)``; ``show_figure(new_fig)`` redraws it.

    ``figure`` is the figure shown, as plotly JSON (``{"data": [...], "layout": {...}}``); ``bundle`` names the
    plotly.js it needs (``"basic"`` or ``"full"``). Both are widget state; plotly.js itself never is.
    """

    _esm = ESM_PATH.read_text(encoding="utf-8")
    figure = traitlets.Dict().tag(sync=True)
    bundle = traitlets.Unicode("basic").tag(sync=True)
    config = traitlets.Dict(CHART_CONFIG).tag(sync=True)

    def __init__(self, fig, **kwargs):
        shown = figure_json(fig)
        super().__init__(figure=shown, bundle=bundle_kind(shown), **kwargs)
        self.on_msg(_answer_bundle_request)

    def show_figure(self, fig) -> None:
        """Show ``fig`` (a ``go.Figure`` with the same traces, in the same order) in place of the current figure.

        Only what differs is sent (see :func:`changed_paths`); properties ``fig`` does not set are left as shown.
        """
        wanted = figure_json(fig)
        shown = self.figure
        if len(shown["data"]) != len(wanted["data"]):
            raise RuntimeError("an explorer's builder must return the same traces for every setting")
        traces = [changed_paths(old, new) for old, new in zip(shown["data"], wanted["data"])]
        layout = changed_paths(shown["layout"], wanted["layout"], skip=IGNORED_LAYOUT_KEYS)
        if not any(traces) and not layout:
            return
        self.send({"type": "update", "traces": traces, "layout": layout})
        updated = {"data": [_with_changes(old, changes) for old, changes in zip(shown["data"], traces)],
                   "layout": _with_changes(shown["layout"], layout)}
        # The browser applied the update itself (chart_widget.js): record the figure without sending it again.
        with self._lock_property(figure=updated):
            self.figure = updated

    def shown(self) -> go.Figure:
        """The figure the chart holds, as a ``go.Figure`` with its arrays decoded (for tests and checks)."""
        return go.Figure(_decoded_arrays(self.figure))


def figure_json(fig) -> dict:
    """``fig`` as plotly JSON: plain dicts and lists, numeric arrays as ``{"dtype", "bdata"}`` (base64)."""
    return json.loads(fig.to_json(validate=False))


def bundle_kind(figure: dict) -> str:
    """``"basic"`` when the course's basic plotly.js draws every trace of ``figure`` (plotly JSON), else ``"full"``."""
    return plotlyjs.bundle_kind(trace.get("type", "scatter") for trace in figure["data"])


@lru_cache(maxsize=2)
def bundle_bytes(kind: str) -> bytes:
    """The plotly.js script of ``kind`` (``"basic"``: the course's 1.19 MB bundle; ``"full"``: plotly's own)."""
    return plotlyjs.bundle_script(kind).encode("utf-8")


def _answer_bundle_request(chart: CourseChart, content: dict, _buffers) -> None:
    """Answer a page's ``bundle-request`` (sent once per page, by its first chart) with the script as a buffer."""
    if isinstance(content, dict) and content.get("type") == "bundle-request":
        kind = content.get("kind")
        chart.send({"type": "bundle", "kind": kind}, buffers=[bundle_bytes(kind)])


def changed_paths(shown: dict, wanted: dict, *, skip=(), prefix: str = "") -> dict:
    """``{"a.b": value}`` for every property in ``wanted`` (plotly JSON) whose value differs from ``shown``'s.

    Nested objects (``line``, ``xaxis``) are walked down to their leaves; arrays (``{"dtype", "bdata"}`` or
    lists) are compared whole. Properties only ``shown`` has are left out (they stay as they are).
    """
    changes = {}
    for key, value in wanted.items():
        if key in skip:
            continue
        current = shown.get(key)
        if _is_object(value) and _is_object(current):
            changes.update(changed_paths(current, value, prefix=f"{prefix}{key}."))
        elif current != value or type(current) is not type(value):
            changes[prefix + key] = value
    return changes


def _is_object(value) -> bool:
    """A nested plotly object (``line``, ``xaxis``), not an encoded array."""
    return isinstance(value, dict) and "bdata" not in value


def _with_changes(target: dict, changes: dict) -> dict:
    """A copy of ``target`` with each ``"a.b"`` path of ``changes`` set (untouched branches are shared)."""
    result = dict(target)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = result
        for key in parents:
            node[key] = dict(node.get(key) or {})
            node = node[key]
        node[last] = value
    return result


def _decoded_arrays(value):
    """``value`` (plotly JSON) with every ``{"dtype", "bdata"[, "shape"]}`` array decoded to a numpy array."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]).newbyteorder("<"))
        return array.reshape([int(n) for n in str(value["shape"]).split(",")]) if "shape" in value else array
    if isinstance(value, dict):
        return {key: _decoded_arrays(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded_arrays(item) for item in value]
    return value
