"""Prediction moments: the learner commits to an answer before the chart that answers it appears.

For every moment the notebook cell calls ``predict("<moment>", reveal=...)`` with no answer key in it (the key is in
the prediction bank, ``helpers/data/predictions``); the markdown just above the call does not name the answer; the
revealed chart is not shown anywhere else before the commit; every option has its own explanation; and the answer
and the numbers the explanations quote are the model's own.
"""

from __future__ import annotations

import ast
import re

import numpy as np
import plotly.graph_objects as go
import pytest

import helpers.activities.predict
from conftest import cell_index, cells, guide_text
from helpers.activities.predict import DIRECTIONS, giveaways, load_prediction, load_predictions
from helpers.models import circuit, release
from helpers.tables import article_claims

# moment -> words that would give the answer away in the markdown cell right before the prediction
ABOVE_GIVEAWAYS = {
    "01-ceiling": ("ceiling", "raise the maximum", "raises the maximum", "no increase in the maximum",
                   "barely rises", "without GABA"),
    "02-paradox": ("neurons fire faster", "fire *faster*", "fire more", "speed up", "speeds up", "disinhibition",
                   "brake comes off"),
    "02-balance": ("0.85", "break-even", "balance point is", "106", "disinhibition wins", "direct inhibition wins",
                   "cancel"),
}
# moment -> (the explorer it reveals, words that would give it away in its section above the call,
#            a cell that explains the result and must come after the call)
REVEALED_EXPLORERS = {
    "03-average": ("virtual_fscv_explorer()", ("average falls", "lower baseline and average", "average down"),
                   "fscv_control_vs_tablet_table()"),
    "04-swings": ("short_vs_long_explorer()", ("swings most", "3.9-fold", "alprazolam swing"), "### Think! 1"),
    "04-accumulation": ("sedation_anxiolysis_explorer()", ("221", "larger than on day 1", "grows"), "### Think! 2"),
}
LATER_MOMENTS = ("05-last-steps", "05-withdrawal-dopamine", "06-alcohol")
GRADE_MOMENT = "07-grade"
PREDICT_CALL = re.compile(r'predict\("([a-z0-9-]+)"|grade_prediction\("c\d+"\)')


def moment_index(notebook_cells, moment: str) -> int:
    """The one code cell that asks ``moment``."""
    found = [i for i, cell in enumerate(notebook_cells)
             if cell.cell_type == "code" and f'predict("{moment}"' in cell.source]
    assert len(found) == 1, f"prediction moment {moment} should be asked in one cell, found {len(found)}"
    return found[0]


def record(moment: str, monkeypatch):
    """Run the notebook's prediction cell with ``show_prediction`` replaced by a recorder; return what it was given
    (the bank's prediction and the notebook's reveal)."""
    from helpers.figures.circuit import circuit_diagram_figure

    notebook_cells = cells(moment[:2])
    calls = []
    monkeypatch.setattr(helpers.activities.predict, "show_prediction",
                        lambda *args, **kwargs: calls.append((args, kwargs)))
    namespace = {"circuit_diagram_figure": circuit_diagram_figure}
    exec(notebook_cells[moment_index(notebook_cells, moment)].source, namespace)  # noqa: S102 (the course's own cell)
    ((prediction, reveal), _), = calls
    assert prediction.moment == moment
    return prediction, reveal


def revealed(source: str) -> str:
    """The ``reveal=`` argument of the cell's ``predict(...)`` call, as source text."""
    call = next(node for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "predict")
    return ast.unparse(next(keyword.value for keyword in call.keywords if keyword.arg == "reveal"))


def prediction_cells(number: str) -> dict:
    """Each prediction moment of a lesson: its id -> (the code cell, the markdown cell just before it)."""
    notebook_cells = cells(number)
    found = {}
    for index, cell in enumerate(notebook_cells):
        match = PREDICT_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match:
            before = next(c for c in reversed(notebook_cells[:index]) if c.cell_type == "markdown")
            found[match.group(1) or GRADE_MOMENT] = (cell, before)
    return found


# ---------------------------------------------------------------- lessons 01 and 02: the reveal is a chart


