"""The VTA disinhibition model reproduces the published directions it teaches.

Sources (helpers/data/references.yaml): da_neuron_firing_tonic (~4 Hz), vta_gaba_firing
(interneurons faster), tan2010_abstract_findings and tan2010_figure_titles (disinhibition
through alpha1 on interneurons; opposing effects on DA and GABA firing; less sIPSC
current in DA neurons), johnson_north_1992 (mu-opioids hyperpolarise interneurons),
ghb_gabab (GHB acts on GABA neurons first; the two-way effect is verified for baclofen only,
so GHB's fall at high levels is a labelled ASSUMPTION of the model).
Tan 2010's numbers are unverified, so only directions are tested. The benzodiazepine acts
through two independent gains (alpha1 on interneurons, alpha3 on DA neurons), both ASSUMPTIONS.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.models import circuit
from helpers.models.circuit import break_even_alpha3_gain, poisson_spikes, simulate_vta, vta_rates

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
    mutant = vta_rates(OCCUPANCY, alpha1_sensitive=False, alpha3_gain=0.0)
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
    (dict(alpha1_gain=-0.5), "alpha1_gain"),
    (dict(alpha1_gain=3.5), "alpha1_gain"),
    (dict(alpha3_gain=math.nan), "alpha3_gain"),
    (dict(alpha3_gain=4.0), "alpha3_gain"),
    (dict(bz_occupancy=[0.1, 0.2], alpha3_gain=[0.1, 0.2, 0.3]), "alpha3_gain"),
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
    """Cruz 2004 (ghb_gabab): low-efficacy coupling in DA neurons -> GABA neurons first. The fall at
    high levels is the model's ASSUMPTION (the base verifies the two-way effect for baclofen only)."""
    low, high = vta_rates(ghb=0.1), vta_rates(ghb=1.0)
    assert low["gaba_hz"] < circuit.GABA_BASELINE_HZ
    assert low["da_hz"] > circuit.DA_BASELINE_HZ
    assert high["da_hz"] < circuit.DA_BASELINE_HZ


def test_enough_action_on_dopamine_neurons_makes_direct_inhibition_win():
    assert vta_rates(1.0, alpha3_gain=0.0)["da_hz"] > circuit.DA_BASELINE_HZ
    assert vta_rates(1.0, alpha3_gain=3.0)["da_hz"] < circuit.DA_BASELINE_HZ


@pytest.mark.parametrize("occupancy", [0.1, 0.5, 1.0])
@pytest.mark.parametrize("alpha1_gain", [0.25, 0.75, 0.9])
def test_break_even_alpha3_gain_returns_dopamine_to_baseline(occupancy, alpha1_gain):
    gain = break_even_alpha3_gain(occupancy, alpha1_gain=alpha1_gain)
    assert 0.0 < gain < circuit.GAIN_RANGE[1]
    at = dict(alpha1_gain=alpha1_gain)
    assert vta_rates(occupancy, alpha3_gain=gain, **at)["da_hz"] == pytest.approx(circuit.DA_BASELINE_HZ)
    assert vta_rates(occupancy, alpha3_gain=gain - 0.05, **at)["da_hz"] > circuit.DA_BASELINE_HZ
    assert vta_rates(occupancy, alpha3_gain=gain + 0.05, **at)["da_hz"] < circuit.DA_BASELINE_HZ


def test_break_even_is_undefined_without_drug_and_infinite_once_interneurons_fall_silent():
    assert math.isnan(break_even_alpha3_gain(0.0))
    assert math.isinf(break_even_alpha3_gain(1.0, alpha1_gain=2.0))
    assert vta_rates(1.0, alpha1_gain=2.0, alpha3_gain=3.0)["da_hz"] > circuit.DA_BASELINE_HZ
    with pytest.raises(ValueError, match="alpha1_gain"):
        break_even_alpha3_gain(0.5, alpha1_gain=-1.0)


# --- Two independent gains -------------------------------------------------

