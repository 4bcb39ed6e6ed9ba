"""Lesson 03's "Which assumptions fit?" exercise: the release lost per spike, a HYPOTHESIS slider of demo 3,
against the directions measured in rats given diazepam (FSCV: transients more frequent and smaller;
microdialysis: average lower). The chart's edge, the check's feedback, and the notebook's wording."""

from __future__ import annotations

import re

import pytest

from conftest import cell_index, cells
from helpers.activities.exercise import exercise
from helpers.lessons.l03_acute_dopamine import reconcile_explorer
from helpers.figures.pharmacology import OCCUPANCY_AXIS, reconcile_figure
from helpers.models import release

FIT = exercise("03-ex4")
HEADING = "## Exercise 4: Which assumptions fit? Release per spike"
MODEL_LINES = {"frequency": "model: frequency (FSCV)", "amplitude": "model: amplitude (FSCV)",
               "average": "model: time average (microdialysis)"}


def model_curves(release_reduction: float) -> dict[str, dict[float, float]]:
    """What the chart draws in its top panel: each model line as occupancy -> diazepam ÷ control."""
    figure = reconcile_figure(release_reduction)
    traces = {trace.name: trace for trace in figure.data}
    return {key: dict(zip(traces[name].x, traces[name].y)) for key, name in MODEL_LINES.items()}


def all_three_directions(curves: dict, occupancy: float) -> bool:
    return (curves["frequency"][occupancy] > 1 and curves["amplitude"][occupancy] < 1
            and curves["average"][occupancy] < 1)


# ---------------------------------------------------------------- the chart: where the fit begins


def test_below_the_edge_the_model_average_is_not_lowered_at_low_occupancy():
    curves = model_curves(0.35)
    assert curves["average"][0.1] >= 1, "at 0.35 the time average must still be at or above control"
    assert not all(all_three_directions(curves, o) for o in OCCUPANCY_AXIS[1:])


@pytest.mark.parametrize("release_reduction", [0.4, 0.6, 0.8, 1.0])
def test_from_the_edge_up_the_model_gives_all_three_directions_at_every_occupancy(release_reduction):
    curves = model_curves(release_reduction)
    assert all(all_three_directions(curves, o) for o in OCCUPANCY_AXIS[1:])


def test_without_the_hypothesis_the_model_average_rises_and_frequency_does_not_depend_on_it():
    off, on = model_curves(0.0), model_curves(0.8)
    assert off["average"][0.5] == pytest.approx(1.34, abs=0.01)
    assert off["frequency"] == on["frequency"], "the hypothesis changes release, not how often transients come"


def test_the_slider_is_the_hypothesis_and_reaches_the_fitting_values():
    (control,) = reconcile_explorer().controls
    assert control.name == "release_reduction" and "(HYPOTHESIS)" in control.label
    assert release.RELEASE_REDUCTION.tag == "HYPOTHESIS"
    assert 0.4 in control.handout_points and (control.low, control.high) == (0.0, 1.0)


def test_the_chart_draws_the_diazepam_studies_apart_and_flags_the_partly_verified_one():
    figure = reconcile_figure(0.4)
    measured = [trace for trace in figure.data if trace.name.startswith("Measured")]
    by_source = {trace.meta["source_id"]: trace for trace in measured}
    fscv, dialysis = by_source["schelp2017"], by_source["diazepam_microdialysis_1991"]
    assert (fscv.meta["species"], fscv.meta["drug"], fscv.meta["method"]) == ("rat (awake)", "diazepam", "FSCV")
    assert dialysis.meta["drug"] == "diazepam" and dialysis.meta["method"] == "microdialysis"
    assert dialysis.meta["status"] == "partly verified" and "partly verified" in dialysis.name
    midazolam = [trace for trace in measured if trace.meta["drug"] == "midazolam"]
    assert midazolam and {trace.xaxis for trace in midazolam}.isdisjoint({fscv.xaxis}), \
        "midazolam (Finlay 1992) sits in its own panel, not with the diazepam studies"


# ---------------------------------------------------------------- the check's feedback


