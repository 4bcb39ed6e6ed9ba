"""Dopamine in the nucleus accumbens: release events, uptake by the transporter, a virtual FSCV trace.

The model (a teaching model)
----------------------------
* **Tonic release.** Single spikes of the dopamine (DA) neurons release dopamine at a
  steady rate ``J`` (nM/s), proportional to their firing rate (ASSUMPTION).
* **Transients.** Now and then a DA neuron population fires a burst: 3-10 spikes
  (ASSUMPTION: the base's example reads "~3-10" but its digits are garbled,
  da_neuron_bursts) at 20 Hz (within the 14-30 Hz of da_neuron_bursts). Bursts arrive as a
  Poisson process (seeded, reproducible) whose rate is proportional to DA neuron firing
  (ASSUMPTION). Each burst spike adds a fixed amount of dopamine at once (a bolus).
  Spontaneous transients are a major component of the average accumbens level
  (da_transients_sources, partly verified), so the model's average is built from them
  and the tonic level (see :func:`expected_measures`).
* **Uptake.** The dopamine transporter (DAT) clears dopamine with Michaelis-Menten
  kinetics, ``V C / (Km + C)``: Km = 0.2 uM (dat_km, verified). No Vmax is verified
  (dat_vmax), so Vmax is chosen so that a 200-nM transient falls to half in 113 ms,
  the clearance half-time measured in the nucleus accumbens (da_clearance_t50).
* **Exact solution.** Between boluses ``dC/dt = J - V C / (Km + C)``. Writing
  ``x = C - C*`` for the excess over the steady level ``C* = J Km / (V - J)``, this
  integrates to ``x + a ln x = const - (V - J) t`` with ``a = Km + C*``, so
  ``x(t) = a W((x0 / a) exp((x0 - (V - J) t) / a))`` where W is the Lambert W function.
  The trace is therefore exact and takes a few milliseconds for 2 minutes.
* **Virtual FSCV.** Fast-scan cyclic voltammetry samples about every 100 ms (10 Hz); the
  virtual electrode averages the concentration over each 100 ms and adds noise. Unlike a
  real FSCV electrode (background-subtracted, so blind to the steady level) it also shows
  the tonic level; microdialysis, in contrast, sees only the average over minutes.

Conditions
----------
* ``"control"``.
* ``"diazepam"``: benzodiazepine-site occupancy (default 0.5) raises DA neuron firing
  through lesson 02's disinhibition circuit (:func:`helpers.models.circuit.vta_rates`),
  so bursts come more often (schelp2017, rats, diazepam: higher transient frequency).
  **HYPOTHESIS** for the smaller transients (schelp2017) and the lower average level
  (microdialysis in rats, other studies: midazolam, finlay1992_midazolam_microdialysis;
  diazepam 5 mg/kg, diazepam_microdialysis_1991, partly verified): enhanced GABA-A
  inhibition in the accumbens and on the DA neurons themselves (alpha2/alpha3-containing
  receptors: engin2014_alpha2; vta_subunit_distribution_figure, partly verified) reduces
  the dopamine released per spike. A title-level
  finding that diazepam inhibits *electrically evoked* and tonic release in the accumbens
  (gomezA2017, partly verified) points the same way. The size of the reduction is an
  ASSUMPTION (``RELEASE_REDUCTION_AT_FULL_OCCUPANCY``), and the learner can change it.
  In this model some loss of release is needed for the average to fall; outside it, a lower
  tonic release alone, or differences between the studies' drugs, doses, times and methods,
  could also account for the data.
* ``"cocaine"``: blocks the transporter competitively, which raises the apparent Km
  (dat_km_mouse: GBR-12909 raised it from 0.32 to 2.72 uM; giros1996_dat_ko: DAT is
  cocaine's obligatory target), so each transient is larger and clears more slowly.
  Bursts come more often: in the accumbens, noncontingent cocaine gave "a profound increase
  in the frequency" of transients (FSCV; the abstract read says "animals", species and dose
  not stated: stuber2005_cocaine_transients), and in behaving rats transients increased in
  frequency and magnitude (FSCV: heien2005_cocaine_transients). The direction is sourced;
  the size, ``COCAINE_TRANSIENT_RATE_FACTOR`` (x2), is an ASSUMPTION (no number in the
  reference base). ASSUMPTION: tonic firing, and so tonic release, is left at baseline
  (cocaine_vta: in vivo cocaine excites some DA neurons and inhibits others); the model does
  not say *why* transients come more often.
* ``"amphetamine"``: competitive uptake inhibition (amphetamine_in_vivo_uptake) plus
  non-exocytotic efflux through the reversed transporter (sulzer2011;
  amphetamine_dat_reversal). Both sizes are ASSUMPTIONS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import lambertw

from helpers.models import circuit
from helpers.validation import HYPOTHESIS, SETTING, Parameter, as_choice, as_float, as_float_array, as_whole_number

CONDITIONS = ("control", "diazepam", "cocaine", "amphetamine")

# --- Transporter ------------------------------------------------------------------------------
DAT_KM_NM = 200.0               # source: dat_km (Km of DA uptake "near 0.2 uM")
CLEARANCE_T50_S = 0.113         # source: da_clearance_t50 (t50 113 ms in the nucleus accumbens)
CALIBRATION_EXCESS_NM = 200.0   # source: da_transients_robinson2002 (transients peak ~210 nM)

# --- Tonic level ------------------------------------------------------------------------------
# ASSUMPTION: 20 nM in control. Estimates disagree by method, 5-10 nM vs 90 nM
# (tonic_da_levels, partly verified); the model takes a value between them.
CONTROL_TONIC_NM = 20.0

# --- Release events ---------------------------------------------------------------------------
DA_BASELINE_HZ = circuit.DA_BASELINE_HZ  # source: da_neuron_firing_tonic (about 4 Hz)
# ASSUMPTION: one spontaneous transient every 4 s at rest. Robinson et al. saw frequency
# rise 6-fold with a conspecific (da_transients_robinson2002); resting rates are not in
# the reference base.
CONTROL_TRANSIENT_RATE_HZ = 0.25
# ASSUMPTION: 3 to 10 spikes per burst. da_neuron_bursts shows an example of "~3-10 spikes" with
# garbled digits, so the range is not taken as a sourced value.
BURST_SPIKES = (3, 10)
# One burst of a chosen size (single_transient): 1-20 spikes; lessons teach the range above.
BURST_SIZE = Parameter("spikes", 6, 1, 20, "spikes", SETTING, label="Spikes in the burst",
                       teaching=(float(BURST_SPIKES[0]), float(BURST_SPIKES[1]), 1.0), whole_number=True)
INTRABURST_HZ = 20.0            # source: da_neuron_bursts (14-30 Hz within bursts)
# ASSUMPTION: dopamine added per burst spike, calibrated so that control transients in the
# virtual FSCV trace average about 200 nM (da_transients_robinson2002: 210 +/- 10 nM).
RELEASE_PER_SPIKE_NM = 70.0

# --- Diazepam ---------------------------------------------------------------------------------
# ASSUMPTION: the default occupancy of the "diazepam" condition (half the sites); the learner sets it.
DIAZEPAM_OCCUPANCY = Parameter("diazepam_occupancy", 0.5, 0.0, 1.0, "fraction", SETTING,
                               label="Diazepam: site occupancy",
                               teaching=(0.0, 1.0, 0.05), teaching_points=(0.0, 0.25, 0.5, 0.75, 1.0))
# HYPOTHESIS (size an ASSUMPTION): at full occupancy each spike releases 80 % less dopamine.
# Chosen so that half occupancy lowers the baseline by about a fifth and the time-averaged
# level by about a third, within the microdialysis decreases of
# finlay1992_midazolam_microdialysis (-22 % to -50 %).
RELEASE_REDUCTION = Parameter("release_reduction", 0.8, 0.0, 1.0, "fraction", HYPOTHESIS,
                              label="Release lost per spike at full occupancy",
                              teaching=(0.0, 1.0, 0.05), teaching_points=(0.0, 0.4, 0.8, 1.0))
RELEASE_REDUCTION_AT_FULL_OCCUPANCY = RELEASE_REDUCTION.default

# --- Cocaine and amphetamine -------------------------------------------------------------------
# ASSUMPTION: cocaine raises the apparent Km 5-fold. Uptake inhibitors including cocaine
# 20 mg/kg raised the clearance t50 by up to +602 % (da_clearance_t50); GBR-12909 raised the
# apparent Km 8.5-fold in mice (dat_km_mouse).
COCAINE_KM_FACTOR = 5.0
# ASSUMPTION (size): cocaine doubles the rate of bursts. Direction: transient frequency rose
# under cocaine in the accumbens (stuber2005_cocaine_transients, FSCV, species not named in the
# abstract read; heien2005_cocaine_transients, FSCV, rats); neither gives a number in the base.
COCAINE_TRANSIENT_RATE_FACTOR = 2.0
# ASSUMPTION: amphetamine raises the apparent Km 3-fold (competitive uptake inhibition:
# amphetamine_in_vivo_uptake) and its reverse transport adds as much dopamine as tonic
# release (sulzer2011). Microdialysis saw a 10-fold rise (amphetamine_dat_reversal), in vivo
# FSCV no basal rise (amphetamine_in_vivo_uptake): the sources disagree.
AMPHETAMINE_KM_FACTOR = 3.0
AMPHETAMINE_EFFLUX_FRACTION_OF_TONIC = 1.0

# --- Virtual electrode ------------------------------------------------------------------------
FSCV_SAMPLE_HZ = 10.0      # FSCV scans repeat about every 100 ms (usual practice; not in the reference base)
MODEL_STEPS_PER_SAMPLE = 10  # the concentration is averaged over 10 points within each 100 ms sample
FSCV_NOISE_NM = 8.0        # ASSUMPTION: noise of the virtual electrode (standard deviation, nM)
# ASSUMPTION: a transient counts when it rises 5 noise standard deviations above the baseline.
DETECTION_NOISE_SDS = 5.0
MIN_TRANSIENT_GAP_S = 0.5  # ASSUMPTION: peaks closer than this are one transient

SECONDS_RANGE = (10.0, 600.0)


def _calibrated_vmax_nM_per_s() -> float:
    """Vmax (nM/s) that gives the accumbens t50 for a 200-nM excess over the control tonic level.

    From the exact solution, the time to halve an excess x0 is ``(x0/2 + a ln 2) / (V - J)``
    with ``a = Km + C*`` and, at the steady level, ``V - J = V Km / (Km + C*)``.
    """
    a = DAT_KM_NM + CONTROL_TONIC_NM
    return (CALIBRATION_EXCESS_NM / 2.0 + a * math.log(2.0)) * a / (DAT_KM_NM * CLEARANCE_T50_S)


# ASSUMPTION (derived): no Vmax is verified (dat_vmax); this one reproduces da_clearance_t50.
DAT_VMAX_NM_PER_S = _calibrated_vmax_nM_per_s()
CONTROL_TONIC_RELEASE_NM_PER_S = DAT_VMAX_NM_PER_S * CONTROL_TONIC_NM / (DAT_KM_NM + CONTROL_TONIC_NM)


@dataclass(frozen=True)
class Settings:
    """The model's parameters for one condition (units in the names)."""

    condition: str
    da_hz: float
    transient_rate_hz: float
    release_per_spike_nM: float
    tonic_release_nM_per_s: float
    km_nM: float
    vmax_nM_per_s: float = DAT_VMAX_NM_PER_S

    @property
    def steady_level_nM(self) -> float:
        """Level with tonic release only, where release equals uptake: J Km / (V - J)."""
        return self.tonic_release_nM_per_s * self.km_nM / (self.vmax_nM_per_s - self.tonic_release_nM_per_s)