def test_the_two_gains_are_independent_model_parameters():
    """Raising the alpha3 gain leaves the interneurons alone; raising the alpha1 gain does not
    change how much each interneuron spike inhibits a DA neuron. Nothing makes them sum to one."""
    low, high = vta_rates(0.6, alpha3_gain=0.1), vta_rates(0.6, alpha3_gain=2.0)
    assert low["gaba_hz"] == pytest.approx(high["gaba_hz"])
    assert high["da_hz"] < low["da_hz"]
    both_large = vta_rates(0.6, alpha1_gain=1.0, alpha3_gain=1.0)
    assert both_large["gaba_hz"] < circuit.GABA_BASELINE_HZ


def test_the_defaults_are_the_documented_assumptions_and_keep_other_lessons_numbers():
    """Lessons 03-05 call vta_rates(occupancy) with the defaults: +75 % on interneurons, +25 % on DA neurons."""
    assert (circuit.ALPHA1_GAIN, circuit.ALPHA3_GAIN) == (0.75, 0.25)
    rates = vta_rates(0.25)
    assert rates["gaba_hz"] == pytest.approx(27.5) and rates["da_hz"] == pytest.approx(4.5215, abs=1e-3)


def test_in_the_model_the_break_even_ratio_of_the_gains_depends_on_occupancy():
    """A property of the model, not a finding: the alpha3 gain that disinhibition can afford grows
    with occupancy, because the alpha3 potentiation multiplies a shrinking interneuron output."""
    ratios = [break_even_alpha3_gain(occupancy) / circuit.ALPHA1_GAIN for occupancy in (0.1, 0.5, 1.0)]
    assert ratios == sorted(ratios)
    assert ratios[0] == pytest.approx(0.79, abs=0.01) and ratios[-1] == pytest.approx(1.71, abs=0.01)


def test_with_equal_gains_the_direction_of_the_model_depends_on_the_dose():
    """Model property: with alpha3 gain = alpha1 gain = 1, DA firing dips at low occupancy and rises at high."""
    low, high = vta_rates(0.1, alpha1_gain=1.0, alpha3_gain=1.0), vta_rates(1.0, alpha1_gain=1.0, alpha3_gain=1.0)
    assert low["da_hz"] < circuit.DA_BASELINE_HZ < high["da_hz"]


def test_scalar_input_gives_floats_and_array_input_gives_arrays():
    assert isinstance(vta_rates(0.3)["da_hz"], float)
    assert vta_rates([0.1, 0.2, 0.3])["gaba_hz"].shape == (3,)


def test_no_rate_is_ever_negative():
    for kwargs in (dict(alpha1_gain=3.0), dict(mu_opioid=1.0, ghb=1.0), dict(alpha1_gain=0.0, alpha3_gain=3.0),
                   dict(alpha1_gain=3.0, alpha3_gain=3.0)):
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


def test_an_array_of_gains_gives_the_same_rates_as_one_call_per_gain():
    gains = np.linspace(0.0, 3.0, 7)
    for name in ("alpha1_gain", "alpha3_gain"):
        together = vta_rates(0.6, **{name: gains})["da_hz"]
        one_by_one = [vta_rates(0.6, **{name: g})["da_hz"] for g in gains]
        assert np.allclose(together, one_by_one)


def test_ghb_reaches_gaba_neurons_before_dopamine_neurons():
    activation = circuit.ghb_girk_activation(0.1)
    assert activation["gaba"] > 3 * activation["da"]
    with pytest.raises(ValueError, match="ghb"):
        circuit.ghb_girk_activation(2.0)


# --- Charts: every chart of this model says so ------------------------

from helpers.figures import circuit as circuit_figures  # noqa: E402
from helpers.figures.compose import label_of, summary_of  # noqa: E402

CIRCUIT_CHARTS = {
    "diagram": lambda: circuit_figures.circuit_diagram_figure("benzodiazepine", 0.5, "wild_type"),
    "time course": lambda: circuit_figures.time_course_figure(0.6, "wild_type"),
    "Tan 2010 in silico": lambda: circuit_figures.tan_in_silico_figure(0.75, 0.25),
    "balance": lambda: circuit_figures.balance_figure(0.6, 0.75),
    "three routes": lambda: circuit_figures.three_routes_figure(0.3, "wild_type"),
    "practice": lambda: circuit_figures.firing_practice_figure(4.0, 5),
}


