"""Pharmacokinetics (lesson 03): the shapes the drug table and the labels describe."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.activities.parameters import drug_options
from helpers.figures.text import drug_label
from helpers.models import pharmacokinetics as pk
from helpers.models.adaptation import simulate_regimen
from helpers.models.taper import simulate_discontinuation, steady_state_occupancy

DRUGS_WITH_METABOLITE = [d for d in pk.DRUG_NAMES if pk.DRUGS.loc[d, "active_metabolite"]]


def test_drugs_is_the_course_table_indexed_by_lower_case_name():
    assert "diazepam" in pk.DRUGS.index and "clobazam" in pk.DRUGS.index
    assert all(name == name.lower() for name in pk.DRUGS.index)
    assert {"half_life_h_model", "tmax_h", "equivalent_mg_ashton", "source_ids"} <= set(pk.DRUGS.columns)


@pytest.mark.parametrize("drug", pk.DRUG_NAMES)
def test_terminal_decline_matches_the_table_half_life_within_ten_percent(drug):
    half_life = pk.DRUGS.loc[drug, "half_life_h_model"]
    profile = pk.concentration_profile(drug, 10.0, hours=6 * half_life + 24, step_h=0.5)
    tail = profile[profile.time_h >= 24 + 3 * half_life]
    slope = np.polyfit(tail.time_h, np.log(tail.parent), 1)[0]
    assert math.log(2) / -slope == pytest.approx(half_life, rel=0.10)


@pytest.mark.parametrize("drug", pk.DRUG_NAMES)
def test_single_dose_peaks_at_the_table_tmax(drug):
    profile = pk.concentration_profile(drug, 10.0, hours=24, step_h=0.01)
    assert profile.time_h[profile.parent.idxmax()] == pytest.approx(pk.DRUGS.loc[drug, "tmax_h"], abs=0.02)


def test_absorption_rate_solves_the_peak_time_equation():
    k = pk.elimination_rate_per_h(45.0)
    ka = pk.absorption_rate_per_h(1.25, k)
    assert ka > k
    assert math.log(ka / k) / (ka - k) == pytest.approx(1.25, rel=1e-9)


def test_diazepam_metabolite_peaks_later_than_diazepam_and_outlasts_it():
    profile = pk.concentration_profile("diazepam", 10.0, hours=400, step_h=0.25)
    parent_peak = profile.time_h[profile.parent.idxmax()]
    metabolite_peak = profile.time_h[profile.metabolite.idxmax()]
    assert metabolite_peak > 10 * parent_peak
    late = profile.iloc[-1]
    assert late.metabolite > late.parent


@pytest.mark.parametrize("drug", DRUGS_WITH_METABOLITE)
def test_drugs_with_an_active_metabolite_return_it(drug):
    profile = pk.concentration_profile(drug, 10.0, hours=48)
    assert list(profile.columns) == ["time_h", "parent", "metabolite"]
    assert (profile.metabolite >= 0).all() and profile.metabolite.iloc[-1] > 0


def test_drugs_without_a_metabolite_have_no_metabolite_column():
    profile = pk.concentration_profile("alprazolam", 1.0, hours=24)
    assert list(profile.columns) == ["time_h", "parent"]


def test_amounts_are_diazepam_equivalent_mg():
    # Ashton: alprazolam 0.5 mg ~ diazepam 10 mg, so the same curve shape scaled to 10 mg-eq.
    assert pk.diazepam_equivalent_mg("alprazolam", 0.5) == pytest.approx(10.0)
    assert pk.diazepam_equivalent_mg("diazepam", 10.0) == pytest.approx(10.0)
    assert pk.diazepam_equivalent_mg("midazolam", 5.0) == pytest.approx(10.0)  # WHO (no Ashton value)
    profile = pk.concentration_profile("diazepam", 10.0, hours=2000, step_h=0.5)
    total_eliminated = pk.rate_constants("diazepam")["elimination"] * np.trapezoid(profile.parent, profile.time_h)
    assert total_eliminated == pytest.approx(10.0, rel=0.01)  # everything absorbed is eliminated once


def test_dose_scales_the_curve_linearly():
    one = pk.concentration_profile("lorazepam", 1.0, hours=48)
    two = pk.concentration_profile("lorazepam", 2.0, hours=48)
    assert np.allclose(two.parent, 2 * one.parent)


def test_repeated_doses_accumulate_towards_a_plateau():
    profile = pk.concentration_profile("diazepam", 5.0, hours=24 * 40, interval_h=24, n_doses=40, step_h=1.0)
    troughs = profile.parent[profile.time_h.isin(24.0 * np.arange(1, 40))].to_numpy()
    assert np.all(np.diff(troughs) > 0)
    assert troughs[-1] / troughs[-2] < 1.01


def test_repeated_doses_equal_the_sum_of_single_doses():
    times = np.linspace(0, 100, 1001)
    together = pk.dose_schedule_levels("clobazam", [0.0, 12.0, 30.0], [10.0, 5.0, 20.0], times)
    separate = sum(pk.dose_schedule_levels("clobazam", [t], [d], times)[["parent", "metabolite"]].to_numpy()
                   for t, d in [(0.0, 10.0), (12.0, 5.0), (30.0, 20.0)])
    assert np.allclose(together[["parent", "metabolite"]].to_numpy(), separate)


def test_schedule_order_does_not_matter_and_nothing_before_the_first_dose():
    times = np.array([0.0, 5.0, 50.0, 10.0])
    ordered = pk.dose_schedule_levels("diazepam", [6.0, 24.0], [10.0, 10.0], times)
    shuffled = pk.dose_schedule_levels("diazepam", [24.0, 6.0], [10.0, 10.0], times)
    assert np.allclose(ordered.active, shuffled.active)
    assert ordered.parent.iloc[0] == 0.0 and ordered.parent.iloc[1] == 0.0


def test_active_weighs_the_metabolite_by_its_potency():
    times = np.linspace(0, 200, 201)
    levels = pk.dose_schedule_levels("clobazam", [0.0], 20.0, times)
    assert np.allclose(levels.active, levels.parent + 0.2 * levels.metabolite)  # pk_clobazam: 1/5
    custom = pk.dose_schedule_levels("diazepam", [0.0], 10.0, times, metabolite_potency=0.5)
    assert np.allclose(custom.active, custom.parent + 0.5 * custom.metabolite)
    no_metabolite = pk.dose_schedule_levels("alprazolam", [0.0], 1.0, times)
    assert (no_metabolite.metabolite == 0).all() and np.allclose(no_metabolite.active, no_metabolite.parent)


def test_six_month_regimen_on_an_hourly_grid_is_finite():
    hours = np.arange(0.0, 24 * 182)
    levels = pk.dose_schedule_levels("diazepam", np.arange(0.0, 24 * 182, 8.0), 5.0, hours)
    assert len(levels) == hours.size and np.all(np.isfinite(levels.to_numpy()))


@pytest.mark.parametrize("call, parameter", [
    (lambda: pk.concentration_profile("valium", 10, hours=24), "drug"),
    (lambda: pk.concentration_profile("diazepam", -1, hours=24), "dose_mg"),
    (lambda: pk.concentration_profile("diazepam", float("nan"), hours=24), "dose_mg"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=0), "hours"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=float("nan")), "hours"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=24, interval_h=0, n_doses=2), "interval_h"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=24, interval_h=-8, n_doses=2), "interval_h"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=24, n_doses=3), "interval_h"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=24, interval_h=8, n_doses=0), "n_doses"),
    (lambda: pk.concentration_profile("diazepam", 10, hours=24, interval_h=8, n_doses=2.5), "n_doses"),
    (lambda: pk.dose_schedule_levels("diazepam", [0, -1], 10, [0, 1]), "dose_times_h"),
    (lambda: pk.dose_schedule_levels("diazepam", [0, 1], [10, -5], [0, 1]), "doses_mg"),
    (lambda: pk.dose_schedule_levels("diazepam", [0, 1, 2], [10, 5], [0, 1]), "dose_times_h"),
    (lambda: pk.dose_schedule_levels("diazepam", [0], 10, [0, float("nan")]), "time_h"),
    (lambda: pk.dose_schedule_levels("diazepam", [0], 10, [0, 1], metabolite_potency=-1), "metabolite_potency"),
    (lambda: pk.absorption_rate_per_h(100.0, 0.1), "tmax_h"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


def test_unknown_drug_lists_the_known_ones():
    with pytest.raises(ValueError) as error:
        pk.concentration_profile("valium", 10, hours=24)
    assert "'diazepam'" in str(error.value) and "'clobazam'" in str(error.value)


def test_equivalent_range_spans_the_sources_and_the_wording_shows_it():
    from helpers.figures.text import equivalence_text
    from helpers.models.pharmacokinetics import equivalent_dose_range_mg

    assert equivalent_dose_range_mg("alprazolam") == (0.5, 1.0)   # Ashton 0.5, VA/DoD and WHO 1
    assert equivalent_dose_range_mg("diazepam") == (10.0, 10.0)
    assert "0.5–1 mg" in equivalence_text("alprazolam")
    assert equivalence_text("midazolam").startswith("one source (WHO) equates midazolam 5 mg")
    with pytest.raises(ValueError, match="drug"):
        equivalent_dose_range_mg("aspirin")


# --- The one-compartment assumption, the distribution phase, volumes of distribution ---------------

def test_the_docstring_calls_one_compartment_an_assumption_and_names_the_verified_clobazam_volume():
    assert "ASSUMPTION: one compartment" in pk.__doc__
    assert "no verified volumes of distribution" not in pk.__doc__
    assert "pk_clobazam" in pk.__doc__ and "99-120 L" in pk.__doc__
    assert "pk_diazepam_elimination, partly verified" in pk.__doc__


def test_two_compartment_constants_give_the_assumed_phases_and_share():
    rates = pk.two_compartment_rate_constants("diazepam")
    alpha, beta = rates["distribution"], rates["terminal"]
    k10, k12, k21 = rates["elimination_central"], rates["to_peripheral"], rates["to_central"]
    assert alpha == pytest.approx(math.log(2) / pk.DISTRIBUTION_HALF_LIFE_H["diazepam"])
    assert beta == pytest.approx(pk.rate_constants("diazepam")["elimination"])  # terminal half-life as the table
    assert alpha + beta == pytest.approx(k10 + k12 + k21)
    assert alpha * beta == pytest.approx(k10 * k21)
    assert k21 / (k12 + k21) == pytest.approx(pk.CENTRAL_SHARE)
    assert k10 < k12  # the fast phase is mostly distribution, not elimination


def test_distribution_phase_peaks_at_the_table_tmax_higher_then_joins_the_one_compartment_curve():
    times = np.arange(0.0, 200.0, 0.01)
    two = pk.distribution_phase_levels("diazepam", 10.0, times)
    one = pk.dose_schedule_levels("diazepam", [0.0], 10.0, times)
    assert times[two.parent.idxmax()] == pytest.approx(pk.DRUGS.loc["diazepam", "tmax_h"], abs=0.02)
    assert two.parent.max() > 1.5 * one.parent.max()          # a higher, briefer early peak
    six_hours = np.searchsorted(times, 6.0)
    assert two.parent.iloc[six_hours] < 0.6 * two.parent.max()  # most of it gone within hours
    late = times >= 24.0
    assert np.allclose(two.parent[late], one.parent[late], rtol=0.15)
    tail = (times >= 100.0) & (times <= 199.0)
    slope = np.polyfit(times[tail], np.log(two.parent[tail]), 1)[0]
    assert math.log(2) / -slope == pytest.approx(pk.DRUGS.loc["diazepam", "half_life_h_model"], rel=0.02)


def test_distribution_phase_matches_a_numerical_solution_of_the_compartments():
    from scipy.linalg import expm

    rates = pk.two_compartment_rate_constants("diazepam", distribution_half_life_h=0.5, central_share=0.5)
    ka, k12, k21, k10, km = (rates[key] for key in ("absorption", "to_peripheral", "to_central",
                                                     "elimination_central", "metabolite"))
    flows = np.array([[-ka, 0, 0, 0], [ka, -(k10 + k12), k21, 0], [0, k12, -k21, 0], [0, k10, 0, -km]])
    times = np.array([0.0, 0.5, 1.0, 3.0, 12.0, 48.0, 150.0])
    expected = np.array([expm(flows * t) @ [10.0, 0, 0, 0] for t in times])
    got = pk.distribution_phase_levels("diazepam", 10.0, times, distribution_half_life_h=0.5, central_share=0.5)
    assert np.allclose(got.parent, expected[:, 1] / 0.5, rtol=1e-8, atol=1e-10)
    assert np.allclose(got.metabolite, expected[:, 3], rtol=1e-8, atol=1e-10)
    assert np.allclose(got.active, got.parent + got.metabolite)


@pytest.mark.parametrize("call, parameter", [
    (lambda: pk.distribution_phase_levels("alprazolam", 1.0, [0.0, 1.0]), "drug"),
    (lambda: pk.distribution_phase_levels("diazepam", -1.0, [0.0, 1.0]), "dose_mg"),
    (lambda: pk.distribution_phase_levels("diazepam", 10.0, [0.0, -1.0]), "time_h"),
    (lambda: pk.distribution_phase_levels("diazepam", 10.0, [0.0], central_share=1.0), "central_share"),
    (lambda: pk.distribution_phase_levels("diazepam", 10.0, [0.0], distribution_half_life_h=5.0),
     "distribution_half_life_h"),
])
def test_distribution_phase_bad_input_raises_value_error_naming_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


def test_distribution_phase_chart_compares_both_models_and_carries_the_model_label():
    from helpers.figures.pharmacology import distribution_phase_figure
    from helpers.figures.compose import label_of

    fig = distribution_phase_figure(1.0, pk.CENTRAL_SHARE)
    assert label_of(fig) == "model"
    assert "ASSUMPTIONS" in fig.layout.title.text
    names = [trace.name for trace in fig.data]
    assert any("one compartment" in name for name in names) and any("two compartments" in name for name in names)
    assert "In the model" in fig.layout.meta["summary"]


def test_the_lesson_03_notebook_qualifies_the_one_compartment_model_and_volumes_of_distribution():
    text = _lesson_03_text()
    assert "no verified volumes of distribution" not in text
    assert "pk_clobazam" in text and "99–120 L" in text
    assert "ASSUMPTION" in text and "one compartment" in text
    assert "distribution_phase_explorer" in text
    assert "[source: pk_diazepam_elimination; partly verified]" in text
    for source_id in ("pk_nitrazepam_smpc", "pk_zolpidem_label", "pk_zopiclone_smpc"):
        assert f"source: {source_id}" in text  # half-lives lengthen in old age and liver disease


def _lesson_03_text() -> str:
    from conftest import cells, guide_text

    return "\n".join(cell.source for cell in cells("03")) + guide_text("03")


def test_a_drug_record_of_ones_own_runs_the_same_model():
    diazepam = pk.drug_record("diazepam")
    own = pk.Drug("my diazepam", half_life_h=diazepam.half_life_h, tmax_h=diazepam.tmax_h,
                  equivalent_mg=diazepam.equivalent_mg, metabolite_half_life_h=diazepam.metabolite_half_life_h,
                  metabolite_potency=diazepam.metabolite_potency)
    time_h = np.arange(0.0, 96.0, 0.5)
    assert pk.dose_schedule_levels(own, [0.0], 10.0, time_h).equals(
        pk.dose_schedule_levels("diazepam", [0.0], 10.0, time_h))
    shorter = pk.concentration_profile(pk.Drug("short", half_life_h=5.0, tmax_h=1.0, equivalent_mg=10.0), 10.0,
                                       hours=48)
    assert list(shorter.columns) == ["time_h", "parent"]
    assert shorter.parent.iloc[-1] < 0.01 * shorter.parent.max()   # ~9 half-lives later


@pytest.mark.parametrize("fields, name", [(dict(half_life_h=math.nan), "half_life_h"), (dict(tmax_h=-1.0), "tmax_h"),
                                          (dict(equivalent_mg=0.0), "equivalent_mg"),
                                          (dict(metabolite_half_life_h="long"), "metabolite_half_life_h"),
                                          (dict(metabolite_potency=9.0), "metabolite_potency")])
def test_a_bad_drug_record_is_refused_naming_the_field(fields, name):
    with pytest.raises(ValueError, match=name):
        pk.Drug(**{**dict(name="x", half_life_h=10.0, tmax_h=1.0, equivalent_mg=5.0), **fields})


def test_a_record_whose_tmax_is_too_late_for_its_half_life_is_refused_when_run():
    with pytest.raises(ValueError, match="tmax_h"):
        pk.rate_constants(pk.Drug("slow", half_life_h=1.0, tmax_h=5.0, equivalent_mg=5.0))


def test_the_drug_table_is_read_lazily():
    import subprocess
    import sys

    code = ("import helpers.models.taper, helpers.models.occupancy, helpers.models.release; "
            "from helpers import tables; "
            "print(tables._benzodiazepines.cache_info().currsize)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "0"


def test_changing_drugs_changes_no_model():
    before = pk.concentration_profile("alprazolam", 1.0, hours=24)
    table = pk.DRUGS
    table.loc["alprazolam", "half_life_h_model"] = 1000.0
    assert pk.DRUGS.loc["alprazolam", "half_life_h_model"] != 1000.0
    assert pk.concentration_profile("alprazolam", 1.0, hours=24).equals(before)


@pytest.mark.parametrize("drug", pk.DRUG_NAMES)
def test_the_conversion_to_and_from_diazepam_equivalents_round_trips(drug):
    assert pk.drug_mg_for_diazepam_eq(drug, pk.REFERENCE_DIAZEPAM_MG) == pk.equivalent_dose_mg(drug)
    assert pk.diazepam_equivalent_mg(drug, pk.drug_mg_for_diazepam_eq(drug, 25.0)) == pytest.approx(25.0, rel=1e-12)


# --- An unknown drug names what the learner typed and every valid name; the compared drugs are data ------

UNKNOWN_DRUG_CALLS = {
    "drug_record": lambda: pk.drug_record("aspirin"),
    "concentration_profile": lambda: pk.concentration_profile("aspirin", 10.0, hours=24.0),
    "dose_schedule_levels": lambda: pk.dose_schedule_levels("aspirin", [0.0], 10.0, np.arange(0.0, 24.0)),
    "equivalent_doses_mg": lambda: pk.equivalent_doses_mg("aspirin"),
    "drug_mg_for_diazepam_eq": lambda: pk.drug_mg_for_diazepam_eq("aspirin", 10.0),
    "drug_options": lambda: drug_options(["aspirin"]),
    "drug_label": lambda: drug_label("aspirin"),
    "simulate_regimen": lambda: simulate_regimen("aspirin", 1.0, interval_h=24, days=2),
    "steady_state_occupancy": lambda: steady_state_occupancy(1.0, drug="aspirin"),
}


@pytest.mark.parametrize("call", sorted(UNKNOWN_DRUG_CALLS))
def test_an_unknown_drug_raises_the_courses_error_listing_every_drug(call):
    with pytest.raises(pk.UnknownDrugError) as raised:
        UNKNOWN_DRUG_CALLS[call]()
    message = str(raised.value)
    assert isinstance(raised.value, ValueError) and "got 'aspirin'" in message and message.startswith("drug ")
    assert all(repr(name) in message for name in pk.drug_names())


def test_a_switch_to_an_unknown_drug_names_the_switch_to_argument():
    with pytest.raises(pk.UnknownDrugError, match=r"^switch_to must be one of the course's drugs: 'diazepam'"):
        simulate_discontinuation("alprazolam", 0.5, switch_to="water")


def test_a_drug_name_is_read_whatever_its_case_and_spaces():
    assert pk.checked_drug_name(" Diazepam ") == "diazepam"
    assert pk.drug_record("LORAZEPAM") == pk.drug_record("lorazepam")


def test_the_compared_drugs_come_from_the_drug_table_shortest_acting_first_each_with_a_colour():
    from helpers.tables import benzodiazepines, longest_active_half_life_h
    from helpers.theme import DRUG_COLOURS
    table = benzodiazepines()
    compared = pk.compared_drugs()
    assert set(compared) == set(table.index[table["compared_in_lessons_04_05"] == "yes"])
    assert compared == ("alprazolam", "lorazepam", "clonazepam", "diazepam")
    assert list(longest_active_half_life_h(table.loc[list(compared)])) == sorted(
        longest_active_half_life_h(table.loc[list(compared)]))
    assert all(drug in DRUG_COLOURS for drug in compared), "every compared drug needs a colour in the theme"


def test_the_dose_chain_names_the_dose_multiple_the_learner_set():
    """Not the diazepam-equivalent mg it becomes."""
    from helpers.figures.pharmacology import dose_chain_figure
    with pytest.raises(ValueError, match=r"^dose_equivalents must be in \[0, 10000\]; got -1"):
        dose_chain_figure("diazepam", -1.0, 30.0)
