"""The explorer declaration itself: slider grids, and what the live view passes to the model."""

import plotly.graph_objects as go
import pytest

from helpers.activities.explorer import Explorer, Slider


def test_a_slider_snaps_browser_noise_to_its_grid():
    weeks = Slider("weeks", "Weeks", 1.0, 26.0, 1.0, 12.0, "weeks")
    assert weeks.snap(12.000000000000002) == 12.0
    assert weeks.snap(11.6) == 12.0
    assert weeks.snap(99.0) == 26.0


def test_handout_settings_lie_on_the_slider_grid_and_whole_number_sliders_give_whole_numbers():
    spikes = Slider("spikes", "Spikes per burst", 3.0, 10.0, 1.0, 6.0)
    assert spikes.handout_values() == [3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]   # not 3.7, 4.4, ...
    assert spikes.whole_numbers and spikes.snap(6.4) == 6.0
    dose = Slider("dose", "Dose", 0.0, 10.0, 0.05, 1.0, "µM", handout_points=(0.0, 0.05, 0.3, 10.0))
    assert all(abs(v / 0.05 - round(v / 0.05)) < 1e-9 for v in dose.handout_values())
    assert not dose.whole_numbers


def test_a_slider_refuses_a_zero_step():
    with pytest.raises(ValueError, match="step must be above 0"):
        Slider("dose", "Dose", 0.0, 10.0, 0.0, 1.0)


def test_a_whole_number_slider_is_an_integer_slider_in_the_live_view():
    import ipywidgets as widgets

    from helpers.activities.live import _make_control

    assert isinstance(_make_control(Slider("spikes", "Spikes", 3.0, 10.0, 1.0, 6.0)), widgets.IntSlider)
    assert isinstance(_make_control(Slider("dose", "Dose", 0.0, 10.0, 0.05, 1.0)), widgets.FloatSlider)


def test_the_live_view_gives_the_model_the_snapped_value():
    seen = []

    def build(weeks):
        seen.append(weeks)
        return go.Figure(go.Scatter(x=[0, 1], y=[0, weeks]))

    live = Explorer("snap_demo", "Snap", [Slider("weeks", "Weeks", 1.0, 26.0, 1.0, 12.0, "weeks")], build).widget()
    live.set(weeks=13.000000000000002)
    assert seen[-1] == 13.0


def test_a_handout_point_off_the_grid_is_refused():
    with pytest.raises(ValueError, match=r"\[0.03\] not on the grid 0 \+ k x 0.05"):
        Slider("dose", "Dose", 0.0, 10.0, 0.05, 1.0, "µM", handout_points=(0.0, 0.03, 1.0))


def _line(weeks):
    return go.Figure(go.Scatter(x=[0, 1], y=[0, weeks]))


def _rows(weeks):
    import pandas as pd

    return pd.DataFrame({"weeks": [weeks]}, index=["regimen"]).style.set_caption("Weeks (count)")


WEEKS = Slider("weeks", "Weeks", 1.0, 26.0, 1.0, 12.0, "weeks")


@pytest.mark.parametrize("declaration, message", [
    (dict(controls=[WEEKS]), "declare a figure"),
    (dict(controls=[], build=_line), "needs at least one control"),
    (dict(controls=[WEEKS, WEEKS], build=_line), "control names must be unique"),
])
def test_a_broken_explorer_declaration_is_refused_naming_the_explorer(declaration, message):
    with pytest.raises(ValueError, match=f"Explorer demo: {message}"):
        Explorer("demo", "Demo", **declaration)


def test_an_explorer_refuses_outputs_it_does_not_declare_and_controls_it_does_not_have():
    from helpers.activities.explorer import Table

    figure_only = Explorer("figure_demo", "Demo", [WEEKS], _line)
    table_only = Explorer("table_demo", "Demo", [WEEKS], table=Table(_rows, row_header="Regimen"))
    with pytest.raises(ValueError, match="has no table"):
        figure_only.table_html()
    with pytest.raises(ValueError, match="has no figure"):
        table_only.figure()
    with pytest.raises(ValueError, match="no control 'dose'; it has weeks"):
        table_only.table_html(dose=1.0)
    assert table_only.outputs(weeks=3.0).keys() == {"table"} and figure_only.outputs().keys() == {"figure"}
    assert ">3.0" in table_only.table_html(weeks=3.0)
