"""The explorer declaration itself: slider grids, and what the live view passes to the model."""

import plotly.graph_objects as go

from helpers.explorers.core import Explorer, Slider


def test_a_slider_snaps_browser_noise_to_its_grid():
    weeks = Slider("weeks", "Weeks", 1.0, 26.0, 1.0, 12.0, "weeks")
    assert weeks.snap(12.000000000000002) == 12.0
    assert weeks.snap(11.6) == 12.0
    assert weeks.snap(99.0) == 26.0


def test_a_log_slider_snaps_in_decades():
    dose = Slider("dose", "Dose", 0.01, 100.0, 0.5, 1.0, "mg", scale="log")
    assert dose.snap(1.0000000001) == 1.0
    assert abs(dose.snap(3.2) - 10 ** 0.5) < 1e-9


def test_the_live_view_gives_the_model_the_snapped_value():
    seen = []

    def build(weeks):
        seen.append(weeks)
        return go.Figure(go.Scatter(x=[0, 1], y=[0, weeks]))

    live = Explorer("snap_demo", "Snap", [Slider("weeks", "Weeks", 1.0, 26.0, 1.0, 12.0, "weeks")], build).widget()
    live.set(weeks=13.000000000000002)
    assert seen[-1] == 13.0