def condition_settings(condition="control", *, diazepam_occupancy=None, release_reduction=None) -> Settings:
    """The release and uptake parameters of ``condition`` (see the module docstring).

    ``diazepam_occupancy`` (0-1, default 0.5) and ``release_reduction`` (the hypothesised
    fraction of release per spike lost at full occupancy, 0-1, default 0.8) apply to
    ``"diazepam"`` only.
    """
    name = as_choice("condition", condition, CONDITIONS)
    if name != "diazepam" and (diazepam_occupancy is not None or release_reduction is not None):
        raise ValueError("diazepam_occupancy and release_reduction apply only to condition='diazepam'; "
                         f"got condition={condition!r}")
    if name == "diazepam":
        occupancy = DIAZEPAM_OCCUPANCY.check(DIAZEPAM_OCCUPANCY.default if diazepam_occupancy is None
                                             else diazepam_occupancy)
        reduction = RELEASE_REDUCTION.check(RELEASE_REDUCTION.default if release_reduction is None
                                            else release_reduction)
        da_hz = circuit.vta_rates(occupancy)["da_hz"]
        release_factor = 1.0 - reduction * occupancy  # HYPOTHESIS: less dopamine per spike
        return _settings(name, da_hz, release_factor, km_factor=1.0, efflux_nM_per_s=0.0)
    if name == "cocaine":
        return _settings(name, DA_BASELINE_HZ, 1.0, km_factor=COCAINE_KM_FACTOR, efflux_nM_per_s=0.0,
                         burst_rate_factor=COCAINE_TRANSIENT_RATE_FACTOR)
    if name == "amphetamine":
        efflux = AMPHETAMINE_EFFLUX_FRACTION_OF_TONIC * CONTROL_TONIC_RELEASE_NM_PER_S
        return _settings(name, DA_BASELINE_HZ, 1.0, km_factor=AMPHETAMINE_KM_FACTOR, efflux_nM_per_s=efflux)
    return _settings(name, DA_BASELINE_HZ, 1.0, km_factor=1.0, efflux_nM_per_s=0.0)


