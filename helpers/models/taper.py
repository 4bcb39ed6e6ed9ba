"""Model reduction rules, and what the lesson 04 adaptation model makes of them.

TEACHING MODEL, NOT A TAPERING PLAN. The rules show how reductions differ in shape; a real
taper is set with a prescriber, at a pace the person can manage, and is slowed or paused when
withdrawal is significant (joint_guideline_2025). Stopping abruptly or reducing too quickly after
dependence can cause withdrawal reactions including seizures, which can be life-threatening
(fda2020_bzd_boxed_warning_update; bzd_withdrawal_severity).

Rules (``taper_schedule``):

* ``"linear"``: every ``every_days`` the dose falls by ``step_percent`` of the *starting* dose
  (equal mg steps), so the last steps are large fractions of what is left.
* ``"proportional"``: every ``every_days`` the dose falls by ``step_percent`` of the *current*
  dose (steps shrink in mg). The 2025 Joint Clinical Practice Guideline describes a typical
  initial reduction of 5-10 % every 2-4 weeks, generally no more than 25 % every 2 weeks
  (joint_guideline_2025).
* ``"hyperbolic"``: every ``every_days`` the modelled benzodiazepine-site occupancy falls by
  ``step_percent`` of its starting value (equal occupancy steps), so the dose steps get
  smaller as the dose falls. The Maudsley Deprescribing Guidelines describe progressively
  smaller reductions (maudsley_2024, partially verified). Occupancy comes from the lesson 03
  model (``helpers.models.occupancy``), whose constants are ASSUMPTIONS: in the model, diazepam
  10 mg a day holds about 0.72 of the sites at steady state, while in people sedation under
  alprazolam 2 mg a day came with about 16 % occupancy (fujita1999_alprazolam_spect, partially
  verified), so the model's bend at clinical doses is a property of the model.

The final step to zero. Proportional steps never reach zero by themselves, so every rule steps
to zero from the first dose at or below ``final_step_percent`` of the starting dose (linear and
hyperbolic steps may reach zero first). That final step is an ASSUMPTION (default 5 %; no
source in the reference base fixes it) and it shapes the result: in the lesson 04 model a large
final step causes the largest withdrawal bump of a slow reduction, so slowing down then lowers
the peak only a little; with a small final step the peak comes during the reduction and a slower
pace keeps lowering it. That is a property of the model, not a finding: the guideline advises
slowing or pausing when withdrawal is significant (joint_guideline_2025). Ashton's report on pace
holds only with its condition: "With these methods [gradual dosage reduction at an individually
titrated rate, usually under the patient's control, with psychological support], success rates of
withdrawal are high and are unaffected by ... rate of withdrawal" (ashton1994_success_rates_quote);
it is not evidence that fast withdrawal works as well.

The schedule table is in mg because the model needs mg; the lessons draw the rules as curve shapes
on the model's time axis (``helpers.figures.withdrawal``), never as a week-by-week table or a plan.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from helpers.models.adaptation import HOURS_PER_DAY, INTERVAL, MAX_DAYS, simulate_regimen
from helpers.models.occupancy import HALF_OCCUPANCY_MG_EQ, HILL, bz_site_occupancy
from helpers.models.pharmacokinetics import (MAX_DOSE_MG, checked_drug_name, diazepam_equivalent_mg,
                                             dose_schedule_levels, drug_mg_for_diazepam_eq)
from helpers.validation import ASSUMPTION, SETTING, Parameter, as_choice, as_float, as_float_array

METHODS = ("linear", "proportional", "hyperbolic")
STEP_PERCENT = Parameter("step_percent", 10.0, 1.0, 100.0, "%", SETTING, label="Step size",
                         teaching=(5.0, 50.0, 5.0), teaching_points=(5.0, 10.0, 25.0, 50.0))
EVERY_DAYS = Parameter("every_days", 14.0, 1.0, 112.0, "days", SETTING, label="Days between steps",
                       teaching=(7.0, 28.0, 7.0), teaching_points=(7.0, 14.0, 28.0))
# ASSUMPTION: a model taper steps to zero from the first dose at or below 5 % of the starting
# dose unless told otherwise. No source in the reference base fixes this point; it is a
# teaching choice, and the learner moves it (lesson 05, demo 2).
FINAL_STEP = Parameter("final_step_percent", 5.0, 0.1, 50.0, "% of start", ASSUMPTION,
                       label="Last dose before zero, at most",
                       teaching=(1.0, 20.0, 1.0), teaching_points=(1.0, 2.0, 5.0, 10.0, 20.0))
DEFAULT_FINAL_STEP_PERCENT = FINAL_STEP.default
FINAL_STEP_PERCENT_RANGE = (FINAL_STEP.low, FINAL_STEP.high)
# Regular use before a stop or a taper, the follow-up after it, and a switch's hold (lesson 05).
WEEKS_OF_USE = Parameter("weeks_of_use", 12.0, 1.0, 40.0, "weeks", SETTING, label="Weeks of daily use before the stop",
                         teaching=(2.0, 26.0, 1.0), teaching_points=(2.0, 4.0, 8.0, 12.0, 26.0))
FOLLOW_UP_WEEKS = Parameter("follow_up_weeks", 8.0, 0.0, 52.0, "weeks", SETTING,
                            label="Weeks followed after the last dose")
SWITCH_WEEKS = Parameter("switch_weeks", 2.0, 0.0, 8.0, "weeks", SETTING,
                         label="Weeks on the new drug before the change")
MAX_STEPS = 1000                 # guards against a schedule that would never end
STEADY_STATE_DAYS = 60.0         # long enough for every drug in the table to reach steady state


def taper_schedule(start_dose_mg, *, method, step_percent=STEP_PERCENT.default, every_days=14,
                   final_step_percent=DEFAULT_FINAL_STEP_PERCENT, drug="diazepam",
                   interval_h=INTERVAL.default) -> pd.DataFrame:
    """A model taper: each row is a ``day`` from which each dose is ``dose_mg``, ending at zero.

    Parameters
    ----------
    start_dose_mg : float
        Dose at day 0, mg per dose (> 0 to 1000).
    method : str
        ``"linear"``, ``"proportional"`` or ``"hyperbolic"`` (see the module docstring).
    step_percent : float
        Size of each step (1-100): percent of the starting dose (linear), of the current
        dose (proportional) or of the starting occupancy (hyperbolic).
    every_days : float
        Days between steps (1-112).
    final_step_percent : float
        The schedule steps to zero from the first dose at or below this percentage of the
        starting dose (0.1-50), so the final step is at most this size. ASSUMPTION, default 5.
    drug, interval_h : str, float
        Used by ``"hyperbolic"`` only: the drug and the hours between doses (1-168) that set
        the steady-state occupancy of each dose.

    Returns
    -------
    DataFrame with ``day``, ``dose_mg`` and ``percent_of_start``; doses never increase and
    the last row is zero.
    """
    start = as_float("start_dose_mg", start_dose_mg, low=0.0, high=MAX_DOSE_MG, low_inclusive=False)
    rule = as_choice("method", method, METHODS)
    step = STEP_PERCENT.check(step_percent) / 100.0
    every = EVERY_DAYS.check(every_days)
    final_step_mg = start * FINAL_STEP.check(final_step_percent) / 100.0
    name = checked_drug_name(drug)
    interval = INTERVAL.check(interval_h)

    if rule == "linear":
        levels = _linear_levels(start, step, final_step_mg)
    elif rule == "proportional":
        levels = _proportional_levels(start, step, final_step_mg)
    else:
        levels = _hyperbolic_levels(start, step, final_step_mg, name, interval)
    days = every * np.arange(len(levels))
    return pd.DataFrame({"day": days, "dose_mg": levels, "percent_of_start": 100.0 * np.asarray(levels) / start})


def taper_days(schedule: pd.DataFrame) -> float:
    """Days from the first step to the step that reaches zero (``schedule``: a :func:`taper_schedule` table)."""
    if not isinstance(schedule, pd.DataFrame) or "day" not in schedule.columns or schedule.empty:
        raise ValueError("schedule must be a taper_schedule DataFrame (with a 'day' column and at least one row)")
    return float(schedule["day"].iloc[-1] - schedule["day"].iloc[0])


def simulate_discontinuation(drug, dose_mg, *, interval_h=INTERVAL.default, weeks_of_use=WEEKS_OF_USE.default,
                             method="abrupt", step_percent=STEP_PERCENT.default, every_days=EVERY_DAYS.default,
                             final_step_percent=DEFAULT_FINAL_STEP_PERCENT, follow_up_weeks=FOLLOW_UP_WEEKS.default,
                             switch_to=None, switch_weeks=SWITCH_WEEKS.default, **adaptation) -> pd.DataFrame:
    """Regular use for ``weeks_of_use`` weeks, then an abrupt stop or a model taper; hour by hour.

    ``method`` is ``"abrupt"`` or a ``taper_schedule`` method; ``step_percent``,
    ``every_days`` and ``final_step_percent`` are as there. With ``switch_to`` (a drug name), the
    regimen first changes to the Ashton-equivalent dose of that drug, holds it for
    ``switch_weeks`` (0-8) and then stops or tapers it (a one-step switch: the model does
    not overlap two drugs). The simulation runs until ``follow_up_weeks`` (0-52) after the
    dose reaches zero, or to the model's three-year limit, whichever is first. Extra
    keyword arguments go to :func:`helpers.models.adaptation.simulate_regimen`.
    Returns its DataFrame plus ``stop_day``: the day the change begins (one repeated value).
    """
    use_days = 7.0 * WEEKS_OF_USE.check(weeks_of_use)
    follow_up_days = 7.0 * FOLLOW_UP_WEEKS.check(follow_up_weeks)
    name = as_choice("method", method, ("abrupt",) + METHODS)
    start_drug = checked_drug_name(drug)
    as_float("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG, low_inclusive=False)
    INTERVAL.check(interval_h)
    for parameter, value in ((STEP_PERCENT, step_percent), (EVERY_DAYS, every_days), (FINAL_STEP, final_step_percent)):
        parameter.check(value)   # whatever the method: a bad value is never silently ignored
    switch_days = 7.0 * SWITCH_WEEKS.check(switch_weeks)
    taper_drug, taper_dose, hold_days = start_drug, dose_mg, 0.0
    if switch_to is not None:
        taper_drug = checked_drug_name(switch_to, "switch_to")
        taper_dose = drug_mg_for_diazepam_eq(taper_drug, diazepam_equivalent_mg(start_drug, dose_mg))
        hold_days = switch_days
    if name == "abrupt":
        schedule = pd.DataFrame({"day": [0.0], "dose_mg": [0.0]})
    else:
        schedule = taper_schedule(taper_dose, method=name, step_percent=step_percent, every_days=every_days,
                                  final_step_percent=final_step_percent, drug=taper_drug, interval_h=interval_h)
    row_days = schedule["day"].to_numpy() + use_days + hold_days
    row_doses = schedule["dose_mg"].to_numpy()
    if hold_days > 0:
        row_days = np.concatenate([[use_days], row_days])
        row_doses = np.concatenate([[taper_dose], row_doses])
    rows = pd.DataFrame({"day": row_days, "dose_mg": row_doses, "drug": taper_drug})
    days = min(use_days + hold_days + taper_days(schedule) + follow_up_days, MAX_DAYS)
    course = simulate_regimen(start_drug, dose_mg, interval_h=interval_h, days=days, schedule=rows, **adaptation)
    course["stop_day"] = use_days   # a fresh frame: setting the column in place saves copying it
    return course


def withdrawal_timing(course: pd.DataFrame, stop_day: float | None = None) -> dict:
    """When withdrawal begins and peaks after ``stop_day``, in days after the last dose.

    ``course`` is a :func:`simulate_regimen` table; ``stop_day`` defaults to the day the change began in a
    :func:`simulate_discontinuation` table (its ``stop_day`` column), so nobody retypes the weeks of use as days.
    The last dose is the last dose taken
    before ``stop_day`` (for a taper: before its first step). "Begins" = the first time withdrawal exceeds both
    the largest between-dose value of the last week of use and a quarter of its peak
    (ASSUMPTION: a teaching threshold for "noticeable"). Returns ``onset_days``,
    ``peak_days`` and ``peak`` (the withdrawal index at its peak), ``weeks_to_zero`` (from ``stop_day`` to the
    model's step to zero; 0 for an abrupt stop) and ``peak_before_zero`` (whether the peak comes before that
    step), so that no one needs to read the model's dose column.
    """
    if not isinstance(course, pd.DataFrame) or not {"day", "withdrawal", "dose_taken_mg"} <= set(course.columns):
        raise ValueError("course must be a simulate_regimen DataFrame (columns day, withdrawal, dose_taken_mg)")
    if stop_day is None:
        if "stop_day" not in course.columns:
            raise ValueError("stop_day (the day the change began) is needed for a course from simulate_regimen")
        stop_day = course["stop_day"].iloc[0]
    stop = as_float("stop_day", stop_day, low=0.0, high=MAX_DAYS)
    day, withdrawal = course["day"].to_numpy(), course["withdrawal"].to_numpy()
    after = day >= stop
    if not after.any() or stop < 7.0:
        raise ValueError("stop_day must leave at least a week of use before it and lie within the course")
    last_dose_day = _last_dose_day(course, stop)
    usual_dips = withdrawal[(day >= stop - 7.0) & (day < stop)].max()
    peak_index = np.flatnonzero(after)[np.argmax(withdrawal[after])]
    threshold = max(usual_dips, 0.25 * withdrawal[peak_index])
    onset_index = np.flatnonzero(after & (withdrawal > threshold))
    onset = day[onset_index[0]] - last_dose_day if onset_index.size else math.nan
    zero_day = _zero_day(course, stop)
    return {"onset_days": float(onset), "peak_days": float(day[peak_index] - last_dose_day),
            "peak": float(withdrawal[peak_index]), "weeks_to_zero": (zero_day - stop) / 7.0,
            "peak_before_zero": bool(day[peak_index] < zero_day)}


def _zero_day(course: pd.DataFrame, stop: float) -> float:
    """The first day from ``stop`` on whose scheduled dose is zero (``stop`` itself for an abrupt stop)."""
    day = course["day"].to_numpy()
    dosed = course["dose_mg"].to_numpy() if "dose_mg" in course.columns else course["dose_taken_mg"].to_numpy()
    zero = day[(day >= stop) & (dosed == 0)]
    return float(zero[0]) if zero.size else float(day[-1])


def _last_dose_day(course: pd.DataFrame, stop: float) -> float:
    """Day of the last dose taken before ``stop``."""
    day = course["day"].to_numpy()
    taken = day[(day < stop) & (course["dose_taken_mg"].to_numpy() > 0)]
    if taken.size == 0:
        raise ValueError("stop_day must come after at least one dose of the course")
    return float(taken[-1])


def steady_state_occupancy(dose_mg, *, drug="diazepam", interval_h=INTERVAL.default):
    """Mean benzodiazepine-site occupancy (0-1) at steady state on ``dose_mg`` every ``interval_h`` h.

    ``dose_mg`` (0 to 1000, float or array) of ``drug``; ``interval_h`` from 1 to 168 h.
    Uses the lesson 03 pharmacokinetic and occupancy models (their constants are ASSUMPTIONS).
    """
    doses = as_float_array("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG)
    name = checked_drug_name(drug)
    interval = INTERVAL.check(interval_h)
    return bz_site_occupancy(doses * _steady_mean_amount_per_mg(name, interval))


def _linear_levels(start, step, final_step_mg):
    """Equal cuts of the starting dose until a dose is at or below ``final_step_mg``, then zero."""
    levels = [start]
    while levels[-1] > 0:
        following = start * (1.0 - step * len(levels))
        levels.append(0.0 if levels[-1] <= final_step_mg or following <= 1e-9 else following)
    return levels


def _proportional_levels(start, step, final_step_mg):
    """Cuts of ``step`` times the current dose until a dose is at or below ``final_step_mg``, then zero."""
    levels = [start]
    while levels[-1] > 0:
        final = levels[-1] <= final_step_mg or len(levels) > MAX_STEPS
        levels.append(0.0 if final else levels[-1] * (1.0 - step))
    return levels


def _hyperbolic_levels(start, step, final_step_mg, drug, interval_h):
    """Doses giving equal steps of steady-state occupancy until a dose is at or below ``final_step_mg``, then zero."""
    amount_per_mg = _steady_mean_amount_per_mg(drug, interval_h)
    start_occupancy = bz_site_occupancy(start * amount_per_mg)
    levels = [start]
    while levels[-1] > 0:
        occupancy = start_occupancy * (1.0 - step * len(levels))
        dose = _amount_for_occupancy(occupancy) / amount_per_mg if occupancy > 0 else 0.0
        levels.append(0.0 if levels[-1] <= final_step_mg or dose <= 0 else dose)
    return levels


@functools.lru_cache(maxsize=256)
def _steady_mean_amount_per_mg(drug, interval_h):
    """Mean active amount (diazepam-eq mg) over one dosing interval at steady state, per mg per dose.

    Linear pharmacokinetics make this proportional to the dose, so one simulation of 1 mg doses
    gives the factor for every dose.
    """
    end_h = STEADY_STATE_DAYS * HOURS_PER_DAY
    dose_times = np.arange(0.0, end_h, interval_h)
    last_interval = np.linspace(dose_times[-1], dose_times[-1] + interval_h, 49)
    return float(dose_schedule_levels(drug, dose_times, 1.0, last_interval)["active"].mean())


def _amount_for_occupancy(occupancy):
    """The active amount (diazepam-eq mg) at which the occupancy model gives ``occupancy`` (0-1)."""
    return HALF_OCCUPANCY_MG_EQ * (occupancy / (1.0 - occupancy)) ** (1.0 / HILL)