@pytest.mark.parametrize("moment", ABOVE_GIVEAWAYS)
def test_prediction_moment_reveals_its_chart_only_through_the_commit(moment):
    number = moment[:2]
    notebook_cells = cells(number)
    index = moment_index(notebook_cells, moment)
    source = notebook_cells[index].source
    assert "reveal=" in source and ".show()" not in source and "show_figure" not in source
    assert "answer" not in source and "explanations" not in source, "the answer key lives in the bank"
    before = notebook_cells[index - 1]
    assert before.cell_type == "markdown"
    for words in ABOVE_GIVEAWAYS[moment]:
        assert words.lower() not in before.source.lower(), f"the cell before {moment} gives it away: {words!r}"
    assert f"`{moment}`" in guide_text(number), f"the guide lists {moment}"


def test_ceiling_prediction_reveal_shows_the_model_answer(monkeypatch):
    prediction, figure = record("01-ceiling", monkeypatch)
    assert isinstance(figure, go.Figure)
    top = {trace.name.split()[1]: max(trace.y) for trace in figure.data if trace.name.startswith("+ ")}
    assert top["diazepam"] == pytest.approx(1.0, abs=1e-3), "in the model diazepam keeps GABA's maximum"
    assert top["pentobarbital"] > 1.05, "in the model pentobarbital pushes past it"
    right = prediction.labels[prediction.answer].lower()
    assert right.index("diazepam") < right.index("pentobarbital"), "the right option limits diazepam, not pentobarbital"
    assert len(prediction.explanations) == len(prediction.labels)


def test_paradox_prediction_answer_matches_the_model(monkeypatch):
    prediction, reveal = record("02-paradox", monkeypatch)
    assert prediction.kind == "direction" and DIRECTIONS[int(prediction.answer)] == "up"
    rates = circuit.vta_rates(0.6)
    assert rates["da_hz"] > circuit.DA_BASELINE_HZ and rates["gaba_hz"] < 32.0
    assert isinstance(reveal, go.Figure)
    assert "tan2010_abstract_findings" in prediction.explanations[DIRECTIONS.index("down")], \
        "the wrong prediction meets the evidence"


def test_balance_prediction_is_a_find_the_setting_number_that_matches_the_model(monkeypatch):
    """02-balance asks for the α3 gain that balances the drug's two actions (a number), and reveals the balance
    explorer on which the learner finds that setting; every explanation calls it a property of the model."""
    from helpers.activities.explorer import Explorer

    prediction, reveal = record("02-balance", monkeypatch)
    assert prediction.kind == "number"
    assert prediction.answer == pytest.approx(circuit.break_even_alpha3_gain(0.6), abs=prediction.tolerance / 2)
    assert prediction.answer - prediction.tolerance > circuit.ALPHA1_GAIN, "in the model equal gains do not balance"
    assert isinstance(reveal, Explorer) and reveal.name == "vta_balance"
    assert all("model" in text for text in prediction.explanations), "a model property, said as one"


# ---------------------------------------------------------------- lessons 03 and 04: the reveal is an explorer


@pytest.mark.parametrize("moment", REVEALED_EXPLORERS)
def test_prediction_moment_reveals_its_explorer_with_an_explanation_for_every_answer(moment):
    reveal = REVEALED_EXPLORERS[moment][0]
    notebook_cells = cells(moment[:2])
    source = notebook_cells[moment_index(notebook_cells, moment)].source
    assert revealed(source) == ast.unparse(ast.parse(reveal))
    assert "answer" not in source, "the answer key stays in the prediction bank, out of the notebook cell"
    prediction = load_prediction(moment)   # the bank entry, checked: raises on a missing or extra explanation
    assert all(text.strip() for text in prediction.explanations)
    assert any("in the model" in text.lower() for text in prediction.explanations), \
        "a model result is said to be one: 'in the model'"
    shown_elsewhere = [cell.source for cell in notebook_cells if cell.cell_type == "code"
                       and f"{reveal.split('(')[0]}(" in cell.source and f'"{moment}"' not in cell.source]
    assert not shown_elsewhere, f"{moment}: the revealed chart must not also be on the page before the commit"


