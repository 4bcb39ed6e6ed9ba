"""The self-check quiz: instant feedback live, CSS-only feedback in a static page."""

from __future__ import annotations

import re

import pytest

from helpers import quiz
from helpers.quiz import LiveQuiz, Question, quiz_html, show_quiz

QUESTIONS = [
    Question("Which ion flows through the GABA-A receptor channel?", ["Sodium", "Chloride", "Calcium"], answer=1,
             explanation="GABA-A receptors are chloride channels."),
    Question("Does diazepam open the channel without GABA?", ["Yes", "No"], answer=1,
             explanation="It only strengthens the effect of GABA."),
]


def test_live_quiz_says_correct_for_the_right_option_in_green():
    feedback = LiveQuiz(QUESTIONS).choose(0, 1)
    assert "Correct." in feedback and quiz.RIGHT_COLOUR in feedback
    assert "chloride channels" in feedback


def test_live_quiz_says_not_quite_for_a_wrong_option_in_red():
    feedback = LiveQuiz(QUESTIONS).choose(0, 2)
    assert "Not quite." in feedback and quiz.WRONG_COLOUR in feedback


def test_live_quiz_feedback_changes_when_the_learner_changes_their_mind():
    live = LiveQuiz(QUESTIONS)
    assert "Not quite." in live.choose(1, 0)
    assert "Correct." in live.choose(1, 1)
    assert live.feedback[0].value == "", "other questions stay unanswered"


def test_static_quiz_has_radio_inputs_labels_and_no_script():
    page = quiz_html(QUESTIONS)
    assert "<script" not in page.lower()
    assert page.count('type="radio"') == 5
    assert page.count("<label for=") == 5
    assert page.count("<fieldset>") == 2


def test_static_quiz_shows_feedback_through_css_checked_rules_only():
    page = quiz_html(QUESTIONS)
    rules = re.findall(r"#([\w-]+):checked ~ \.fb-(\d+) \{display:block\}", page)
    assert len(rules) == 5
    assert "display:none" in page
    assert page.count('class="fb fb-1 right"') == 2  # the right answer of each question is option 1


def test_static_quizzes_on_one_page_do_not_share_ids():
    first, second = quiz_html(QUESTIONS), quiz_html(QUESTIONS)
    ids = lambda page: set(re.findall(r'id="([^"]+)"', page))  # noqa: E731
    assert not ids(first) & ids(second)


def test_static_quiz_escapes_html_in_questions():
    page = quiz_html([Question("Is 1 < 2 & 3 > 2?", ["yes", "no"], answer=0, explanation="<b>yes</b>")])
    assert "1 &lt; 2 &amp; 3 &gt; 2" in page and "<b>yes</b>" not in page


@pytest.mark.parametrize("options, answer, message", [(["only one"], 0, "at least two"),
                                                      (["a", "b"], 2, "answer must be an index")])
def test_badly_built_questions_are_refused(options, answer, message):
    with pytest.raises(ValueError, match=message):
        Question("?", options, answer=answer, explanation="")


def test_show_quiz_picks_the_static_form_in_a_handout(monkeypatch):
    shown = []
    monkeypatch.setattr(quiz, "display", shown.append)
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    show_quiz(QUESTIONS)
    monkeypatch.setenv("COURSE_HANDOUT", "0")
    show_quiz(QUESTIONS)
    assert 'type="radio"' in shown[0].data
    assert shown[1].__class__.__name__ == "VBox"
