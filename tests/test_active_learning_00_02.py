"""Issue 15, lessons 00-02: predictions come before the charts that answer them, nothing gives them away,
Think! questions come before the text that answers them, a warm-up opens lessons 01 and 02, every section
says how much class time has gone, and the notebooks need no pandas outside the optional coding track."""

from __future__ import annotations

import re

import nbformat
import plotly.graph_objects as go
import pytest

import helpers.activities.predict
from helpers.activities.predict import DIRECTIONS
from conftest import ROOT
from helpers.course import lessons
from helpers.figures.receptor import chloride_figure
from helpers.models import circuit
from helpers.activities.quiz import WARM_UP_ITEMS, load_warm_up

NOTEBOOKS = {number: ROOT / "notebooks" / f"{stem}.ipynb"
             for number, stem in (("00", "00_start_here"), ("01", "01_gaba_a_receptor"), ("02", "02_vta_circuit"))}
GUIDES = {number: ROOT / "lessons" / path.name.replace(".ipynb", ".md") for number, path in NOTEBOOKS.items()}
MARKER = re.compile(r"⏱ ~(\d+) of (\d+) min so far")

# moment id -> (lesson, words that would give the answer away in the markdown cell right before the prediction)
MOMENTS = {
    "01-ceiling": ("01", ("ceiling", "raise the maximum", "raises the maximum", "no increase in the maximum",
                          "barely rises", "without GABA")),
    "02-paradox": ("02", ("neurons fire faster", "fire *faster*", "fire more", "speed up", "speeds up", "disinhibition", "brake comes off")),
    "02-balance": ("02", ("0.85", "break-even", "balance point is", "106", "disinhibition wins", "direct inhibition wins",
                          "cancel")),
}


def _cells(number):
    return nbformat.read(NOTEBOOKS[number], as_version=4).cells


def _moment_index(cells, moment):
    found = [i for i, cell in enumerate(cells) if cell.cell_type == "code" and f'predict("{moment}"' in cell.source]
    assert len(found) == 1, f"prediction moment {moment} should be called once"
    return found[0]


def _record(moment, monkeypatch):
    """Run the notebook's prediction cell with ``predict`` replaced by a recorder; return what it was given
    (the bank's prediction and the notebook's reveal)."""
    cells = _cells(MOMENTS[moment][0])
    calls = []
    monkeypatch.setattr(helpers.activities.predict, "show_prediction", lambda *args, **kwargs: calls.append((args, kwargs)))
    from helpers.figures.circuit import circuit_diagram_figure
    namespace = {"circuit_diagram_figure": circuit_diagram_figure}
    exec(cells[_moment_index(cells, moment)].source, namespace)  # noqa: S102 (the course's own notebook cell)
    ((prediction, reveal), _), = calls
    assert prediction.moment == moment
    return prediction, reveal


@pytest.mark.parametrize("moment", MOMENTS)
def test_prediction_moment_reveals_its_chart_only_through_the_commit(moment):
    number, giveaways = MOMENTS[moment]
    cells = _cells(number)
    index = _moment_index(cells, moment)
    source = cells[index].source
    assert "reveal=" in source and ".show()" not in source and "show_figure" not in source
    assert "answer" not in source and "explanations" not in source, "the answer key lives in the bank"
    before = cells[index - 1]
    assert before.cell_type == "markdown"
    for words in giveaways:
        assert words.lower() not in before.source.lower(), f"the cell before {moment} gives it away: {words!r}"
    assert f"`{moment}`" in GUIDES[number].read_text(encoding="utf-8"), f"the guide lists {moment}"


def test_ceiling_prediction_reveal_shows_the_model_answer(monkeypatch):
    prediction, figure = _record("01-ceiling", monkeypatch)
    assert prediction.labels[prediction.answer].startswith("Diazepam levels off")
    assert isinstance(figure, go.Figure)
    top = {trace.name.split()[1]: max(trace.y) for trace in figure.data if trace.name.startswith("+ ")}
    assert top["diazepam"] == pytest.approx(1.0, abs=1e-3), "in the model diazepam keeps GABA's maximum"
    assert top["pentobarbital"] > 1.05, "in the model pentobarbital pushes past it"
    assert len(prediction.explanations) == len(prediction.labels)


def test_paradox_prediction_answer_matches_the_model(monkeypatch):
    prediction, reveal = _record("02-paradox", monkeypatch)
    assert prediction.kind == "direction" and DIRECTIONS[int(prediction.answer)] == "up"
    rates = circuit.vta_rates(0.6)
    assert rates["da_hz"] > circuit.DA_BASELINE_HZ and rates["gaba_hz"] < 32.0
    assert isinstance(reveal, go.Figure)
    assert "tan2010_abstract_findings" in prediction.explanations[DIRECTIONS.index("down")], "the wrong prediction meets the evidence"


