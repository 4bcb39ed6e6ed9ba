"""GABA-A receptor: chloride reversal potential and GABA concentration-response.

Equations (a teaching model, not a kinetic scheme):

* Nernst potential for chloride (valence -1):
  ``E_Cl = (R T / F) * ln([Cl-]in / [Cl-]out)``  in mV.
* GABA response (Hill equation), normalised so that 1.0 is the maximal response
  to GABA alone:
  ``open = G**n / (G**n + EC50_eff**n)``
  ``I = Emax(modulator) * open + direct(modulator) * (1 - open)``.
* A benzodiazepine (diazepam) only divides the EC50 by a fold shift that
  saturates with concentration; ``Emax`` stays 1 and ``direct`` stays 0
  (positive allosteric modulation, the "ceiling"). ``Emax`` = 1 treats GABA as
  a full agonist, a simplification: GABA is a near-full agonist (efficacy 0.9,
  gaba_ec50_values, oocytes) and flunitrazepam raised no maximum (gaba_ec50_values,
  L-cells), whereas diazepam does raise a *partial* agonist's efficacy
  (bzd_ceiling_allosteric), which this model does not cover.
* A barbiturate (pentobarbital) divides the EC50 too, *raises* ``Emax`` and
  opens the channel on its own at high concentration (``direct`` > 0).

Every constant names its source id in ``helpers/data/references.yaml`` or is marked ASSUMPTION.
"""

from __future__ import annotations

import numpy as np

from helpers.tables import measured_value
from helpers.validation import SETTING, Parameter, as_choice, as_float, as_float_array, broadcast_pair

MODULATORS = ("none", "diazepam", "pentobarbital")

# --- Physical constants -------------------------------------------------------
GAS_CONSTANT_J_PER_MOL_K = 8.314462618
FARADAY_C_PER_MOL = 96485.33212
ABSOLUTE_ZERO_C = -273.15

# --- Chloride and temperature ------------------------------------------------------
MAX_CHLORIDE_MM = 1000.0   # input range only (sea water holds about 550 mM): catches typing errors
MAX_GABA_UM = 1e6          # input range only (1 M: "saturating" in any chart, far above any synapse)
# source: chloride_reversal (external Cl- 133 mM in the cortical neurons measured there).
CL_OUT = Parameter("cl_out_mM", 133.0, 0.0, MAX_CHLORIDE_MM, "mM", "chloride_reversal", label="Chloride outside",
                   teaching=(100.0, 150.0, 1.0), low_inclusive=False)
# Body temperature by default; liquid water bounds the input range.
TEMPERATURE = Parameter("temperature_c", 37.0, ABSOLUTE_ZERO_C, 100.0, "°C", SETTING, label="Temperature",
                        teaching=(20.0, 40.0, 1.0), low_inclusive=False)

# --- GABA alone ---------------------------------------------------------------
# source: gaba_ec50_values (HEK293, fast perfusion, alpha1beta2gamma2L: EC50 11.6 uM,
# Hill slope 2.2). Related receptors in other preparations give about 6-34 uM (the 6.3 uM
# is alpha1beta1gamma2L, not the same receptor type), so the notebook lets the learner
# treat the exact value as a choice of receptor and preparation, not a constant of nature.
GABA_EC50_UM = 11.6
GABA_HILL = 2.2
# The published EC50s the learner can choose between (all source: gaba_ec50_values).
GABA_EC50_BY_PREPARATION_UM = {
    "HEK293 cells, fast application (α1β2γ2L)": 11.6,
    "L-cells (α1β1γ2L)": 6.3,
    "Oocytes (α1β2γ2L)": 26.0,
    "Oocytes, concatenated subunits": 34.0,
}
EC50_RANGE_UM = (1.0, 100.0)

# --- Diazepam -------------------------------------------------------------------
# source: diazepam_ec50_shift (1 uM diazepam shifts GABA sensitivity ~2.5-fold; helpers/data/measured_values.csv).
DIAZEPAM_FOLD_AT_1_UM = measured_value("ghansah1999_diazepam_fold_shift")
# ASSUMPTION: half-maximal shift at 0.1 uM. Walters et al. 2000 (walters2000_biphasic)
# saw clear potentiation from 20 nM, so the high-affinity component saturates well
# below 1 uM. The micromolar (gamma2-independent, flumazenil-insensitive) component is
# left out, so the saturation of the shift at DIAZEPAM_MAX_FOLD is a property of the model.
DIAZEPAM_HALF_SHIFT_UM = 0.1
DIAZEPAM_MAX_FOLD = 1.0 + (DIAZEPAM_FOLD_AT_1_UM - 1.0) * (1.0 + DIAZEPAM_HALF_SHIFT_UM) / 1.0

