"""Lesson 01 model neuron (leaky integrate-and-fire with a GABA-A conductance).

Diazepam acts only through the GABA that is present (bzd_ceiling_allosteric), so firing
falls as diazepam rises when GABA is there and does not move when GABA is absent. With
immature chloride (chloride_immature; partly verified) GABA depolarises, and a benzodiazepine then
enhances excitation (excitatory_gaba_bzd).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.models import neuron

DIAZEPAM_STEPS_UM = [0.0, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]


def _rates(**settings):
    return [neuron.firing_rate_hz(diazepam_uM=d, **settings) for d in DIAZEPAM_STEPS_UM]


def test_the_default_neuron_fires_at_a_plausible_rate():
    assert 5.0 < neuron.firing_rate_hz() < 200.0


@pytest.mark.parametrize("gaba_uM", [1.0, 3.0, 10.0])
def test_with_gaba_present_firing_falls_monotonically_as_diazepam_rises(gaba_uM):
    rates = _rates(gaba_uM=gaba_uM, excitation_nS=8.0)
    assert all(later <= earlier for earlier, later in zip(rates, rates[1:]))
    assert rates[-1] < rates[0]


def test_with_no_gaba_diazepam_leaves_firing_unchanged():
    rates = _rates(gaba_uM=0.0)
    assert rates[0] > 0
    assert rates == pytest.approx([rates[0]] * len(rates))


def test_more_gaba_means_slower_firing():
    rates = [neuron.firing_rate_hz(gaba_uM=g) for g in (0.0, 1.0, 3.0, 10.0, 30.0)]
    assert all(later <= earlier for earlier, later in zip(rates, rates[1:]))


def test_no_excitation_means_no_firing():
    assert neuron.firing_rate_hz(excitation_nS=0.0) == 0.0


def test_gaba_conductance_follows_the_receptor_response_and_its_ceiling():
    no_drug = neuron.membrane_steady_state(gaba_uM=1000.0)["g_gaba_nS"]
    with_drug = neuron.membrane_steady_state(gaba_uM=1000.0, diazepam_uM=10.0)["g_gaba_nS"]
    assert no_drug == pytest.approx(neuron.G_GABA_MAX_NS, rel=1e-3)
    assert with_drug == pytest.approx(no_drug, rel=0.01)


def test_with_immature_chloride_diazepam_no_longer_slows_firing():
    # chloride_immature (mean 38 mM; partly verified) / excitatory_gaba_bzd: GABA depolarises, BZDs enhance it
    state = neuron.membrane_steady_state(cl_in_mM=38.0)
    assert state["e_cl_mV"] > neuron.THRESHOLD_MV
    rates = _rates(cl_in_mM=38.0)
    assert rates[-1] >= rates[0]


def test_the_voltage_trace_spikes_when_the_rate_is_positive_and_stays_below_threshold_otherwise():
    time_ms, voltage = neuron.voltage_trace(duration_ms=500.0)
    assert time_ms.shape == voltage.shape and time_ms[-1] == pytest.approx(500.0)
    assert np.all(np.isfinite(voltage))
    assert np.sum(voltage == 0.0) > 1
    _, silent = neuron.voltage_trace(excitation_nS=0.0)
    assert np.all(silent < neuron.THRESHOLD_MV)


def test_spike_count_in_the_trace_matches_the_analytic_rate():
    duration_ms = 2000.0
    _, voltage = neuron.voltage_trace(duration_ms=duration_ms, dt_ms=0.05)
    expected = neuron.firing_rate_hz() * duration_ms / 1000.0
    assert np.sum(voltage == 0.0) == pytest.approx(expected, abs=2)


@pytest.mark.parametrize("name, bad", [("excitation_nS", -1.0), ("gaba_uM", math.nan), ("diazepam_uM", -0.1),
                                       ("diazepam_uM", 11.0), ("cl_in_mM", 1.0), ("gaba_uM", 5000.0)])
def test_bad_inputs_are_refused_naming_the_parameter_and_range(name, bad):
    with pytest.raises(ValueError, match=rf"{name} must (be in \[|not be NaN)"):
        neuron.firing_rate_hz(**{name: bad})


def test_bad_trace_settings_are_refused_by_name():
    with pytest.raises(ValueError, match="duration_ms"):
        neuron.voltage_trace(duration_ms=5.0)
    with pytest.raises(ValueError, match="dt_ms"):
        neuron.voltage_trace(dt_ms=0.0)


def test_the_vectorised_rate_curve_matches_the_single_rate():
    diazepam = np.array(DIAZEPAM_STEPS_UM)
    for settings in ({}, {"gaba_uM": 0.0}, {"excitation_nS": 1.0}, {"cl_in_mM": 38.0}):
        expected = [neuron.firing_rate_hz(diazepam_uM=d, **settings) for d in diazepam]
        assert neuron.firing_rate_curve_hz(diazepam, **settings) == pytest.approx(expected)


def test_the_rate_curve_refuses_bad_diazepam_arrays_by_name():
    with pytest.raises(ValueError, match=r"diazepam_uM must be in \[0, 10\]"):
        neuron.firing_rate_curve_hz([0.0, 20.0])
