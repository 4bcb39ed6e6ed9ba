"""Lessons 03 and 04 make learners think before they see (issue 15): prediction moments, questions before answers,
time markers, a warm-up, and a no-programming path."""

from __future__ import annotations

import ast
import math
import pathlib
import re

import nbformat
import pytest

from helpers.course import lessons
from helpers.lessons import l03_acute_dopamine as acute
from helpers.lessons import l04_tolerance as chronic
from helpers.figures import chronic as chronic_figures
from helpers.figures.compose import summary_of
from helpers.models import release
from helpers.activities.predict import load_prediction, load_predictions

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = {"03": ROOT / "notebooks" / "03_acute_dopamine.ipynb", "04": ROOT / "notebooks" / "04_tolerance.ipynb"}
GUIDES = {"03": ROOT / "lessons" / "03_acute_dopamine.md", "04": ROOT / "lessons" / "04_tolerance.md"}

# moment id -> (lesson, the explorer it reveals, phrases that would give the answer away above the call,
#               a cell that explains the result and must come after the call)
MOMENTS = {
    "03-average": ("03", "virtual_fscv_explorer()", ("average falls", "lower baseline and average", "average down"),
                   "fscv_control_vs_tablet_table()"),
    "04-swings": ("04", "short_vs_long_explorer()", ("swings most", "3.9-fold", "alprazolam swing"), "### Think! 1"),
    "04-accumulation": ("04", 'sedation_anxiolysis_explorer()', ("221", "larger than on day 1", "grows"),
                        "### Think! 2"),
}
TIME_MARKER = re.compile(r"⏱ ~(\d+) of (\d+) min")


def cells(number: str) -> list:
    return nbformat.read(NOTEBOOKS[number], as_version=4).cells


def is_solution(cell) -> bool:
    return "solution" in cell.metadata.get("tags", [])


def prediction_index(notebook_cells: list, moment: str) -> int:
    hits = [i for i, cell in enumerate(notebook_cells) if cell.cell_type == "code" and f'"{moment}"' in cell.source]
    assert len(hits) == 1, f"{moment}: one predict(...) call expected, found {len(hits)}"
    return hits[0]


def revealed(source: str) -> str:
    """The reveal= argument of the cell's predict(...) call, as source text."""
    call = next(node for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "predict")
    return ast.unparse(next(kw.value for kw in call.keywords if kw.arg == "reveal"))


@pytest.mark.parametrize("moment", MOMENTS)
def test_prediction_moment_reveals_its_explorer_with_an_explanation_for_every_answer(moment):
    number, reveal, _, _ = MOMENTS[moment]
    notebook_cells = cells(number)
    source = notebook_cells[prediction_index(notebook_cells, moment)].source
    assert revealed(source) == ast.unparse(ast.parse(reveal))
    assert "answer" not in source, "the answer key stays in the prediction bank, out of the notebook cell"
    prediction = load_prediction(moment)   # the bank entry, checked: raises on a missing or extra explanation
    assert all(text.strip() for text in prediction.explanations)
    assert any("in the model" in text.lower() for text in prediction.explanations), \
        "a model result is said to be one: 'in the model'"
    shown_elsewhere = [cell.source for cell in notebook_cells if cell.cell_type == "code"
                       and f"{reveal.split('(')[0]}(" in cell.source and f'"{moment}"' not in cell.source]
    assert not shown_elsewhere, f"{moment}: the revealed chart must not also be on the page before the commit"


def test_numbers_in_the_explanations_are_the_model_s():
    control = release.expected_measures("control")
    diazepam = release.expected_measures("diazepam", diazepam_occupancy=0.5)
    assert diazepam["burst_rate_hz"] / control["burst_rate_hz"] == pytest.approx(1.3, abs=0.05)
    assert diazepam["transient_peak_nM"] / control["transient_peak_nM"] == pytest.approx(0.5, abs=0.05)
    assert diazepam["steady_nM"] < control["steady_nM"] and diazepam["average_nM"] < control["average_nM"]
    assert "03-average" in load_predictions("03") and release.DIAZEPAM_OCCUPANCY.default == 0.5
    swings = summary_of(chronic_figures.short_vs_long_figure(10.0, 24.0))
    assert "Alprazolam swings most within a day (3.9-fold)" in swings and "Diazepam least (1.1-fold)" in swings
    weeks = summary_of(chronic_figures.sedation_anxiolysis_figure("diazepam", 5.0, 30.0))
    assert "sedative effect is 66 % and the anxiolytic effect 221 % of day 1" in weeks
    assert "221 %" in load_prediction("04-accumulation").explanations[2]