@pytest.mark.parametrize("moment", REVEALED_EXPLORERS)
def test_nothing_in_the_section_above_a_prediction_gives_it_away(moment):
    _, giveaway_words, explained_after = REVEALED_EXPLORERS[moment]
    notebook_cells = cells(moment[:2])
    at = moment_index(notebook_cells, moment)
    section_start = max(i for i in range(at) if re.search(r"^## ", notebook_cells[i].source, re.MULTILINE))
    above = "\n".join(cell.source for cell in notebook_cells[section_start:at] if cell.cell_type == "markdown").lower()
    for phrase in giveaway_words:
        assert phrase.lower() not in above, f"{moment}: '{phrase}' above the prediction gives it away"
    assert cell_index(notebook_cells, explained_after) > at, f"{moment}: '{explained_after}' must come after it"


def test_the_dopamine_directions_in_lesson_03_are_the_models():
    control = release.expected_measures("control")
    diazepam = release.expected_measures("diazepam", diazepam_occupancy=0.5)
    assert diazepam["burst_rate_hz"] / control["burst_rate_hz"] == pytest.approx(1.3, abs=0.05)
    assert diazepam["transient_peak_nM"] / control["transient_peak_nM"] == pytest.approx(0.5, abs=0.05)
    assert diazepam["steady_nM"] < control["steady_nM"] and diazepam["average_nM"] < control["average_nM"]
    assert "03-average" in load_predictions("03") and release.DIAZEPAM_OCCUPANCY.default == 0.5


def test_the_swings_the_04_swings_explanations_quote_are_the_models():
    from helpers.figures.chronic import short_vs_long_figure

    last_days = {trace.name.split(",")[0]: np.asarray(trace.y, dtype=float)
                 for trace in short_vs_long_figure(10.0, 24.0).data if "days 27" in trace.name}
    fold = {drug: f"{level.max() / level.min():.1f}-fold" for drug, level in last_days.items()}
    assert max(fold, key=lambda drug: float(fold[drug][:-5])) == "Alprazolam", "alprazolam swings most in the model"
    prediction = load_prediction("04-swings")
    right = prediction.explanations[int(prediction.answer)]
    assert fold["Alprazolam"] in right and fold["Diazepam"] in right


def test_the_week_12_effects_the_04_accumulation_explanations_quote_are_the_models():
    from helpers.figures.chronic import sedation_anxiolysis_figure
    from helpers.figures.compose import summary_of

    summary = summary_of(sedation_anxiolysis_figure("diazepam", 5.0, 30.0))
    sedation, anxiolysis = re.search(r"sedative effect is (\d+) % and the anxiolytic effect (\d+) %", summary).groups()
    assert int(anxiolysis) > 100 > int(sedation), "in the model anxiolysis grows while sedation fades"
    prediction = load_prediction("04-accumulation")
    right = prediction.explanations[int(prediction.answer)]
    assert f"{anxiolysis} %" in right and f"{sedation} %" in right


def test_lesson_03_average_is_predicted_from_what_learners_have_seen():
    """03-average comes before the microdialysis evidence, and its prompt hands over no mechanism."""
    notebook_cells = cells("03")
    at = moment_index(notebook_cells, "03-average")
    before = "\n".join(cell.source for cell in notebook_cells[:at])
    for evidence in ("finlay1992_midazolam_microdialysis", "diazepam_microdialysis_1991", "gomezA2017",
                     "zetterstrom_fillenz_local_flurazepam"):
        assert evidence not in before, f"{evidence} answers 03-average: cite it after the vote"
        assert any(evidence in cell.source for cell in notebook_cells[at:]), evidence
    assert "[source: schelp2017]" in before, "the FSCV finding is what learners predict from"
    prompt = load_prediction("03-average").prompt.lower()
    assert "hypothesis" not in prompt and "releases less" not in prompt


@pytest.mark.parametrize("number", ["03", "04"])
def test_guide_lists_its_prediction_moments_under_their_own_heading(number):
    guide = guide_text(number)
    assert "## Prediction moments" in guide and "⏱" in guide
    section = guide.split("## Prediction moments")[1].split("\n## ")[0]
    for moment in REVEALED_EXPLORERS:
        if moment.startswith(number):
            assert f"`{moment}`" in section, f"guide {number} explains how to run {moment}"