@pytest.mark.parametrize("chart", sorted(CIRCUIT_CHARTS))
def test_every_circuit_chart_carries_the_model_label(chart):
    fig = CIRCUIT_CHARTS[chart]()
    assert label_of(fig) == "model"
    assert "MODEL" in fig.layout.title.text
    assert "(model)" not in fig.layout.title.text and "teaching model" not in fig.layout.title.text


@pytest.mark.parametrize("chart", sorted(CIRCUIT_CHARTS))
def test_every_circuit_chart_summary_says_it_is_the_model(chart):
    assert "in the model" in summary_of(CIRCUIT_CHARTS[chart]()).lower()


def test_the_balance_chart_plots_the_alpha3_gain_and_marks_break_even_and_equal_gains():
    fig = circuit_figures.balance_figure(0.6, 0.75)
    names = [trace.name for trace in fig.data]
    assert names == ["dopamine firing", "no drug", "α3 gain = α1 gain", "break-even", "default α3 gain (ASSUMPTION)"]
    assert list(fig.data[3].x) == pytest.approx([break_even_alpha3_gain(0.6)])
    assert "α3 gain" in fig.layout.xaxis.title.text and "share" not in fig.layout.xaxis.title.text.lower()
    silenced = circuit_figures.balance_figure(1.0, 2.0)
    assert [trace.name for trace in silenced.data] == names and len(silenced.data[3].x) == 0
    assert "silences" in summary_of(silenced)


def test_the_ghb_fall_is_labelled_an_assumption_extrapolated_from_baclofen():
    fig = circuit_figures.three_routes_figure(0.3, "wild_type")
    assert "GHB (fall at high levels: ASSUMPTION)" in [trace.name for trace in fig.data]
    assert "ASSUMPTION extrapolated from baclofen" in summary_of(fig)
    assert "baclofen only" in circuit.__doc__


def test_the_practice_chart_has_fixed_traces_and_refuses_bad_settings():
    few, many = circuit_figures.firing_practice_figure(0.0, 1), circuit_figures.firing_practice_figure(50.0, 10)
    assert [t.name for t in few.data] == [t.name for t in many.data]
    assert len(few.data[0].x) == 0 and len(many.data[0].x) > 3000
    with pytest.raises(ValueError, match="rate_hz"):
        circuit_figures.firing_practice_figure(60.0, 5)
    with pytest.raises(ValueError, match="cells"):
        circuit_figures.firing_practice_figure(4.0, 3)


# --- Lesson 02's wording -------------------------------------------

import re  # noqa: E402

from conftest import cells, guide_text  # noqa: E402
from helpers.references import references  # noqa: E402

# The FSCV finding (Schelp 2017, diazepam) followed in the same sentence by a fall in the average level.
FSCV_THEN_AVERAGE = re.compile(r"more frequent,? (?:but |and )?smaller[^.]*?\baverage", re.IGNORECASE)
# Words that show the average comes from a second study (Finlay 1992, midazolam), named as such.
SECOND_STUDY = re.compile(r"midazolam|finlay", re.IGNORECASE)


def lesson_text(name: str) -> str:
    """The markdown and code of notebooks/<name>.ipynb plus its guide lessons/<name>.md, as one string
    with runs of whitespace collapsed to one space."""
    from conftest import solutions_text

    text = "\n".join(cell.source for cell in cells(name))
    return " ".join((text + "\n" + solutions_text(name[:2]) + "\n" + guide_text(name)).split())


