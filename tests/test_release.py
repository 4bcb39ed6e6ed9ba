"""Dopamine release in the accumbens (lesson 03): the published directions and their sizes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.models import release

SEEDS = range(10)


def stats(condition, seed=0, **kwargs):
    return release.transient_stats(release.simulate_fscv(condition, seed=seed, **kwargs))


def mean_stats(condition, **kwargs):
    runs = [stats(condition, seed, **kwargs) for seed in SEEDS]
    return {key: float(np.mean([run[key] for run in runs])) for key in runs[0]}


def test_trace_has_the_promised_columns_and_10_hz_sampling():
    trace = release.simulate_fscv()
    assert list(trace.columns) == ["time_s", "dopamine_nM"]
    assert len(trace) == 1200 and np.allclose(np.diff(trace.time_s), 0.1)
    assert np.all(np.isfinite(trace.dopamine_nM))


def test_same_seed_same_trace_other_seed_other_trace():
    assert release.simulate_fscv("diazepam", seed=3).equals(release.simulate_fscv("diazepam", seed=3))
    assert not release.simulate_fscv(seed=3).equals(release.simulate_fscv(seed=4))


def test_diazepam_more_frequent_smaller_transients_and_lower_tonic_level_same_seed():
    # schelp2017 (frequency up, amplitude down); finlay1992_midazolam_microdialysis (level down)
    control, diazepam = stats("control"), stats("diazepam")
    assert diazepam["frequency_hz"] > 1.1 * control["frequency_hz"]
    assert diazepam["mean_amplitude_nM"] < 0.8 * control["mean_amplitude_nM"]
    assert diazepam["tonic_nM"] < 0.9 * control["tonic_nM"]
    assert diazepam["mean_nM"] < control["mean_nM"]


def test_diazepam_lowers_the_average_level_within_the_microdialysis_range():
    # finlay1992_midazolam_microdialysis: -22 % (acute) to -50 % (self-administered dose)
    change = mean_stats("diazepam")["mean_nM"] / mean_stats("control")["mean_nM"] - 1.0
    assert -0.50 <= change <= -0.20


def test_diazepam_effects_grow_with_occupancy():
    low, high = mean_stats("diazepam", diazepam_occupancy=0.2), mean_stats("diazepam", diazepam_occupancy=0.5)
    assert high["frequency_hz"] > low["frequency_hz"]
    assert high["mean_amplitude_nM"] < low["mean_amplitude_nM"]
    assert high["mean_nM"] < low["mean_nM"]


def test_at_high_occupancy_small_transients_escape_detection():
    # The bursts keep coming faster, but many transients fall below the detection threshold.
    settings = [release.condition_settings("diazepam", diazepam_occupancy=o) for o in (0.5, 0.9)]
    assert settings[1].transient_rate_hz > settings[0].transient_rate_hz
    detected = [mean_stats("diazepam", diazepam_occupancy=o)["frequency_hz"] for o in (0.5, 0.9)]
    assert detected[1] < detected[0]


def test_without_the_release_hypothesis_the_level_would_rise_not_fall():
    # The lower amplitude and level come from the hypothesis, not from disinhibition.
    control, no_hypothesis = mean_stats("control"), mean_stats("diazepam", release_reduction=0.0)
    assert no_hypothesis["frequency_hz"] > control["frequency_hz"]
    assert no_hypothesis["mean_nM"] > control["mean_nM"]
    assert release.condition_settings("diazepam", release_reduction=0.0).release_per_spike_nM == \
        release.RELEASE_PER_SPIKE_NM


def test_zero_occupancy_is_control():
    assert release.simulate_fscv("diazepam", diazepam_occupancy=0.0, seed=2).equals(release.simulate_fscv(seed=2))


def test_cocaine_gives_larger_transients_that_take_longer_to_clear():
    # giros1996_dat_ko (DAT is cocaine's target), da_clearance_t50 (t50 up, overflow up)
    control, cocaine = stats("control"), stats("cocaine")
    assert cocaine["mean_amplitude_nM"] > 1.3 * control["mean_amplitude_nM"]
    assert cocaine["mean_width_s"] > 1.3 * control["mean_width_s"]
    # stuber2005_cocaine_transients, heien2005_cocaine_transients: transient frequency rises under cocaine
    assert cocaine["frequency_hz"] > 1.3 * control["frequency_hz"]
    ratio = release.clearance_half_time_s("cocaine") / release.clearance_half_time_s("control")
    assert 2.0 < ratio <= 7.02  # da_clearance_t50: uptake inhibitors raised t50 by up to +602 %


def test_amphetamine_raises_the_level_and_slows_clearance():
    # sulzer2011 (reverse transport), amphetamine_in_vivo_uptake (uptake inhibition)
    control, amphetamine = mean_stats("control"), mean_stats("amphetamine")
    assert amphetamine["tonic_nM"] > 3 * control["tonic_nM"]
    assert release.clearance_half_time_s("amphetamine") > release.clearance_half_time_s("control")


def test_control_sits_in_the_published_sanity_ranges():
    control = mean_stats("control")
    assert release.clearance_half_time_s("control") == pytest.approx(0.113, rel=1e-6)  # da_clearance_t50
    assert 150 <= control["mean_amplitude_nM"] <= 260   # da_transients_robinson2002: 210 +/- 10 nM
    assert 0.2 <= control["mean_width_s"] <= 0.8        # da_transients_robinson2002: lasting 530 ms
    assert 5 <= control["tonic_nM"] <= 90               # tonic_da_levels: 5-10 vs 90 nM


def test_uptake_is_michaelis_menten_with_the_verified_km():
    assert release.DAT_KM_NM == 200.0  # dat_km
    small = release.clearance_half_time_s(excess_nM=10.0)
    large = release.clearance_half_time_s(excess_nM=1000.0)
    assert large > 1.5 * small  # saturation: big transients clear more slowly


def test_single_transient_shapes():
    control = release.single_transient("control")
    diazepam = release.single_transient("diazepam")
    cocaine = release.single_transient("cocaine")
    assert control.dopamine_nM.iloc[0] == pytest.approx(release.CONTROL_TONIC_NM)
    assert diazepam.dopamine_nM.max() < control.dopamine_nM.max() < cocaine.dopamine_nM.max()
    assert control.dopamine_nM.iloc[-1] == pytest.approx(release.CONTROL_TONIC_NM, abs=1.0)


def test_detection_finds_planted_transients():
    time_s = np.arange(0, 60, 0.1)
    level = np.full(time_s.size, 20.0) + np.random.default_rng(0).normal(0, 5, time_s.size)
    for onset in (10.0, 30.0, 45.0):
        level[int(onset * 10)] += 200.0
    found = release.detect_transients(pd.DataFrame({"time_s": time_s, "dopamine_nM": level}))
    assert np.allclose(found.time_s, [10.0, 30.0, 45.0])
    assert np.allclose(found.amplitude_nM, 200.0, atol=25.0)


@pytest.mark.parametrize("call, parameter", [
    (lambda: release.simulate_fscv("heroin"), "condition"),
    (lambda: release.simulate_fscv(seconds=1.0), "seconds"),
    (lambda: release.simulate_fscv(seconds=float("nan")), "seconds"),
    (lambda: release.simulate_fscv(seed=-1), "seed"),
    (lambda: release.simulate_fscv(seed=1.5), "seed"),
    (lambda: release.simulate_fscv("diazepam", diazepam_occupancy=1.5), "diazepam_occupancy"),
    (lambda: release.simulate_fscv("diazepam", diazepam_occupancy=float("nan")), "diazepam_occupancy"),
    (lambda: release.simulate_fscv("cocaine", diazepam_occupancy=0.5), "diazepam_occupancy"),
    (lambda: release.simulate_fscv("diazepam", release_reduction=-0.1), "release_reduction"),
    (lambda: release.clearance_half_time_s(excess_nM=-5), "excess_nM"),
    (lambda: release.single_transient(spikes=0), "spikes"),
    (lambda: release.transient_stats([1, 2, 3]), "trace"),
    (lambda: release.transient_stats(pd.DataFrame({"time_s": np.arange(30.0), "dopamine_nM": np.nan})), "trace"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


def test_lambert_w_solution_matches_a_numerical_integration():
    from scipy.integrate import solve_ivp

    settings = release.condition_settings("cocaine")
    spikes = [0.1013, 0.1517, 0.2021]  # off the time grid
    times = np.linspace(0.0, 1.5, 301)
    exact = release.concentration_nM(settings, spikes, times)

    def uptake(_t, c):
        return settings.tonic_release_nM_per_s - settings.vmax_nM_per_s * c / (settings.km_nM + c)

    edges = [0.0, *spikes, times[-1]]
    level, numeric = settings.steady_level_nM, np.empty_like(times)
    for start, stop in zip(edges[:-1], edges[1:]):
        solution = solve_ivp(uptake, (start, stop), [level], dense_output=True, rtol=1e-10, atol=1e-10)
        inside = (times >= start) & (times <= stop)
        numeric[inside] = solution.sol(times[inside])[0]
        level = solution.y[0, -1] + settings.release_per_spike_nM
    assert np.allclose(exact, numeric, rtol=1e-6, atol=1e-6)


def test_expected_measures_agree_with_the_simulated_recordings():
    for condition in ("control", "diazepam"):
        expected = release.expected_measures(condition)
        simulated = mean_stats(condition)
        assert simulated["mean_nM"] == pytest.approx(expected["average_nM"], rel=0.15)
        assert simulated["tonic_nM"] == pytest.approx(expected["steady_nM"], rel=0.15)


# --- What the model assumes, the separate studies, the model labels -----------------------------

def test_burst_size_is_an_assumption_and_partly_verified_sources_carry_the_flag():
    import inspect

    source = inspect.getsource(release)
    assert "ASSUMPTION: 3 to 10 spikes per burst" in source
    assert "source: da_neuron_bursts (bursts of" not in source
    for source_id in ("tonic_da_levels", "gomezA2017", "diazepam_microdialysis_1991", "da_transients_sources",
                      "vta_subunit_distribution_figure"):
        assert f"{source_id}, partly verified" in source


def test_cocaine_raises_transient_frequency_with_a_sourced_direction_and_an_assumed_size():
    # Transients come more often under cocaine (stuber2005_cocaine_transients;
    # heien2005_cocaine_transients, rats); the x2 is an ASSUMPTION; tonic firing stays at baseline.
    import inspect

    settings, control = release.condition_settings("cocaine"), release.condition_settings("control")
    assert settings.da_hz == release.DA_BASELINE_HZ
    assert settings.tonic_release_nM_per_s == control.tonic_release_nM_per_s
    assert settings.transient_rate_hz == pytest.approx(
        release.COCAINE_TRANSIENT_RATE_FACTOR * control.transient_rate_hz)
    assert release.COCAINE_TRANSIENT_RATE_FACTOR > 1.0
    for source_id in ("stuber2005_cocaine_transients", "heien2005_cocaine_transients", "cocaine_vta"):
        assert source_id in release.__doc__
    assert "ASSUMPTION (size): cocaine doubles the rate of bursts" in inspect.getsource(release)
    assert "does not address whether cocaine changes how often transients occur" not in release.__doc__


def reconcile():
    from helpers.figures.pharmacology import reconcile_figure

    return reconcile_figure(release.RELEASE_REDUCTION_AT_FULL_OCCUPANCY)


def test_measured_results_are_separate_studies_naming_drug_dose_route_species_method_and_source():
    fig = reconcile()
    studies = [trace for trace in fig.data if isinstance(trace.meta, dict) and "source_id" in trace.meta]
    assert {trace.meta["source_id"] for trace in studies} == {
        "schelp2017", "diazepam_microdialysis_1991", "finlay1992_midazolam_microdialysis"}
    for trace in studies:
        for key in ("drug", "dose", "route", "species", "method", "source_id"):
            assert trace.meta[key] and trace.meta[key] in trace.name, (key, trace.name)
        assert "rat" in trace.meta["species"]
    flagged = [trace for trace in studies if trace.meta["source_id"] == "diazepam_microdialysis_1991"]
    assert flagged and all("partly verified" in trace.name for trace in flagged)


def test_midazolam_and_diazepam_results_never_share_an_axis_with_each_other_or_with_the_model():
    fig = reconcile()
    axes = {}
    for trace in fig.data:
        drug = trace.meta["drug"] if isinstance(trace.meta, dict) else "model"
        axes.setdefault((trace.xaxis or "x", trace.yaxis or "y"), set()).add(drug)
    assert all(len(drugs) == 1 for drugs in axes.values()), axes
    assert "Model" in fig.layout.yaxis.title.text and "÷" not in fig.layout.yaxis3.title.text


def test_the_midazolam_values_are_the_reference_bases():
    from helpers.references import reference

    values = reference("finlay1992_midazolam_microdialysis")["values"]
    fig = reconcile()
    measured = sorted(trace.y[0] for trace in fig.data
                      if isinstance(trace.meta, dict) and trace.meta.get("drug") == "midazolam")
    assert measured == [-50.0, -25.0, -22.0]
    assert values["acute_5mgkg_sc"].startswith("-22%")


@pytest.mark.parametrize("condition, label", [("diazepam", "hypothesis"), ("cocaine", "model"),
                                              ("amphetamine", "model")])
def test_the_fscv_chart_is_labelled(condition, label):
    from helpers.figures.pharmacology import fscv_figure
    from helpers.figures.compose import label_of
    from helpers.theme import MODEL_LABELS

    fig = fscv_figure(condition, 0.5, 0.8)
    assert label_of(fig) == label and MODEL_LABELS[label] in fig.layout.title.text


def test_reconcile_and_transient_charts_are_labelled_hypotheses():
    from helpers.figures.pharmacology import transient_shapes_figure
    from helpers.figures.compose import label_of

    assert label_of(reconcile()) == "hypothesis"
    assert label_of(transient_shapes_figure(6, 0.5)) == "hypothesis"


def test_the_lesson_03_text_separates_model_from_findings():
    from conftest import cells, guide_text, solutions_text

    notebook = "\n".join(cell.source for cell in cells("03"))
    notebook += "\n" + solutions_text("03")
    guide = guide_text("03")
    for text in (notebook, guide):
        assert "Cocaine makes more transients" not in text
        assert "Cocaine leaves the number of transients alone" not in text
        assert "can only fall if each transient" not in text
        assert "can only coexist" not in text
        assert "in this model, some loss of release is needed" in text.lower()
        assert "[source: tonic_da_levels; partly verified]" in text
        assert "[source: diazepam_microdialysis_1991; partly verified]" in text
        assert "[source: da_transients_sources; partly verified]" in text
    # the model's rate of cocaine bursts: a sourced direction, an assumed size
    assert "the rate of bursts by 2 (both ASSUMPTIONS: the base holds the directions, not the sizes)" in " ".join(
        notebook.split())
    assert "single injections." not in guide and "twice-daily" in guide
    # Cocaine's transient frequency is measured; a local action in the accumbens is a finding.
    for text in (notebook, guide):
        assert "[source: stuber2005_cocaine_transients]" in text and "[source: heien2005_cocaine_transients]" in text
        assert "[source: zetterstrom_fillenz_local_flurazepam; partly verified]" in text
        assert "no study in it measured transient frequency under cocaine" not in text
    assert "shows *how* the amplitude falls; that is still open" not in notebook
    assert "ASSUMPTION" in notebook and "3–10 spikes" in notebook


def test_the_lesson_03_fscv_table_names_and_simulates_the_drug_it_is_given():
    """Bug: the table's tablet column said "diazepam" whatever drug it was given. The column and the
    caption name the drug, and its numbers come from that drug's own peak occupancy."""
    from helpers.lessons.l03_acute_dopamine import fscv_control_vs_tablet_table
    from helpers.models import occupancy

    tables = {drug: fscv_control_vs_tablet_table(drug, dose_mg) for drug, dose_mg in
              (("diazepam", 10.0), ("alprazolam", 1.0))}
    for drug, dose_mg in (("diazepam", 10.0), ("alprazolam", 1.0)):
        table, caption = tables[drug]
        peak = occupancy.peak_occupancy(drug, dose_mg)
        assert list(table.columns) == ["control", f"{drug}, occupancy {peak:.2f}"]
        assert f"control against {drug} {dose_mg:g} mg at peak occupancy {peak:.2f}" in caption
        expected = release.transient_stats(release.simulate_fscv("diazepam", diazepam_occupancy=peak, seed=0))
        assert table.iloc[:, 1].to_dict() == pytest.approx(pd.Series(expected).round(2).to_dict())
    diazepam, alprazolam = (tables[drug][0].iloc[:, 1] for drug in ("diazepam", "alprazolam"))
    assert not np.allclose(diazepam, alprazolam), "two drugs at different occupancies give different numbers"
    assert tables["diazepam"][0]["control"].equals(tables["alprazolam"][0]["control"])