def test_balance_prediction_is_a_find_the_setting_number_that_matches_the_model(monkeypatch):
    """Issue 22: 02-balance asks for the α3 gain that balances the drug's two actions (a number), and reveals the
    balance explorer on which the learner finds that setting; every explanation calls it a property of the model."""
    from helpers.activities.explorer import Explorer

    prediction, reveal = _record("02-balance", monkeypatch)
    assert prediction.kind == "number"
    assert prediction.answer == pytest.approx(circuit.break_even_alpha3_gain(0.6), abs=prediction.tolerance / 2)
    assert prediction.answer - prediction.tolerance > circuit.ALPHA1_GAIN, "in the model equal gains do not balance"
    assert isinstance(reveal, Explorer) and reveal.name == "vta_balance"
    assert all("model" in text for text in prediction.explanations), "a model property, said as one"


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_overview_ends_in_a_question(number):
    first = _cells(number)[0].source
    overview = first.split("### Prerequisites")[0].split("\n", 1)[1].strip()
    assert overview.endswith("?"), f"lesson {number}'s overview should end with its question"


def test_lesson_02_overview_does_not_resolve_the_paradox():
    first = _cells("02")[0].source.lower()
    for words in ("fire *faster*", "they make vta dopamine neurons", "brake comes off", "speed up",
                  "resolves the paradox", "removes the rise"):
        assert words not in first


@pytest.mark.parametrize("number, think, answering_text", [
    ("01", "### Think! 1", "### When GABA excites"),
    ("01", "### Think! 3", "### What this means"),
])
def test_think_comes_before_the_text_that_answers_it(number, think, answering_text):
    cells = _cells(number)
    think_at = next(i for i, cell in enumerate(cells) if think in cell.source)
    text_at = next(i for i, cell in enumerate(cells) if answering_text in cell.source)
    assert think_at < text_at


def test_chloride_chart_title_is_neutral():
    for cl_in_mM in (4.0, 10.0, 38.0, 70.0):
        title = chloride_figure(cl_in_mM, 133.0, 37.0).layout.title.text.lower()
        assert "inhibitory" not in title and "excitatory" not in title and "gaba is" not in title


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_time_markers_run_up_to_the_lesson_minutes(number):
    minutes = next(item.minutes for item in lessons() if item.number == number)
    cells = _cells(number)
    markers = [(int(m.group(1)), int(m.group(2))) for cell in cells for m in MARKER.finditer(cell.source)]
    assert len(markers) >= 6, "a time marker under each main section"
    assert all(total == minutes for _, total in markers), "markers use the registry's minutes"
    so_far = [done for done, _ in markers]
    assert so_far == sorted(so_far) and so_far[-1] <= minutes
    for cell in cells:
        if re.match(r"## (\d+\.|Self-check|Key points|Warm-up)", cell.source):
            assert MARKER.search(cell.source), f"lesson {number}: no time marker under {cell.source.splitlines()[0]}"
    guide = GUIDES[number].read_text(encoding="utf-8")
    assert "time markers" in guide.lower()


@pytest.mark.parametrize("number", ["01", "02"])
def test_warm_up_opens_the_lesson_and_draws_from_earlier_lessons(number):
    cells = _cells(number)
    warm_up = next(i for i, cell in enumerate(cells) if f'show_warm_up("{number}")' in cell.source)
    first_section = next(i for i, cell in enumerate(cells) if cell.source.startswith("## 1."))
    assert warm_up < first_section
    questions = load_warm_up(number)
    assert len(questions) == WARM_UP_ITEMS and len({q.id for q in questions}) == WARM_UP_ITEMS
    assert all(q.id[:2] < number for q in questions)


def test_lesson_01_warm_up_draws_only_from_lesson_00():
    assert {q.id[:2] for q in load_warm_up("01")} == {"00"}


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_no_pandas_outside_the_optional_coding_track(number):
    from helpers.activities.exercise import load_exercises

    for index, cell in enumerate(_cells(number)):
        if cell.cell_type == "code":
            assert not re.search(r"\bpd\.|\.style\b|import pandas", cell.source), f"lesson {number} cell {index}"
    for item in load_exercises(number):
        if re.search(r"\bpd\.", item.solution):
            assert "optional coding track" in item.exercise, f"{item.id}: a pandas solution belongs to the coding track"


def test_lesson_tables_come_from_helpers():
    from helpers.lessons.l02_vta_circuit import genotype_table
    from helpers.lessons.l01_gaba_a_receptor import diazepam_ec50_table

    ec50 = diazepam_ec50_table()
    assert list(ec50["GABA EC50 (µM)"]) == sorted(ec50["GABA EC50 (µM)"], reverse=True), "the EC50 falls"
    assert ec50["maximum (1 = GABA alone)"].tolist() == pytest.approx([1.0] * len(ec50), abs=1e-3)
    assert (ec50["current with no GABA"] == 0).all()
    mice = genotype_table(0.6)
    assert mice.loc["wild type", "DA neurons (Hz)"] > circuit.DA_BASELINE_HZ > mice.loc["α1(H101R)", "DA neurons (Hz)"]
    assert mice.loc["α1(H101R)", "GABA interneurons (Hz)"] == pytest.approx(32.0)