def test_the_lowest_fitting_value_is_right_and_says_a_range_is_not_a_measurement():
    for value in (0.4, 0.38, 0.42):
        verdict = FIT.judge(value)
        assert verdict.status == "right", value
    assert "not a measurement" in FIT.judge(0.4).message and "HYPOTHESIS" in FIT.judge(0.4).message


def test_a_value_below_the_edge_points_to_the_time_average():
    for value in (0.35, 0.3, 0.2, 0.0):
        verdict = FIT.judge(value)
        assert verdict.status in ("close", "wrong") and FIT.hints["low"] in verdict.message, value
    assert "time average" in FIT.hints["low"] and FIT.judge(0.35).status == "close"


def test_a_value_that_fits_but_is_not_the_lowest_says_so():
    for value in (0.45, 0.6, 1.0):
        verdict = FIT.judge(value)
        assert verdict.status != "right" and "not the lowest" in verdict.message, value


def test_a_percentage_is_recognised_as_a_slip():
    assert "percentage" in FIT.judge(40).message


def test_the_bank_entry_names_the_hypothesis_and_the_diazepam_studies_only():
    assert "HYPOTHESIS" in FIT.assumption and "not a measurement" in FIT.assumption
    assert set(FIT.source_ids) == {"schelp2017", "diazepam_microdialysis_1991"}
    assert FIT.exercise == HEADING[3:]


# ---------------------------------------------------------------- the notebook's exercise


def exercise_section() -> list:
    """The cells from the exercise's heading to the next ``## `` heading."""
    notebook_cells = cells("03")
    start = cell_index(notebook_cells, HEADING)
    end = next(i for i in range(start + 1, len(notebook_cells)) if notebook_cells[i].source.startswith("## "))
    return notebook_cells[start:end]


def test_the_exercise_follows_the_demo_it_uses_and_its_solution_waits_behind_a_check():
    notebook_cells = cells("03")
    assert cell_index(notebook_cells, "reconcile_explorer().show()") < cell_index(notebook_cells, HEADING)
    sources = [cell.source for cell in exercise_section()]
    starter = next(i for i, source in enumerate(sources) if 'check("03-ex4", ' in source)
    box = next(i for i, source in enumerate(sources) if 'answer_box("03-ex4")' in source)
    assert starter < box and 'check("03-ex4", lowest_fitting_release_reduction)' in sources[starter]
    assert FIT.solution, "the worked solution waits in the bank, behind the answer box's first check"


def test_the_exercise_says_the_slider_is_a_hypothesis_and_keeps_the_studies_apart():
    text = exercise_section()[0].source
    assert release.RELEASE_REDUCTION.tag in text, "the slider's tag, as the model declares it"
    studies = {line for line in text.splitlines() if line.startswith("- ")}
    fscv = next(line for line in studies if "[source: schelp2017]" in line or "FSCV" in line)
    dialysis = next(line for line in studies if "icrodialysis" in line)
    assert "rats" in fscv and "diazepam" in fscv, "each study in its own bullet, with its species and drug"
    assert "rats" in dialysis and "diazepam" in dialysis
    assert "[source: diazepam_microdialysis_1991; partly verified]" in text and "*partly verified*" in text
    midazolam = next(line for line in studies if "midazolam" in line.lower())
    assert "finlay1992" not in midazolam and "[source:" not in midazolam, "the midazolam study is not cited as fitted"
    assert set(FIT.source_ids) <= {source for source in re.findall(r"\[source: ([a-z0-9_]+)", text)}
    assert "optional coding track" in text.lower()


def test_the_answer_is_the_lowest_slider_step_that_fits_and_the_solution_gives_it():
    (control,) = reconcile_explorer().controls
    count = round((control.high - control.low) / control.step) + 1
    steps = [round(control.low + i * control.step, 9) for i in range(count)]
    lowest = min(value for value in steps
                 if all(all_three_directions(model_curves(value), o) for o in OCCUPANCY_AXIS[1:]))
    assert FIT.answer == pytest.approx(lowest)
    notes = FIT.solution
    assert f"{FIT.answer:g}" in notes and "not a measurement" in notes
    assert "rats given diazepam" in notes and "partly verified" in notes and "midazolam" in notes
