"""The VTA disinhibition model reproduces the published directions it teaches.

Sources (helpers/data/references.yaml): da_neuron_firing_tonic (~4 Hz), vta_gaba_firing
(interneurons faster), tan2010_abstract_findings and tan2010_figure_titles (disinhibition
through alpha1 on interneurons; opposing effects on DA and GABA firing; less sIPSC
current in DA neurons), johnson_north_1992 (mu-opioids hyperpolarise interneurons),
ghb_gabab (GHB acts on GABA neurons first; bidirectional GABA-B effects).
Tan 2010's numbers are unverified, so only directions are tested.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.models import circuit
from helpers.models.circuit import crossover_da_share, poisson_spikes, simulate_vta, vta_rates

OCCUPANCY = np.linspace(0.0, 1.0, 21)


# --- Behaviour the issue asks for ------------------------------------------------------

def test_baseline_dopamine_fires_in_the_tonic_range_and_interneurons_faster():
    rates = vta_rates()
    assert 2.0 <= rates["da_hz"] <= 6.0
    assert rates["da_hz"] == pytest.approx(4.0)
    assert rates["gaba_hz"] > 4 * rates["da_hz"]


def test_occupancy_raises_dopamine_and_lowers_interneuron_firing_in_wild_type():
    rates = vta_rates(OCCUPANCY)
    assert np.all(np.diff(rates["da_hz"]) > 0)
    assert np.all(np.diff(rates["gaba_hz"]) < 0)
    assert rates["da_hz"][-1] > 1.3 * rates["da_hz"][0]


def test_alpha1_h101r_abolishes_the_rise_in_dopamine_firing():
    mutant = vta_rates(OCCUPANCY, alpha1_sensitive=False)
    assert np.all(mutant["da_hz"] <= mutant["da_hz"][0] + 1e-12)
    assert np.allclose(mutant["gaba_hz"], mutant["gaba_hz"][0]), "alpha1(H101R) interneurons ignore the drug"


def test_h101r_without_any_da_neuron_action_leaves_dopamine_unchanged():
    mutant = vta_rates(OCCUPANCY, alpha1_sensitive=False, da_share=0.0)
    assert np.allclose(mutant["da_hz"], circuit.DA_BASELINE_HZ)


def test_mu_opioid_raises_dopamine_through_the_interneurons():
    mu = np.linspace(0.0, 1.0, 11)
    rates = vta_rates(0.0, mu_opioid=mu)
    assert np.all(np.diff(rates["da_hz"]) > 0)
    assert np.all(np.diff(rates["gaba_hz"]) < 0)


def test_mu_opioid_disinhibition_does_not_need_alpha1():
    wild = vta_rates(mu_opioid=0.6)
    mutant = vta_rates(mu_opioid=0.6, alpha1_sensitive=False)
    assert mutant["da_hz"] == pytest.approx(wild["da_hz"])
    assert wild["da_hz"] > circuit.DA_BASELINE_HZ


@pytest.mark.parametrize("kwargs, name", [
    (dict(bz_occupancy=-0.1), "bz_occupancy"),
    (dict(bz_occupancy=1.5), "bz_occupancy"),
    (dict(bz_occupancy=math.nan), "bz_occupancy"),
    (dict(mu_opioid=1.01), "mu_opioid"),
    (dict(mu_opioid=math.nan), "mu_opioid"),
    (dict(ghb=-1.0), "ghb"),
    (dict(da_share=2.0), "da_share"),
    (dict(max_potentiation=-0.5), "max_potentiation"),
    (dict(alpha1_sensitive="yes"), "alpha1_sensitive"),
    (dict(bz_occupancy=[0.1, 0.2], mu_opioid=[0.1, 0.2, 0.3]), "mu_opioid"),
])
def test_bad_input_raises_value_error_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        vta_rates(**kwargs)


def test_fraction_errors_state_the_allowed_range():
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        vta_rates(1.2)


# --- Further published directions ---------------------------------------------------------

def test_total_gaba_inhibition_onto_dopamine_neurons_falls_in_wild_type():
    """Tan 2010 Fig. 4 title: midazolam decreases the total sIPSC current in DA neurons."""
    rates = vta_rates(OCCUPANCY)
    assert rates["inhibition_onto_da"][0] == pytest.approx(1.0)
    assert np.all(np.diff(rates["inhibition_onto_da"]) < 0)


def test_ghb_raises_dopamine_at_low_levels_and_lowers_it_at_high_levels():
    """Cruz 2004 (ghb_gabab): low-efficacy coupling in DA neurons -> GABA neurons first."""
    low, high = vta_rates(ghb=0.1), vta_rates(ghb=1.0)
    assert low["gaba_hz"] < circuit.GABA_BASELINE_HZ
    assert low["da_hz"] > circuit.DA_BASELINE_HZ
    assert high["da_hz"] < circuit.DA_BASELINE_HZ


def test_enough_action_on_dopamine_neurons_makes_direct_inhibition_win():
    assert vta_rates(1.0, da_share=0.0)["da_hz"] > circuit.DA_BASELINE_HZ
    assert vta_rates(1.0, da_share=1.0)["da_hz"] < circuit.DA_BASELINE_HZ


@pytest.mark.parametrize("occupancy", [0.1, 0.5, 1.0])
def test_crossover_share_returns_dopamine_to_baseline(occupancy):
    share = crossover_da_share(occupancy)
    assert 0.0 < share < 1.0
    assert vta_rates(occupancy, da_share=share)["da_hz"] == pytest.approx(circuit.DA_BASELINE_HZ)
    assert vta_rates(occupancy, da_share=share - 0.05)["da_hz"] > circuit.DA_BASELINE_HZ
    assert vta_rates(occupancy, da_share=share + 0.05)["da_hz"] < circuit.DA_BASELINE_HZ


def test_crossover_is_undefined_without_drug():
    assert math.isnan(crossover_da_share(0.0))


def test_scalar_input_gives_floats_and_array_input_gives_arrays():
    assert isinstance(vta_rates(0.3)["da_hz"], float)
    assert vta_rates([0.1, 0.2, 0.3])["gaba_hz"].shape == (3,)


def test_no_rate_is_ever_negative():
    for kwargs in (dict(max_potentiation=3.0), dict(mu_opioid=1.0, ghb=1.0), dict(da_share=1.0, max_potentiation=3.0)):
        rates = vta_rates(OCCUPANCY, **kwargs)
        assert np.all(rates["da_hz"] >= 0) and np.all(rates["gaba_hz"] >= 0)


# --- Time course and rasters ----------------------------------------------------------------

def test_simulation_starts_at_baseline_and_ends_near_the_steady_state():
    frame = simulate_vta(0.8, duration_s=20.0, onset_s=2.0, rise_s=1.0)
    assert list(frame.columns) == ["time_s", "bz_occupancy", "mu_opioid", "ghb", "gaba_hz", "da_hz"]
    assert frame["da_hz"].iloc[0] == pytest.approx(circuit.DA_BASELINE_HZ)
    steady = vta_rates(0.8)
    assert frame["da_hz"].iloc[-1] == pytest.approx(steady["da_hz"], rel=1e-3)
    assert frame["gaba_hz"].iloc[-1] == pytest.approx(steady["gaba_hz"], rel=1e-3)


def test_nothing_changes_before_the_drug_arrives():
    frame = simulate_vta(1.0, onset_s=3.0)
    before = frame[frame["time_s"] < 3.0]
    assert np.allclose(before["da_hz"], circuit.DA_BASELINE_HZ)


def test_simulation_rejects_an_onset_after_the_end():
    with pytest.raises(ValueError, match="onset_s"):
        simulate_vta(0.5, duration_s=5.0, onset_s=6.0)


def test_spike_rasters_are_reproducible_with_a_seed():
    frame = simulate_vta(0.5)
    first = poisson_spikes(frame["time_s"], frame["gaba_hz"], n_neurons=5, seed=3)
    again = poisson_spikes(frame["time_s"], frame["gaba_hz"], n_neurons=5, seed=3)
    other = poisson_spikes(frame["time_s"], frame["gaba_hz"], n_neurons=5, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    assert set(first["neuron"]) <= set(range(5))


def test_spike_counts_match_the_rate():
    time_s = np.arange(0.0, 100.0, 0.01)
    spikes = poisson_spikes(time_s, np.full_like(time_s, 4.0), n_neurons=20, seed=0)
    rate = len(spikes) / (20 * 100.0)
    assert rate == pytest.approx(4.0, rel=0.05)
    assert spikes["time_s"].between(0.0, 100.0).all()


def test_poisson_spikes_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="rate_hz"):
        poisson_spikes([0.0, 0.1, 0.2], [1.0, 2.0])


def test_an_array_of_shares_gives_the_same_rates_as_one_call_per_share():
    shares = np.linspace(0.0, 1.0, 7)
    together = vta_rates(0.6, da_share=shares)["da_hz"]
    one_by_one = [vta_rates(0.6, da_share=s)["da_hz"] for s in shares]
    assert np.allclose(together, one_by_one)


def test_ghb_reaches_gaba_neurons_before_dopamine_neurons():
    activation = circuit.ghb_girk_activation(0.1)
    assert activation["gaba"] > 3 * activation["da"]
    with pytest.raises(ValueError, match="ghb"):
        circuit.ghb_girk_activation(2.0)