def _settings(name, da_hz, release_factor, *, km_factor, efflux_nM_per_s, burst_rate_factor=1.0) -> Settings:
    firing_ratio = da_hz / DA_BASELINE_HZ
    return Settings(condition=name, da_hz=da_hz,
                    transient_rate_hz=CONTROL_TRANSIENT_RATE_HZ * firing_ratio * burst_rate_factor,
                    release_per_spike_nM=RELEASE_PER_SPIKE_NM * release_factor,
                    tonic_release_nM_per_s=CONTROL_TONIC_RELEASE_NM_PER_S * firing_ratio * release_factor
                    + efflux_nM_per_s,
                    km_nM=DAT_KM_NM * km_factor)


def simulate_fscv(condition="control", *, seconds=120.0, seed=0, diazepam_occupancy=None, release_reduction=None):
    """A virtual FSCV recording in the nucleus accumbens.

    Parameters
    ----------
    condition : str
        ``"control"``, ``"diazepam"``, ``"cocaine"`` or ``"amphetamine"``.
    seconds : float
        Length of the recording in s (10-600).
    seed : int
        Random seed (>= 0). The same seed gives the same recording, and across conditions
        the same sequence of bursts (diazepam only packs them closer together).
    diazepam_occupancy : float, optional
        Benzodiazepine-site occupancy for ``"diazepam"`` (0-1; default 0.5).
    release_reduction : float, optional
        HYPOTHESIS strength for ``"diazepam"``: fraction of release per spike lost at full
        occupancy (0-1; default 0.8). 0 switches the hypothesis off.

    Returns a DataFrame: ``time_s`` (every 0.1 s) and ``dopamine_nM``.
    """
    settings = condition_settings(condition, diazepam_occupancy=diazepam_occupancy,
                                  release_reduction=release_reduction)
    duration = as_float("seconds", seconds, low=SECONDS_RANGE[0], high=SECONDS_RANGE[1])
    seed_value = _checked_seed(seed)
    event_rng, burst_rng, noise_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed_value).spawn(3))
    spike_times_s = _burst_spike_times(settings.transient_rate_hz, duration, event_rng, burst_rng)
    n_samples = int(round(duration * FSCV_SAMPLE_HZ))
    fine_dt = 1.0 / (FSCV_SAMPLE_HZ * MODEL_STEPS_PER_SAMPLE)
    fine_time_s = (np.arange(n_samples * MODEL_STEPS_PER_SAMPLE) + 0.5) * fine_dt
    concentration = concentration_nM(settings, spike_times_s, fine_time_s)
    sampled = concentration.reshape(n_samples, MODEL_STEPS_PER_SAMPLE).mean(axis=1)
    noisy = sampled + noise_rng.normal(0.0, FSCV_NOISE_NM, n_samples)
    return pd.DataFrame({"time_s": np.arange(n_samples) / FSCV_SAMPLE_HZ, "dopamine_nM": noisy})