def merged_study_sentences(text: str) -> list[str]:
    """Sentences that put the FSCV transients and the microdialysis average into one condition:
    both findings in one sentence, without naming the second study's drug or authors in the prose
    (a citation id alone does not separate them).
    Allowed: sentences saying no study measured both, and lesson 02's wrong quiz option "One experiment
    found ...": they name what was *not* done."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [sentence for sentence in sentences
            if FSCV_THEN_AVERAGE.search(sentence)
            and not SECOND_STUDY.search(re.sub(r"\[source:[^\]]*\]", "", sentence))
            and not re.search(r"no study in our reference base|one experiment found", sentence, re.IGNORECASE)]


LESSON_02 = "02_vta_circuit"


def test_lesson_02_never_merges_the_fscv_and_microdialysis_studies_into_one_condition():
    text = lesson_text(LESSON_02)
    assert merged_study_sentences(text) == []
    for detail in ("diazepam", "midazolam", "5 mg/kg s.c.", "awake rats", "schelp2017_numbers",
                   "14 days", "diazepam_microdialysis_1991; partly verified"):
        assert detail in text, f"lesson 02 should name {detail!r} for the dopamine studies"


def test_lesson_02_teaches_two_independent_gains_not_a_share_that_sums_to_one():
    text = lesson_text(LESSON_02)
    assert "da_share" not in text and "crossover_da_share" not in text
    assert "share of the drug's action" not in text.lower()
    assert "alpha3_gain" in text and "break_even_alpha3_gain" in text and "independent" in text


def test_lesson_02_labels_ghb_inhibition_of_dopamine_neurons_an_extrapolation_from_baclofen():
    text = lesson_text(LESSON_02)
    assert "baclofen only" in text
    assert re.search(r"ASSUMPTION[^.]*extrapolat[^.]*baclofen", text), "GHB's fall must be called an extrapolation"
    assert "rises then falls for that reason" not in text


# How a lesson may cite an unverified entry: as not verified, or as a search that found no study.
UNVERIFIED_WORDS = r"unverified|not verified|not read|not measured|no (?:direct )?study|not found|holds no study"


def cited_sources_without_their_flag(text: str) -> list[str]:
    """Citations ``[source: id, ...; ...]`` in ``text`` that break the brief's rules: an id missing from
    the reference base, a partly verified entry without "partly verified" in the citation, or an
    unverified entry not called so (:data:`UNVERIFIED_WORDS`) in the citation or just before it."""
    known = references()
    problems = []
    for match in re.finditer(r"\[source: ([^\]]*)\]", text):
        ids_part, _, flags = match.group(1).partition(";")
        before = text[max(0, match.start() - 100):match.start()] + match.group(0)
        for source_id in (token.strip() for token in ids_part.split(",")):
            if source_id in ("note", "id"):  # "[source: id]" explains the format; "note" points into an entry
                continue
            confidence = known[source_id]["confidence"] if source_id in known else None
            if confidence is None:
                problems.append(f"{match.group(0)}: {source_id} is not in references.yaml")
            elif confidence == "partially_verified" and "partly verified" not in flags:
                problems.append(f"{match.group(0)}: {source_id} needs '; partly verified'")
            elif confidence == "unverified" and not re.search(UNVERIFIED_WORDS, before):
                problems.append(f"{match.group(0)}: {source_id} is unverified and must be called so")
    return problems


def test_lesson_02_cites_only_known_sources_with_their_confidence_flag():
    text = lesson_text(LESSON_02)
    assert cited_sources_without_their_flag(text) == []
    assert "3–10 spikes" not in text and "3-10 spikes" not in text, "burst sizes from da_neuron_bursts are garbled"


@pytest.mark.parametrize("kwargs, name", [(dict(n_neurons=2.5), "n_neurons"), (dict(seed=1.5), "seed")])
def test_poisson_spikes_refuses_non_integer_counts_and_seeds(kwargs, name):
    with pytest.raises(ValueError, match=name):
        poisson_spikes([0.0, 0.1, 0.2], [1.0, 2.0, 3.0], **kwargs)


@pytest.mark.parametrize("build", ["three_routes", "diagram"])
def test_a_drug_level_out_of_range_is_named_level_not_the_models_internal_name(build):
    """The learner set ``level``; the error says so (not ``mu_opioid`` or ``bz_occupancy``)."""
    from helpers.figures import circuit as figures
    with pytest.raises(ValueError, match=r"^level must be in \[0, 1\]; got 2"):
        if build == "three_routes":
            figures.three_routes_figure(2.0, "wild_type")
        else:
            figures.circuit_diagram_figure("opioid", 2.0, "wild_type")
