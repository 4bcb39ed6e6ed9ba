"""Issue 15 in lessons 05-07: predictions before the charts, questions before answers, time markers, warm-ups,
the claim-grading quiz with feedback per option, and a no-programming path."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from conftest import ROOT
from helpers.course import lesson
from helpers.lessons import l07_fact_check as claims
from helpers.activities.predict import giveaways, load_prediction
from helpers.activities.quiz import shown_order
from helpers.tables import CLAIM_VERDICTS, article_claims

LESSONS = ("05", "06", "07")
MOMENTS = ("05-last-steps", "05-withdrawal-dopamine", "06-alcohol")   # in the prediction bank
GRADE_MOMENT = "07-grade"
TIME_MARKER = re.compile(r"⏱ ~(\d+) of (\d+) min")
PREDICT_CALL = re.compile(r'predict\("([a-z0-9-]+)"|grade_prediction\("c\d+"\)')
DISPLAY_CODE = re.compile(r"\bpd\.|\.style\b|^for |^\s*import pandas", re.M)


def notebook(number: str):
    return nbformat.read(ROOT / "notebooks" / f"{lesson(number).stem}.ipynb", as_version=4)


def prediction_cells(number: str) -> dict:
    """Each prediction moment of a notebook: its id -> (the code cell, the markdown cell just before it)."""
    cells = notebook(number).cells
    found = {}
    for index, cell in enumerate(cells):
        match = PREDICT_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match:
            before = next(c for c in reversed(cells[:index]) if c.cell_type == "markdown")
            found[match.group(1) or GRADE_MOMENT] = (cell, before)
    return found


@pytest.mark.parametrize("moment", [*MOMENTS, GRADE_MOMENT])
def test_each_named_prediction_moment_is_in_its_lesson(moment):
    number = moment[:2]
    assert moment in prediction_cells(number), f"lesson {number} has no predict({moment!r}, ...) cell"


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_each_prediction_is_valid_and_explains_every_option(moment):
    prediction = load_prediction(moment)
    assert len(set(prediction.explanations)) == len(prediction.labels), "one explanation per option, all different"
    assert prediction.explanation, "a general explanation everyone reads with the chart"


@pytest.mark.parametrize("moment", [*MOMENTS, GRADE_MOMENT])
def test_nothing_before_a_prediction_gives_the_answer(moment):
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
    """05-withdrawal-dopamine (issue 22): the learner predicts the size of the model's dip below baseline, in %.
    The answer and the rise during use that the prompt gives are recomputed from the model's chart."""
    from helpers.figures.compose import label_of
    from helpers.figures.withdrawal import dopamine_hypothesis_figure

    prediction = load_prediction("05-withdrawal-dopamine")
    assert prediction.kind == "number" and prediction.unit == "% below baseline"
    figure = dopamine_hypothesis_figure("alprazolam")
    (trace,) = figure.data
    days, change = np.asarray(trace.x, dtype=float), np.asarray(trace.y, dtype=float)
    dip, rise = -change[days >= 0].min(), change[days < 0].max()
    assert abs(dip - prediction.answer) <= 0.5, dip
    assert f"up to {dip:.0f} % below baseline" in figure.layout.meta["summary"]
    assert f"about {rise:.0f} % above baseline" in prediction.prompt
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


@pytest.mark.parametrize("number", LESSONS)
def test_overview_ends_in_a_question(number):
    first = notebook(number).cells[0].source
    overview = first.split("### Prerequisites")[0].split("**Time to learn")[0]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", overview) if p.strip() and not p.lstrip().startswith(("#", "<"))]
    assert paragraphs[-1].endswith("?"), f"lesson {number}: the overview ends with {paragraphs[-1][-60:]!r}"


@pytest.mark.parametrize("number", LESSONS)
def test_time_markers_run_forward_and_stay_within_the_lessons_minutes(number):
    markers = [tuple(map(int, m)) for cell in notebook(number).cells if cell.cell_type == "markdown"
               for m in TIME_MARKER.findall(cell.source)]
    minutes = lesson(number).minutes
    assert len(markers) >= 6, f"lesson {number}: a time marker per section"
    assert all(total == minutes for _, total in markers), f"lesson {number}: markers count out of {minutes} min"
    so_far = [elapsed for elapsed, _ in markers]
    assert so_far == sorted(so_far) and so_far[-1] <= minutes


@pytest.mark.parametrize("number", LESSONS)
def test_lesson_opens_with_its_warm_up_and_shows_its_quiz_with_one_call(number):
    code = [c.source for c in notebook(number).cells if c.cell_type == "code"]
    assert any(f'show_warm_up("{number}")' in source for source in code[:4]), "the warm-up comes near the start"
    assert any(source.strip() == f'show_quiz("{number}")' for source in code)


