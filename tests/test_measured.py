"""Measured values on the model charts.

Each chart that draws a measured value draws it as its own trace, named "Measured...", with its source
ids and their status (verified or partly verified) in ``meta``, in the theme's measured style (never a
model line), with the numbers of the course tables, and says so in its one-sentence summary. Clinical guidance
drawn the same way (the RACGP onset windows, a table reproduced from Ford & Law 2014) is named "Guidance..."
and its summary says "guidance", never "measured".
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import theme
from helpers.figures import measured
from helpers.figures.compose import summary_of
from helpers.references import CONFIDENCE_LABELS, reference
from helpers.tables import benzodiazepines, measured_results, measured_values

DRAWN_STATUSES = {CONFIDENCE_LABELS["verified"], CONFIDENCE_LABELS["partially_verified"]}
# The explorers that draw measured values, at a setting where each does.
EXPLORERS_WITH_MEASURED = ("concentration_response", "chloride_reversal", "abrupt_stop", "dose_chain",
                           "dopamine_over_weeks", "frequency_amplitude_average")


@pytest.fixture(scope="module")
def explorers():
    from conftest import explorers as course_explorers

    return course_explorers()


DRAWN_KINDS = ("Measured", "Guidance")   # a measurement, or clinical guidance drawn in the same style


def measured_traces(fig):
    return [trace for trace in fig.data if (trace.name or "").startswith(DRAWN_KINDS)]


def model_traces(fig):
    return [trace for trace in fig.data if not (trace.name or "").startswith(DRAWN_KINDS)]


def test_at_least_six_explorers_draw_measured_values(explorers):
    drawing = [name for name, explorer in explorers.items()
               if explorer.has_figure and measured_traces(explorer.figure())]
    assert set(EXPLORERS_WITH_MEASURED) <= set(drawing)
    assert len(drawing) >= 6


@pytest.mark.parametrize("name", EXPLORERS_WITH_MEASURED)
def test_each_measured_trace_names_real_drawable_sources_in_its_meta_and_its_status_in_its_name(explorers, name):
    for trace in measured_traces(explorers[name].figure()):
        meta = trace.meta
        assert meta["source_ids"], trace.name
        confidences = {reference(source_id)["confidence"] for source_id in meta["source_ids"]}  # ids exist
        assert confidences <= {"verified", "partially_verified"}, trace.name
        assert meta["status"] in DRAWN_STATUSES
        expected = "verified" if confidences == {"verified"} else "partly verified"
        assert meta["status"] == expected
        if expected == "partly verified":
            assert "partly verified" in trace.name


@pytest.mark.parametrize("name", EXPLORERS_WITH_MEASURED)
def test_the_summary_names_the_measured_values_and_their_status(explorers, name):
    fig = explorers[name].figure()
    summary = summary_of(fig)
    guidance = [trace for trace in measured_traces(fig) if trace.name.startswith("Guidance")]
    if guidance:
        assert "guidance" in summary and "not a measurement" in summary, summary
        assert all(trace.meta["kind"] == "clinical guidance" for trace in guidance)
    else:
        assert re.search(r"\bmeasured\b", summary, re.IGNORECASE), summary
    for trace in measured_traces(fig):
        assert any(source_id in summary for source_id in trace.meta["source_ids"]) or "Finlay" in trace.name, summary
        if trace.meta["status"] == "partly verified":
            assert "partly verified" in summary


@pytest.mark.parametrize("name", EXPLORERS_WITH_MEASURED)
def test_measured_traces_are_not_drawn_like_model_lines(explorers, name):
    fig = explorers[name].figure()
    model_styles = {_line_style(trace) for trace in model_traces(fig) if trace.type == "scatter"}
    for trace in measured_traces(fig):
        if trace.type == "bar":
            continue   # a bar of a separate study's result: never a line
        style = _line_style(trace)
        assert style not in model_styles, trace.name
        drawn_as = "band" if trace.fill == "toself" else "points"
        assert (trace.fillcolor == theme.MEASURED_BAND_FILL if drawn_as == "band"
                else "markers" in trace.mode), trace.name


def _line_style(trace):
    marker_colour = trace.marker.color if trace.marker and isinstance(trace.marker.color, str) else None
    return (trace.mode, trace.line.color, trace.line.dash, trace.fill, marker_colour,
            trace.marker.symbol if trace.marker else None)


def test_the_new_measured_traces_use_the_themes_measured_colour(explorers):
    for name in ("concentration_response", "chloride_reversal", "abrupt_stop", "dose_chain"):
        for trace in measured_traces(explorers[name].figure()):
            colours = {trace.line.color, trace.marker.color if trace.marker else None, trace.fillcolor}
            assert theme.MEASURED_COLOUR in colours or theme.MEASURED_BAND_FILL in colours, trace.name


# --- The plotted numbers are the tables' numbers ---------------------------------------------------

def _value(value_id):
    row = measured_values().loc[value_id]
    return row["low_in_unit"], row["high_in_unit"]


def test_the_concentration_response_chart_plots_the_measured_ec50s(explorers):
    fig = explorers["concentration_response"].figure(gaba_ec50_alone_uM=26.0)
    pentobarbital, diazepam = measured_traces(fig)
    assert list(pentobarbital.x) == [_value("pentobarbital_gaba_ec50_alone")[0],
                                     _value("pentobarbital_gaba_ec50_with_30_um")[0]]
    assert list(diazepam.x) == pytest.approx([26.0 / _value("ghansah1999_diazepam_fold_shift")[0]])
    assert pentobarbital.meta["source_ids"] == ["barbiturate_direct_activation"]
    assert diazepam.meta["source_ids"] == ["diazepam_ec50_shift"]


def test_the_chloride_chart_plots_the_measured_ipsp_reversal(explorers):
    (reversal,) = measured_traces(explorers["chloride_reversal"].figure())
    assert set(reversal.y) == {_value("cortex_ipsp_reversal")[0]}
    assert reversal.meta["source_ids"] == ["chloride_reversal"]


def test_the_abrupt_stop_chart_plots_the_racgp_onset_windows_labelled_guidance(explorers):
    bands = measured_traces(explorers["abrupt_stop"].figure())
    windows = [(min(band.x), max(band.x)) for band in bands]
    assert windows == [_value("racgp_onset_shorter_half_life"), _value("racgp_onset_longer_half_life")]
    assert all(band.meta["source_ids"] == ["racgp_onset"] for band in bands)
    assert all(band.name.startswith("Guidance: RACGP onset") and "may" in band.name for band in bands)
    assert not any((trace.name or "").startswith("Measured") for trace in explorers["abrupt_stop"].figure().data)


@pytest.mark.parametrize("drug", ["diazepam", "alprazolam", "zolpidem"])
def test_the_dose_chain_plots_the_tables_half_life_range_from_the_model_peak(explorers, drug):
    fig = explorers["dose_chain"].figure(drug=drug)
    (half_life,) = measured_traces(fig)
    row = benzodiazepines().loc[drug]
    parent = np.asarray(fig.data[0].y)
    peak_h = fig.data[0].x[int(np.argmax(parent))]
    assert np.diff(half_life.x)[0] == pytest.approx(row["half_life_h_high"] - row["half_life_h_low"])
    assert half_life.x[0] == pytest.approx(peak_h + row["half_life_h_low"])
    assert half_life.y[0] == pytest.approx(parent.max() / 2.0)
    assert half_life.meta["source_ids"] == list(row["half_life_source_ids"])


def test_the_finlay_results_are_measured_traces_with_the_tables_numbers(explorers):
    results = measured_results()
    for name in ("dopamine_over_weeks", "frequency_amplitude_average"):
        finlay = [trace for trace in measured_traces(explorers[name].figure())
                  if trace.meta["source_ids"] == ["finlay1992_midazolam_microdialysis"]]
        assert finlay and all(trace.meta["species"] == "rat" and trace.meta["drug"] == "midazolam"
                              for trace in finlay)
        assert {value for trace in finlay for value in trace.y} <= set(results["change_percent"])


def test_the_taper_chart_judges_no_step_against_the_guideline(explorers):
    """Rule shapes, not a schedule checked for compliance (the guideline's numbers are text)."""
    for method in ("linear", "proportional", "hyperbolic"):
        fig = explorers["model_taper"].figure(method=method, step_percent=50.0)
        names = " ".join(trace.name or "" for trace in fig.data)
        assert "guideline" not in names and "limit" not in names
        assert not any(trace.marker and trace.marker.symbol == "x" for trace in fig.data)
    assert "guideline_upper_cut" not in measured_values().index


def test_the_occupancy_chart_plots_the_human_occupancy_from_the_table_at_the_sources_equivalents():
    """The measured point beside the model's occupancy curve, its x converted approximately."""
    from helpers.figures.withdrawal import occupancy_by_dose_figure
    from helpers.models.pharmacokinetics import equivalent_dose_range_mg

    fig = occupancy_by_dose_figure("diazepam")
    (point,) = measured_traces(fig)
    assert set(point.y) == {_value("fujita1999_alprazolam_occupancy")[0] / 100.0}
    assert point.meta["source_ids"] == ["fujita1999_alprazolam_spect"] and point.meta["status"] == "partly verified"
    assert point.meta["drug"] == "alprazolam" and "people" in point.meta["species"]
    low, high = equivalent_dose_range_mg("alprazolam")
    assert sorted(point.x) == pytest.approx(sorted([2.0 * 10.0 / high, 2.0 * 10.0 / low]))
    assert "approximate" in point.name and "partly verified" in point.name
    summary = summary_of(fig)
    assert "fujita1999_alprazolam_spect; partly verified" in summary and "approximate" in summary


# --- The measured-values table: each number is the one its reference entry states -----------------

def test_every_measured_value_is_stated_by_its_reference_entry():
    for value_id, row in measured_values().iterrows():
        (source_id,) = row["source_ids"]
        entry = reference(source_id)
        assert entry["confidence"] in ("verified", "partially_verified"), value_id
        stated = entry["statement"] if row["condition"] == "statement" else entry["values"][row["condition"]]
        numbers = {float(n) for n in re.findall(r"(?<!\d)-?\d+(?:\.\d+)?", str(stated))}
        assert {row["low_in_unit"], row["high_in_unit"]} <= numbers, (value_id, stated)


def test_unverified_entries_are_refused():
    with pytest.raises(ValueError, match="unverified"):
        measured.status_of(["bzd_withdrawal_dopamine_direct"])
    with pytest.raises(ValueError, match="unverified"):
        measured.points_trace([1.0], [1.0], text="x", source_ids=["schelp2017_numbers"])


# --- The fitting ranges /work/brief/fit_exercises_plan.md gives, read off the charts ----

def _onset_days(fig, drug):
    return next(trace.x[0] for trace in fig.data if trace.name == f"{drug} onset")


def test_the_slow_time_constant_fits_the_racgp_windows_from_25_days_to_the_end_of_the_slider():
    from helpers.figures.withdrawal import abrupt_stop_figure

    (short_low, short_high), (long_low, long_high) = (_value("racgp_onset_shorter_half_life"),
                                                      _value("racgp_onset_longer_half_life"))
    assert _onset_days(abrupt_stop_figure(12.0, 20.0), "diazepam") < long_low
    for tau_days in (25.0, 120.0):
        fig = abrupt_stop_figure(12.0, tau_days)
        assert long_low <= _onset_days(fig, "diazepam") <= long_high
        assert short_low <= _onset_days(fig, "alprazolam") <= short_high


def test_release_lost_per_spike_gives_all_three_measured_directions_from_0_4():
    from helpers.figures.pharmacology import reconcile_figure

    def model_ratios(release_reduction):
        fig = reconcile_figure(release_reduction)
        return {trace.name: np.asarray(trace.y[1:]) for trace in fig.data if trace.name.startswith("model: ")
                and trace.name != "model: control"}

    fitting = model_ratios(0.4)
    assert np.all(fitting["model: frequency (FSCV)"] > 1) and np.all(fitting["model: amplitude (FSCV)"] < 1)
    assert np.all(fitting["model: time average (microdialysis)"] < 1)
    assert np.all(model_ratios(0.35)["model: time average (microdialysis)"] >= 1)


def test_the_receptor_model_reads_its_measured_constants_from_the_table():
    from helpers.models import receptor
    from helpers.tables import measured_value

    assert receptor.DIAZEPAM_FOLD_AT_1_UM == measured_value("ghansah1999_diazepam_fold_shift")
    assert receptor.PENTOBARBITAL_DIRECT_EC50_UM == measured_value("pentobarbital_direct_ec50")
    assert receptor.PENTOBARBITAL_FOLD_AT_30_UM == pytest.approx(
        measured_value("pentobarbital_gaba_ec50_alone") / measured_value("pentobarbital_gaba_ec50_with_30_um"))
    with pytest.raises(ValueError, match="range"):
        measured_value("racgp_onset_shorter_half_life")


def test_finlays_source_id_is_read_from_the_measured_results_table_and_shared():
    """One constant, read from data, used by the lesson 03 and lesson 04 charts."""
    from helpers.figures import chronic, pharmacology
    results = measured_results()
    assert set(results.loc[results["study"] == "Finlay et al. 1992", "source_ids"]) == {(measured.FINLAY_ID,)}
    assert chronic.FINLAY_STUDY["source_id"] == measured.FINLAY_ID
    assert {s["source_id"] for s in pharmacology.MEASURED_STUDIES if s["authors"] == "Finlay et al. 1992"} == {
        measured.FINLAY_ID}
    assert not hasattr(pharmacology, "FINLAY_ID")
