"""Lesson 07: grading the article's claims. The grading quiz shuffles the verdicts as the bank does and keeps the
course's verdict right, every option's feedback says why it fits or not, and nothing shown before prediction
``07-grade`` states its claim's verdict."""

from __future__ import annotations

from conftest import cell_index, cells
from helpers.activities.quiz import shown_order
from helpers.course import lesson
from helpers.lessons import l07_fact_check as claims
from helpers.tables import CLAIM_VERDICTS, article_claims


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
            assert right in text, "each option's feedback gives the course's verdict from the claims table"
            if option != right:
                assert text.startswith(claims.WHY_NOT[option][right]), f"{question.id}: why {option!r} does not fit"
        assert question.objective in cells("07")[0].source, "the item assesses an objective the lesson lists"


def test_nothing_before_the_grading_moment_gives_a_verdict_away():
    """The seven claims are graded before the story figure colours five of them by verdict, and nothing shown
    before prediction 07-grade (text, glossary, warm-up, the grading quiz's feedback, earlier figures) holds a
    phrase that states its claim's verdict (the giveaways of 07-grade in the prediction bank)."""
    from helpers.activities.predict import giveaways
    from helpers.activities.quiz import _all_text, load_warm_up
    from helpers.figures.claims import STORY_LINKS, evidence_ladder_figure

    notebook_cells = cells("07")
    grading = cell_index(notebook_cells, "grading_questions()", kind="code")
    ladder = cell_index(notebook_cells, "evidence_ladder_figure()", kind="code")
    moment = cell_index(notebook_cells, f'grade_prediction("{claims.GRADE_CLAIM}")', kind="code")
    assert grading < ladder, "the story figure shows verdicts: the learners grade first"
    assert {claim for _, claim in STORY_LINKS} & set(claims.GRADING_CLAIMS), "the figure holds graded claims"
    assert claims.GRADE_CLAIM not in {claim for _, claim in STORY_LINKS}
    figure = evidence_ladder_figure()
    seen = [lesson("07").title, *(cell.source for cell in notebook_cells[:moment] if cell.cell_type == "markdown"),
            *(_all_text(question) for question in load_warm_up("07")),
            *(_all_text(question) for question in claims.grading_questions()),
            figure.layout.title.text, figure.layout.meta["summary"]]
    text = " ".join(" ".join(seen).lower().split())
    assert [phrase for phrase in giveaways("07")["07-grade"] if phrase in text] == []
    assert article_claims().at[claims.GRADE_CLAIM, "label"].lower() not in text