def concentration_nM(settings: Settings, spike_times_s, time_s) -> np.ndarray:
    """Exact dopamine concentration (nM, no noise) at ``time_s`` for burst spikes at ``spike_times_s``.

    Starts at the steady level; each spike adds ``settings.release_per_spike_nM`` at once.
    ``settings`` comes from :func:`condition_settings`; times in s, 0-600.
    """
    if not isinstance(settings, Settings):
        raise ValueError(f"settings must come from condition_settings(...); got {settings!r}")
    spikes = np.sort(np.ravel(as_float_array("spike_times_s", spike_times_s, low=0.0, high=SECONDS_RANGE[1])))
    times = as_float_array("time_s", time_s, low=0.0, high=SECONDS_RANGE[1])
    a = settings.km_nM + settings.steady_level_nM
    net_uptake = settings.vmax_nM_per_s - settings.tonic_release_nM_per_s
    excess_after_spike = np.empty_like(spikes)
    excess, previous = 0.0, 0.0
    for index, spike in enumerate(spikes.tolist()):
        exponent = min((excess - net_uptake * (spike - previous)) / a, 700.0)  # scalar form of _decayed_excess
        excess = a * lambertw(excess / a * math.exp(exponent)).real + settings.release_per_spike_nM
        excess_after_spike[index], previous = excess, spike
    latest = np.searchsorted(spikes, times, side="right") - 1
    after = latest >= 0
    excess_now = np.zeros_like(times)
    excess_now[after] = _decayed_excess(excess_after_spike[latest[after]], times[after] - spikes[latest[after]],
                                        a, net_uptake)
    return settings.steady_level_nM + excess_now


