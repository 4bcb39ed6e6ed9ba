"""From the amount of drug in the body to benzodiazepine-site occupancy and VTA firing.

* Occupancy (Hill/Emax, the law of mass action when ``hill`` = 1):
  ``occupancy = A**n / (A**n + A50**n)``, with ``A`` the active amount in the body in
  diazepam-equivalent mg (see :mod:`helpers.models.pharmacokinetics`: one compartment, an
  ASSUMPTION) and ``A50`` the amount that occupies half the sites.
* Firing: occupancy -> :func:`helpers.models.circuit.vta_rates` (lesson 02's
  disinhibition circuit) -> dopamine and GABA neuron firing in Hz.

No verified value links an amount in the body to receptor occupancy in the reference
base, so ``A50`` and ``n`` are ASSUMPTIONS the learner can move.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.models import circuit, pharmacokinetics
from helpers.validation import ASSUMPTION, Parameter, as_float, as_float_array

# ASSUMPTION: half of the benzodiazepine sites are occupied with 30 diazepam-equivalent mg
# in the body. Chosen so that one 10 mg diazepam tablet peaks near a quarter occupancy
# and weeks of regular use reach most of the range; no source in the reference base.
HALF_OCCUPANCY = Parameter("half_occupancy_mg_eq", 30.0, 1.0, 1000.0, "diazepam-eq mg", ASSUMPTION,
                           label="Amount for half occupancy",
                           teaching=(5.0, 100.0, 5.0), teaching_points=(5.0, 10.0, 30.0, 60.0, 100.0))
HALF_OCCUPANCY_MG_EQ = HALF_OCCUPANCY.default
# ASSUMPTION: one drug molecule per site, no cooperativity (Hill coefficient 1).
HILL_COEFFICIENT = Parameter("hill", 1.0, 0.5, 3.0, "", ASSUMPTION, label="Hill coefficient of occupancy")
HILL = HILL_COEFFICIENT.default
MAX_ACTIVE_MG_EQ = 1e5  # input range only: catches typing errors


def bz_site_occupancy(active_mg_eq, *, half_occupancy_mg_eq=HALF_OCCUPANCY_MG_EQ, hill=HILL):
    """Fraction (0-1) of benzodiazepine sites occupied.

    Parameters
    ----------
    active_mg_eq : float or array
        Active drug in the body, diazepam-equivalent mg (>= 0).
    half_occupancy_mg_eq : float
        Amount giving half occupancy, diazepam-equivalent mg (1-1000). ASSUMPTION, default 30.
    hill : float
        Hill coefficient (0.5-3). ASSUMPTION, default 1.

    Returns a float for scalar input, otherwise an array of the same shape.
    """
    amount = as_float_array("active_mg_eq", active_mg_eq, low=0.0, high=MAX_ACTIVE_MG_EQ)
    half = HALF_OCCUPANCY.check(half_occupancy_mg_eq)
    n = HILL_COEFFICIENT.check(hill)
    ratio = (amount / half) ** n
    occupancy = ratio / (1.0 + ratio)
    return float(occupancy) if occupancy.ndim == 0 else occupancy


def dose_to_firing(drug, dose_mg, *, hours=24.0, step_h=0.1, half_occupancy_mg_eq=HALF_OCCUPANCY_MG_EQ,
                   hill=HILL, metabolite_potency=None):
    """One oral dose followed from the gut to VTA firing.

    ``drug`` is a name in ``pharmacokinetics.DRUGS``, ``dose_mg`` the dose in mg (0-1000),
    ``hours`` the length of the time axis (> 0) and ``step_h`` its spacing in hours.
    The occupancy and potency settings are as in :func:`bz_site_occupancy` and
    :func:`helpers.models.pharmacokinetics.dose_schedule_levels`.

    Returns a DataFrame: ``time_h``, ``parent``, ``metabolite``, ``active`` (diazepam-equivalent
    mg in the body), ``occupancy`` (0-1), ``da_hz`` and ``gaba_hz`` (VTA firing, Hz).
    """
    as_float("dose_mg", dose_mg, low=0.0, high=pharmacokinetics.MAX_DOSE_MG)
    duration = as_float("hours", hours, low=0.0, high=pharmacokinetics.MAX_HOURS, low_inclusive=False)
    step = as_float("step_h", step_h, low=0.0, high=duration, low_inclusive=False)
    n_points = int(round(duration / step)) + 1
    if n_points > pharmacokinetics.MAX_POINTS:
        raise ValueError(f"hours / step_h must give at most {pharmacokinetics.MAX_POINTS} points; got {n_points}")
    time_h = np.linspace(0.0, duration, n_points)
    levels = pharmacokinetics.dose_schedule_levels(drug, [0.0], dose_mg, time_h,
                                                   metabolite_potency=metabolite_potency)
    occupancy = bz_site_occupancy(levels["active"].to_numpy(), half_occupancy_mg_eq=half_occupancy_mg_eq, hill=hill)
    rates = circuit.vta_rates(occupancy)
    return levels.assign(occupancy=occupancy, da_hz=rates["da_hz"], gaba_hz=rates["gaba_hz"])


def peak_occupancy(drug, dose_mg, *, half_occupancy_mg_eq=HALF_OCCUPANCY_MG_EQ, hill=HILL) -> float:
    """Highest occupancy (0-1) reached in the 4 days after one dose of ``dose_mg`` mg of ``drug``."""
    chain = dose_to_firing(drug, dose_mg, hours=96.0, step_h=0.05,
                           half_occupancy_mg_eq=half_occupancy_mg_eq, hill=hill)
    return float(chain["occupancy"].max())


def summary_table(drug, dose_mg) -> pd.DataFrame:
    """Peak values after one dose: active amount (mg-eq), occupancy, DA and GABA firing (Hz), and when."""
    chain = dose_to_firing(drug, dose_mg, hours=96.0, step_h=0.05)
    peak = chain.loc[chain["occupancy"].idxmax()]
    baseline = circuit.vta_rates(0.0)
    return pd.DataFrame({
        "quantity": ["time of peak (h)", "active drug in body (diazepam-eq mg)", "site occupancy (fraction)",
                     "DA neuron firing (Hz)", "GABA interneuron firing (Hz)"],
        "before the dose": [0.0, 0.0, 0.0, baseline["da_hz"], baseline["gaba_hz"]],
        "at the peak": [peak["time_h"], peak["active"], peak["occupancy"], peak["da_hz"], peak["gaba_hz"]],
    }).round(2)
