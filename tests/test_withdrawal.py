"""Lesson 05 (withdrawal): charts, the model_taper explorer, and wording the lesson must keep.

Pins what the lesson must say and show:
* every chart from ``helpers.figures.withdrawal`` carries the theme's label ("model"; the dopamine chart
  "hypothesis"), and no chart prints a single "≈ diazepam" conversion: summaries give the sources' range;
* the final step to zero is a control on the model_taper explorer, labelled ASSUMPTION, and it moves the
  schedule's last step;
* "slowing helps less and less" is tied to that assumption, not listed as a misconception in the guide;
* Cosci & Chouinard's "appears to be short-lived" is quoted, not strengthened; the forced-swim result is
  said not to test anhedonia; the equivalents are not said to "come from single doses";
* partly verified entries are cited with the flag; the lesson says never to stop abruptly and to talk to
  a prescriber.

And withdrawal's danger (seizures, a delirium-like state, life-threatening) in the safety box, section 1
and the key points, with both sources, and said calmly in the guide; AMPA changes beside lost GABA-A function;
flumazenil's seizure warning wherever flumazenil is taught; Ashton on pace quoted with its condition; rules drawn
as curve shapes without a week-by-week table or compliance marks; the RACGP windows labelled guidance ("may
appear"); the model's occupancy curve shown beside the human measurement and never taught as saturation in people.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

from conftest import ROOT, cells, explorers
from helpers.figures import withdrawal
from helpers.figures.compose import label_of, summary_of
from helpers.models.taper import FINAL_STEP_PERCENT_RANGE, steady_state_occupancy
from helpers.references import references

GUIDE = ROOT / "lessons" / "05_withdrawal.md"
METHODS = ("abrupt", "linear", "proportional", "hyperbolic")


def _notebook_text() -> str:
    """The notebook's cells and the lesson's worked solutions (kept in the exercise bank)."""
    from conftest import solutions_text

    return "\n".join(cell.source for cell in cells("05")) + "\n" + solutions_text("05")


def _guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _all_charts():
    charts = {f"taper_figure[{method}]": withdrawal.taper_figure("alprazolam", method, 10.0, 14.0)
              for method in METHODS}
    charts["abrupt_stop_figure"] = withdrawal.abrupt_stop_figure(12.0, 30.0)
    charts["dopamine_hypothesis_figure"] = withdrawal.dopamine_hypothesis_figure("alprazolam")
    charts["occupancy_by_dose_figure"] = withdrawal.occupancy_by_dose_figure("diazepam")
    charts["rule_shapes_figure"] = withdrawal.rule_shapes_figure()
    return charts


@pytest.fixture(scope="module")
def charts():
    return _all_charts()


# --- Charts -------------------------------------------------------------------------------------

def test_every_public_chart_builder_is_covered_here():
    builders = {name for name, value in inspect.getmembers(withdrawal, inspect.isfunction)
                if name.endswith("_figure") and not name.startswith("_") and value.__module__ == withdrawal.__name__}
    assert builders == {"taper_figure", "abrupt_stop_figure", "dopamine_hypothesis_figure",
                        "occupancy_by_dose_figure", "rule_shapes_figure"}, (
        "a new chart in helpers/figures/withdrawal.py needs its label pinned here")


def test_every_model_chart_carries_the_model_label_and_the_dopamine_chart_the_hypothesis_label(charts):
    for name, fig in charts.items():
        expected = "hypothesis" if name == "dopamine_hypothesis_figure" else "model"
        assert label_of(fig) == expected, name
        assert ("MODEL · HYPOTHESIS" if expected == "hypothesis" else "MODEL") in fig.layout.title.text, name


def test_no_chart_prints_a_single_diazepam_conversion_and_summaries_give_the_sources_range(charts):
    for name, fig in charts.items():
        assert "≈" not in fig.layout.title.text and "≈" not in summary_of(fig), name
    assert "alprazolam 0.5–1 mg" in summary_of(charts["taper_figure[proportional]"])
    assert "alprazolam 0.5–1 mg" in summary_of(charts["dopamine_hypothesis_figure"])
    for range_text in ("alprazolam 0.5–1 mg", "lorazepam 1–2 mg", "clonazepam 0.5–1 mg"):
        assert range_text in summary_of(charts["abrupt_stop_figure"])


def test_every_taper_chart_keeps_the_not_a_plan_notice(charts):
    for method in METHODS:
        notes = " ".join(a.text or "" for a in charts[f"taper_figure[{method}]"].layout.annotations)
        assert "not a tapering plan" in notes and "abruptly" in notes and "prescriber" in notes


def _final_step(fig):
    trace = next(t for t in fig.data if t.name.startswith("final step to zero"))
    return float(np.max(trace.y))


def test_the_final_step_is_drawn_at_or_below_the_chosen_percentage_and_moves_with_it():
    steps = {final: _final_step(withdrawal.taper_figure("diazepam", "proportional", 10.0, 14.0, final))
             for final in (1.0, 5.0, 20.0)}
    assert steps[1.0] <= 1.0 < steps[5.0] <= 5.0 < steps[20.0] <= 20.0
    assert "ASSUMPTION" in next(t.name for t in withdrawal.taper_figure("diazepam", "linear", 10.0, 14.0).data
                                if t.name.startswith("final step"))


def test_the_taper_summary_says_whether_the_peak_came_during_the_schedule_or_after_the_final_step():
    large = summary_of(withdrawal.taper_figure("diazepam", "proportional", 10.0, 14.0, 5.0))
    small = summary_of(withdrawal.taper_figure("diazepam", "proportional", 10.0, 14.0, 1.0))
    assert "after the final step to zero" in large and "during the schedule" in small


def test_a_schedule_that_outlasts_the_model_says_so_instead_of_a_wrong_end():
    summary = summary_of(withdrawal.taper_figure("diazepam", "proportional", 5.0, 28.0, 1.0))
    assert "does not reach zero within the model's three years" in summary


# --- Explorer -----------------------------------------------------------------------------------

def test_the_model_taper_explorer_lets_the_learner_set_the_final_step_labelled_an_assumption():
    explorer = explorers()["model_taper"]
    control = next(c for c in explorer.controls if c.name == "final_step_percent")
    assert "ASSUMPTION" in control.label
    low, high = FINAL_STEP_PERCENT_RANGE
    assert low <= control.low < control.default < control.high <= high
    assert _final_step(explorer.figure(final_step_percent=control.high)) > _final_step(explorer.figure())


# --- The numbers Think! 2 quotes, pinned to the model -------------------------------------------------

def test_think_2_numbers_are_what_the_model_gives():
    diazepam = steady_state_occupancy([10.0, 9.0, 0.5], drug="diazepam")
    assert 0.65 < diazepam[0] < 0.75                                   # "about 0.7"
    assert 0.02 < (diazepam[0] - diazepam[1]) / diazepam[0] < 0.04     # "about 3 %"
    assert 0.14 < diazepam[2] / diazepam[0] < 0.18                     # "about 16 %"
    assert 0.15 < steady_state_occupancy(0.5, drug="alprazolam") < 0.25  # "about 0.2"


# --- Wording in the notebook and the guide --------------------------------------------------------

def test_the_slower_taper_misconception_row_is_gone_and_the_last_steps_are_not_said_to_dominate():
    guide = _guide_text()
    assert "slower taper is always better" not in guide.lower()
    for text in (guide, _notebook_text()):
        assert "last steps dominate" not in text and "last steps matter most" not in text


def test_slowing_down_is_tied_to_the_assumed_final_step_and_the_sources_on_pace():
    notebook = _notebook_text()
    assert "final_step_percent" in notebook and "ASSUMPTION" in notebook
    assert "rate of withdrawal, symptom severity" in re.sub(r"\s+", " ", notebook)
    assert "slow down or pause" in notebook.lower() or "slowing or pausing" in notebook.lower()


def test_cosci_chouinard_is_quoted_as_appears_to_be_short_lived_never_strengthened():
    for text in (_notebook_text(), _guide_text()):
        assert "appears to be short-lived" in text
        assert not re.search(r"(usually|mostly|generally)\s+short-lived", text)


def test_the_forced_swim_result_is_said_not_to_test_anhedonia():
    for text in (_notebook_text(), _guide_text()):
        assert re.search(r"not a test of\s+anhedonia", text)


def test_the_equivalents_are_not_said_to_come_from_single_doses():
    for text in (_notebook_text(), _guide_text()):
        flat = re.sub(r"\s+", " ", text)
        assert "equivalences come from single doses" not in flat
        assert "firmly based on clinical experience" in flat


def test_ashton_2005_and_1994_are_taught():
    flat = re.sub(r"\s+", " ", _notebook_text())
    assert "cognition improve after withdrawal" in flat and "ashton2005_review" in flat
    assert ("With these methods, success rates of withdrawal are high and are unaffected by duration of usage, "
            "dosage or type of benzodiazepine, rate of withdrawal" in flat)


def test_partly_verified_and_unverified_entries_are_cited_with_their_flag():
    confidence = {source_id: entry.get("confidence") for source_id, entry in references().items()}
    for text in (_notebook_text(), _guide_text()):
        citations = re.findall(r"\[(?:source: )?[a-z][a-z0-9_]*_[a-z0-9_]+[^\]]*\]", text)
        assert len(citations) > 20
        for citation in citations:
            cited = {confidence.get(source_id) for source_id in re.findall(r"[a-z][a-z0-9]*_[a-z0-9_]+", citation)}
            if "partially_verified" in cited:
                assert "partly verified" in citation, citation
            if "unverified" in cited:
                assert "UNVERIFIED" in citation, citation


def test_the_lesson_says_never_stop_abruptly_talk_to_a_prescriber_and_not_a_tapering_plan():
    notebook = _notebook_text()
    assert "Do not stop a benzodiazepine abruptly" in notebook and "Never stop" in notebook
    assert "prescriber" in notebook and "not a tapering plan" in notebook


# --- Withdrawal's danger, AMPA changes, flumazenil, Ashton on pace, rules as shapes, guidance windows -------

SAFETY_IDS = ("fda2020_bzd_boxed_warning_update", "bzd_withdrawal_severity")


def _cells():
    return cells("05")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _section_cell(heading: str) -> str:
    return next(cell.source for cell in _cells() if cell.cell_type == "markdown" and heading in cell.source)


def test_withdrawal_danger_is_stated_in_the_box_in_section_1_and_in_the_key_points_with_both_sources():
    box = _cells()[0].source.split("</div>")[0]
    section_1 = _section_cell("## 1. Stopping unmasks the adaptation")
    key_points = _section_cell("## Key points")
    for text in (box, section_1, key_points):
        flat = _flat(text)
        for word in ("seizures", "delirium", "life-threatening"):
            assert word in flat, (word, flat[:80])
        for source_id in SAFETY_IDS:
            assert source_id in flat
    assert "less than 15 days" in _flat(section_1) and "even as prescribed" in _flat(section_1)


def test_the_guide_says_the_danger_calmly_instead_of_avoiding_frightening_language():
    guide = _flat(_guide_text())
    assert "Avoid frightening language" not in guide
    assert "without alarm" in guide and "life-threatening" in guide and "never stop abruptly" in guide
    assert all(source_id in guide for source_id in SAFETY_IDS)


def test_withdrawal_is_not_taught_as_lost_gaba_a_function_only():
    section_1 = _flat(_section_cell("## 1. Stopping unmasks the adaptation"))
    assert "[source: allison_pratt2003_review]" in section_1
    assert "in mice" in section_1 and "[source: allison2005_ampa_autoradiography_withdrawal]" in section_1


def test_every_cell_that_teaches_flumazenil_says_it_can_precipitate_seizures():
    for text in (*[cell.source for cell in _cells() if cell.cell_type == "markdown"], _guide_text()):
        if "flumazenil" in text.lower().replace("flumazenil_cpa_2002", "").replace("flumazenil_label_seizures", ""):
            assert "flumazenil_label_seizures" in text and "seizures" in text


def test_ashtons_success_rates_are_never_quoted_without_their_condition():
    from helpers.models import taper

    quiz = (ROOT / "helpers" / "data" / "quizzes" / "05_withdrawal.yaml").read_text(encoding="utf-8")
    for text in (_notebook_text(), _guide_text(), quiz, taper.__doc__):
        flat = _flat(text)
        for match in re.finditer(r"unaffected by", flat):
            nearby = flat[max(0, match.start() - 400):match.end() + 300]
            assert "these methods" in nearby or "individually titrated" in nearby, nearby
            assert "ashton1994_treatment]" not in flat[match.end():match.end() + 300], nearby
    key_points = _flat(_section_cell("## Key points"))
    assert "unaffected" not in key_points or "these methods" in key_points


def test_lesson_05_has_no_week_by_week_schedule_table_and_no_compliance_marks():
    import helpers.lessons.l05_withdrawal as explorers
    from helpers.models import taper

    notebook = _notebook_text()
    assert "show_model_schedules" not in notebook and not hasattr(explorers, "show_model_schedules")
    assert not hasattr(taper, "model_schedule_table")
    assert "rule_shapes_figure()" in notebook and "Red crosses" not in notebook
    assert "5–10 % every 2–4 weeks" in notebook and "[source: joint_guideline_2025]" in notebook   # as text
    fig = withdrawal.rule_shapes_figure()
    assert len(fig.data) == 3 and all(trace.hoverinfo == "skip" for trace in fig.data)
    for method in METHODS:
        fig = withdrawal.taper_figure("diazepam", method, 50.0, 7.0)
        assert not any("guideline" in (trace.name or "") for trace in fig.data)
        shape = next(trace for trace in fig.data if trace.name.startswith("the rule's shape"))
        assert shape.hoverinfo == "skip" and shape.line.shape != "hv"


def test_the_racgp_windows_are_guidance_that_may_appear_not_measured_onsets():
    notebook, guide = _flat(_notebook_text()), _flat(_guide_text())
    for text in (notebook, guide):
        assert "Measured: RACGP" not in text and "Guidance: RACGP onset" in text
        assert "What is measured in people fits" not in text
    key_points = _flat(_section_cell("## Key points"))
    assert "begins within" not in key_points and "may appear" in key_points
    assert "guidance" in _flat(_section_cell("## 1. Stopping unmasks the adaptation"))


def test_the_occupancy_argument_sits_beside_the_human_measurement_and_stays_in_the_model():
    from helpers.activities.predict import load_prediction

    prediction = load_prediction("05-last-steps")
    assert "In the model" in prediction.prompt and "measurement in people" in prediction.prompt
    assert "fujita1999_alprazolam_spect; partly verified" in prediction.explanation
    assert "fujita1999_alprazolam_spect; partly verified" in prediction.explanations[3]
    for text, number in ((_section_cell("### Think! 2"), "about 0.16"), (_section_cell("## Key points"), "16 %"),
                         (_guide_text(), "16 %")):
        assert "fujita1999_alprazolam_spect; partly verified" in text and number in _flat(text)
        assert "in the model" in text.lower()
    fig = withdrawal.occupancy_by_dose_figure("diazepam")
    assert any(trace.name.startswith("Measured (partly verified)") for trace in fig.data)
    from helpers.models.occupancy import HALF_OCCUPANCY
    assert HALF_OCCUPANCY.source == "ASSUMPTION"


def test_the_weeks_of_use_in_titles_and_summaries_come_from_the_models_parameter():
    """The weeks of use ("12 weeks") live once, in helpers.models.taper.WEEKS_OF_USE; the charts format them."""
    from helpers.models.taper import WEEKS_OF_USE
    weeks = WEEKS_OF_USE.default
    taper = withdrawal.taper_figure("diazepam", "proportional", 10.0, 14.0)
    assert f"Diazepam after {weeks:g} weeks:" in taper.layout.title.text
    assert f"after {weeks:g} weeks of daily Diazepam" in summary_of(taper)
    assert {shape.x0 for shape in taper.layout.shapes if shape.type == "line"} == {weeks}
    assert f"{weeks:g} weeks of daily Diazepam" in summary_of(withdrawal.dopamine_hypothesis_figure("diazepam"))
    assert explorers()["abrupt_stop"].defaults["weeks_of_use"] == weeks