def _decayed_excess(excess_nM, elapsed_s, a_nM, net_uptake_nM_per_s):
    """Excess over the steady level after ``elapsed_s`` of Michaelis-Menten uptake (Lambert W solution)."""
    excess = np.asarray(excess_nM, dtype=float)
    exponent = np.minimum((excess - net_uptake_nM_per_s * np.asarray(elapsed_s)) / a_nM, 700.0)
    decayed = a_nM * lambertw(excess / a_nM * np.exp(exponent)).real
    return float(decayed) if decayed.ndim == 0 else decayed


def single_transient(condition="control", *, spikes=6, diazepam_occupancy=None, release_reduction=None,
                     seconds=2.5):
    """One noise-free transient: a burst of ``spikes`` (1-20) at 20 Hz starting at 0.2 s.

    Returns a DataFrame with ``time_s`` (every 5 ms over ``seconds``, 0.5-10 s) and ``dopamine_nM``.
    """
    settings = condition_settings(condition, diazepam_occupancy=diazepam_occupancy,
                                  release_reduction=release_reduction)
    count = BURST_SIZE.check(spikes)
    duration = as_float("seconds", seconds, low=0.5, high=10.0)
    time_s = np.arange(0.0, duration + 1e-9, 0.005)
    spike_times = 0.2 + np.arange(count) / INTRABURST_HZ
    return pd.DataFrame({"time_s": time_s, "dopamine_nM": concentration_nM(settings, spike_times, time_s)})