# ---------------------------------------------------------------- lessons 05 to 07


@pytest.mark.parametrize("moment", [*LATER_MOMENTS, GRADE_MOMENT])
def test_each_named_prediction_moment_is_in_its_lesson(moment):
    number = moment[:2]
    assert moment in prediction_cells(number), f"lesson {number} has no predict({moment!r}, ...) cell"


@pytest.mark.parametrize("moment", LATER_MOMENTS)
def test_each_prediction_is_valid_and_explains_every_option(moment):
    prediction = load_prediction(moment)
    assert len(set(prediction.explanations)) == len(prediction.labels), "one explanation per option, all different"
    assert prediction.explanation, "a general explanation everyone reads with the chart"


@pytest.mark.parametrize("moment", [*LATER_MOMENTS, GRADE_MOMENT])
def test_the_markdown_just_before_a_prediction_does_not_give_the_answer(moment):
    from helpers.lessons import l07_fact_check as claims

    number = moment[:2]
    code, before = prediction_cells(number)[moment]
    prediction = claims.grade_prediction("c13") if moment == GRADE_MOMENT else load_prediction(moment)
    if prediction.kind == "number":   # a number has no label to find: look for the bank's giveaways instead
        shown = [phrase for phrase in giveaways(number)[moment] if phrase.lower() in before.source.lower()]
        assert shown == [], f"{moment}: the markdown above gives the answer away: {shown}"
    else:
        right = prediction.labels[int(prediction.answer)]
        assert right.lower() not in before.source.lower(), f"{moment}: the markdown above names the answer {right!r}"
    assert "answer=" not in code.source, f"{moment}: the notebook cell holds an answer key"


def test_the_dopamine_dip_prediction_asks_for_the_models_own_number_labelled_a_hypothesis():
    """05-withdrawal-dopamine: the learner predicts the size of the model's dip below baseline, in %. The answer
    and the rise during use that the prompt gives are recomputed from the model's chart."""
    from helpers.figures.compose import label_of
    from helpers.figures.withdrawal import dopamine_hypothesis_figure

    prediction = load_prediction("05-withdrawal-dopamine")
    assert prediction.kind == "number" and prediction.unit == "% below baseline"
    figure = dopamine_hypothesis_figure("alprazolam")
    (trace,) = figure.data
    days, change = np.asarray(trace.x, dtype=float), np.asarray(trace.y, dtype=float)
    dip, rise = -change[days >= 0].min(), change[days < 0].max()
    assert abs(dip - prediction.answer) <= 0.5, dip
    assert f"{dip:.0f} % below baseline" in figure.layout.meta["summary"]
    assert f"{rise:.0f} % above baseline" in prediction.prompt
    assert prediction.outcome(20.0) == 2 and prediction.outcome(0.0) == 0, "a sharp drop is high, no fall is low"
    assert label_of(figure) == "hypothesis" and "HYPOTHESIS" in prediction.explanation
    assert all("HYPOTHESIS" in text or "hypothesis" in text or "measured" in text
               for text in prediction.explanations)


def test_the_last_steps_figure_has_a_neutral_title_and_the_models_numbers():
    from helpers.figures.withdrawal import occupancy_by_dose_figure

    figure = occupancy_by_dose_figure("diazepam")
    title = figure.layout.title.text.lower()
    assert "10 times" not in title and "steep" not in title and "last" not in title
    summary = figure.layout.meta["summary"]
    first, last = (float(x) for x in re.findall(r"by (\d\.\d\d)", summary))
    assert last > 5 * first, "in the model the last 10 % cut removes far more occupancy than the first"
    assert "model" in summary and "not measured in people" in summary


def test_the_grading_prediction_holds_no_key_in_the_notebook_and_matches_the_table():
    from helpers.lessons import l07_fact_check as claims

    prediction = claims.grade_prediction("c13")
    assert prediction.moment == GRADE_MOMENT
    assert prediction.labels[int(prediction.answer)] == article_claims().loc["c13", "verdict"]
    assert "c13" not in set(claims.GRADING_CLAIMS), "a claim the quiz above did not already grade"
