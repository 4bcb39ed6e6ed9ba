"""Lesson 04 model: repeated dosing, tolerance and the withdrawal index.

What the model must reproduce (helpers/data/references.yaml):
* textbook one-compartment accumulation, 1 / (1 - e^(-k tau)), and 90 % of steady state after
  about 3.3 half-lives (log2(10));
* short-acting drugs swing more between doses than long-acting ones at equivalent doses;
* tolerance to sedation develops faster and further than to the anxiolytic effect
  (vinkers_olivier_2012), so the net effect falls over the first weeks;
* an adaptation that opposes the drug (heninger_gallager_1988_uncoupling) shows as
  withdrawal when the drug level falls.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.models.adaptation import accumulation_ratio, predicted_dopamine_hz, simulate_regimen
from helpers.models.circuit import vta_rates
from helpers.models.pharmacokinetics import DRUGS

EQUIVALENT_DAILY_MG = {"diazepam": 10.0, "alprazolam": 0.5, "lorazepam": 1.0, "clonazepam": 0.5}  # Ashton


def _troughs(regimen, interval_h):
    """Amount just before each dose (the dose at that hour has not been absorbed yet)."""
    at_dose = regimen[regimen["time_h"] % interval_h == 0]
    return at_dose["time_h"].to_numpy()[1:], at_dose["concentration"].to_numpy()[1:]


def _day(regimen, day):
    return regimen[(regimen["day"] >= day - 1) & (regimen["day"] < day)]


# --- Accumulation -----------------------------------------------------------------------------

@pytest.mark.parametrize("drug", ["lorazepam", "alprazolam", "triazolam"])
def test_accumulation_matches_the_textbook_ratio_within_5_percent(drug):
    half_life_h = DRUGS.loc[drug, "half_life_h_model"]
    regimen = simulate_regimen(drug, 1.0, interval_h=24, days=30)
    _, troughs = _troughs(regimen, 24)
    textbook = 1.0 / (1.0 - math.exp(-math.log(2) / half_life_h * 24))
    assert troughs[-1] / troughs[0] == pytest.approx(textbook, rel=0.05)
    assert accumulation_ratio(half_life_h, 24) == pytest.approx(textbook)


def test_ninety_percent_of_steady_state_takes_about_3_3_half_lives():
    half_life_h = DRUGS.loc["lorazepam", "half_life_h_model"]
    times, troughs = _troughs(simulate_regimen("lorazepam", 1.0, interval_h=2, days=10), 2)
    first_at_90 = times[np.argmax(troughs >= 0.9 * troughs[-1])]
    assert first_at_90 / half_life_h == pytest.approx(math.log2(10), abs=0.25)


def test_alprazolam_swings_more_between_doses_than_diazepam_at_equivalent_doses():
    swings = {}
    for drug in ("alprazolam", "diazepam"):
        last_day = _day(simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=24, days=60), 60)
        swings[drug] = last_day["concentration"].max() / last_day["concentration"].min()
    assert swings["alprazolam"] > 2 * swings["diazepam"]


def test_diazepam_accumulates_far_more_than_alprazolam():
    ratios = {}
    for drug in ("alprazolam", "diazepam"):
        regimen = simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=24, days=28)
        ratios[drug] = _day(regimen, 28)["concentration"].mean() / _day(regimen, 1)["concentration"].mean()
    assert ratios["diazepam"] > 3 * ratios["alprazolam"]


# --- Tolerance ----------------------------------------------------------------------------------

@pytest.mark.parametrize("drug", ["alprazolam", "lorazepam"])
def test_net_effect_on_day_28_is_smaller_than_on_day_1(drug):
    regimen = simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=24, days=28)
    assert _day(regimen, 28)["net_effect"].mean() < 0.8 * _day(regimen, 1)["net_effect"].mean()


@pytest.mark.parametrize("drug", sorted(EQUIVALENT_DAILY_MG))
def test_net_sedation_falls_by_day_28_even_where_the_drug_accumulates(drug):
    regimen = simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=24, days=28)
    assert _day(regimen, 28)["net_sedation"].mean() < _day(regimen, 1)["net_sedation"].mean()


@pytest.mark.parametrize("drug", sorted(EQUIVALENT_DAILY_MG))
@pytest.mark.parametrize("interval_h", [8, 24])
def test_sedation_tolerance_exceeds_anxiolytic_tolerance_at_every_time_after_the_start(drug, interval_h):
    regimen = simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=interval_h, days=90)
    after_start = regimen[regimen["time_h"] > 0]
    assert np.all(after_start["tolerance_sedation"] > after_start["tolerance_anxiolysis"])


def test_tolerance_starts_at_zero_stays_within_0_and_1_and_reaches_its_assumed_ceilings():
    regimen = simulate_regimen("diazepam", 10.0, interval_h=24, days=180)
    for column, ceiling in (("tolerance_sedation", 0.8), ("tolerance_anxiolysis", 0.3)):
        assert regimen[column].iloc[0] == 0.0
        assert regimen[column].between(0.0, 1.0).all()
        assert regimen[column].iloc[-1] == pytest.approx(ceiling, abs=0.05)


def test_sedation_tolerance_is_mostly_there_within_two_weeks_anxiolytic_tolerance_is_not():
    day_14 = _day(simulate_regimen("lorazepam", 1.0, interval_h=24, days=14), 14)
    assert day_14["tolerance_sedation"].mean() > 0.6
    assert day_14["tolerance_anxiolysis"].mean() < 0.15


def test_faster_adaptation_means_more_tolerance_early_on():
    slow = simulate_regimen("lorazepam", 1.0, interval_h=24, days=7, tau_sedation_days=20)
    fast = simulate_regimen("lorazepam", 1.0, interval_h=24, days=7, tau_sedation_days=2)
    assert fast["tolerance_sedation"].iloc[-1] > slow["tolerance_sedation"].iloc[-1]


# --- Withdrawal ----------------------------------------------------------------------------------

def test_withdrawal_is_zero_while_the_level_is_steady():
    nearly_constant = simulate_regimen("diazepam", 1.0, interval_h=1, days=200)
    assert _day(nearly_constant, 200)["withdrawal"].max() < 0.01


def test_short_acting_drugs_show_withdrawal_between_daily_doses_long_acting_ones_hardly():
    dips = {drug: _day(simulate_regimen(drug, EQUIVALENT_DAILY_MG[drug], interval_h=24, days=28),
                       28)["withdrawal"].max()
            for drug in ("alprazolam", "diazepam")}
    assert dips["alprazolam"] > 0.1
    assert dips["diazepam"] < 0.02


def test_stopping_unmasks_the_adaptation_as_net_effect_below_baseline():
    stop = pd.DataFrame({"day": [28.0], "dose_mg": [0.0]})
    regimen = simulate_regimen("lorazepam", 1.0, interval_h=24, days=42, schedule=stop)
    after = regimen[regimen["day"] > 31]
    assert (after["net_effect"] < 0).all()
    assert after["withdrawal"].max() > 0.2
    assert (regimen.loc[regimen["day"] >= 28, "dose_taken_mg"] == 0).all()


# --- Schedules --------------------------------------------------------------------------------------

def test_a_schedule_sets_the_dose_from_its_day_on():
    schedule = pd.DataFrame({"day": [10.0, 20.0], "dose_mg": [5.0, 0.0]})
    regimen = simulate_regimen("diazepam", 10.0, interval_h=24, days=30, schedule=schedule)
    taken = regimen[regimen["dose_taken_mg"] > 0]
    assert set(taken.loc[taken["day"] < 10, "dose_taken_mg"]) == {10.0}
    assert set(taken.loc[taken["day"] >= 10, "dose_taken_mg"]) == {5.0}
    assert taken["day"].max() < 20


def test_a_schedule_can_switch_to_another_drug():
    switch = pd.DataFrame({"day": [14.0], "dose_mg": [10.0], "drug": ["diazepam"]})
    switched = simulate_regimen("alprazolam", 0.5, interval_h=24, days=28, schedule=switch)
    stayed = simulate_regimen("alprazolam", 0.5, interval_h=24, days=28)
    last_day = _day(switched, 28)
    assert last_day["concentration"].max() / last_day["concentration"].min() < 1.5
    assert _day(switched, 28)["withdrawal"].max() < _day(stayed, 28)["withdrawal"].max()


def test_the_grid_is_hourly_with_every_column():
    regimen = simulate_regimen("diazepam", 10.0, interval_h=12, days=2)
    assert list(regimen["time_h"]) == list(range(49))
    assert {"time_h", "concentration", "occupancy", "tolerance_sedation", "tolerance_anxiolysis",
            "net_effect", "withdrawal"} <= set(regimen.columns)
    assert regimen["occupancy"].between(0, 1).all()


def test_three_years_fit_and_long_regimens_continue_smoothly_across_the_year_boundary():
    regimen = simulate_regimen("diazepam", 10.0, interval_h=24, days=1095)
    assert len(regimen) == 1095 * 24 + 1
    last_weeks = regimen[regimen["day"] > 300]["concentration"]
    assert last_weeks.max() / last_weeks.min() < 1.5


# --- Dopamine: a labelled model prediction ----------------------------------------------------------

def test_predicted_dopamine_rises_with_net_alpha1_effect_and_dips_when_it_is_negative():
    baseline = vta_rates(0.0)["da_hz"]
    assert predicted_dopamine_hz(0.0) == pytest.approx(baseline)
    assert predicted_dopamine_hz(0.3) > baseline
    assert predicted_dopamine_hz(-0.3) < baseline
    assert predicted_dopamine_hz(np.array([-0.2, 0.2])).shape == (2,)


# --- Bad input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, name", [
    (dict(drug="aspirin"), "drug"),
    (dict(dose_mg=-1.0), "dose_mg"),
    (dict(dose_mg=0.0), "dose_mg"),
    (dict(dose_mg=float("nan")), "dose_mg"),
    (dict(interval_h=0.0), "interval_h"),
    (dict(interval_h=500.0), "interval_h"),
    (dict(days=0.0), "days"),
    (dict(days=5000.0), "days"),
    (dict(tau_sedation_days=0.0), "tau_sedation_days"),
    (dict(tau_anxiolysis_days=float("inf")), "tau_anxiolysis_days"),
    (dict(sedation_tolerance_max=1.5), "sedation_tolerance_max"),
    (dict(schedule=pd.DataFrame({"day": [1.0]})), "schedule"),
    (dict(schedule=pd.DataFrame({"day": [-1.0], "dose_mg": [1.0]})), "schedule day"),
    (dict(schedule=pd.DataFrame({"day": [1.0], "dose_mg": [-1.0]})), "schedule dose_mg"),
    (dict(schedule=pd.DataFrame({"day": [1.0], "dose_mg": [1.0], "drug": ["tea"]})), "schedule drug"),
    (dict(schedule=pd.DataFrame({"day": [], "dose_mg": []})), "schedule"),
])
def test_bad_input_raises_value_error_naming_the_parameter(kwargs, name):
    arguments = dict(drug="diazepam", dose_mg=10.0, interval_h=24.0, days=10.0) | kwargs
    drug, dose = arguments.pop("drug"), arguments.pop("dose_mg")
    with pytest.raises(ValueError, match=name):
        simulate_regimen(drug, dose, **arguments)


def test_predicted_dopamine_rejects_values_outside_minus_1_to_1():
    with pytest.raises(ValueError, match="net_alpha1_effect"):
        predicted_dopamine_hz(1.5)


# --- The time to steady state is model arithmetic, in the model ------------------------------------------

def test_days_to_90_percent_of_steady_state_is_log2_10_half_lives_whatever_the_half_life():
    from helpers.models.adaptation import days_to_fraction_of_steady_state
    assert days_to_fraction_of_steady_state(24.0) == pytest.approx(math.log2(10.0))   # one half-life a day
    assert days_to_fraction_of_steady_state(6.0) * 24.0 == pytest.approx(19.93, abs=0.01)   # quiz 04-steady-state-entry
    assert days_to_fraction_of_steady_state(12.0, 0.5) == pytest.approx(0.5)
    assert days_to_fraction_of_steady_state(np.array([12.0, 24.0])) == pytest.approx([0.5 * math.log2(10.0),
                                                                                      math.log2(10.0)])
    # a simulated constant intake covers 90 % of the way in that time
    course = simulate_regimen("lorazepam", 1.0, interval_h=1, days=10)
    final = course["concentration"].iloc[-1]
    reached = course.loc[course["concentration"] >= 0.9 * final, "day"].iloc[0]
    assert reached == pytest.approx(days_to_fraction_of_steady_state(12.0), abs=0.1)


@pytest.mark.parametrize("kwargs, name", [(dict(half_life_h=0.0), "half_life_h"), (dict(fraction=1.0), "fraction"),
                                          (dict(fraction=0.0), "fraction")])
def test_days_to_steady_state_refuses_a_bad_value_naming_it(kwargs, name):
    from helpers.models.adaptation import days_to_fraction_of_steady_state
    arguments = dict(half_life_h=12.0, fraction=0.9) | kwargs
    with pytest.raises(ValueError, match=f"^{name} must be"):
        days_to_fraction_of_steady_state(**arguments)