def clearance_half_time_s(condition="control", *, excess_nM=CALIBRATION_EXCESS_NM, diazepam_occupancy=None):
    """Time (s) for an excess of ``excess_nM`` (1-5000 nM) over the steady level to fall by half."""
    settings = condition_settings(condition, diazepam_occupancy=diazepam_occupancy)
    x0 = as_float("excess_nM", excess_nM, low=1.0, high=5000.0)
    a = settings.km_nM + settings.steady_level_nM
    return (x0 / 2.0 + a * math.log(2.0)) / (settings.vmax_nM_per_s - settings.tonic_release_nM_per_s)


def expected_measures(condition="control", *, diazepam_occupancy=None, release_reduction=None) -> dict:
    """Noise-free expectations for ``condition`` (arguments as in :func:`simulate_fscv`).

    * ``burst_rate_hz``: bursts per second (what FSCV counts as transients, if all are detected);
    * ``transient_peak_nM``: mean peak above the steady level over burst sizes 3-10, as the
      virtual electrode sees it (100 ms averages);
    * ``steady_nM``: the level with tonic release only (the baseline between transients);
    * ``average_nM``: steady level + burst rate x mean area of one transient (what
      microdialysis averages over minutes; overlaps between transients are ignored).
      Spontaneous transients are a major component of the real average
      (da_transients_sources, partly verified); in the model a lower steady level alone
      also lowers this average.
    """
    settings = condition_settings(condition, diazepam_occupancy=diazepam_occupancy,
                                  release_reduction=release_reduction)
    # One train with a burst of each size, 4 s apart: each has cleared before the next starts.
    sizes = np.arange(BURST_SPIKES[0], BURST_SPIKES[1] + 1)
    spike_times = np.concatenate([4.0 * index + np.arange(n) / INTRABURST_HZ for index, n in enumerate(sizes)])
    fine_dt = 1.0 / (FSCV_SAMPLE_HZ * MODEL_STEPS_PER_SAMPLE)
    time_s = np.arange(int(round(4.0 * sizes.size / fine_dt))) * fine_dt
    excess = (concentration_nM(settings, spike_times, time_s) - settings.steady_level_nM).reshape(sizes.size, -1)
    window = np.ones(MODEL_STEPS_PER_SAMPLE) / MODEL_STEPS_PER_SAMPLE
    peaks = [np.convolve(one_burst, window, mode="valid").max() for one_burst in excess]
    areas = excess.sum(axis=1) * fine_dt
    return {"burst_rate_hz": settings.transient_rate_hz, "transient_peak_nM": float(np.mean(peaks)),
            "steady_nM": settings.steady_level_nM,
            "average_nM": settings.steady_level_nM + settings.transient_rate_hz * float(np.mean(areas))}


def detect_transients(trace) -> pd.DataFrame:
    """Transients in a trace (a DataFrame with ``time_s``, evenly spaced, and ``dopamine_nM``).

    A transient is a peak rising ``DETECTION_NOISE_SDS`` noise standard deviations above the
    baseline (the trace's median); the noise is estimated from sample-to-sample differences.
    Returns a DataFrame: ``time_s`` of each peak, ``peak_nM`` (the level there), ``amplitude_nM``
    above the baseline and ``width_s`` (width at half its height).
    """
    from scipy.signal import find_peaks, peak_widths   # here: scipy.signal takes ~1 s to import, needed only here

    time_s, level = _checked_trace(trace)
    dt = float(np.median(np.diff(time_s)))
    baseline = float(np.median(level))
    threshold = DETECTION_NOISE_SDS * _noise_sd(level)
    peaks, properties = find_peaks(level - baseline, height=threshold, prominence=threshold,
                                   distance=max(1, int(round(MIN_TRANSIENT_GAP_S / dt))))
    widths = peak_widths(level, peaks, rel_height=0.5)[0] * dt if peaks.size else np.array([])
    return pd.DataFrame({"time_s": time_s[peaks], "peak_nM": level[peaks],
                         "amplitude_nM": properties["peak_heights"], "width_s": widths})


