"""The ventral tegmental area (VTA) as two firing-rate populations: disinhibition.

A population of GABA interneurons inhibits a population of dopamine (DA) neurons;
both receive excitatory drive. Each population is a threshold-linear rate unit,
``rate = max(input, 0)``, with every input written in "Hz-equivalents" (the change in
firing it would cause on its own). The circuit is feed-forward, so the steady state
is solved exactly:

* interneurons:
  ``gaba_hz = max(GABA_DRIVE - INHIB_ONTO_GABA * (1 + occ * g1 * alpha1)
  - OPIOID * mu - GIRK_GABA * ghb_gaba, 0)``
* dopamine neurons:
  ``da_hz = max(DA_DRIVE - W * gaba_hz * (1 + occ * g3) - GIRK_DA * ghb_da, 0)``

``occ`` is benzodiazepine-site occupancy (0-1). Two independent gains say how much a
fully occupied benzodiazepine site adds to the GABA-A inhibition each population
receives: ``g1`` (``alpha1_gain``) on the interneurons, whose receptors carry alpha1,
and ``g3`` (``alpha3_gain``) on the DA neurons, whose receptors are mainly alpha3
(source: vta_subunit_distribution_figure, partially verified). Both sizes are
ASSUMPTIONS. ``alpha1`` is 1 in wild-type mice and 0 in alpha1(H101R) mice, whose
alpha1 subunits do not bind benzodiazepines (source: bz_sensitive_subunits_his).
``mu`` is mu-opioid receptor activation, which hyperpolarises interneurons and not DA
neurons (source: johnson_north_1992). ``ghb_gaba`` and ``ghb_da`` are the GABA-B/GIRK
activation that GHB produces in each population. Verified: GIRK coupling is far less
efficient in DA neurons, and at behaviourally relevant doses GHB activated GIRK in
GABA neurons only (source: ghb_gabab). That GHB *inhibits* DA neurons at high levels is
an ASSUMPTION: the two-way effect (low doses excite, high doses inhibit DA neurons) is
verified for the GABA-B agonist baclofen only, and the model extrapolates it to GHB.

The populations settle within tens of milliseconds, far faster than a drug arrives,
so :func:`simulate_vta` computes the steady state at each instant of a drug time
course (quasi-steady state) and :func:`poisson_spikes` draws reproducible spike
rasters from those rates.

Verified anchors: tonic DA firing about 4 Hz (da_neuron_firing_tonic); VTA GABA
neurons much faster, representative cells at about 32 and 50 Hz (vta_gaba_firing,
partially verified, single cells). Every other constant is an ASSUMPTION chosen to
reproduce the *directions* reported by Tan et al. 2010 (tan2010_abstract_findings,
tan2010_figure_titles); that paper's numbers are unverified (tan2010_numbers) and none
is used here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.validation import (ASSUMPTION, SETTING, Parameter, as_float, as_float_array, as_fraction, as_whole_number,
                                broadcast_pair)

# --- Baseline firing ----------------------------------------------------------------
DA_BASELINE_HZ = 4.0     # source: da_neuron_firing_tonic (tonic firing about 4 Hz)
GABA_BASELINE_HZ = 32.0  # source: vta_gaba_firing (representative cell ~32 Hz; partially verified)

# --- Inhibition at baseline -----------------------------------------------------------
# ASSUMPTION: tonic GABA-A inhibition holds the interneurons 24 Hz below the 56 Hz their
# excitatory drive alone would give (no verified value; chosen so that silencing that
# inhibition would not exceed the faster ~50 Hz cell in vta_gaba_firing by much).
INHIBITION_ONTO_GABA_HZ = 24.0
GABA_DRIVE_HZ = GABA_BASELINE_HZ + INHIBITION_ONTO_GABA_HZ
# ASSUMPTION: the interneurons hold the DA neurons 6 Hz below the 10 Hz their drive alone
# would give, so complete disinhibition at most raises tonic firing 2.5-fold (no
# verified value; Tan 2010's percent changes are unverified: tan2010_numbers).
INHIBITION_ONTO_DA_HZ = 6.0
DA_DRIVE_HZ = DA_BASELINE_HZ + INHIBITION_ONTO_DA_HZ
GABA_TO_DA_WEIGHT = INHIBITION_ONTO_DA_HZ / GABA_BASELINE_HZ  # Hz of DA inhibition per Hz of interneuron firing

# --- Benzodiazepine site: two independent gains -------------------------------------------
# A gain is the extra GABA-A inhibition a population receives at full occupancy, as a
# fraction of its baseline GABA-A inhibition (1 = doubled). Positive allosteric modulation
# with a ceiling is verified (bzd_ceiling_allosteric; diazepam_ec50_shift: ~2.5-fold EC50
# shift on recombinant alpha1 receptors); its size at VTA synapses is not.
GAIN_RANGE = (0.0, 3.0)
GAIN_POINTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)   # handout positions of the gain sliders
# ASSUMPTION: +75 % inhibition of the interneurons (alpha1) at full occupancy.
ALPHA1 = Parameter("alpha1_gain", 0.75, *GAIN_RANGE, "× baseline", ASSUMPTION,
                   label="α1 gain: extra inhibition of interneurons at full occupancy",
                   teaching=(*GAIN_RANGE, 0.05), teaching_points=GAIN_POINTS)
ALPHA1_GAIN = ALPHA1.default
# ASSUMPTION: +25 % inhibition of the DA neurons (mainly alpha3) at full occupancy. The
# review legend says the alpha1 effect on interneurons is functionally predominant
# (vta_subunit_distribution_figure, partially verified) and gives no number. In this
# model equal gains roughly cancel, so the alpha3 gain is set lower than the alpha1 gain
# to reproduce Tan 2010's rise in DA firing; nothing measured says alpha3 receptors on
# DA neurons are potentiated less.
ALPHA3 = Parameter("alpha3_gain", 0.25, *GAIN_RANGE, "× baseline", ASSUMPTION,
                   label="α3 gain: extra inhibition of dopamine neurons at full occupancy",
                   teaching=(*GAIN_RANGE, 0.05), teaching_points=GAIN_POINTS)
ALPHA3_GAIN = ALPHA3.default

# --- Drug levels a learner sets (fractions 0-1; the sliders show them without a unit) -----------------
FRACTION_POINTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)   # handout positions of a fraction
# Benzodiazepine-site occupancy: a condition the learner chooses (lesson 02 opens on 0.6).
BZ_OCCUPANCY = Parameter("bz_occupancy", 0.6, 0.0, 1.0, "", SETTING, label="Benzodiazepine-site occupancy",
                         teaching=(0.0, 1.0, 0.05), teaching_points=FRACTION_POINTS)
# One drug's level on the model's 0-1 scale: occupancy (benzodiazepine) or receptor activation (opioid, GHB).
DRUG_LEVEL = Parameter("level", 0.5, 0.0, 1.0, "", SETTING, label="Drug level (occupancy or receptor activation)",
                       teaching=(0.0, 1.0, 0.05), teaching_points=FRACTION_POINTS)

# --- mu-opioid receptors (interneurons only; source: johnson_north_1992) ---------------
# ASSUMPTION: full mu-receptor activation hyperpolarises interneurons by 24 Hz-equivalents.
OPIOID_MAX_HZ = 24.0

# --- GHB through GABA-B/GIRK (source: ghb_gabab, Cruz et al. 2004) ---------------------------
# ``ghb`` is a relative level, 0-1 (1 = top of the model's range). Verified (ghb_gabab): GIRK
# coupling to GABA-B is much less efficient in DA neurons than in GABA neurons, and at
# behaviourally relevant doses GHB activated GIRK in GABA neurons only. The same entry
# verifies a two-way effect (low doses excite, high doses inhibit DA neurons) for baclofen
# only. ASSUMPTION (extrapolation from baclofen): at the top of the model's range GHB also
# hyperpolarises DA neurons enough to bring their firing below baseline.
GHB_HALF_LEVEL_GABA = 0.1   # ASSUMPTION: half-maximal GIRK activation in interneurons
GHB_HALF_LEVEL_DA = 1.0     # ASSUMPTION: ten-fold less sensitive in DA neurons
GIRK_MAX_GABA_HZ = 30.0     # ASSUMPTION: largest GIRK hyperpolarisation of interneurons, Hz-equivalents
GIRK_MAX_DA_HZ = 12.0       # ASSUMPTION (extrapolated from baclofen): largest GIRK hyperpolarisation of DA neurons

# --- Time course (illustrative, see simulate_vta) ------------------------------------------
DURATION_RANGE_S = (1.0, 120.0)
MAX_POISSON_NEURONS = 200
MAX_SEED = 2**32 - 1   # numpy's seeds
# Lesson 00's practice raster: random (Poisson) cells at a rate the learner sets; no finding of a later lesson.
PRACTICE_RATE = Parameter("rate_hz", 4.0, 0.0, 50.0, "Hz", SETTING, label="Firing rate",
                          teaching=(0.0, 50.0, 1.0), teaching_points=(0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 50.0))


def vta_rates(bz_occupancy=0.0, *, alpha1_sensitive=True, mu_opioid=0.0, ghb=0.0,
              alpha1_gain=ALPHA1_GAIN, alpha3_gain=ALPHA3_GAIN):
    """Steady-state firing of VTA interneurons and dopamine neurons, in Hz.

    Parameters
    ----------
    bz_occupancy : float or array
        Benzodiazepine-site occupancy, fraction 0-1.
    alpha1_sensitive : bool
        True for wild-type mice; False for alpha1(H101R) mice, whose alpha1-containing
        receptors (on the interneurons) ignore benzodiazepines.
    mu_opioid : float or array
        mu-opioid receptor activation, fraction 0-1 (acts on interneurons only).
    ghb : float or array
        GHB level relative to the model's range, 0-1 (acts through GABA-B/GIRK).
    alpha1_gain : float or array
        Extra GABA-A inhibition of the interneurons (alpha1) at full occupancy, as a
        fraction of their baseline GABA-A inhibition, 0-3 (1 = doubled). ASSUMPTION, default 0.75.
    alpha3_gain : float or array
        Extra GABA-A inhibition of the dopamine neurons (mainly alpha3) at full occupancy,
        0-3, independent of ``alpha1_gain``. ASSUMPTION, default 0.25.

    Array inputs broadcast together. Returns a dict: ``da_hz``, ``gaba_hz`` (floats, or
    arrays for array input) and
    ``inhibition_onto_da`` (the GABA-A inhibition reaching the DA neurons, 1 = baseline).
    """
    occupancy = BZ_OCCUPANCY.check_array(bz_occupancy)
    inputs = {"mu_opioid": as_float_array("mu_opioid", mu_opioid, low=0.0, high=1.0),
              "ghb": as_float_array("ghb", ghb, low=0.0, high=1.0),
              "alpha1_gain": ALPHA1.check_array(alpha1_gain),
              "alpha3_gain": ALPHA3.check_array(alpha3_gain)}
    for name, value in inputs.items():
        occupancy, _ = broadcast_pair("bz_occupancy", occupancy, name, value)
    mu, level, gain1, gain3 = (np.broadcast_to(value, occupancy.shape) for value in inputs.values())
    sensitive = _as_bool("alpha1_sensitive", alpha1_sensitive)

    on_interneurons = occupancy * gain1 * (1.0 if sensitive else 0.0)
    on_da_neurons = occupancy * gain3
    gaba_hz = _threshold_linear(GABA_DRIVE_HZ - INHIBITION_ONTO_GABA_HZ * (1.0 + on_interneurons)
                                - OPIOID_MAX_HZ * mu - GIRK_MAX_GABA_HZ * _girk_activation(level, GHB_HALF_LEVEL_GABA))
    inhibition_onto_da_hz = GABA_TO_DA_WEIGHT * gaba_hz * (1.0 + on_da_neurons)
    da_hz = _threshold_linear(DA_DRIVE_HZ - inhibition_onto_da_hz
                              - GIRK_MAX_DA_HZ * _girk_activation(level, GHB_HALF_LEVEL_DA))
    return {"da_hz": _scalar_if_0d(da_hz), "gaba_hz": _scalar_if_0d(gaba_hz),
            "inhibition_onto_da": _scalar_if_0d(inhibition_onto_da_hz / INHIBITION_ONTO_DA_HZ)}


def break_even_alpha3_gain(bz_occupancy, *, alpha1_gain=ALPHA1_GAIN):
    """The ``alpha3_gain`` at which dopamine firing is back at baseline, in the model.

    Below it disinhibition wins (DA neurons fire faster than baseline); above it the direct
    inhibition of the DA neurons wins. Wild-type circuit, no other drug; ``bz_occupancy``
    and ``alpha1_gain`` as in :func:`vta_rates`. Returns NaN without drug (occupancy 0:
    every gain leaves the baseline unchanged) and infinity once the alpha1 potentiation
    alone silences the interneurons (no alpha3 gain can then bring the DA neurons back down).
    The value may lie above the model's gain range (3).
    Solved from the steady-state equations: baseline DA needs
    ``gaba_hz * (1 + occ * g3) = GABA_BASELINE_HZ`` with ``gaba_hz = GABA_BASELINE_HZ - INHIB_ONTO_GABA * occ * g1``.
    """
    occupancy = BZ_OCCUPANCY.check(bz_occupancy)
    gain1 = ALPHA1.check(alpha1_gain)
    if occupancy == 0.0:
        return float("nan")
    gaba_hz = GABA_BASELINE_HZ - INHIBITION_ONTO_GABA_HZ * occupancy * gain1
    if gaba_hz <= 0.0:
        return float("inf")
    return float(INHIBITION_ONTO_GABA_HZ * gain1 / gaba_hz)


def drug_time_profile(time_s, *, onset_s, rise_s):
    """Fraction (0-1) of the final drug level reached at each time (s): 0 before ``onset_s``,
    then ``1 - exp(-(t - onset_s) / rise_s)``. Illustrative kinetics (ASSUMPTION). Times and onset
    lie within the longest time course, 0-120 s."""
    time = as_float_array("time_s", time_s, low=0.0, high=DURATION_RANGE_S[1])
    onset = as_float("onset_s", onset_s, low=0.0, high=DURATION_RANGE_S[1])
    rise = as_float("rise_s", rise_s, low=0.01, high=100.0)
    return np.where(time < onset, 0.0, 1.0 - np.exp(-np.clip(time - onset, 0.0, None) / rise))


def simulate_vta(bz_occupancy=0.5, *, alpha1_sensitive=True, mu_opioid=0.0, ghb=0.0,
                 alpha1_gain=ALPHA1_GAIN, alpha3_gain=ALPHA3_GAIN,
                 duration_s=10.0, onset_s=3.0, rise_s=1.0, dt_s=0.01):
    """Firing of both populations while a drug arrives, as a DataFrame.

    The drug levels (``bz_occupancy``, ``mu_opioid``, ``ghb``: final values, fractions
    0-1) rise from 0 after ``onset_s`` with time constant ``rise_s`` (s). The time scale
    is compressed for the animation (ASSUMPTION: after an injection the real rise takes
    minutes). Other parameters as in :func:`vta_rates`; ``duration_s`` 1-120 s,
    ``dt_s`` 0.001-0.1 s, ``onset_s`` within the duration.

    Columns: ``time_s``, ``bz_occupancy``, ``mu_opioid``, ``ghb``, ``gaba_hz``, ``da_hz``.
    """
    duration = as_float("duration_s", duration_s, low=DURATION_RANGE_S[0], high=DURATION_RANGE_S[1])
    dt = as_float("dt_s", dt_s, low=0.001, high=0.1)
    onset = as_float("onset_s", onset_s, low=0.0, high=duration)
    final = {"bz_occupancy": BZ_OCCUPANCY.check(bz_occupancy),
             "mu_opioid": as_fraction("mu_opioid", mu_opioid), "ghb": as_fraction("ghb", ghb)}
    time_s = np.arange(0.0, duration + dt / 2, dt)
    arrived = drug_time_profile(time_s, onset_s=onset, rise_s=rise_s)
    levels = {name: value * arrived for name, value in final.items()}
    rates = vta_rates(levels["bz_occupancy"], alpha1_sensitive=alpha1_sensitive, mu_opioid=levels["mu_opioid"],
                      ghb=levels["ghb"], alpha1_gain=alpha1_gain, alpha3_gain=alpha3_gain)
    return pd.DataFrame({"time_s": time_s, **levels, "gaba_hz": rates["gaba_hz"], "da_hz": rates["da_hz"]})


def poisson_spikes(time_s, rate_hz, *, n_neurons=8, seed=0):
    """Spike times of ``n_neurons`` independent Poisson neurons firing at ``rate_hz`` (Hz).

    ``time_s`` is an evenly spaced, increasing time axis in s and ``rate_hz`` the rate on
    it (same shape, >= 0); within each step the rate is taken as constant. The same
    ``seed`` (a whole number, 0 to 2**32 - 1) always gives the same raster. Returns a DataFrame with
    columns ``neuron`` (0 .. n_neurons-1) and ``time_s``, sorted by neuron then time.
    """
    time = as_float_array("time_s", time_s, low=0.0)
    rate = as_float_array("rate_hz", rate_hz, low=0.0, high=1000.0)
    if time.ndim != 1 or time.size < 2 or np.any(np.diff(time) <= 0):
        raise ValueError("time_s must be an increasing 1-D array with at least 2 points")
    if rate.shape != time.shape:
        raise ValueError(f"rate_hz (shape {rate.shape}) must have the same shape as time_s (shape {time.shape})")
    count = as_whole_number("n_neurons", n_neurons, low=1, high=MAX_POISSON_NEURONS)
    seed_value = as_whole_number("seed", seed, low=0, high=MAX_SEED)
    dt = np.diff(time, append=time[-1] + (time[-1] - time[-2]))
    rng = np.random.default_rng(seed_value)
    spikes_per_bin = rng.poisson(rate * dt, size=(count, time.size))
    neuron, bin_index = np.nonzero(spikes_per_bin)
    repeats = spikes_per_bin[neuron, bin_index]
    neuron, bin_index = np.repeat(neuron, repeats), np.repeat(bin_index, repeats)
    spike_time = time[bin_index] + rng.random(bin_index.size) * dt[bin_index]
    order = np.lexsort((spike_time, neuron))
    return pd.DataFrame({"neuron": neuron[order], "time_s": spike_time[order]})


def ghb_girk_activation(ghb):
    """GABA-B/GIRK activation (0-1) that a GHB level (0-1) produces in each population.

    Returns a dict with ``gaba`` and ``da``; hyperbolic curves whose half-levels are
    ASSUMPTIONS, ten-fold apart so GHB reaches the interneurons first (source: ghb_gabab,
    direction only). The DA-neuron curve is what lets the model's GHB inhibit DA neurons at
    high levels, an ASSUMPTION extrapolated from baclofen's verified two-way effect.
    """
    level = as_float_array("ghb", ghb, low=0.0, high=1.0)
    return {"gaba": _scalar_if_0d(_girk_activation(level, GHB_HALF_LEVEL_GABA)),
            "da": _scalar_if_0d(_girk_activation(level, GHB_HALF_LEVEL_DA))}


def _girk_activation(level, half_level: float):
    return level / (level + half_level)


def _threshold_linear(drive_hz):
    return np.maximum(drive_hz, 0.0)


def _as_bool(name: str, value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(f"{name} must be True or False; got {value!r}")


def _scalar_if_0d(array):
    array = np.asarray(array, dtype=float)
    return float(array) if array.ndim == 0 else array
