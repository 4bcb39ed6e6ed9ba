"""Repeated dosing and the brain's slow adaptation to it: accumulation, tolerance, withdrawal.

The model (a teaching model, not a clinical one)
-------------------------------------------------
1. **Drug in the body.** Every dose of a regimen goes through the lesson 03
   pharmacokinetic model (``helpers.models.pharmacokinetics.dose_schedule_levels``);
   ``concentration`` is the *active* amount in the body in diazepam-equivalent mg
   (the reference base holds a verified volume of distribution for clobazam only,
   pk_clobazam, so it is not ng/mL). That model is one compartment per compound
   (ASSUMPTION): diazepam's distribution phase of about 1 h (pk_diazepam_elimination,
   partly verified) is left out, so the hours after a single dose are the model's,
   not diazepam's. Half-lives stay fixed over the regimen (ASSUMPTION).
2. **Drug effect.** ``occupancy`` = benzodiazepine-site occupancy (0-1) of that amount
   (``helpers.models.occupancy.bz_site_occupancy``). The drug effect E(t) is the occupancy.
3. **Adaptation.** For each effect x (sedation, anxiolysis) a slow homeostatic state
   A_x opposes the drug effect, modelled on the GABA/benzodiazepine "uncoupling" seen
   after 3 weeks of continuous diazepam in rats (heninger_gallager_1988_uncoupling). It follows a
   linear first-order equation::

       dA_x/dt = (g_x * E(t) - A_x) / tau_x

   ``g_x`` is the largest fraction of the drug effect the adaptation can cancel and
   ``tau_x`` its time constant. Tolerance develops "relatively quickly" to the sedative
   effect and "probably does not develop at all" to the anxiolytic effect
   (vinkers_olivier_2012); one rat study found anxiolytic tolerance after 21 days of
   diazepam (file1991_rat_withdrawal). So ``tau_sedation`` < ``tau_anxiolysis`` and
   ``g_sedation`` > ``g_anxiolysis``. **All four numbers are ASSUMPTIONS**: the reference
   base gives no time scale shorter than "within weeks" (lalive2011_review;
   joint_guideline_2025 for physical dependence); the learner can move them.
   The equation is solved exactly on the hourly grid (a one-pole recursive filter).
4. **Read-outs** on the same grid:

   * ``tolerance_x`` (0 = none, 1 = complete) = A_x / (largest 24-hour mean drug effect
     so far): the share of the regimen's usual effect that the adaptation now cancels.
   * ``net_sedation`` / ``net_anxiolysis`` = E - A_x; ``net_effect`` is their mean: the
     drug's effect after tolerance, in occupancy units (below 0 = GABA-A function below
     its drug-free baseline).
   * ``withdrawal`` = mean over the two effects of max(0, A_x - g_x E), as a share of the
     same usual effect: the adaptation that the *current* drug level no longer balances.
     It is 0 while the level is steady
     (the drug's effect balances the adaptation) and positive while the level falls
     below what the model has adapted to: between doses of a short-acting drug, at each
     taper step, and most after an abrupt stop. The dip between doses is a model
     prediction with a clinical counterpart: interdose anxiety on alprazolam was described
     in an uncontrolled report, where 82 % of 48 panic-disorder patients switched to
     clonazepam preferred it for fewer doses a day and no interdose anxiety
     (herman1987_rebound_alprazolam_clonazepam). Its size depends on the dosing interval;
     the US label gives immediate-release alprazolam in divided doses
     (alprazolam_label_divided_doses, partly verified). The onset after stopping: 1-2 days
     for shorter, 3-7 days for longer half-life drugs (racgp_onset).

Protracted withdrawal (months to years in a minority; racgp_onset; ashton1995_protracted,
partly verified) has no mechanism in this model: it only knows one slow state per effect.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from helpers.models.circuit import vta_rates
from helpers.models.occupancy import bz_site_occupancy
from helpers.models.pharmacokinetics import MAX_DOSE_MG, MAX_HOURS, checked_drug_name, dose_schedule_levels
from helpers.validation import ASSUMPTION, SETTING, Parameter, as_float, as_float_array

HOURS_PER_DAY = 24.0
MAX_DAYS = 3.0 * 365.0        # three years: long enough for the slowest model taper
BLOCK_H = MAX_HOURS / 2.0     # see _levels_in_blocks
# From hourly to weekly dosing (the grid is hourly); lessons teach 6-48 h.
INTERVAL = Parameter("interval_h", 24.0, 1.0, 168.0, "h", SETTING, label="Hours between doses",
                     teaching=(6.0, 48.0, 2.0), teaching_points=(6.0, 8.0, 12.0, 24.0, 48.0))
MAX_SCHEDULE_DAYS = 10.0 * 365.0  # a schedule may run past the simulated days (input range only)
# How many weeks a lesson 04 regimen runs (the learner's setting): up to the whole weeks of the model's three years.
REGIMEN_WEEKS = Parameter("weeks", 8.0, 0.0, math.floor(MAX_DAYS / 7.0), "weeks", SETTING, label="Weeks of use",
                          teaching=(1.0, 26.0, 1.0), teaching_points=(1.0, 4.0, 8.0, 26.0), low_inclusive=False)

# --- Adaptation (all ASSUMPTIONS; directions from vinkers_olivier_2012) ---------------------
TAU_RANGE_DAYS = (0.5, 120.0)
# ASSUMPTION: sedation tolerance builds with a 5-day time constant ("develops relatively
# quickly", vinkers_olivier_2012; "within weeks", lalive2011_review; no verified number) ...
TAU_SEDATION = Parameter("tau_sedation_days", 5.0, *TAU_RANGE_DAYS, "days", ASSUMPTION,
                         label="Sedation tolerance time constant",
                         teaching=(1.0, 30.0, 1.0), teaching_points=(1.0, 2.0, 5.0, 10.0, 20.0, 30.0))
# ... and can cancel at most 80 % of the sedative effect (ASSUMPTION: "relatively quickly"
# and near-complete; no verified number).
SEDATION_TOLERANCE = Parameter("sedation_tolerance_max", 0.8, 0.0, 1.0, "fraction", ASSUMPTION,
                               label="Largest share of the sedative effect tolerance can cancel")
# ASSUMPTION: anxiolytic tolerance is slow (30-day time constant) and partial (at most 30 %):
# "probably does not develop at all" (vinkers_olivier_2012) is set against withdrawal
# anxiety after 3 weeks in rats (file1991_rat_withdrawal). No verified numbers.
TAU_ANXIOLYSIS = Parameter("tau_anxiolysis_days", 30.0, *TAU_RANGE_DAYS, "days", ASSUMPTION,
                           label="Anxiolytic tolerance time constant",
                           teaching=(5.0, 120.0, 5.0), teaching_points=(5.0, 15.0, 30.0, 60.0, 120.0))
ANXIOLYSIS_TOLERANCE = Parameter("anxiolysis_tolerance_max", 0.3, 0.0, 1.0, "fraction", ASSUMPTION,
                                 label="Largest share of the anxiolytic effect tolerance can cancel")
TAU_SEDATION_DAYS = TAU_SEDATION.default
TAU_ANXIOLYSIS_DAYS = TAU_ANXIOLYSIS.default
SEDATION_TOLERANCE_MAX = SEDATION_TOLERANCE.default
ANXIOLYSIS_TOLERANCE_MAX = ANXIOLYSIS_TOLERANCE.default

MEAN_WINDOW_H = 24  # the "usual daily effect" that tolerance is measured against

COLUMNS = ("time_h", "day", "dose_mg", "dose_taken_mg", "concentration", "occupancy", "tolerance_sedation",
           "tolerance_anxiolysis", "net_sedation", "net_anxiolysis", "net_effect", "withdrawal")


def simulate_regimen(drug, dose_mg, *, interval_h, days, schedule=None,
                     tau_sedation_days=TAU_SEDATION_DAYS, tau_anxiolysis_days=TAU_ANXIOLYSIS_DAYS,
                     sedation_tolerance_max=SEDATION_TOLERANCE_MAX,
                     anxiolysis_tolerance_max=ANXIOLYSIS_TOLERANCE_MAX) -> pd.DataFrame:
    """A regimen hour by hour: drug level, receptor occupancy, tolerance, net effect, withdrawal.

    Parameters
    ----------
    drug : str
        A drug of the course table (``helpers.models.pharmacokinetics.drug_names()``).
    dose_mg : float
        mg of ``drug`` per dose (> 0 to 1000), taken at time 0 and every ``interval_h``.
    interval_h : float
        Hours between doses (1 to 168).
    days : float
        Length of the simulation in days (> 0 to 1095); the grid is hourly.
    schedule : DataFrame, optional
        Columns ``day`` (>= 0) and ``dose_mg`` (0 to 1000), optionally ``drug``: from each
        row's day on, each dose is that row's ``dose_mg`` (of that row's drug). Before the
        first row's day, ``dose_mg`` of ``drug`` applies. A taper
        (``helpers.models.taper``) or an abrupt stop (one row with dose 0) is a schedule.
    tau_sedation_days, tau_anxiolysis_days : float
        Time constants of the two adaptations, days (0.5 to 120). ASSUMPTIONS (see module).
    sedation_tolerance_max, anxiolysis_tolerance_max : float
        Largest share (0 to 1) of each effect the adaptation can cancel. ASSUMPTIONS.

    Returns
    -------
    DataFrame with the columns in ``COLUMNS``: ``time_h``, ``day``, ``dose_mg`` (the dose
    in force, mg), ``concentration`` (active diazepam-equivalent mg in the body),
    ``dose_taken_mg`` (mg taken in that hour), ``occupancy`` (0-1), ``tolerance_sedation``
    and ``tolerance_anxiolysis`` (0-1), ``net_sedation``, ``net_anxiolysis`` and
    ``net_effect`` (occupancy units) and ``withdrawal`` (share of the usual effect, >= 0).
    """
    name = checked_drug_name(drug)
    dose = as_float("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG, low_inclusive=False)
    interval = INTERVAL.check(interval_h)
    length_days = as_float("days", days, low=0.0, high=MAX_DAYS, low_inclusive=False)
    taus = (TAU_SEDATION.check(tau_sedation_days), TAU_ANXIOLYSIS.check(tau_anxiolysis_days))
    gains = (SEDATION_TOLERANCE.check(sedation_tolerance_max), ANXIOLYSIS_TOLERANCE.check(anxiolysis_tolerance_max))
    rows = _checked_schedule(schedule, name)

    rows_key = None if rows is None else (tuple(rows["day"].tolist()), tuple(rows["dose_mg"].tolist()),
                                          tuple(rows["drug"].tolist()))
    time_h, dose_times_h, dose_amounts, concentration, occupancy = _drug_levels(name, dose, interval, length_days,
                                                                                rows_key)

    adaptation = [_first_order_response(gain * occupancy, tau * HOURS_PER_DAY)
                  for gain, tau in zip(gains, taus)]
    usual_effect = _running_max_of_daily_mean(occupancy)
    tolerance = [np.minimum(_share_of(a, usual_effect), 1.0) for a in adaptation]
    net = [occupancy - a for a in adaptation]
    unbalanced = [np.maximum(a - gain * occupancy, 0.0) for a, gain in zip(adaptation, gains)]
    return pd.DataFrame({
        "time_h": time_h.copy(),   # the cached arrays are read-only: the table gets its own
        "day": time_h / HOURS_PER_DAY,
        "dose_mg": _dose_in_force(time_h, dose_times_h, dose_amounts),
        "dose_taken_mg": _doses_taken_each_hour(time_h, dose_times_h, dose_amounts),
        "concentration": concentration.copy(),
        "occupancy": occupancy.copy(),
        "tolerance_sedation": tolerance[0],
        "tolerance_anxiolysis": tolerance[1],
        "net_sedation": net[0],
        "net_anxiolysis": net[1],
        "net_effect": 0.5 * (net[0] + net[1]),
        "withdrawal": _share_of(0.5 * (unbalanced[0] + unbalanced[1]), usual_effect),
    })


def predicted_dopamine_hz(net_alpha1_effect):
    """MODEL PREDICTION of tonic VTA dopamine firing (Hz) for a net alpha1 effect (-1 to 1).

    The disinhibition of VTA dopamine neurons runs through alpha1 receptors on the GABA
    interneurons (in mice: tan2010_abstract_findings), the subunit that also carries sedation
    (rudolph1999_alpha1) and "might be involved" in tolerance (engin2023_review). So the
    prediction feeds the *sedation* net effect into the lesson 02 circuit
    (``helpers.models.circuit.vta_rates``). ASSUMPTION: VTA alpha1 receptors adapt like
    the ones behind sedation.

    A negative net effect (GABA-A function below baseline, during withdrawal) is mirrored:
    the dopamine change has the same size and the opposite sign as for the same positive
    occupancy. That dip is a HYPOTHESIS: no study shows that benzodiazepine withdrawal
    lowers dopamine (bzd_withdrawal_dopamine_direct).
    """
    net = as_float_array("net_alpha1_effect", net_alpha1_effect, low=-1.0, high=1.0)
    baseline_hz = vta_rates(0.0)["da_hz"]
    change_hz = np.asarray(vta_rates(np.abs(net))["da_hz"]) - baseline_hz
    result = baseline_hz + np.sign(net) * change_hz
    return float(result) if result.ndim == 0 else result


def accumulation_ratio(half_life_h, interval_h):
    """Textbook accumulation ratio 1 / (1 - e^(-k tau)) for one-compartment repeated dosing
    (the model's assumption; exact for first-order elimination, absorption ignored).

    ``half_life_h`` and ``interval_h`` in hours (each > 0, up to a year); k = ln 2 / half-life.
    """
    half_life = as_float("half_life_h", half_life_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
    interval = as_float("interval_h", interval_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
    return 1.0 / (1.0 - math.exp(-math.log(2.0) / half_life * interval))


def days_to_fraction_of_steady_state(half_life_h, fraction=0.9):
    """Days (d) a regimen takes to cover ``fraction`` (0-1, exclusive) of the way to its steady state, for a
    half-life in hours (> 0, up to a year). With first-order elimination (the model's assumption; exact for a
    constant intake, a close guide for repeated doses) n half-lives cover 1 - (1/2)^n of the way, so
    n = log2(1 / (1 - fraction)): 3.32 half-lives for 90 %, whatever the dose."""
    half_life = as_float_array("half_life_h", half_life_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
    share = as_float("fraction", fraction, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    days = half_life * math.log2(1.0 / (1.0 - share)) / HOURS_PER_DAY
    return float(days) if days.ndim == 0 else days


@functools.lru_cache(maxsize=128)
def _drug_levels(name, dose, interval, length_days, rows_key):
    """Hour grid, dose times and mg, amount in the body and occupancy (read-only arrays).

    Cached: the adaptation sliders (time constants, gains) leave these unchanged, so an
    explorer moving them reuses the pharmacokinetics. ``rows_key`` is the checked schedule as tuples.
    """
    rows = None if rows_key is None else {"day": np.asarray(rows_key[0], dtype=float),
                                          "dose_mg": np.asarray(rows_key[1], dtype=float),
                                          "drug": np.asarray(rows_key[2], dtype=object)}
    time_h = np.arange(0.0, math.floor(length_days * HOURS_PER_DAY) + 1.0)
    dose_times_h = np.arange(0.0, length_days * HOURS_PER_DAY, interval)
    dose_drugs, dose_amounts = _doses_at(dose_times_h, name, dose, rows)
    concentration = _active_amount(dose_drugs, dose_times_h, dose_amounts, time_h)
    occupancy = np.asarray(bz_site_occupancy(concentration), dtype=float)
    arrays = (time_h, dose_times_h, dose_amounts, concentration, occupancy)
    for array in arrays:
        array.flags.writeable = False
    return arrays


def _checked_schedule(schedule, drug: str) -> dict | None:
    """The schedule sorted by day as numpy arrays ``day``, ``dose_mg`` and ``drug`` (no DataFrame:
    this runs on every explorer move); ``ValueError`` names what is wrong."""
    if schedule is None:
        return None
    if not isinstance(schedule, pd.DataFrame) or not {"day", "dose_mg"} <= set(schedule.columns):
        raise ValueError("schedule must be a DataFrame with columns 'day' and 'dose_mg' (and optionally 'drug')")
    if schedule.empty:
        raise ValueError("schedule must hold at least one row (day, dose_mg)")
    day = as_float_array("schedule day", schedule["day"].to_numpy(), low=0.0, high=MAX_SCHEDULE_DAYS)
    dose = as_float_array("schedule dose_mg", schedule["dose_mg"].to_numpy(), low=0.0, high=MAX_DOSE_MG)
    drugs = ([checked_drug_name(d, "schedule drug") for d in schedule["drug"]]
             if "drug" in schedule.columns else [drug] * len(day))
    order = np.argsort(day, kind="stable")
    return {"day": day[order], "dose_mg": dose[order], "drug": np.asarray(drugs, dtype=object)[order]}


def _doses_at(dose_times_h, drug, dose_mg, rows):
    """The drug and mg of each dose: ``dose_mg`` of ``drug`` until the schedule's first day."""
    drugs = np.full(dose_times_h.shape, drug, dtype=object)
    amounts = np.full(dose_times_h.shape, dose_mg)
    if rows is not None:
        row_index = np.searchsorted(rows["day"] * HOURS_PER_DAY, dose_times_h, side="right") - 1
        scheduled = row_index >= 0
        drugs[scheduled] = rows["drug"][row_index[scheduled]]
        amounts[scheduled] = rows["dose_mg"][row_index[scheduled]]
    return drugs, amounts


def _active_amount(dose_drugs, dose_times_h, dose_amounts, time_h):
    """Active amount in the body (diazepam-equivalent mg): the sum over the drugs taken."""
    total = np.zeros_like(time_h)
    for drug in dict.fromkeys(dose_drugs):
        taken = (dose_drugs == drug) & (dose_amounts > 0)
        if taken.any():
            total += _levels_in_blocks(drug, dose_times_h[taken], dose_amounts[taken], time_h)
    return total


def _levels_in_blocks(drug, dose_times_h, doses_mg, time_h):
    """``dose_schedule_levels(...)["active"]`` on a time axis longer than its one-year limit.

    Superposition is time-invariant, so the doses of each half-year block are evaluated on
    a clock that starts with that block, over the following year. By then the block's
    latest dose is at least half a year old: over 50 half-lives of the slowest elimination
    in the table (85 h), so what is left (< 1e-15 of it) is dropped.
    """
    total = np.zeros_like(time_h)
    for start_h in np.arange(0.0, dose_times_h.max() + 1.0, BLOCK_H):
        in_block = (dose_times_h >= start_h) & (dose_times_h < start_h + BLOCK_H)
        shown = (time_h >= start_h) & (time_h <= start_h + 2.0 * BLOCK_H)
        if in_block.any() and shown.any():
            levels = dose_schedule_levels(drug, dose_times_h[in_block] - start_h, doses_mg[in_block],
                                          time_h[shown] - start_h)
            total[shown] += levels["active"].to_numpy()
    return total


def _first_order_response(drive, tau_h):
    """Exact hourly solution of dA/dt = (drive - A) / tau_h with A(0) = 0 (drive held over each hour)."""
    from scipy.signal import lfilter   # here: scipy.signal takes about a second to import, needed only here

    decay = math.exp(-1.0 / tau_h)
    return lfilter([1.0 - decay], [1.0, -decay], drive)


def _running_max_of_daily_mean(values):
    """Largest mean over the trailing 24 hours so far (shorter windows at the start)."""
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    end = np.arange(1, values.size + 1)
    start = np.maximum(end - MEAN_WINDOW_H, 0)
    return np.maximum.accumulate((cumulative[end] - cumulative[start]) / (end - start))


def _share_of(values, usual_effect):
    """``values`` as a share of the usual drug effect (0 where there has been no drug yet)."""
    return np.divide(values, usual_effect, out=np.zeros_like(values), where=usual_effect > 0)


def _doses_taken_each_hour(time_h, dose_times_h, dose_amounts):
    """mg taken in each hour of the grid (a dose between grid points counts at the hour before it)."""
    taken = np.zeros_like(time_h)
    np.add.at(taken, np.floor(dose_times_h).astype(int), dose_amounts)
    return taken


def _dose_in_force(time_h, dose_times_h, dose_amounts):
    """The mg of the latest dose taken at or before each time (0 before the first)."""
    latest = np.searchsorted(dose_times_h, time_h, side="right") - 1
    return np.where(latest >= 0, dose_amounts[np.maximum(latest, 0)], 0.0)