# --- Pentobarbital ----------------------------------------------------------------
# source: barbiturate_direct_activation (30 uM pentobarbital lowered the GABA EC50
# from 6.9 to 3.5 uM; pentobarbital alone gated the channel with EC50 416 uM, Hill 1.08;
# the EC50s are rows of helpers/data/measured_values.csv).
PENTOBARBITAL_FOLD_AT_30_UM = (measured_value("pentobarbital_gaba_ec50_alone")
                               / measured_value("pentobarbital_gaba_ec50_with_30_um"))
# ASSUMPTION: half-maximal EC50 shift at 30 uM (so the verified point is the midpoint).
PENTOBARBITAL_HALF_SHIFT_UM = 30.0
PENTOBARBITAL_MAX_FOLD = 1.0 + (PENTOBARBITAL_FOLD_AT_30_UM - 1.0) * 2.0
PENTOBARBITAL_DIRECT_EC50_UM = measured_value("pentobarbital_direct_ec50")
PENTOBARBITAL_DIRECT_HILL = 1.08
# ASSUMPTION: the largest direct (GABA-free) current is 0.6 of the GABA maximum.
# Direct activation itself is verified (barbiturate_direct_activation); its size is not.
PENTOBARBITAL_DIRECT_MAX = 0.6
# ASSUMPTION: pentobarbital raises the maximal GABA response by up to 40 %, half of
# that at 100 uM. That the maximum rises is verified (gaba_ec50_values, pentobarbitone
# on alpha1beta1gamma2L in L-cells);
# by how much depends on the preparation and is not in the reference base.
PENTOBARBITAL_MAX_GAIN = 0.4
PENTOBARBITAL_HALF_GAIN_UM = 100.0

# Pentobarbital around the receptor: a concentration the learner chooses (lesson 01 opens on 100 uM).
PENTOBARBITAL = Parameter("pentobarbital_uM", 100.0, 0.0, 5000.0, "µM", SETTING, label="Pentobarbital",
                          teaching=(0.0, 2000.0, 10.0),
                          teaching_points=(0.0, 10.0, 30.0, 100.0, 200.0, 400.0, 600.0, 900.0))

MODULATOR_RANGE_UM = {"none": (0.0, 0.0), "diazepam": (0.0, 100.0),
                      "pentobarbital": (PENTOBARBITAL.low, PENTOBARBITAL.high)}


def chloride_reversal_mV(cl_in_mM, cl_out_mM, temperature_c=TEMPERATURE.default):
    """Nernst reversal potential of chloride in mV.

    Parameters
    ----------
    cl_in_mM, cl_out_mM : float or array
        Intracellular and extracellular chloride in mM, each > 0 and up to 1000 (arrays broadcast).
    temperature_c : float
        Temperature in degrees Celsius, above absolute zero (-273.15 degC) and up to 100 degC.

    With 10 mM inside and 133 mM outside at 37 degC this gives about -69 mV, close
    to the IPSP reversal of -70.1 mV measured in cortical neurons (source:
    chloride_reversal; the 10 mM inside is a calculation from that measurement).
    """
    inside = as_float_array("cl_in_mM", cl_in_mM, low=0.0, high=MAX_CHLORIDE_MM, low_inclusive=False)
    outside = CL_OUT.check_array(cl_out_mM)
    inside, outside = broadcast_pair("cl_in_mM", inside, "cl_out_mM", outside)
    kelvin = TEMPERATURE.check(temperature_c) - ABSOLUTE_ZERO_C
    thermal_mV = 1000.0 * GAS_CONSTANT_J_PER_MOL_K * kelvin / FARADAY_C_PER_MOL
    return _scalar_if_0d(thermal_mV * np.log(inside / outside))


def gaba_ec50_uM(modulator="none", modulator_uM=0.0, *, gaba_ec50_alone_uM=GABA_EC50_UM):
    """GABA EC50 in uM, with an optional modulator at ``modulator_uM`` (uM).

    ``modulator`` is one of ``"none"``, ``"diazepam"``, ``"pentobarbital"``.
    For pentobarbital this is the EC50 of the GABA-gated part of the current.
    ``gaba_ec50_alone_uM`` (1-100 uM) is the EC50 without a modulator: 11.6 uM by default,
    but published values run from about 6 to 34 uM by preparation (see ``GABA_EC50_BY_PREPARATION_UM``).
    """
    name, concentration = _checked_modulator(modulator, modulator_uM)
    ec50_alone = as_float("gaba_ec50_alone_uM", gaba_ec50_alone_uM, low=EC50_RANGE_UM[0], high=EC50_RANGE_UM[1])
    return _scalar_if_0d(ec50_alone / _ec50_fold_shift(name, concentration))