@pytest.mark.parametrize("number", LESSONS)
def test_display_code_is_left_only_on_the_optional_coding_track(number):
    for cell in notebook(number).cells:
        tagged_solution = "solution" in cell.metadata.get("tags", [])
        if cell.cell_type == "code" and not tagged_solution and DISPLAY_CODE.search(cell.source):
            assert "Optional coding track" in cell.source, f"lesson {number}: display code outside the coding " \
                                                           f"track: {cell.source[:80]!r}"


@pytest.mark.parametrize("number", LESSONS)
def test_exercises_beyond_the_class_time_are_marked_homework(number):
    headings = [line for cell in notebook(number).cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## Exercise")]
    assert headings and any("homework" in line for line in headings)


# ---------------------------------------------------------------- lesson 07: grading the article's claims


def test_grading_questions_shuffle_the_verdicts_as_the_bank_does_and_keep_the_course_verdict_right():
    verdicts = article_claims()["verdict"]
    questions = claims.grading_questions()
    for claim_id, question in zip(claims.GRADING_CLAIMS, questions):
        assert question.id == f"07-grade-{claim_id}"
        assert list(question.options) == [CLAIM_VERDICTS[i] for i in shown_order(question.id, len(CLAIM_VERDICTS))]
        assert question.options[question.answer] == verdicts[claim_id]
    positions = [question.answer for question in questions]
    assert len(set(positions)) >= 3, f"the right verdict is not always in the same place: {positions}"


def test_every_grading_option_has_its_own_feedback_naming_why_it_does_or_does_not_fit():
    verdicts = article_claims()["verdict"]
    for claim_id, question in zip(claims.GRADING_CLAIMS, claims.grading_questions()):
        feedback = question.option_feedback
        assert len(feedback) == len(question.options) == len(set(feedback))
        right = verdicts[claim_id]
        for option, text in zip(question.options, feedback):
            assert f"Course verdict: {right}" in text, "each option's feedback ends with the course's verdict"
            if option != right:
                assert text.startswith(claims.WHY_NOT[option][right]), f"{question.id}: why {option!r} does not fit"
        assert question.objective in notebook("07").cells[0].source


def test_the_grading_prediction_holds_no_key_in_the_notebook_and_matches_the_table():
    prediction = claims.grade_prediction("c13")
    assert prediction.moment == GRADE_MOMENT
    assert prediction.labels[int(prediction.answer)] == article_claims().loc["c13", "verdict"]
    assert "c13" not in {c for c in claims.GRADING_CLAIMS}, "a claim the quiz above did not already grade"


def test_nothing_before_the_grading_moments_gives_a_verdict_away():
    """Issue 22: the seven claims are graded before the story figure colours five of them by verdict, and nothing
    shown before prediction 07-grade (text, glossary, warm-up, the grading quiz's feedback, earlier figures) holds a
    phrase that states its claim's verdict (the giveaways of 07-grade in the prediction bank)."""
    from helpers.figures.claims import STORY_LINKS, evidence_ladder_figure
    from helpers.activities.quiz import _all_text, load_warm_up

    cells = notebook("07").cells
    code = [i for i, cell in enumerate(cells) if cell.cell_type == "code"]
    grading = next(i for i in code if "grading_questions()" in cells[i].source)
    ladder = next(i for i in code if "evidence_ladder_figure()" in cells[i].source)
    moment = next(i for i in code if f'grade_prediction("{claims.GRADE_CLAIM}")' in cells[i].source)
    assert grading < ladder, "the story figure shows verdicts: the learners grade first"
    assert {claim for _, claim in STORY_LINKS} & set(claims.GRADING_CLAIMS), "the figure holds graded claims"
    assert claims.GRADE_CLAIM not in {claim for _, claim in STORY_LINKS}
    figure = evidence_ladder_figure()
    seen = [lesson("07").title, *(cells[i].source for i in range(moment) if cells[i].cell_type == "markdown"),
            *(_all_text(question) for question in load_warm_up("07")),
            *(_all_text(question) for question in claims.grading_questions()),
            figure.layout.title.text, figure.layout.meta["summary"]]
    text = " ".join(" ".join(seen).lower().split())
    from helpers.activities.predict import giveaways

    assert [phrase for phrase in giveaways("07")["07-grade"] if phrase in text] == []
    assert article_claims().at[claims.GRADE_CLAIM, "label"].lower() not in text
