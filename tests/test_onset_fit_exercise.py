"""Lesson 05's fit exercise, "Which assumptions fit?": move the slow adaptation time constant (an
ASSUMPTION) until the model's withdrawal onset meets the RACGP onset windows [racgp_onset].

The check's feedback is tested against the chart the learner reads: the lowest value that fits on the live slider
(steps of 5 days) and on the handout's slider (its frames) are both judged right; the value just below is wrong and
says so; the notebook asks before it answers and keeps the safety line beside the exercise.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import cell_index, cells
from helpers.activities.exercise import exercise
from helpers.figures.withdrawal import abrupt_stop_figure
from helpers.lessons.l05_withdrawal import abrupt_stop_explorer
from helpers.tables import measured_values

FIT_ID = "05-fit-onset"
WEEKS_OF_USE = 12.0   # the exercise leaves the weeks of use at their default
RACGP_ROWS = ("racgp_onset_shorter_half_life", "racgp_onset_longer_half_life")   # alprazolam, diazepam


def _onset_days(figure, drug: str) -> float:
    """The model's onset (days after the last dose) that the chart's triangle for ``drug`` marks."""
    return next(trace.x[0] for trace in figure.data if trace.name == f"{drug} onset")


def fits(weeks_of_use: float, tau_days: float) -> bool:
    """Both triangles inside their RACGP band: alprazolam in 1-2 days, diazepam in 3-7 days (the chart's bands)."""
    (short_low, short_high), (long_low, long_high) = \
        measured_values().loc[list(RACGP_ROWS), ["low_in_unit", "high_in_unit"]].to_numpy()
    figure = abrupt_stop_figure(weeks_of_use, tau_days)
    return (short_low <= _onset_days(figure, "alprazolam") <= short_high
            and long_low <= _onset_days(figure, "diazepam") <= long_high)


def _tau_slider():
    return next(control for control in abrupt_stop_explorer().controls if control.name == "tau_anxiolysis_days")


def slider_values(view: str) -> list[float]:
    """The slow time constants a learner can set: every step of the live slider, or the handout's frames."""
    control = _tau_slider()
    if view == "handout":
        return control.handout_values()
    return [control.snap(value) for value in np.arange(control.low, control.high + control.step / 2, control.step)]


def lowest_fitting_tau_days(view: str, weeks_of_use: float = WEEKS_OF_USE) -> float:
    """The lowest slow time constant (days) on the ``view``'s slider ("live" or "handout") that fits both windows."""
    return min(tau for tau in slider_values(view) if fits(weeks_of_use, tau))


def test_the_slider_is_labelled_an_assumption_and_the_bands_are_the_racgp_windows():
    assert "(ASSUMPTION)" in _tau_slider().label
    figure = abrupt_stop_figure(WEEKS_OF_USE, 30.0)
    bands = [trace for trace in figure.data if (trace.name or "").startswith("Guidance: RACGP onset")]
    assert len(bands) == 2 and all("racgp_onset" in str(trace.meta) for trace in bands)


def test_the_range_that_fits_starts_at_25_days_live_and_30_in_the_handout_and_runs_to_the_end_of_the_slider():
    assert lowest_fitting_tau_days("live") == 25.0
    assert lowest_fitting_tau_days("handout") == 30.0
    live = slider_values("live")
    assert all(fits(WEEKS_OF_USE, tau) for tau in live if tau >= 25.0), "one unbroken range up to 120 days"
    assert not fits(WEEKS_OF_USE, 20.0)


def test_the_range_that_fits_moves_with_the_weeks_of_use():
    """Question 2 of the exercise: the fitting range is not a property of the receptors alone."""
    by_weeks = [lowest_fitting_tau_days("live", weeks) for weeks in (4.0, WEEKS_OF_USE, 26.0)]
    assert by_weeks == sorted(by_weeks) and len(set(by_weeks)) == 3, by_weeks


@pytest.mark.parametrize("view", ["live", "handout"])
def test_the_lowest_value_that_fits_on_either_slider_is_judged_right(view):
    verdict = exercise(FIT_ID).judge(lowest_fitting_tau_days(view))
    assert verdict.status == "right" and verdict.message == exercise(FIT_ID).hints["right"]


def test_the_step_below_the_range_is_wrong_and_says_diazepam_begins_too_early():
    item = exercise(FIT_ID)
    below = _tau_slider().snap(lowest_fitting_tau_days("live") - _tau_slider().step)
    assert not fits(WEEKS_OF_USE, below)
    verdict = item.judge(below)
    assert verdict.status == "wrong" and item.hints["low"] in verdict.message
    assert "before" in item.hints["low"] and "diazepam" in item.hints["low"]
    onset = _onset_days(abrupt_stop_figure(WEEKS_OF_USE, below), "diazepam")
    assert f"{onset:.1f} days" in item.hints["low"], "the hint quotes the model's onset one step below the range"


def test_a_value_that_fits_but_is_not_the_lowest_is_not_yet_right_and_says_why():
    item = exercise(FIT_ID)
    for tau in (60.0, 120.0):
        assert fits(WEEKS_OF_USE, tau)
        verdict = item.judge(tau)
        assert verdict.status == "wrong" and "not the lowest" in verdict.message


def test_weeks_instead_of_days_is_recognised_as_a_unit_slip():
    item = exercise(FIT_ID)
    assert "days" in item.judge(25.0 / 7.0).message and item.judge(25.0 / 7.0).status == "wrong"


def test_the_bank_entry_names_the_racgp_source_and_the_assumption():
    item = exercise(FIT_ID)
    assert item.source_ids == ("racgp_onset",) and item.unit == "days"
    assert "ASSUMPTION" in item.assumption
    assert "not a measurement" in item.hints["right"]


# ---------------------------------------------------------------- the exercise in the notebook


def _exercise_index() -> int:
    return next(index for index, cell in enumerate(cells("05"))
                if cell.cell_type == "markdown" and "## Exercise" in cell.source and "assumptions fit" in cell.source)


def test_the_fit_exercise_comes_after_the_abrupt_stop_chart_it_is_read_off():
    assert cell_index(cells("05"), "abrupt_stop_explorer().show()") < _exercise_index()


def test_the_exercise_names_the_assumption_the_measured_values_and_keeps_the_safety_line():
    text = cells("05")[_exercise_index()].source
    assert "ASSUMPTION" in text and "[source: racgp_onset]" in text and "people" in text
    assert "not a tapering plan" in text and "abruptly" in text and "prescriber" in text


def test_starter_then_answer_box_then_a_banked_solution_that_says_a_fit_is_not_a_measurement():
    start = _exercise_index()
    starter, box = cells("05")[start + 1], cells("05")[start + 2]
    assert starter.cell_type == box.cell_type == "code"
    assert re.search(r'check\("05-fit-onset", [a-z_]+\)', starter.source) and "= ..." in starter.source
    assert box.source.strip() == 'answer_box("05-fit-onset")'
    notes = exercise("05-fit-onset").solution
    assert "not a measurement" in notes and "people" in notes and "[source: racgp_onset]" in notes