def gaba_a_response(gaba_uM, modulator="none", modulator_uM=0.0, *, gaba_ec50_alone_uM=GABA_EC50_UM,
                    pentobarbital_max_gain=PENTOBARBITAL_MAX_GAIN, pentobarbital_direct_max=PENTOBARBITAL_DIRECT_MAX):
    """GABA-A current, normalised so that 1.0 is the maximal response to GABA alone.

    Parameters
    ----------
    gaba_uM : float or array
        GABA concentration in uM, 0 to 1 000 000 (1e6, a saturating amount).
    modulator : str
        ``"none"``, ``"diazepam"`` (positive allosteric modulator at the
        benzodiazepine site) or ``"pentobarbital"`` (barbiturate site).
    modulator_uM : float or array
        Modulator concentration in uM (diazepam 0-100, pentobarbital 0-5000);
        arrays must broadcast with ``gaba_uM``.


    Keyword-only values a learner may move (each one a choice or an ASSUMPTION, see the constants):

    gaba_ec50_alone_uM : float
        GABA EC50 without a modulator, 1-100 uM (default 11.6, source: gaba_ec50_values).
    pentobarbital_max_gain : float
        ASSUMPTION: how far saturating pentobarbital raises the maximal GABA response, 0-2 (default 0.4).
    pentobarbital_direct_max : float
        ASSUMPTION: the largest GABA-free pentobarbital current, 0-2 of the GABA maximum (default 0.6).

    Returns a float for scalar input, otherwise an array of the broadcast shape.
    """
    gaba = as_float_array("gaba_uM", gaba_uM, low=0.0, high=MAX_GABA_UM)
    name, concentration = _checked_modulator(modulator, modulator_uM)
    gaba, concentration = broadcast_pair("gaba_uM", gaba, "modulator_uM", concentration)
    ec50_alone = as_float("gaba_ec50_alone_uM", gaba_ec50_alone_uM, low=EC50_RANGE_UM[0], high=EC50_RANGE_UM[1])
    max_gain = as_float("pentobarbital_max_gain", pentobarbital_max_gain, low=0.0, high=2.0)
    direct_max = as_float("pentobarbital_direct_max", pentobarbital_direct_max, low=0.0, high=2.0)
    ratio = gaba / (ec50_alone / _ec50_fold_shift(name, concentration))
    open_fraction = ratio**GABA_HILL / (1.0 + ratio**GABA_HILL)
    response = _max_response(name, concentration, max_gain) * open_fraction
    response = response + _direct_response(name, concentration, direct_max) * (1.0 - open_fraction)
    return _scalar_if_0d(response)


def _checked_modulator(modulator, modulator_uM):
    name = as_choice("modulator", modulator, MODULATORS)
    low, high = MODULATOR_RANGE_UM[name]
    if name == "none":
        concentration = as_float_array("modulator_uM", modulator_uM, low=0.0)
        if np.any(concentration != 0.0):
            raise ValueError("modulator_uM must be 0 when modulator is 'none'; "
                             f"choose 'diazepam' (0-{MODULATOR_RANGE_UM['diazepam'][1]:g} uM) "
                             f"or 'pentobarbital' (0-{MODULATOR_RANGE_UM['pentobarbital'][1]:g} uM)")
        return name, concentration
    return name, as_float_array("modulator_uM", modulator_uM, low=low, high=high)


def _ec50_fold_shift(name, concentration):
    if name == "diazepam":
        return 1.0 + (DIAZEPAM_MAX_FOLD - 1.0) * concentration / (concentration + DIAZEPAM_HALF_SHIFT_UM)
    if name == "pentobarbital":
        return 1.0 + (PENTOBARBITAL_MAX_FOLD - 1.0) * concentration / (concentration + PENTOBARBITAL_HALF_SHIFT_UM)
    return np.ones_like(concentration)


def _max_response(name, concentration, max_gain):
    if name == "pentobarbital":
        return 1.0 + max_gain * concentration / (concentration + PENTOBARBITAL_HALF_GAIN_UM)
    return np.ones_like(concentration)


def _direct_response(name, concentration, direct_max):
    if name == "pentobarbital":
        ratio = concentration / PENTOBARBITAL_DIRECT_EC50_UM
        return direct_max * ratio**PENTOBARBITAL_DIRECT_HILL / (1.0 + ratio**PENTOBARBITAL_DIRECT_HILL)
    return np.zeros_like(concentration)


def _scalar_if_0d(array):
    array = np.asarray(array, dtype=float)
    return float(array) if array.ndim == 0 else array
