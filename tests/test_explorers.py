"""Every registered explorer, driven headless exactly as a learner would drive it, live and in a handout.

Discovered automatically: a new lesson's explorers (figure, table or both) are covered without new test code.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re

import numpy as np
import pytest

from conftest import explorers
from helpers.activities.explorer import Dropdown, Slider, Table
from helpers.activities.handout import QUANTISED_LEVELS, explorer_html, handout_settings, together_names
from helpers.figures.compose import summary_of

WITH_FIGURE = sorted(name for name, e in explorers().items() if e.has_figure)
WITH_TABLE = sorted(name for name, e in explorers().items() if e.has_table)
# Each control moved away from its default to its min and max (or to each other option).
MOVES = [(name, control.name, value)
         for name, explorer in explorers().items()
         for control in explorer.controls
         for value in control.sample_points if value != control.default]
NOT_IN_FRAMES = ("meta", "template", "autosize")  # the summary is printed; the theme never moves; charts fit the page


def _numeric_arrays(fig):
    for trace in fig.data:
        for key in ("x", "y", "z"):
            values = getattr(trace, key, None)
            if values is None:
                continue
            array = np.asarray(values)
            if array.dtype.kind in "fiu":
                yield f"{trace.name}.{key}", array.astype(float)


def _data_signature(fig):
    return [(k, a.round(9).tobytes()) for k, a in _numeric_arrays(fig)]


def _row_labels(markup: str) -> list[str]:
    """The row headers of an HTML table, in order."""
    return re.findall(r'<th\b[^>]*scope="row"[^>]*>(.*?)</th>', markup, re.S)


def _caption(markup: str) -> str:
    return re.search(r"<caption>(.*?)</caption>", markup, re.S).group(1)


def _outputs_signature(explorer, **values):
    outputs = explorer.outputs(**values)
    figure = _data_signature(outputs["figure"]) if "figure" in outputs else None
    table = (_row_labels(outputs["table"]), _caption(outputs["table"])) if "table" in outputs else None
    return figure, table


def _assert_live_shows(live, explorer, **values):
    assert live.status.value == "", f"the explorer reported an error: {live.status.value}"
    if explorer.has_figure:
        got = dict(_numeric_arrays(live.figure_widget.shown()))
        for key, array in _numeric_arrays(explorer.figure(**values)):
            assert np.all(np.isfinite(got[key])), f"{key} holds non-finite numbers"
            assert np.allclose(got[key], array, equal_nan=False), f"{key} does not show the model's values"
    if explorer.has_table:
        expected = explorer.table_html(**values)
        assert _row_labels(live.table.value) == _row_labels(expected)
        assert _caption(live.table.value) == _caption(expected)


def test_every_lesson_table_and_the_claims_browser_are_registered_explorers():
    assert {"benzodiazepine_table", "drug_class_table", "article_claims"} <= set(WITH_TABLE)
    assert "article_claims" in WITH_FIGURE, "lesson 07's chart and table share one set of dropdowns"


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_the_live_view_starts_at_the_defaults(explorer_name):
    explorer = explorers()[explorer_name]
    live = explorer.widget()
    assert live.values == explorer.defaults
    _assert_live_shows(live, explorer)


@pytest.mark.parametrize("explorer_name, control_name, value", MOVES)
def test_each_control_moved_to_min_or_max_updates_every_live_output(explorer_name, control_name, value):
    explorer = explorers()[explorer_name]
    live = explorer.widget()
    live.set(**{control_name: value})
    _assert_live_shows(live, explorer, **{control_name: value})


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_moving_each_control_changes_what_the_explorer_shows(explorer_name):
    explorer = explorers()[explorer_name]
    default = _outputs_signature(explorer)
    for control in explorer.controls:
        others = [v for v in control.sample_points if v != control.default]
        assert any(_outputs_signature(explorer, **{control.name: v}) != default for v in others), (
            f"moving {control.name} never changes the chart or the table")


@pytest.mark.parametrize("explorer_name", WITH_FIGURE)
def test_explorer_figures_have_titles_axis_units_and_a_summary(explorer_name):
    fig = explorers()[explorer_name].figure()
    assert fig.layout.title.text
    assert summary_of(fig).endswith("."), "a one-sentence summary for screen readers"
    axis_titles = [axis.title.text for axis in fig.select_xaxes()] + [axis.title.text for axis in fig.select_yaxes()]
    visible = [t for t in axis_titles if t is not None]
    assert visible and all("(" in t for t in visible), f"axis titles need units in brackets: {visible}"


@pytest.mark.parametrize("explorer_name", WITH_TABLE)
def test_explorer_tables_have_a_caption_and_header_scopes_at_every_handout_setting(explorer_name):
    explorer = explorers()[explorer_name]
    for setting in handout_settings(explorer).values():
        markup = explorer.table_html(**setting)
        assert _caption(markup).strip(), setting
        header_cells = re.findall(r"<th\b[^>]*>", markup)
        assert header_cells and all(" scope=" in cell for cell in header_cells), setting
        assert f'scope="col" >{explorer.table.row_header}</th>' in markup, "the corner names the row headers"
        assert len(_row_labels(markup)) == len(explorer.table.build(**explorer.settings(**setting)).data)


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_handout_has_one_labelled_native_control_per_control_and_a_frame_per_setting(explorer_name):
    explorer = explorers()[explorer_name]
    page = explorer_html(explorer, "page")
    for control in explorer.controls:
        label = f"{control.label} ({control.unit})" if isinstance(control, Slider) and control.unit else control.label
        tag = "select" if isinstance(control, Dropdown) else 'input type="range"'
        assert re.search(rf'<label for="page-{control.name}">{re.escape(html.escape(label))}</label> <{tag} '
                         rf'id="page-{control.name}"', page), f"no labelled native control for {control.name}"
    spec = _spec(page)
    settings = handout_settings(explorer)
    assert list(spec["frames"]) == (list(settings) if explorer.has_figure else [])
    assert set(spec["tables"]) == (set(settings) if explorer.has_table else set())
    assert "<script" in page and " src=" not in page, "an inline script, nothing loaded from outside"


def _spec(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" class="course-frames">(.*?)</script>', page,
                                re.S).group(1).replace("<\\/", "</"))


def test_a_declared_combination_precomputes_every_combination_and_the_rest_alone():
    explorer = explorers()["chronic_regimen"]
    settings = handout_settings(explorer).values()
    drugs, intervals = (explorer.control(n).handout_values() for n in ("drug", "interval_h"))
    combined = {(s["drug"], s["interval_h"]) for s in settings if s["diazepam_eq_mg"] == explorer.defaults[
        "diazepam_eq_mg"] and s["weeks"] == explorer.defaults["weeks"]}
    assert combined == {(d, i) for d in drugs for i in intervals}
    alone = [s for s in settings if s["diazepam_eq_mg"] != explorer.defaults["diazepam_eq_mg"]]
    assert alone and all(s["drug"] == explorer.defaults["drug"] for s in alone)
    assert "work together" in explorer_html(explorer, "page")


def test_the_one_at_a_time_note_is_gone_where_every_control_works_together():
    claims = explorer_html(explorers()["article_claims"], "page")
    assert together_names(explorers()["article_claims"]) == ("verdict", "evidence")
    assert "moves alone" not in claims and "moves alone" in explorer_html(explorers()["gaba_neuron"], "page")


# ---------------------------------------------------------------- handout frames, decoded


def _merge(shown: dict, change: dict) -> None:
    """Apply a frame to what the chart shows, as plotly.js animate does: nested objects merge, the rest replaces."""
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(shown.get(key), dict):
            _merge(shown[key], value)
        else:
            shown[key] = copy.deepcopy(value)


def _decoded(value, pool):
    """A frame's value with its pooled arrays written out, as the page's script decodes them."""
    if isinstance(value, list):
        return [_decoded(v, pool) for v in value]
    if not isinstance(value, dict):
        return value
    if "$" in value:
        entry = pool[value["$"]]
        if not isinstance(entry, dict):
            return entry
        steps = np.frombuffer(base64.b64decode(entry["q"]), dtype="<u2").astype(float)
        values = entry["lo"] + steps * (entry["hi"] - entry["lo"]) / QUANTISED_LEVELS
        return np.where(steps > QUANTISED_LEVELS, np.nan, values)
    return {k: _decoded(v, pool) for k, v in value.items()}


def _shown_at_each_frame(explorer):
    """``(key, traces, layout)`` as the page shows them after jumping to each frame in turn."""
    fig = explorer.handout_figure()
    spec = _spec(explorer_html(explorer, "page"))
    traces = [trace.to_plotly_json() for trace in fig.data]
    layout = fig.layout.to_plotly_json()
    for key, frame in spec["frames"].items():
        for trace, change in zip(traces, _decoded(frame["data"], spec["pool"]), strict=True):
            _merge(trace, change)
        _merge(layout, _decoded(frame["layout"], spec["pool"]))
        yield key, [_with_x_rebuilt(t) for t in traces], copy.deepcopy(layout)


def _with_x_rebuilt(trace: dict) -> dict:
    """A trace whose x the page stores as ``x0``/``dx``, with that x written out again."""
    trace = copy.deepcopy(trace)
    if "x0" in trace and trace.get("x") is None:
        x0, dx = trace.pop("x0"), trace.pop("dx")
        trace.pop("x", None)
        trace["x"] = x0 + dx * np.arange(len(trace["y"]))
    return trace


def _close(got, want, where: str) -> None:
    """Equal, with long float arrays compared as the page's 16-bit steps keep them (1e-4 of their range)."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and got.keys() == want.keys(), f"{where}: keys {sorted(got)} != {sorted(want)}"
        for key in want:
            _close(got[key], want[key], f"{where}.{key}")
        return
    if isinstance(want, (list, tuple, np.ndarray)):
        got_array, want_array = np.asarray(got), np.asarray(want)
        if want_array.dtype.kind in "fiu" and got_array.dtype.kind in "fiuO":
            got_array = np.asarray([np.nan if v is None else v for v in got_array.ravel()], dtype=float).reshape(
                got_array.shape) if got_array.dtype.kind == "O" else got_array.astype(float)
            assert got_array.shape == want_array.shape, f"{where}: shape {got_array.shape} != {want_array.shape}"
            finite = want_array[np.isfinite(want_array)] if want_array.size else want_array
            span = float(np.ptp(finite)) if finite.size else 0.0
            scale = np.nanmax(np.abs(want_array)) if finite.size else 0.0
            assert np.allclose(got_array, want_array, rtol=1e-6, atol=1e-4 * span + 1e-9 * scale, equal_nan=True), where
            return
        assert len(got) == len(want), f"{where}: {len(got)} items != {len(want)}"
        for index, (a, b) in enumerate(zip(got, want)):
            _close(a, b, f"{where}[{index}]")
        return
    if isinstance(want, float) and isinstance(got, (int, float)):
        assert np.isclose(got, want, rtol=1e-6), f"{where}: {got} != {want}"
        return
    assert got == want, f"{where}: {got!r} != {want!r}"


