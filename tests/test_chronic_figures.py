"""Lesson 04 charts and text: every chart is labelled a model chart, every converted dose
shows the sources' range, the measured rat study stays a separate, named trace, and the notebook and
guide teach model properties as the model's and flag partly verified sources."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, cells
from helpers.figures import chronic, text
from helpers.figures.compose import label_of, summary_of
from helpers.theme import MODEL_LABELS
from helpers.models.pharmacokinetics import equivalent_dose_range_mg
from helpers.references import reference

NOTEBOOK = ROOT / "notebooks" / "04_tolerance.ipynb"
GUIDE = ROOT / "lessons" / "04_tolerance.md"
CONVERTED = ("alprazolam", "lorazepam", "clonazepam")

CHARTS = {
    "regimen": (lambda drug: chronic.regimen_figure(drug, 10.0, 24.0, 4.0), "model"),
    "sedation_anxiolysis": (lambda drug: chronic.sedation_anxiolysis_figure(drug, 5.0, 30.0), "assumption"),
    "dopamine_weeks": (lambda drug: chronic.dopamine_weeks_figure(drug, 5.0), "hypothesis"),
}


def _plain(title: str) -> str:
    return re.sub(r"<[^>]+>", " ", title)


# --- Labels ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CHARTS))
@pytest.mark.parametrize("drug", chronic.COMPARED_DRUGS)
def test_every_chart_of_one_drug_carries_its_model_label(name, drug):
    build, label = CHARTS[name]
    fig = build(drug)
    assert label_of(fig) == label
    assert MODEL_LABELS[label] in fig.layout.title.text


def test_the_four_drug_chart_carries_the_model_label():
    fig = chronic.short_vs_long_figure(10.0, 24.0)
    assert label_of(fig) == "model" and "MODEL" in fig.layout.title.text


# --- Equivalent doses: the sources' range, never one "≈ diazepam" figure -------------------------

@pytest.mark.parametrize("name", sorted(CHARTS))
@pytest.mark.parametrize("drug", CONVERTED)
def test_a_converted_dose_shows_the_sources_range_in_title_and_summary(name, drug):
    fig = CHARTS[name][0](drug)
    low, high = equivalent_dose_range_mg(drug)
    assert f"{low:.3g}–{high:.3g} mg" in _plain(fig.layout.title.text)
    assert text.equivalence_text(drug) in summary_of(fig)
    assert "≈" not in fig.layout.title.text + summary_of(fig)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_diazepam_charts_say_no_conversion_was_needed(name):
    assert "no conversion" in CHARTS[name][0]("diazepam").layout.title.text


def test_the_four_drug_chart_lists_every_range_and_the_spread():
    fig = chronic.short_vs_long_figure(20.0, 8.0)
    title = _plain(fig.layout.title.text)
    assert "Equivalent doses (diazepam" not in title
    assert "up to 2-fold" in title
    for drug in CONVERTED:
        low, high = equivalent_dose_range_mg(drug)
        assert f"{drug} {low:.3g}–{high:.3g} mg" in title
        assert text.equivalence_text(drug) in summary_of(fig)


def test_drug_names_come_from_the_shared_text_helper():
    assert chronic.drug_label is text.drug_label


# --- The measured rat study: its own named trace, never the model's condition --------------------

def test_the_measured_study_is_its_own_trace_with_drug_dose_route_species_and_source():
    fig = chronic.dopamine_weeks_figure("lorazepam", 5.0)
    measured = [trace for trace in fig.data if trace.type == "bar"]
    assert len(measured) == 1
    study = measured[0]
    for word in ("rats", "midazolam", "5 mg/kg", "s.c.", "microdialysis", "Finlay"):
        assert word in study.name
    assert study.meta["source_id"] == "finlay1992_midazolam_microdialysis"
    assert study.meta["species"] == "rat" and study.meta["drug"] == "midazolam"
    reference(study.meta["source_id"])   # a real entry of the reference base
    assert list(study.y) == [-22.0, -25.0, -25.0]


# --- Measured numbers come from one table, each matching its reference entry ----------------------

def test_every_measured_number_is_the_one_its_reference_entry_states():
    from helpers.tables import measured_results

    results = measured_results()
    assert len(results) > 0
    for result_id, row in results.iterrows():
        (source_id,) = row["source_ids"]
        text = reference(source_id)["values"][row["condition"]]   # KeyError: the entry has no such condition
        stated = re.match(r"\s*([-+]?\d+(?:\.\d+)?)\s*%", text)
        assert stated and float(stated.group(1)) == row["change_percent"], (result_id, text)


def test_the_charts_draw_the_measured_results_table():
    from helpers.figures.pharmacology import reconcile_figure
    from helpers.tables import measured_results

    results = measured_results()["change_percent"]
    bar = next(trace for trace in chronic.dopamine_weeks_figure("diazepam", 5.0).data if trace.type == "bar")
    assert list(bar.y) == [results["finlay1992_acute"]] + [results["finlay1992_challenge_after_14_days"]] * 2
    midazolam = [trace.y[0] for trace in reconcile_figure(0.5).data
                 if isinstance(trace.meta, dict) and trace.meta.get("drug") == "midazolam"]
    assert sorted(midazolam) == sorted(results)


def test_no_figure_reads_numbers_from_reference_prose():
    for path in (ROOT / "helpers" / "figures").glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert '["values"]' not in code and "re.match" not in code, path.name


def test_the_model_traces_are_named_as_model_and_the_summary_keeps_the_study_separate():
    fig = chronic.dopamine_weeks_figure("alprazolam", 5.0)
    model_traces = [trace for trace in fig.data if trace.type != "bar"]
    assert model_traces and all(trace.name.startswith("model") for trace in model_traces)
    assert all(not trace.meta for trace in model_traces)
    summary = summary_of(fig)
    assert "separate study" in summary and "rats" in summary and "midazolam" in summary
    assert "SEPARATE STUDY" in fig.layout.annotations[1].text


# --- Notebook and guide wording --------------------------------------------------------------------

def _notebook_text() -> str:
    return "\n".join(cell.source for cell in cells("04"))


@pytest.mark.parametrize("path", [NOTEBOOK, GUIDE], ids=["notebook", "guide"])
def test_partly_verified_sources_are_cited_with_the_flag(path):
    content = _notebook_text() if path == NOTEBOOK else path.read_text()
    cited = set(re.findall(r"\[source: ([a-z0-9_]+)([^\]]*)\]", content))
    assert cited
    for source_id, rest in cited:
        if reference(source_id).get("confidence") == "partially_verified":
            assert "partly verified" in rest, f"[source: {source_id}] needs '; partly verified'"


def test_the_notebook_gives_no_unsourced_time_scale_and_no_interdose_fact():
    content = _notebook_text()
    assert "appears within days" not in content
    assert "sometimes report anxiety building up" not in content
    # Interdose anxiety is described clinically; the model's swing comes partly from once-a-day dosing
    assert "no study of symptoms between doses" not in content
    assert "[source: herman1987_rebound_alprazolam_clonazepam]" in content
    assert "once a day" in content and "every 12 h" in content
    assert "[source: lalive2011_review]" in content and "[source: vinkers_olivier_2012]" in content


def test_the_notebook_calls_one_compartment_an_assumption_and_prints_equivalence_ranges():
    content = _notebook_text()
    assert "one compartment (an ASSUMPTION" in content
    assert "equivalence_notes()" in content   # helpers.lessons.l04_tolerance: one equivalence_text line per drug
    assert "Ashton's equivalences" not in content


def test_the_finlay_quiz_question_matches_the_reference():
    values = reference("finlay1992_midazolam_microdialysis")["values"]
    assert "-25%" in values["after_14d_bid_5mgkg_challenge"] and "saline" in values["after_14d_bid_5mgkg_challenge"]
    content = (ROOT / "helpers" / "data" / "quizzes" / "04_tolerance.yaml").read_text(encoding="utf-8")  # the bank
    assert "twice daily for 14 days" in content
    assert "the same as in saline-treated rats (no tolerance)" in content


def test_the_guide_lists_no_model_property_as_a_misconception_and_no_unsourced_clinical_habit():
    guide = GUIDE.read_text()
    assert "Clinically, alprazolam is usually taken" not in guide
    assert '| "Benzodiazepines reduce dopamine production." |' not in guide
    assert "our model's assumption" in guide   # the steady-state row names its premise


# ---------------------------------------------------------------- thinning keeps peaks and troughs

def test_thinning_keeps_every_block_s_peak_and_trough_within_the_point_budget():
    from helpers.figures.chronic import MAX_PLOTTED_POINTS, REGIMEN_COLUMNS, _thinned, _thinned_on_regular_grid
    from helpers.models.adaptation import simulate_regimen

    regimen = simulate_regimen("alprazolam", 0.5, interval_h=24, days=84)   # 2016 hourly rows, a swing each day
    full = regimen["concentration"].to_numpy()
    for shown in (_thinned(regimen)["concentration"].to_numpy(),
                  _thinned_on_regular_grid(regimen, REGIMEN_COLUMNS)["concentration"]):
        assert len(shown) <= MAX_PLOTTED_POINTS < len(full)
        assert shown.max() == full.max() and shown.min() == full.min()
        last_week = full[-7 * 24:]
        assert last_week.max() in shown and last_week.min() in shown   # the daily swing is still drawn


# ---------------------------------------------------- anxiolytic tolerance disputed; human receptor data

def test_anxiolytic_tolerance_is_taught_as_disputed_with_both_sides_and_human_receptor_data():
    content = _notebook_text()
    key_points = content.split("## Key points")[1]
    for page in (content, key_points, GUIDE.read_text()):
        assert "disputed" in page
        assert "[source: lader1999_limitations]" in page and "[source: vinkers_olivier_2012]" in page
    assert "probably not to the anxiolytic effect" not in key_points
    assert "[source: fujita1999_alprazolam_spect; partly verified]" in content
    assert "16 %" in content and "day 17" in content


# --- Each fact in one place; errors name what the learner touched --------------------------------------

def test_lessons_04_and_05_compare_the_drugs_of_the_drug_table():
    from helpers.lessons import l04_tolerance, l05_withdrawal
    from helpers.models.pharmacokinetics import compared_drugs
    assert chronic.COMPARED_DRUGS == compared_drugs()
    assert [name for _, name in l04_tolerance.DRUG_OPTIONS] == list(compared_drugs())
    assert [name for _, name in l05_withdrawal.DRUG_OPTIONS] == list(reversed(compared_drugs()))   # longest first
    table, _ = l04_tolerance.accumulation_table()
    assert list(table.index) == list(compared_drugs())
    assert l04_tolerance.equivalence_notes().count("•") == len(compared_drugs()) - 1   # diazepam is the reference


def test_the_accumulation_table_takes_the_time_to_steady_state_from_the_model():
    from helpers.lessons.l04_tolerance import accumulation_table
    from helpers.models.adaptation import days_to_fraction_of_steady_state
    table, caption = accumulation_table(24.0)
    days = table["90 % of steady state (days)"]
    assert list(days) == list(days_to_fraction_of_steady_state(table.iloc[:, 0].to_numpy(), 0.9).round(2))
    assert "90 % of steady state (days)" in caption


def test_the_sedation_chart_runs_for_the_models_weeks_of_use():
    from helpers.models.taper import WEEKS_OF_USE
    weeks = WEEKS_OF_USE.default
    fig = chronic.sedation_anxiolysis_figure("diazepam", 5.0, 30.0)
    assert f"over {weeks:g} weeks" in fig.layout.title.text and f"in week {weeks:g} " in summary_of(fig)
    assert max(fig.data[0].x) == 7 * weeks and list(fig.layout.xaxis.range) == [1, 7 * weeks]


def test_weeks_of_use_out_of_range_names_the_weeks_the_learner_set():
    from helpers.lessons.l04_tolerance import regimen_explorer
    with pytest.raises(ValueError, match=r"^Weeks of use: -3 weeks is outside the control's range, 1 to 26 weeks"):
        regimen_explorer().figure(weeks=-3)
    with pytest.raises(ValueError, match=r"^weeks must be in \(0, 156\]; got -3"):   # not the days it becomes
        chronic.regimen_figure("diazepam", 10.0, 24.0, -3)
