"""Every registered explorer, driven headless exactly as a learner would drive it.

Discovered automatically: a new lesson's explorers are covered without new test code.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.explorers import all_explorers
from helpers.explorers.core import Dropdown, Slider
from helpers.figures.theme import summary_of

EXPLORERS = all_explorers()
CASES = [(name, control.name, value)
         for name, explorer in EXPLORERS.items()
         for control in explorer.controls
         for value in control.sample_points]


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


@pytest.mark.parametrize("explorer_name, control_name, value", CASES)
def test_each_control_at_min_default_max_updates_the_live_figure(explorer_name, control_name, value):
    live = EXPLORERS[explorer_name].widget()
    expected = EXPLORERS[explorer_name].figure(**{control_name: value})
    live.set(**{control_name: value})
    assert live.status.value == "", f"the explorer reported an error: {live.status.value}"
    got = dict(_numeric_arrays(live.figure_widget))
    for key, array in _numeric_arrays(expected):
        assert np.all(np.isfinite(got[key])), f"{key} holds non-finite numbers"
        assert np.allclose(got[key], array, equal_nan=False), f"{key} does not show the model's values"


@pytest.mark.parametrize("explorer_name", sorted(EXPLORERS))
def test_moving_each_control_changes_the_plotted_data(explorer_name):
    explorer = EXPLORERS[explorer_name]
    default = _data_signature(explorer.figure())
    for control in explorer.controls:
        others = [v for v in control.sample_points if v != control.default]
        assert any(_data_signature(explorer.figure(**{control.name: v})) != default for v in others), (
            f"moving {control.name} never changes the chart")


@pytest.mark.parametrize("explorer_name", sorted(EXPLORERS))
def test_explorer_figures_have_titles_axis_units_and_a_summary(explorer_name):
    fig = EXPLORERS[explorer_name].figure()
    assert fig.layout.title.text
    assert summary_of(fig).endswith("."), "a one-sentence summary for screen readers"
    axis_titles = [axis.title.text for axis in fig.select_xaxes()] + [axis.title.text for axis in fig.select_yaxes()]
    visible = [t for t in axis_titles if t is not None]
    assert visible and all("(" in t for t in visible), f"axis titles need units in brackets: {visible}"


@pytest.mark.parametrize("explorer_name", sorted(EXPLORERS))
def test_handout_figure_has_a_native_control_and_a_frame_per_position(explorer_name):
    explorer = EXPLORERS[explorer_name]
    fig = explorer.handout_figure()
    frame_names = {frame.name for frame in fig.frames}
    steps = [step.args[0][0] for slider in fig.layout.sliders for step in slider.steps]
    buttons = [button.args[0][0] for menu in fig.layout.updatemenus for button in menu.buttons]
    assert len(fig.layout.sliders) == sum(isinstance(c, Slider) for c in explorer.controls)
    assert len(fig.layout.updatemenus) == sum(isinstance(c, Dropdown) for c in explorer.controls)
    assert set(steps + buttons) == frame_names
    assert len(frame_names) == sum(len(c.handout_values()) for c in explorer.controls)


@pytest.mark.parametrize("explorer_name", sorted(EXPLORERS))
def test_a_bad_value_shows_a_message_not_a_traceback(explorer_name, monkeypatch):
    explorer = EXPLORERS[explorer_name]
    live = explorer.widget()

    def refuse(**_values):
        raise ValueError("dose_mg must be in [0, 100]; got -1")

    monkeypatch.setattr(explorer, "build", refuse)
    control = explorer.controls[0]
    other = next(v for v in control.sample_points if v != live.values[control.name])
    live.set(**{control.name: other})
    assert "dose_mg must be in [0, 100]" in live.status.value