@pytest.mark.parametrize("explorer_name", WITH_FIGURE)
def test_handout_frames_equal_the_explorer_figure_at_every_setting(explorer_name):
    """Frames after compaction (shared, 16-bit arrays, x as x0/dx, keys equal in every frame left in the base
    figure), decoded and played one after another as the page does, show what ``explorer.figure(**setting)`` shows."""
    explorer = explorers()[explorer_name]
    settings = handout_settings(explorer)
    for key, traces, layout in _shown_at_each_frame(explorer):
        expected = explorer.figure(**settings[key])
        for index, (got, want) in enumerate(zip(traces, expected.data, strict=True)):
            _close(got, want.to_plotly_json(), f"{key}: trace {index}")
        want_layout = expected.layout.to_plotly_json()
        for name in (set(layout) | set(want_layout)) - set(NOT_IN_FRAMES):
            _close(layout.get(name), want_layout.get(name), f"{key}: layout.{name}")


# ---------------------------------------------------------------- handout tables


@pytest.mark.parametrize("explorer_name", WITH_TABLE)
def test_handout_tables_follow_the_native_selects_one_table_per_setting(explorer_name):
    explorer = explorers()[explorer_name]
    page = explorer_html(explorer, "page")
    variants = dict(re.findall(r'<div class="course-table-variant" data-variant="(\d+)"[^>]*>(.*?)</div>', page, re.S))
    assert re.findall(r'data-variant="(\d+)" hidden', page) == [v for v in variants if v != "0"], (
        "only the defaults' table shows before a choice (and in print)")
    spec = _spec(page)
    for key, setting in handout_settings(explorer).items():
        expected = explorer.table_html(**setting)
        shown = variants[str(spec["tables"][key])]
        assert _row_labels(shown) == _row_labels(expected), key
        assert _caption(shown) == _caption(expected), key


