"""Lesson 05 model: model taper schedules and the withdrawal they produce in the lesson 04 model.

What the model must reproduce (helpers/data/references.yaml):
* withdrawal appears within 1-2 days for short half-life drugs and 3-7 days for long
  half-life drugs (racgp_onset);
* gradual reduction beats an abrupt stop (joint_guideline_2025: 5-10 % every 2-4 weeks,
  generally no more than 25 % every 2 weeks);
* hyperbolic schedules take equal steps of receptor occupancy, so the dose steps shrink
  (maudsley_2024, partially verified).

And what the model must make visible about itself: how much a slower pace helps depends on
the assumed final step to zero (``final_step_percent``, an ASSUMPTION). With a large final
step the peak comes after it and slowing down barely matters; with a small one the peak comes
during the schedule and a slower pace keeps lowering it. The guideline advises slowing or
pausing (joint_guideline_2025); Ashton reported success unaffected by rate only "with these methods" (gradual,
individually titrated reduction with psychological support; ashton1994_success_rates_quote).
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.models.taper import (DEFAULT_FINAL_STEP_PERCENT, FINAL_STEP_PERCENT_RANGE,
                                  simulate_discontinuation, steady_state_occupancy, taper_schedule, withdrawal_timing)

SETTINGS = [dict(method=m, step_percent=s, every_days=d)
            for m in ("linear", "proportional", "hyperbolic") for s in (5.0, 10.0, 25.0) for d in (7, 14, 28)]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: f"{s['method']}-{s['step_percent']:g}%-{s['every_days']}d")
def test_a_schedule_starts_at_the_start_dose_never_increases_and_ends_at_zero(settings):
    schedule = taper_schedule(10.0, **settings)
    doses = schedule["dose_mg"].to_numpy()
    assert doses[0] == 10.0 and doses[-1] == 0.0
    assert np.all(np.diff(doses) <= 0)
    assert np.all(np.diff(schedule["day"]) == settings["every_days"])
    assert schedule["percent_of_start"].iloc[0] == 100.0


@pytest.mark.parametrize("step_percent", [5.0, 10.0, 25.0])
def test_proportional_steps_never_exceed_the_requested_share_except_the_final_step_to_zero(step_percent):
    doses = taper_schedule(30.0, method="proportional", step_percent=step_percent)["dose_mg"].to_numpy()
    cuts = 1.0 - doses[1:-1] / doses[:-2]
    assert np.all(cuts <= step_percent / 100.0 + 1e-12)
    final_from_mg = DEFAULT_FINAL_STEP_PERCENT / 100.0 * 30.0
    assert 0 < doses[-2] <= final_from_mg          # the final step starts at or below 5 % of the start
    assert np.all(doses[:-2] > final_from_mg)      # ... and no earlier step does


@pytest.mark.parametrize("method", ["linear", "proportional", "hyperbolic"])
@pytest.mark.parametrize("final_step_percent", [1.0, 20.0, 40.0])
def test_no_schedule_continues_below_the_chosen_final_step(method, final_step_percent):
    """Every rule steps to zero from the first dose at or below the chosen percentage; linear and hyperbolic
    steps may reach zero by themselves first (linear 10 % steps end 10 % -> 0)."""
    schedule = taper_schedule(10.0, method=method, step_percent=10.0, final_step_percent=final_step_percent)
    percent = schedule["percent_of_start"].to_numpy()
    assert percent[-1] == 0.0 and np.all(percent[:-2] > final_step_percent)
    assert percent[-2] <= max(final_step_percent, 10.0) + 1e-9


def test_the_final_step_control_changes_the_schedules_last_step():
    last_step = {final: taper_schedule(10.0, method="proportional", step_percent=10.0,
                                       final_step_percent=final)["percent_of_start"].iloc[-2]
                 for final in (1.0, 5.0, 20.0)}
    assert 0.9 < last_step[1.0] <= 1.0 and 4.5 < last_step[5.0] <= 5.0 and 18.0 < last_step[20.0] <= 20.0
    linear = taper_schedule(10.0, method="linear", step_percent=10.0, final_step_percent=30.0)["dose_mg"].to_numpy()
    assert linear == pytest.approx([10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 0.0])   # a final step of 30 %


def test_linear_steps_are_equal_in_mg():
    doses = taper_schedule(10.0, method="linear", step_percent=25.0, final_step_percent=10.0)["dose_mg"].to_numpy()
    assert doses == pytest.approx([10.0, 7.5, 5.0, 2.5, 0.0])


def test_hyperbolic_steps_are_equal_in_occupancy_so_the_mg_steps_shrink():
    schedule = taper_schedule(10.0, method="hyperbolic", step_percent=10.0, drug="diazepam", final_step_percent=0.1)
    doses = schedule["dose_mg"].to_numpy()
    occupancy = steady_state_occupancy(doses, drug="diazepam", interval_h=24.0)
    assert np.diff(occupancy[:-1]) == pytest.approx(np.full(len(doses) - 2, -0.1 * occupancy[0]))
    assert np.all(np.diff(np.diff(doses[:-1])) > 0)   # each mg step smaller than the one before


def test_a_slower_proportional_taper_takes_longer():
    fast = taper_schedule(10.0, method="proportional", step_percent=25.0, every_days=14)
    slow = taper_schedule(10.0, method="proportional", step_percent=10.0, every_days=28)
    assert slow["day"].iloc[-1] > 3 * fast["day"].iloc[-1]


# --- Withdrawal after 12 weeks of daily use ------------------------------------------------------

@pytest.fixture(scope="module")
def diazepam_peaks():
    cases = {"abrupt": dict(method="abrupt"),
             "10% every 14 days": dict(method="proportional", step_percent=10.0, every_days=14),
             "10% every 28 days": dict(method="proportional", step_percent=10.0, every_days=28)}
    return {label: withdrawal_timing(simulate_discontinuation("diazepam", 10.0, weeks_of_use=12, **case), 84.0)["peak"]
            for label, case in cases.items()}


def test_an_abrupt_stop_after_12_weeks_gives_a_withdrawal_peak(diazepam_peaks):
    assert diazepam_peaks["abrupt"] > 0.1


def test_a_10_percent_every_14_days_taper_gives_a_lower_peak_and_a_slower_taper_lower_still(diazepam_peaks):
    assert diazepam_peaks["10% every 14 days"] < 0.5 * diazepam_peaks["abrupt"]
    assert diazepam_peaks["10% every 28 days"] < diazepam_peaks["10% every 14 days"]


def _peak_and_zero_day(every_days, final_step_percent):
    course = simulate_discontinuation("diazepam", 10.0, weeks_of_use=12, method="proportional", step_percent=10.0,
                                      every_days=every_days, final_step_percent=final_step_percent)
    after = course[course["day"] >= 84.0]
    zero_day = after.loc[after["dose_mg"] == 0, "day"].iloc[0]
    return withdrawal_timing(course, 84.0), zero_day - 84.0


@pytest.fixture(scope="module")
def pace_by_final_step():
    """Diazepam 10 mg, proportional 10 % steps every 7 or 21 days, final step from 5 % or from 1 % of the start."""
    return {(final, every): _peak_and_zero_day(every, final) for final in (5.0, 1.0) for every in (7, 21)}


def test_with_a_5_percent_final_step_the_peak_follows_the_final_step(pace_by_final_step):
    for every in (7, 21):
        timing, zero_day = pace_by_final_step[(5.0, every)]
        assert timing["peak_days"] > zero_day


def test_with_a_1_percent_final_step_the_peak_comes_during_the_schedule(pace_by_final_step):
    for every in (7, 21):
        timing, zero_day = pace_by_final_step[(1.0, every)]
        assert timing["peak_days"] < zero_day


def test_how_much_slowing_down_helps_depends_on_the_assumed_final_step(pace_by_final_step):
    def slowing_gain(final):
        return 1.0 - pace_by_final_step[(final, 21)][0]["peak"] / pace_by_final_step[(final, 7)][0]["peak"]
    assert slowing_gain(1.0) > 0.3          # a small final step: a slower pace keeps lowering the peak
    assert slowing_gain(5.0) < slowing_gain(1.0)


def test_alprazolam_withdrawal_begins_and_peaks_earlier_than_diazepam_at_equivalent_doses():
    timing = {drug: withdrawal_timing(simulate_discontinuation(drug, dose, weeks_of_use=12), 84.0)
              for drug, dose in (("alprazolam", 0.5), ("diazepam", 10.0))}
    assert timing["alprazolam"]["onset_days"] < timing["diazepam"]["onset_days"]
    assert timing["alprazolam"]["peak_days"] < timing["diazepam"]["peak_days"]
    # racgp_onset: 1-2 days for short half-life drugs, 3-7 days for long half-life drugs
    assert timing["alprazolam"]["onset_days"] <= 2.0
    assert 3.0 <= timing["diazepam"]["onset_days"] <= 7.0


def test_withdrawal_after_an_abrupt_stop_fades_over_weeks():
    course = simulate_discontinuation("lorazepam", 1.0, weeks_of_use=12, follow_up_weeks=12)
    after = course[course["day"] >= 84]
    peak = after["withdrawal"].max()
    late = after[after["day"] >= 84 + 70]["withdrawal"].max()
    assert 0 < late < 0.5 * peak


def test_the_course_records_when_the_stop_or_taper_began():
    course = simulate_discontinuation("diazepam", 10.0, weeks_of_use=6, method="linear", step_percent=25)
    assert set(course["stop_day"]) == {42.0}
    assert course["day"].iloc[-1] == pytest.approx(42 + 4 * 14 + 56)


# --- Bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, name", [
    (dict(start_dose_mg=-1.0), "start_dose_mg"),
    (dict(start_dose_mg=float("nan")), "start_dose_mg"),
    (dict(method="cold turkey"), "method"),
    (dict(step_percent=0.0), "step_percent"),
    (dict(step_percent=150.0), "step_percent"),
    (dict(every_days=0.0), "every_days"),
    (dict(final_step_percent=0.0), r"final_step_percent must be in \[0.1, 50\]"),
    (dict(final_step_percent=60.0), r"final_step_percent must be in \[0.1, 50\]"),
    (dict(final_step_percent=float("nan")), "final_step_percent"),
    (dict(drug="coffee"), "drug"),
    (dict(interval_h=0.0), "interval_h"),
])
def test_bad_schedule_input_raises_value_error_naming_the_parameter(kwargs, name):
    arguments = dict(start_dose_mg=10.0, method="proportional") | kwargs
    start = arguments.pop("start_dose_mg")
    with pytest.raises(ValueError, match=name):
        taper_schedule(start, **arguments)


@pytest.mark.parametrize("kwargs, name", [
    (dict(weeks_of_use=0.0), "weeks_of_use"),
    (dict(follow_up_weeks=-1.0), "follow_up_weeks"),
    (dict(method="sudden"), "method"),
    (dict(dose_mg=-5.0), "dose_mg"),
    (dict(method="proportional", final_step_percent=75.0), "final_step_percent"),
])
def test_bad_discontinuation_input_raises_value_error_naming_the_parameter(kwargs, name):
    arguments = dict(drug="diazepam", dose_mg=10.0) | kwargs
    with pytest.raises(ValueError, match=name):
        simulate_discontinuation(arguments.pop("drug"), arguments.pop("dose_mg"), **arguments)


def test_withdrawal_timing_rejects_a_stop_day_outside_the_course():
    course = simulate_discontinuation("diazepam", 10.0, weeks_of_use=2, follow_up_weeks=1)
    with pytest.raises(ValueError, match="stop_day"):
        withdrawal_timing(course, 500.0)
    with pytest.raises(ValueError, match="course"):
        withdrawal_timing(course[["day"]], 14.0)


def test_steady_state_occupancy_rises_with_dose_and_rejects_bad_input():
    occupancy = steady_state_occupancy([1.0, 5.0, 10.0])
    assert np.all(np.diff(occupancy) > 0) and np.all((occupancy > 0) & (occupancy < 1))
    with pytest.raises(ValueError, match="dose_mg"):
        steady_state_occupancy(-1.0)


def test_switching_to_a_long_acting_drug_replaces_the_short_acting_one_and_then_tapers_it():
    course = simulate_discontinuation("alprazolam", 0.5, method="proportional", step_percent=25.0,
                                      switch_to="diazepam", switch_weeks=2, follow_up_weeks=2)
    taken = course[course["dose_taken_mg"] > 0]
    assert set(taken.loc[taken["day"] < 84, "dose_taken_mg"]) == {0.5}
    assert taken.loc[(taken["day"] >= 84) & (taken["day"] < 98), "dose_taken_mg"].eq(10.0).all()
    assert taken.loc[taken["day"] >= 98 + 14, "dose_taken_mg"].max() == pytest.approx(7.5)  # first 25 % step
    with pytest.raises(ValueError, match="switch_to"):
        simulate_discontinuation("alprazolam", 0.5, switch_to="water")


def test_the_final_step_range_is_what_the_model_validates():
    low, high = FINAL_STEP_PERCENT_RANGE
    assert 0 < low < DEFAULT_FINAL_STEP_PERCENT < high <= 100


def test_withdrawal_timing_reads_the_stop_day_from_a_discontinuation():
    """The weeks of use live in the model; a learner need not retype them as days (84.0)."""
    from helpers.models.adaptation import simulate_regimen
    course = simulate_discontinuation("lorazepam", 1.0, weeks_of_use=4, follow_up_weeks=4)
    assert withdrawal_timing(course) == withdrawal_timing(course, 28.0)
    with pytest.raises(ValueError, match="^stop_day"):
        withdrawal_timing(simulate_regimen("lorazepam", 1.0, interval_h=24, days=30))