@pytest.mark.parametrize("moment", MOMENTS)
def test_nothing_above_a_prediction_gives_it_away(moment):
    number, _, giveaways, explained_after = MOMENTS[moment]
    notebook_cells = cells(number)
    at = prediction_index(notebook_cells, moment)
    section_start = max(i for i in range(at) if re.search(r"^## ", notebook_cells[i].source, re.MULTILINE))
    above = "\n".join(cell.source for cell in notebook_cells[section_start:at] if cell.cell_type == "markdown").lower()
    for phrase in giveaways:
        assert phrase.lower() not in above, f"{moment}: '{phrase}' above the prediction gives it away"
    explaining = [i for i, cell in enumerate(notebook_cells) if explained_after in cell.source]
    assert explaining and min(explaining) > at, f"{moment}: '{explained_after}' must come after the prediction"


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_overview_asks_the_lesson_question_and_gives_no_result(number):
    first = cells(number)[0].source
    overview = first.split("### Prerequisites")[0]
    paragraphs = [p.strip() for p in overview.split("\n\n") if p.strip() and not p.startswith("#")
                  and not p.startswith("**Time to learn")]
    assert paragraphs[-1].endswith("?"), "the overview ends with the lesson's question"
    for result in ("more often but are smaller", "level **falls**", "swing up and down every day",
                   "probably not to the anxiolytic effect"):
        assert result not in overview, f"the overview gives a result away: {result!r}"


def test_lesson_03_think_1_comes_before_the_demo_that_answers_it():
    notebook_cells = cells("03")
    think = next(i for i, cell in enumerate(notebook_cells) if "### Think! 1" in cell.source)
    demo = next(i for i, cell in enumerate(notebook_cells) if "dose_chain_explorer().show()" in cell.source)
    assert think < demo
    assert "<details>" not in notebook_cells[think].source.split("### Think! 1")[1], \
        "the folded answer waits until after the demo"


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_time_markers_run_forward_and_end_within_the_lesson(number):
    minutes = next(lesson.minutes for lesson in lessons() if lesson.number == number)
    markers = [(int(m[0]), int(m[1])) for cell in cells(number) if cell.cell_type == "markdown"
               for m in TIME_MARKER.findall(cell.source)]
    assert len(markers) >= 6, "a 'time so far' marker on each section"
    assert all(total == minutes for _, total in markers), f"markers count out of the lesson's {minutes} minutes"
    so_far = [elapsed for elapsed, _ in markers]
    assert so_far == sorted(so_far) and so_far[0] == 0 and so_far[-1] < minutes


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_warm_up_opens_the_lesson(number):
    notebook_cells = cells(number)
    warm_up = next(i for i, cell in enumerate(notebook_cells) if f'show_warm_up("{number}")' in cell.source)
    first_section = next(i for i, cell in enumerate(notebook_cells) if cell.source.startswith("## 1."))
    assert warm_up < first_section


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_no_programming_path(number):
    notebook_cells = cells(number)
    for cell in notebook_cells:
        if cell.cell_type == "code" and not is_solution(cell):
            for display_code in ("pd.", "import pandas", ".round(", "Styler", ".loc["):
                assert display_code not in cell.source, f"display code in a learner's cell: {cell.source[:80]!r}"
            assert not re.search(r"^\s*for\b", cell.source, re.MULTILINE), \
                f"a loop in a learner's cell: {cell.source[:80]!r}"
    exercises = [cell.source for cell in notebook_cells if cell.source.startswith("## Exercise")]
    assert exercises and all("optional coding track" in text.lower() for text in exercises)


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_guide_lists_the_prediction_moments_and_how_to_run_them(number):
    guide = GUIDES[number].read_text(encoding="utf-8")
    assert "## Prediction moments" in guide
    for moment, (lesson, *_rest) in MOMENTS.items():
        if lesson == number:
            assert f"`{moment}`" in guide
    assert "show of hands" in guide and "⏱" in guide


def test_lesson_tables_come_from_the_explorer_modules():
    table, caption = acute.one_tablet_table()
    assert list(table.time_h) == list(acute.ONE_TABLET_TIMES_H) and "diazepam-equivalent mg" in caption
    assert table.parent.idxmax() == table.index[table.time_h == 1.3][0], "diazepam's parent peaks near 1.3 h"
    fscv, caption = acute.fscv_control_vs_tablet_table()
    assert fscv.shape == (6, 2) and "occupancy" in caption
    accumulation, caption = chronic.accumulation_table(24.0)
    for half_life_h, ratio in zip(accumulation.iloc[:, 0], accumulation.iloc[:, 1]):
        assert ratio == pytest.approx(1 / (1 - math.exp(-math.log(2) * 24.0 / half_life_h)), abs=0.01)
    assert len(chronic.equivalence_notes().splitlines()) == 3


def test_charts_shown_before_a_prediction_have_neutral_titles():
    explorer = acute.reconcile_explorer()
    title = explorer.figure(**explorer.defaults).layout.title.text
    for text in (explorer.title, title):
        assert "average down" not in text.lower() and "amplitude down" not in text.lower()


def test_lesson_03_average_is_predicted_from_what_learners_have_seen():
    """Issue 22: 03-average comes before the microdialysis evidence, and its prompt hands over no mechanism."""
    notebook_cells = cells("03")
    at = prediction_index(notebook_cells, "03-average")
    before = "\n".join(cell.source for cell in notebook_cells[:at])
    for evidence in ("finlay1992_midazolam_microdialysis", "diazepam_microdialysis_1991", "gomezA2017",
                     "zetterstrom_fillenz_local_flurazepam"):
        assert evidence not in before, f"{evidence} answers 03-average: cite it after the vote"
        assert any(evidence in cell.source for cell in notebook_cells[at:]), evidence
    assert "[source: schelp2017]" in before, "the FSCV finding is what learners predict from"
    prompt = load_prediction("03-average").prompt.lower()
    assert "hypothesis" not in prompt and "releases less" not in prompt