def transient_stats(trace) -> dict:
    """Summary of a trace: ``frequency_hz``, ``mean_amplitude_nM``, ``tonic_nM`` and more.

    * ``frequency_hz``: detected transients per second;
    * ``mean_amplitude_nM``: their mean height above the baseline (NaN if none);
    * ``tonic_nM``: the baseline (median level) between transients;
    * ``mean_nM``: the time-averaged level, which is what microdialysis measures;
    * ``mean_width_s``: mean width at half height (NaN if none); ``n_transients``.
    """
    time_s, level = _checked_trace(trace)
    found = detect_transients(trace)
    duration = (time_s[-1] - time_s[0]) + float(np.median(np.diff(time_s)))
    return {"frequency_hz": float(len(found) / duration),
            "mean_amplitude_nM": float(found["amplitude_nM"].mean()) if len(found) else float("nan"),
            "tonic_nM": float(np.median(level)),
            "mean_nM": float(level.mean()),
            "mean_width_s": float(found["width_s"].mean()) if len(found) else float("nan"),
            "n_transients": len(found)}


def _burst_spike_times(rate_hz, duration_s, event_rng, burst_rng) -> np.ndarray:
    """Spike times (s) of Poisson-timed bursts: unit exponential gaps divided by the rate.

    Drawing the gaps as unit exponentials keeps the same sequence of bursts for a seed
    whatever the rate; a faster rate only packs them closer together.
    """
    if rate_hz <= 0:
        return np.array([])
    n_draws = int(duration_s * rate_hz * 3) + 30
    onsets = np.cumsum(event_rng.standard_exponential(n_draws)) / rate_hz
    spike_counts = burst_rng.integers(BURST_SPIKES[0], BURST_SPIKES[1] + 1, n_draws)
    onsets, spike_counts = onsets[onsets < duration_s], spike_counts[onsets < duration_s]
    offsets = np.concatenate([np.arange(n) for n in spike_counts]) / INTRABURST_HZ if onsets.size else np.array([])
    return np.repeat(onsets, spike_counts) + offsets


def _noise_sd(level: np.ndarray) -> float:
    """Noise standard deviation from the median absolute sample-to-sample difference (robust to transients)."""
    differences = np.diff(level)
    return float(np.median(np.abs(differences - np.median(differences))) / 0.6745 / math.sqrt(2.0))


def _checked_trace(trace):
    if not isinstance(trace, pd.DataFrame) or not {"time_s", "dopamine_nM"} <= set(trace.columns):
        raise ValueError("trace must be a DataFrame with columns 'time_s' and 'dopamine_nM' "
                         "(as returned by simulate_fscv)")
    if len(trace) < 20:
        raise ValueError(f"trace must hold at least 20 samples; got {len(trace)}")
    time_s = trace["time_s"].to_numpy(dtype=float)
    level = trace["dopamine_nM"].to_numpy(dtype=float)
    if not (np.all(np.isfinite(time_s)) and np.all(np.isfinite(level))):
        raise ValueError("trace time_s and dopamine_nM must be finite numbers (no NaN)")
    steps = np.diff(time_s)
    if np.any(steps <= 0) or not np.allclose(steps, steps[0], rtol=1e-3):
        raise ValueError("trace time_s must increase in equal steps")
    return time_s, level


def _checked_seed(seed) -> int:
    return as_whole_number("seed", seed, low=0, high=2**32 - 1)
