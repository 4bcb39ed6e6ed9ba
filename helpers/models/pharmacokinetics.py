"""Oral pharmacokinetics of benzodiazepines and Z-drugs: one tablet, or any list of tablets.

The model (a teaching model, not a clinical one)
-------------------------------------------------
* **ASSUMPTION: one compartment.** The body is treated as one well-mixed space, filled by
  first-order absorption from the gut (rate ``ka``, 1/h) and emptied by first-order
  elimination (rate ``k = ln 2 / half-life``, 1/h). The half-life is the table's
  ``half_life_h_model`` (``helpers/data/benzodiazepines.csv``; each row names its sources).
  Real drugs also *distribute* from blood into fat and muscle: diazepam has a distribution
  phase of about 1 h (pk_diazepam_elimination, partly verified), which makes the level in
  blood and brain fall faster after one dose than the half-life alone suggests. The
  one-compartment curves ignore it; :func:`distribution_phase_levels` adds it, for single
  doses of diazepam only (its rate constants are ASSUMPTIONS, see ``DISTRIBUTION_HALF_LIFE_H``).
* ``ka`` is not in any source; it is derived from the table's ``tmax_h`` by solving
  ``tmax = ln(ka / k) / (ka - k)`` for the root with ``ka > k`` (the time at which the
  Bateman curve peaks).
* An active metabolite (diazepam and chlordiazepoxide -> desmethyldiazepam, clobazam ->
  N-desmethylclobazam) is a second compartment filled by the parent's elimination and
  emptied with its own half-life (``metabolite_half_life_h_model``).
* Every dose adds the same curve shifted in time (superposition), so any regimen is a
  sum of exponentials. It is evaluated exactly on any time grid: a 6-month regimen on
  an hourly grid takes milliseconds.

Units: "diazepam-equivalent mg in the body"
------------------------------------------
The reference base holds verified volumes of distribution for almost none of the drugs
(clobazam is the exception: Vd 99-120 L, CL/F 1.9-2.3 L/h; pk_clobazam), so the model does
not give plasma concentrations (ng/mL) for any drug, to keep all of them on one scale. It
gives the *amount in the body* expressed in diazepam-equivalent mg: a dose is scaled by the
Ashton equivalence to diazepam 10 mg (``dose_mg / equivalent_mg_ashton * 10``;
ashton_table_transcription). Midazolam has no Ashton value, so the WHO equivalent is used
for it (who2009_equivalents). Bioavailability is taken as already folded into those
clinical equivalences (ASSUMPTION).

The metabolite is tracked in the same units (the diazepam-equivalent mg of parent it
came from). ``active`` = parent + relative potency x metabolite; the relative potencies
are in ``METABOLITE_POTENCY`` (clobazam's from its label, the rest ASSUMPTIONS).

Drugs
-----
Every function takes ``drug`` as a name from the course table (``drug_names()``) or as a
:class:`Drug` record, so a learner can run the model with a half-life of their own (a name the table
does not hold raises :class:`UnknownDrugError`, which lists the names it does hold)::

    my_drug = Drug("my drug", half_life_h=20.0, tmax_h=1.0, equivalent_mg=5.0)
    dose_schedule_levels(my_drug, [0.0], 5.0, np.arange(0.0, 48.0))

The table is read when first needed and never changed: ``DRUGS`` gives a fresh copy of it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from helpers.tables import EQUIVALENT_COLUMNS, benzodiazepines, longest_active_half_life_h
from helpers.validation import (ASSUMPTION, SETTING, Parameter, as_choice, as_float, as_float_array, as_whole_number,
                                broadcast_pair)

REFERENCE_DIAZEPAM_MG = 10.0  # the equivalence tables give the dose equal to diazepam 10 mg
MAX_DOSE_MG = 1000.0          # input range only (well above any tablet): catches typing errors
MAX_DIAZEPAM_EQ_MG = 1e5      # input range only: 1000 mg of the most potent drug is 20 000 diazepam-eq mg
# A dose set as diazepam-equivalent mg (lessons 04-05 convert it to mg of each drug with the model's equivalences).
DIAZEPAM_EQ_DOSE = Parameter("diazepam_eq_mg", REFERENCE_DIAZEPAM_MG, 0.0, MAX_DIAZEPAM_EQ_MG, "mg", SETTING,
                             label="Dose, as diazepam-equivalent (model equivalence)",
                             teaching=(2.5, 40.0, 2.5), teaching_points=(2.5, 5.0, 10.0, 20.0, 40.0))
# A dose set as a multiple of the model's equivalent of diazepam 10 mg (lesson 03), up to the model's input range.
DOSE_EQUIVALENTS = Parameter("dose_equivalents", 1.0, 0.0, MAX_DIAZEPAM_EQ_MG / REFERENCE_DIAZEPAM_MG, "×", SETTING,
                             label="Dose (× the dose equal to diazepam 10 mg)",
                             teaching=(0.25, 3.0, 0.25), teaching_points=(0.25, 0.5, 1.0, 1.5, 2.0, 3.0))
MAX_HOURS = 24.0 * 366.0      # a year: the longest time axis the lessons use
MAX_POINTS = 1_000_000        # keeps a mistyped grid from filling the memory
DEFAULT_STEP_H = 0.1          # resolution of concentration_profile's time axis

# Relative potency of the active metabolite, per parent drug (dimensionless).
METABOLITE_POTENCY = {
    # source: pk_clobazam (label: "potency of N-CLB estimated 1/5 to equal parent").
    "clobazam": 0.2,
    # ASSUMPTION: desmethyldiazepam counted as equipotent with diazepam. The reference base
    # has no value; the notebook lets the learner move it (metabolite_potency=...).
    "diazepam": 1.0,
    # ASSUMPTION: as for diazepam (same metabolite). Demoxepam, the intermediate (also
    # active; pk_chlordiazepoxide), is folded into this one step.
    "chlordiazepoxide": 1.0,
}
# ASSUMPTION: all of the parent's elimination forms the active metabolite (an upper
# bound; the fraction is not in the reference base).
METABOLITE_FRACTION_FORMED = 1.0

# --- Distribution phase (the optional two-compartment variant; single doses of diazepam only) ---
# Half-life (h) of the fast, distribution phase, for the drugs whose distribution phase is in
# the reference base. ASSUMPTION for diazepam: 1 h, read from "distribution phase ~1 h"
# (pk_diazepam_elimination, partly verified: a label quoted by a secondary site), which does
# not say whether ~1 h is the phase's half-life or its length.
DISTRIBUTION_HALF_LIFE = Parameter("distribution_half_life_h", 1.0, 0.25, 2.0, "h", ASSUMPTION,
                                   label="Half-life of the distribution phase",
                                   teaching=(0.25, 2.0, 0.25), teaching_points=(0.25, 0.5, 1.0, 2.0))
DISTRIBUTION_HALF_LIFE_H = {"diazepam": DISTRIBUTION_HALF_LIFE.default}
# ASSUMPTION: once distribution is complete, 30 % of the drug in the body is in the central
# compartment (blood and well-perfused organs, the brain among them; the rest sits in fat and
# muscle). No volume of distribution of diazepam is in the reference base; the learner can move it.
CENTRAL = Parameter("central_share", 0.3, 0.2, 0.9, "fraction", ASSUMPTION,
                    label="Share in blood and brain after distribution",
                    teaching=(0.2, 0.9, 0.05), teaching_points=(0.2, 0.3, 0.5, 0.7, 0.9))
CENTRAL_SHARE = CENTRAL.default
MAX_METABOLITE_POTENCY = 5.0  # input range only


@dataclass(frozen=True)
class Drug:
    """What the pharmacokinetic model needs to know about one drug (see the module docstring).

    ``half_life_h`` and ``tmax_h`` in hours (the absorption rate is derived from ``tmax_h``, which
    must lie below half-life / ln 2); ``equivalent_mg``: the mg the model takes as equal to diazepam
    10 mg; ``metabolite_half_life_h``: the active metabolite's half-life (``None``: no active
    metabolite) and ``metabolite_potency`` its potency relative to the parent (0-5).
    """

    name: str
    half_life_h: float
    tmax_h: float
    equivalent_mg: float
    metabolite_half_life_h: float | None = None
    metabolite_potency: float = 0.0

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"name must be a drug's name (text); got {self.name!r}")
        as_float("half_life_h", self.half_life_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
        as_float("tmax_h", self.tmax_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
        as_float("equivalent_mg", self.equivalent_mg, low=0.0, high=MAX_DOSE_MG, low_inclusive=False)
        if self.metabolite_half_life_h is not None:
            as_float("metabolite_half_life_h", self.metabolite_half_life_h, low=0.0, high=MAX_HOURS,
                     low_inclusive=False)
        as_float("metabolite_potency", self.metabolite_potency, low=0.0, high=MAX_METABOLITE_POTENCY)

    @property
    def has_metabolite(self) -> bool:
        return self.metabolite_half_life_h is not None


class UnknownDrugError(ValueError):
    """A drug name the course table (``helpers/data/benzodiazepines.csv``) does not hold. The message names the
    argument the learner set, the value they gave and every name the table holds."""


def drug_names() -> tuple[str, ...]:
    """The drugs of the course table, by lower-case name, in table order."""
    return tuple(_table_records())


# The keywords under which the models take a drug's name (what an UnknownDrugError names).
DRUG_ARGUMENTS = ("drug", "switch_to", "schedule drug")


def checked_drug_name(drug, argument: str = "drug") -> str:
    """The table's name for ``drug``, ignoring case and surrounding spaces (``"Diazepam "`` -> ``"diazepam"``);
    otherwise :class:`UnknownDrugError` naming ``argument`` (one of ``DRUG_ARGUMENTS``: the keyword the learner
    set) and listing the drugs."""
    argument = as_choice("argument", argument, DRUG_ARGUMENTS)
    try:
        return as_choice(argument, drug, drug_names())
    except ValueError:
        names = ", ".join(repr(name) for name in drug_names())
        raise UnknownDrugError(f"{argument} must be one of the course's drugs: {names}; got {drug!r}") from None


def compared_drugs() -> tuple[str, ...]:
    """The drugs lessons 04 and 05 compare at equivalent doses (the table's ``compared_in_lessons_04_05`` column),
    shortest-acting first: by the model half-life (h) of each drug's longest-lived active compound."""
    table = benzodiazepines()
    compared = table[table["compared_in_lessons_04_05"] == "yes"]
    return tuple(longest_active_half_life_h(compared).sort_values(kind="stable").index)


def drug_record(drug) -> Drug:
    """The :class:`Drug` for a name in the course table (a :class:`Drug` is returned as it is)."""
    if isinstance(drug, Drug):
        return drug
    return _table_records()[checked_drug_name(drug)]


@functools.cache
def _table_records() -> dict[str, Drug]:
    """One :class:`Drug` per row of the table (model half-lives and Tmax; equivalence Ashton, else WHO)."""
    return {name: Drug(name, half_life_h=float(row["half_life_h_model"]), tmax_h=float(row["tmax_h"]),
                       equivalent_mg=_model_equivalent_mg(name, row),
                       metabolite_half_life_h=float(row["metabolite_half_life_h_model"]) if row["active_metabolite"]
                       else None,
                       metabolite_potency=METABOLITE_POTENCY[name] if row["active_metabolite"] else 0.0)
            for name, row in benzodiazepines().iterrows()}


def _model_equivalent_mg(name: str, row) -> float:
    """The equivalence the model uses: Ashton where it gives one, else WHO (who2009_equivalents)."""
    for column in ("equivalent_mg_ashton", "equivalent_mg_who"):
        if not math.isnan(row[column]):
            return float(row[column])
    raise ValueError(f"drug {name!r} has no equivalent dose in the table")


@functools.cache
def _source_equivalents() -> dict[str, dict[str, float]]:
    """mg equal to diazepam 10 mg, per drug and per source that gives one."""
    return {name: {source: float(row[column]) for source, column in EQUIVALENT_COLUMNS.items()
                   if not math.isnan(row[column])}
            for name, row in benzodiazepines().iterrows()}


def __getattr__(name: str):
    """``DRUGS`` (a fresh copy of the course table: changing it changes no model) and ``DRUG_NAMES``."""
    if name == "DRUGS":
        return benzodiazepines()
    if name == "DRUG_NAMES":
        return drug_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def elimination_rate_per_h(half_life_h):
    """First-order elimination rate constant (1/h) for a half-life in hours (> 0, up to a year)."""
    half_life = as_float_array("half_life_h", half_life_h, low=0.0, high=MAX_HOURS, low_inclusive=False)
    return _scalar_if_0d(math.log(2.0) / half_life)


def fraction_left(half_life_h, hours):
    """Share (0-1) of the drug in the body still there ``hours`` later (0 up to a year) when only elimination
    acts (no absorption left, one compartment): e^(-k t) with k from :func:`elimination_rate_per_h`."""
    elapsed = as_float_array("hours", hours, low=0.0, high=MAX_HOURS)
    return _scalar_if_0d(np.exp(-elimination_rate_per_h(half_life_h) * elapsed))


def absorption_rate_per_h(tmax_h, elimination_per_h):
    """Absorption rate ``ka`` (1/h) that puts the one-compartment peak at ``tmax_h``.

    Solves ``tmax = ln(ka / k) / (ka - k)`` for ``ka > k``. A solution exists only when
    ``tmax_h < 1 / k`` (the peak time as ``ka`` falls towards ``k``).
    """
    tmax = as_float("tmax_h", tmax_h, low=0.0, low_inclusive=False)
    k = as_float("elimination_per_h", elimination_per_h, low=0.0, low_inclusive=False)
    if tmax >= 1.0 / k:
        raise ValueError(f"tmax_h must be below 1 / elimination_per_h = {1.0 / k:.3g} h for "
                         f"absorption to be faster than elimination; got {tmax:g}")

    def peak_time_error(log_ka: float) -> float:
        ka = math.exp(log_ka)
        return math.log(ka / k) / (ka - k) - tmax

    # peak time falls from 1/k (ka -> k) towards 0 (ka -> infinity): one root above log(k).
    return math.exp(brentq(peak_time_error, math.log(k) + 1e-9, math.log(k) + 60.0, xtol=1e-12))


def diazepam_equivalent_mg(drug, dose_mg):
    """``dose_mg`` of ``drug`` expressed as diazepam-equivalent mg (Ashton; WHO for midazolam)."""
    record = drug_record(drug)
    dose = as_float_array("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG)
    return _scalar_if_0d(_as_diazepam_eq(record, dose))


def drug_mg_for_diazepam_eq(drug, diazepam_eq_mg):
    """mg of ``drug`` the model equates with ``diazepam_eq_mg`` mg of diazepam (0-1000; Ashton, else WHO).

    The inverse of :func:`diazepam_equivalent_mg`. The sources differ up to two-fold
    (:func:`equivalent_dose_range_mg`), so charts that convert say so.
    """
    record = drug_record(drug)
    amount = DIAZEPAM_EQ_DOSE.check_array(diazepam_eq_mg)
    return _scalar_if_0d(amount / REFERENCE_DIAZEPAM_MG * record.equivalent_mg)


def _as_diazepam_eq(record: Drug, doses_mg):
    """The one conversion of mg of a drug into diazepam-equivalent mg."""
    return doses_mg / record.equivalent_mg * REFERENCE_DIAZEPAM_MG


def rate_constants(drug) -> dict:
    """The model's rate constants (1/h) for ``drug``: ``absorption``, ``elimination``, ``metabolite``.

    ``metabolite`` is NaN for drugs without an active metabolite in the table.
    """
    return dict(_rate_constants(drug_record(drug)))


@functools.lru_cache(maxsize=256)
def _rate_constants(record: Drug) -> tuple:
    elimination = elimination_rate_per_h(record.half_life_h)
    metabolite = elimination_rate_per_h(record.metabolite_half_life_h) if record.has_metabolite else float("nan")
    return (("absorption", absorption_rate_per_h(record.tmax_h, elimination)),
            ("elimination", elimination), ("metabolite", metabolite))


def concentration_profile(drug, dose_mg, *, hours, interval_h=None, n_doses=1, step_h=DEFAULT_STEP_H):
    """Amount of drug in the body after one dose, or ``n_doses`` doses every ``interval_h`` hours.

    Parameters
    ----------
    drug : str or Drug
        A drug in ``DRUGS`` (lower-case name, e.g. ``"diazepam"``), or a :class:`Drug` record.
    dose_mg : float
        Each dose in mg of that drug (0 to 1000).
    hours : float
        Length of the time axis in hours (> 0), starting at the first dose.
    interval_h : float, optional
        Hours between doses (> 0); required when ``n_doses`` > 1.
    n_doses : int
        Number of doses (>= 1).
    step_h : float
        Spacing of the time axis in hours (> 0).

    Returns
    -------
    DataFrame with ``time_h``, ``parent`` and, for drugs with an active metabolite,
    ``metabolite``: amounts in the body in **diazepam-equivalent mg** (one compartment,
    an ASSUMPTION; not ng/mL, as volumes of distribution are verified for almost none of
    the drugs; see the module docstring).
    """
    record = drug_record(drug)
    dose = as_float("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG)
    duration = as_float("hours", hours, low=0.0, high=MAX_HOURS, low_inclusive=False)
    step = as_float("step_h", step_h, low=0.0, high=duration, low_inclusive=False)
    count = _checked_dose_count(n_doses)
    if count > 1 and interval_h is None:
        raise ValueError("interval_h (hours between doses, > 0) is needed when n_doses > 1")
    interval = 0.0 if interval_h is None else as_float("interval_h", interval_h, low=0.0, high=MAX_HOURS,
                                                        low_inclusive=False)
    n_points = int(round(duration / step)) + 1
    if n_points > MAX_POINTS:
        raise ValueError(f"hours / step_h must give at most {MAX_POINTS} points; got {n_points}")
    time_h = np.linspace(0.0, duration, n_points)
    levels = dose_schedule_levels(record, interval * np.arange(count), dose, time_h)
    columns = ["time_h", "parent"] + (["metabolite"] if record.has_metabolite else [])
    return levels[columns]


def dose_schedule_levels(drug, dose_times_h, doses_mg, time_h, *, metabolite_potency=None):
    """Amounts in the body on ``time_h`` after doses ``doses_mg`` taken at ``dose_times_h``.

    Parameters
    ----------
    drug : str or Drug
        A drug in ``DRUGS``, or a :class:`Drug` record.
    dose_times_h : array of float
        When each dose is taken, in hours (>= 0, any order).
    doses_mg : float or array of float
        mg of that drug per dose (0 to 1000); one number for all doses, or one per dose.
    time_h : array of float
        Times in hours (>= 0, any order) at which to evaluate the amounts.
    metabolite_potency : float, optional
        Relative potency of the active metabolite (0 to 5); default ``METABOLITE_POTENCY``.

    Returns
    -------
    DataFrame with ``time_h``, ``parent``, ``metabolite`` (zeros for drugs without one) and
    ``active`` = parent + potency x metabolite, all in diazepam-equivalent mg in the body.
    """
    record = drug_record(drug)
    times = np.ravel(as_float_array("dose_times_h", dose_times_h, low=0.0, high=MAX_HOURS))
    doses = as_float_array("doses_mg", doses_mg, low=0.0, high=MAX_DOSE_MG)
    if doses.ndim > 1:
        raise ValueError("doses_mg must be one number or a 1-D array with one dose per dose time")
    times, doses = broadcast_pair("dose_times_h", times, "doses_mg", doses)
    grid = as_float_array("time_h", time_h, low=0.0, high=MAX_HOURS)
    if grid.ndim != 1 or grid.size == 0:
        raise ValueError("time_h must be a 1-D array of at least one time in hours")
    if grid.size > MAX_POINTS:
        raise ValueError(f"time_h must hold at most {MAX_POINTS} points; got {grid.size}")
    potency = _checked_potency(record, metabolite_potency)
    parent, metabolite = _superposed_amounts(record, times, _as_diazepam_eq(record, doses), grid)
    return pd.DataFrame({"time_h": grid, "parent": parent, "metabolite": metabolite,
                         "active": parent + potency * metabolite})


def two_compartment_rate_constants(drug, *, distribution_half_life_h=None, central_share=CENTRAL_SHARE) -> dict:
    """Rate constants (1/h) of the two-compartment variant for ``drug`` (see :func:`distribution_phase_levels`).

    Returns ``absorption`` (gut -> central), ``to_peripheral`` (k12), ``to_central`` (k21),
    ``elimination_central`` (k10), ``metabolite``, and the two phases they produce:
    ``distribution`` (alpha, from ``distribution_half_life_h``) and ``terminal`` (beta, the
    table's model half-life, as in the one-compartment model). The micro-constants solve
    ``alpha + beta = k10 + k12 + k21``, ``alpha beta = k10 k21`` and ``k21 / (k12 + k21) =
    central_share``, taking the root with the slower elimination (most of the fast phase is
    distribution, not elimination). ``absorption`` puts the central (plasma) peak at the
    table's ``tmax_h``, which is measured in plasma.
    """
    record, alpha, share = _checked_distribution(drug, distribution_half_life_h, central_share)
    return dict(_two_compartment_constants(record, alpha, share))


@functools.lru_cache(maxsize=256)
def _two_compartment_constants(record: Drug, alpha: float, share: float) -> tuple:
    """Cached core of :func:`two_compartment_rate_constants` (sliders revisit the same values)."""
    beta = float(elimination_rate_per_h(record.half_life_h))
    discriminant = (alpha + beta) ** 2 - 4.0 * alpha * beta / share
    if discriminant < 0:
        raise ValueError(f"central_share must be at least {4 * alpha * beta / (alpha + beta) ** 2:.3g} for a "
                         f"distribution half-life of {math.log(2) / alpha:g} h; got {share:g}")
    to_central = share * (alpha + beta + math.sqrt(discriminant)) / 2.0
    elimination_central = alpha * beta / to_central
    to_peripheral = to_central * (1.0 / share - 1.0)
    absorption = _absorption_for_central_peak(float(record.tmax_h), alpha, beta, to_central)
    return (("absorption", absorption), ("to_peripheral", to_peripheral), ("to_central", to_central),
            ("elimination_central", elimination_central), ("metabolite", rate_constants(record)["metabolite"]),
            ("distribution", alpha), ("terminal", beta))


def _absorption_for_central_peak(tmax_h, alpha, beta, to_central) -> float:
    """``ka`` (1/h) that puts the peak of the central amount after an oral dose at ``tmax_h``.

    The central amount is ``ka sum_r c_r B(ka, r, t)`` over r in (alpha, beta) with
    ``c_alpha = (alpha - k21)/(alpha - beta)``, ``c_beta = (k21 - beta)/(alpha - beta)`` and
    ``B = (e^-rt - e^-ka t)/(ka - r)``; its peak moves earlier as ``ka`` grows.
    """
    weights = ((alpha, (alpha - to_central) / (alpha - beta)), (beta, (to_central - beta) / (alpha - beta)))

    def slope(ka, t):  # d/dt of the central amount (per unit dose, divided by ka)
        return sum(w * _bateman_slope(ka, rate, t) for rate, w in weights)

    def peak_time_error(log_ka):
        ka = math.exp(log_ka)
        return brentq(lambda t: slope(ka, t), 1e-9, 2.0 / beta, xtol=1e-12) - tmax_h

    # ka = 2 beta peaks after days, ka = 1000 / tmax within minutes: one root between.
    return math.exp(brentq(peak_time_error, math.log(2.0 * beta), math.log(1000.0 / tmax_h), xtol=1e-12))


def _bateman_slope(ka, rate, t):
    """d/dt of (e^-rate t - e^-ka t)/(ka - rate), with its limit e^-rate t (1 - rate t) as ka -> rate."""
    if abs(ka - rate) < 1e-9 * ka:
        return math.exp(-rate * t) * (1.0 - rate * t)
    return (ka * math.exp(-ka * t) - rate * math.exp(-rate * t)) / (ka - rate)


def distribution_phase_levels(drug, dose_mg, time_h, *, distribution_half_life_h=None, central_share=CENTRAL_SHARE,
                              metabolite_potency=None):
    """One oral dose with a distribution phase: the two-compartment variant (single doses only).

    The drug is absorbed into a central compartment (blood, and organs that equilibrate with it
    quickly; ASSUMPTION: the brain among them), moves to and from a peripheral one (fat, muscle)
    and is eliminated from the central one. After one dose the level in the central compartment
    rises higher than in the one-compartment model, then falls in the distribution phase and
    joins the slow terminal decline (the table's half-life). Only drugs with a distribution
    phase in the reference base (``DISTRIBUTION_HALF_LIFE_H``: diazepam) are accepted.

    Parameters
    ----------
    drug : str
        A drug in ``DISTRIBUTION_HALF_LIFE_H``.
    dose_mg : float
        The dose in mg (0 to 1000), taken at time 0.
    time_h : array of float
        Times in hours (>= 0) at which to evaluate the levels.
    distribution_half_life_h : float, optional
        Half-life of the distribution phase in hours (0.25-2); default ``DISTRIBUTION_HALF_LIFE_H``
        (an ASSUMPTION tuned to pk_diazepam_elimination, partly verified).
    central_share : float
        Share of the drug in the body that sits in the central compartment once distribution is
        complete (0.2-0.9); ASSUMPTION, default ``CENTRAL_SHARE``.
    metabolite_potency : float, optional
        As in :func:`dose_schedule_levels`.

    Returns
    -------
    DataFrame with ``time_h``, ``parent``, ``metabolite`` and ``active``, on the one-compartment
    model's scale: ``parent`` is the central amount divided by ``central_share`` (the level in
    blood and brain, expressed as the diazepam-equivalent mg in the body that would give it once
    distribution is complete), so after the distribution phase it runs close to the
    one-compartment ``parent``. ``metabolite`` is formed from what the central compartment
    eliminates (one compartment of its own) and ``active`` = parent + potency x metabolite.
    """
    record, alpha, share = _checked_distribution(drug, distribution_half_life_h, central_share)
    dose = as_float("dose_mg", dose_mg, low=0.0, high=MAX_DOSE_MG)
    grid = as_float_array("time_h", time_h, low=0.0, high=MAX_HOURS)
    if grid.ndim != 1 or grid.size == 0 or grid.size > MAX_POINTS:
        raise ValueError(f"time_h must be a 1-D array of 1 to {MAX_POINTS} times in hours")
    potency = _checked_potency(record, metabolite_potency)
    rates = dict(_two_compartment_constants(record, alpha, share))
    # State (gut, central, peripheral, metabolite); every flow is first order: d(state)/dt = M state.
    ka, k12, k21, k10, km = (rates[key] for key in ("absorption", "to_peripheral", "to_central",
                                                     "elimination_central", "metabolite"))
    flows = np.array([[-ka, 0.0, 0.0, 0.0],
                      [ka, -(k10 + k12), k21, 0.0],
                      [0.0, k12, -k21, 0.0],
                      [0.0, METABOLITE_FRACTION_FORMED * k10, 0.0, -km]])
    eigenvalues, eigenvectors = np.linalg.eig(flows)  # real, distinct rates (-ka, -alpha, -beta, -km)
    weights = np.linalg.solve(eigenvectors, np.array([_as_diazepam_eq(record, dose), 0.0, 0.0, 0.0]))
    state = (np.exp(np.outer(grid, eigenvalues.real)) * weights.real) @ eigenvectors.real.T
    parent = np.maximum(state[:, 1], 0.0) / share
    metabolite = np.maximum(state[:, 3], 0.0)
    return pd.DataFrame({"time_h": grid, "parent": parent, "metabolite": metabolite,
                         "active": parent + potency * metabolite})


def _checked_distribution(drug, distribution_half_life_h, central_share) -> tuple[Drug, float, float]:
    """The drug's record, the distribution rate alpha (1/h) and the central share, checked."""
    record = drug_record(drug)
    name = as_choice("drug", record.name, tuple(DISTRIBUTION_HALF_LIFE_H))
    half_life = DISTRIBUTION_HALF_LIFE.check(DISTRIBUTION_HALF_LIFE_H[name] if distribution_half_life_h is None
                                             else distribution_half_life_h)
    return record, math.log(2.0) / half_life, CENTRAL.check(central_share)


def _superposed_amounts(record, dose_times_h, amounts_mg_eq, time_h):
    """Parent and metabolite amounts as sums of exponentials, one decaying sum per rate constant.

    One dose D at time 0 gives (Bateman):
        parent(t)     = D ka/(ka-k) [e^-kt - e^-ka t]
        metabolite(t) = f k D ka/(ka-k) [(e^-kt - e^-km t)/(km-k) - (e^-ka t - e^-km t)/(km-ka)]
    so the whole regimen needs only S_r(t) = sum over past doses of D_i e^{-r (t - t_i)}.
    """
    rates = rate_constants(record)
    ka, k, km = rates["absorption"], rates["elimination"], rates["metabolite"]
    s_ka = _decaying_sum(ka, dose_times_h, amounts_mg_eq, time_h)
    s_k = _decaying_sum(k, dose_times_h, amounts_mg_eq, time_h)
    bateman = ka / (ka - k)
    parent = bateman * (s_k - s_ka)
    if math.isnan(km):
        return parent, np.zeros_like(parent)
    s_km = _decaying_sum(km, dose_times_h, amounts_mg_eq, time_h)
    metabolite = METABOLITE_FRACTION_FORMED * k * bateman * ((s_k - s_km) / (km - k) - (s_ka - s_km) / (km - ka))
    return parent, np.maximum(metabolite, 0.0)


def _decaying_sum(rate_per_h, dose_times_h, amounts, time_h):
    """S(t) = sum of amounts_i * exp(-rate (t - t_i)) over the doses with t_i <= t.

    Runs once through the sorted doses (the running sum just after each dose), then
    decays the latest running sum to every time point: exact, and no overflow.
    """
    order = np.argsort(dose_times_h, kind="stable")
    sorted_times = dose_times_h[order]
    sorted_amounts = amounts[order]
    after_dose = np.empty_like(sorted_amounts)
    running, previous_time = 0.0, 0.0
    for index, (dose_time, amount) in enumerate(zip(sorted_times.tolist(), sorted_amounts.tolist())):
        running = running * math.exp(-rate_per_h * (dose_time - previous_time)) + amount
        after_dose[index], previous_time = running, dose_time
    latest = np.searchsorted(sorted_times, time_h, side="right") - 1
    taken = latest >= 0
    result = np.zeros_like(time_h, dtype=float)
    result[taken] = after_dose[latest[taken]] * np.exp(-rate_per_h * (time_h[taken] - sorted_times[latest[taken]]))
    return result


def equivalent_dose_mg(drug) -> float:
    """mg of ``drug`` the model takes as equal to diazepam 10 mg: Ashton where it gives one, else WHO."""
    return float(drug_record(drug).equivalent_mg)


def equivalent_doses_mg(drug) -> dict[str, float]:
    """mg of ``drug`` that each source equates with diazepam 10 mg, by source name (only sources that give one).

    Sources: Ashton (ashton_table_transcription), VA/DoD (joint_guideline_table7) and WHO
    (who2009_equivalents); they differ up to two-fold for some drugs.
    """
    name = checked_drug_name(drug)
    doses = dict(_source_equivalents()[name])
    if not doses:
        raise ValueError(f"drug {name!r} has no equivalent dose in the table")
    return doses


def equivalent_dose_range_mg(drug) -> tuple[float, float]:
    """Lowest and highest mg of ``drug`` that the sources equate with diazepam 10 mg
    (see :func:`equivalent_doses_mg`)."""
    doses = equivalent_doses_mg(drug).values()
    return min(doses), max(doses)


def _checked_dose_count(n_doses) -> int:
    return as_whole_number("n_doses", n_doses, low=1, high=10_000)


def _checked_potency(record: Drug, metabolite_potency) -> float:
    if metabolite_potency is None:
        return record.metabolite_potency
    return as_float("metabolite_potency", metabolite_potency, low=0.0, high=MAX_METABOLITE_POTENCY)


def _scalar_if_0d(array):
    array = np.asarray(array, dtype=float)
    return float(array) if array.ndim == 0 else array
