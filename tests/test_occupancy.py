"""Occupancy and the dose-to-firing chain (lesson 03)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.models import circuit, occupancy


def test_occupancy_is_a_hill_curve_half_at_the_assumed_constant():
    assert occupancy.bz_site_occupancy(0.0) == 0.0
    assert occupancy.bz_site_occupancy(occupancy.HALF_OCCUPANCY_MG_EQ) == pytest.approx(0.5)
    amounts = np.geomspace(0.1, 1e4, 50)
    values = occupancy.bz_site_occupancy(amounts)
    assert np.all(np.diff(values) > 0) and values[-1] < 1.0


def test_occupancy_constants_can_be_moved():
    assert occupancy.bz_site_occupancy(10.0, half_occupancy_mg_eq=10.0) == pytest.approx(0.5)
    steep = occupancy.bz_site_occupancy(20.0, half_occupancy_mg_eq=10.0, hill=2.0)
    assert steep == pytest.approx(0.8)


def test_one_diazepam_tablet_raises_dopamine_firing_and_lowers_interneuron_firing():
    chain = occupancy.dose_to_firing("diazepam", 10.0, hours=24)
    assert list(chain.columns) == ["time_h", "parent", "metabolite", "active", "occupancy", "da_hz", "gaba_hz"]
    assert chain.da_hz.iloc[0] == pytest.approx(circuit.DA_BASELINE_HZ)
    assert chain.da_hz.max() > circuit.DA_BASELINE_HZ and chain.gaba_hz.min() < circuit.GABA_BASELINE_HZ
    assert 0.1 < chain.occupancy.max() < 0.5


def test_bigger_dose_higher_peak_occupancy():
    assert occupancy.peak_occupancy("alprazolam", 1.0) > occupancy.peak_occupancy("alprazolam", 0.5)


def test_equivalent_doses_give_similar_peaks_for_fast_drugs():
    # same diazepam-equivalent amount, similar Tmax, so similar peaks (lorazepam 1 mg ~ diazepam 10 mg, Ashton)
    assert occupancy.peak_occupancy("lorazepam", 1.0) == pytest.approx(occupancy.peak_occupancy("diazepam", 10.0),
                                                                       rel=0.15)


@pytest.mark.parametrize("call, parameter", [
    (lambda: occupancy.bz_site_occupancy(-1.0), "active_mg_eq"),
    (lambda: occupancy.bz_site_occupancy(float("nan")), "active_mg_eq"),
    (lambda: occupancy.bz_site_occupancy(1.0, half_occupancy_mg_eq=0.0), "half_occupancy_mg_eq"),
    (lambda: occupancy.bz_site_occupancy(1.0, hill=10.0), "hill"),
    (lambda: occupancy.dose_to_firing("valium", 10.0), "drug"),
    (lambda: occupancy.dose_to_firing("diazepam", -10.0), "dose"),
    (lambda: occupancy.dose_to_firing("diazepam", 10.0, hours=0), "hours"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


def test_the_dose_chain_chart_is_labelled_and_prints_the_sources_range_not_one_conversion():
    from helpers.figures import pharmacology
    from helpers.figures.compose import label_of

    fig = pharmacology.dose_chain_figure("alprazolam", 1.0, occupancy.HALF_OCCUPANCY_MG_EQ)
    assert label_of(fig) == "model"
    assert "≈" not in fig.layout.title.text
    assert "sources equate alprazolam 0.5–1 mg with diazepam 10 mg" in fig.layout.title.text
    assert any("ASSUMPTION: one compartment" in a.text for a in fig.layout.annotations)
    assert not hasattr(pharmacology, "drug_label") or pharmacology.drug_label.__module__ == "helpers.figures.text"