# ---------------------------------------------------------------- errors


def _refuse(**_values):
    raise ValueError("dose_mg must be in [0, 100]; got -1")


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_a_bad_value_shows_a_message_not_a_traceback(explorer_name, monkeypatch):
    explorer = explorers()[explorer_name]
    live = explorer.widget()
    if explorer.has_figure:
        monkeypatch.setattr(explorer, "build", _refuse)
    if explorer.has_table:
        monkeypatch.setattr(explorer, "table", Table(_refuse, explorer.table.row_header))
    control = explorer.controls[0]
    other = next(v for v in control.sample_points if v != live.values[control.name])
    live.set(**{control.name: other})
    assert "dose_mg must be in [0, 100]" in live.status.value


def _model_parameters() -> dict:
    """Every ``Parameter`` the model modules declare, by name (two declarations of one name are an error)."""
    import importlib
    import pkgutil

    import helpers.models
    from helpers.validation import Parameter
    found = {}
    for module_info in pkgutil.iter_modules(helpers.models.__path__):
        module = importlib.import_module(f"helpers.models.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, Parameter):   # one imported from another model is the same object
                assert found.get(value.name, value) is value, f"two declarations of {value.name}"
                found[value.name] = value
    return found


def test_every_slider_is_a_declared_parameter_with_its_teaching_range_step_and_unit():
    """No slider types its own range: each one is ``slider(parameter)`` of a model ``Parameter``."""
    parameters = _model_parameters()
    for name, explorer in explorers().items():
        for control in explorer.controls:
            if isinstance(control, Slider):
                parameter = parameters.get(control.name)
                assert parameter is not None, f"{name}: slider {control.name} has no Parameter in helpers.models"
                assert (control.low, control.high, control.step) == tuple(parameter.teaching), (name, control.name)
                assert control.unit == parameter.unit and parameter.low <= control.default <= parameter.high