def _text_outside_solutions(number):
    """What a learner reads before opening anything: markdown outside <details> folds (solutions live in the bank)."""
    cells = [cell for cell in _cells(number) if cell.cell_type == "markdown"]
    return re.sub(r"<details[^>]*>.*?</details>", "", "\n".join(cell.source for cell in cells), flags=re.S).lower()


@pytest.mark.parametrize("number", ["00", "02"])
def test_lessons_before_03_do_not_give_away_what_accumbens_dopamine_does(number):
    """Lesson 03 asks for a prediction about accumbens dopamine (more frequent transients, lower average)."""
    text = _text_outside_solutions(number)
    for words in ("more frequent", "smaller", "average level **lower**", "level drops", "lowered the average",
                  "finlay1992", "schelp2017]"):
        assert words.lower() not in text, f"lesson {number} gives lesson 03's result away: {words!r}"
    code = "\n".join(cell.source for cell in _cells(number) if cell.cell_type == "code")
    assert "finlay1992" not in code and "schelp2017" not in code, "a printed citation title gives the result away"


def test_lesson_00_does_not_give_away_which_way_dopamine_neurons_fire():
    text = _text_outside_solutions("00")
    assert "increase the firing" not in text and "fire faster" not in text.replace("if dopamine neurons fire faster", "")


# ---------------------------------------------------------------- checked exercises, diagrams, the course map (round 2)


def _exercise_heading_before(cells, index):
    return next(cell.source.splitlines()[0][3:].strip() for cell in reversed(cells[:index])
                if cell.cell_type == "markdown" and cell.source.startswith("## Exercise"))


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_each_exercise_reads_starter_then_answer_box_and_its_solution_waits_in_the_bank(number):
    from helpers.activities.exercise import load_exercises

    cells = _cells(number)
    for item in load_exercises(number):
        starters = [i for i, cell in enumerate(cells) if cell.cell_type == "code" and f'check("{item.id}",' in cell.source]
        assert len(starters) == 1, f"{item.id}: one starter cell"
        starter = starters[0]
        box = cells[starter + 1]
        assert re.search(r"^\w+ = \.\.\.", cells[starter].source, re.M), f"{item.id}: the starter has a blank to fill"
        assert box.source.strip() == f'answer_box("{item.id}")'
        assert item.solution, f"{item.id}: its worked solution is in the bank, opened from the answer box"
        assert _exercise_heading_before(cells, starter) == item.exercise, f"{item.id} sits under its own heading"


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_guide_lists_every_checked_exercise_with_its_no_code_route(number):
    from helpers.activities.exercise import load_exercises

    guide = GUIDES[number].read_text(encoding="utf-8")
    assert "answer_box(" in guide and "check(" in guide and "no-code route" in guide.lower()
    for item in load_exercises(number):
        row = next((line for line in guide.splitlines() if line.startswith(f"| `{item.id}` |")), None)
        assert row, f"the guide of lesson {number} lists {item.id} in its checked-exercises table"


@pytest.mark.parametrize("number, diagram", [("01", "gaba_a_receptor"), ("02", "vta_disinhibition")])
def test_guide_says_how_to_use_the_lesson_diagram_in_class(number, diagram):
    guide = GUIDES[number].read_text(encoding="utf-8")
    notes = guide.split("## Teaching notes by section")[1].split("## Common misconceptions")[0]
    assert "diagram in words" in notes, "the guide names the text version for screen-reader users"
    assert any(f'show_diagram("{diagram}")' in cell.source for cell in _cells(number))


def test_lesson_02_diagram_comes_after_the_paradox_and_the_live_circuit_and_the_guide_says_so():
    cells = _cells("02")
    where = {name: next(i for i, cell in enumerate(cells) if name in cell.source)
             for name in ('predict("02-paradox"', "vta_circuit_explorer().show()", 'show_diagram("vta_disinhibition")')}
    assert where['predict("02-paradox"'] < where["vta_circuit_explorer().show()"] < where['show_diagram("vta_disinhibition")']
    notes = GUIDES["02"].read_text(encoding="utf-8").split("## Teaching notes by section")[1]
    assert "right after Interactive demo 1" in notes and "`02-paradox`" in notes


def test_lesson_02_question_on_the_course_map_does_not_answer_the_paradox():
    from helpers.course import lesson

    item = lesson("02")
    for text in (item.question, item.map.question):
        for words in ("excite", "faster", "increase", "raise", "speed", "how can"):
            assert words not in text.lower(), f"lesson 02's question gives the paradox away: {text!r}"


def test_lesson_00_exercise_texts_shown_in_its_handout_give_no_later_answer_away():
    """The answer box's page carries the no-code text and the hints: none may answer lesson 02's or 03's question."""
    from helpers.activities.exercise import load_exercises

    for item in load_exercises("00"):
        text = " ".join([item.no_code, item.prompt, *item.hints.values()]).lower()
        for words in ("more frequent", "more numerous", "average level", "level down", "fire faster",
                      "increase the firing", "speed up"):
            assert words not in text, f"{item.id} gives a later lesson's answer away: {words!r}"
