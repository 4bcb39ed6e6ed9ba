"""The self-check quiz: instant feedback live, CSS-only feedback in a static page, and the question bank
(helpers/data/quizzes/NN_slug.yaml) every lesson's self-check reads."""

from __future__ import annotations

import html
import pathlib
import re
from collections import Counter

import pytest

from conftest import cells
from helpers.activities import base as activity_base
from helpers.activities import quiz
from helpers.course import lesson, lessons
from helpers.activities.quiz import LiveQuiz, NumberQuestion, Question, load_quiz, quiz_html, shown_order, show_quiz
from helpers.references import references

LESSON_NUMBERS = [item.number for item in lessons()]
BANK = [question for number in LESSON_NUMBERS for question in load_quiz(number)]
CHOICES = [question for question in BANK if isinstance(question, Question)]
NUMBER_ENTRIES = [question for question in BANK if isinstance(question, NumberQuestion)]
CITED_ID = re.compile(r"\[(?:source: )?([^\]]+)\]")

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


def test_live_quiz_locks_the_first_answer_and_marks_a_retry():
    live = LiveQuiz(QUESTIONS)
    first = live.choose(1, 0)
    assert "Not quite." in first and "Your first answer" in first
    assert live.locked(1) and live.choices[1].disabled, "no clicking through the options"
    assert live.retry_buttons[1].layout.display is None and live.retry_buttons[1].description == "Try again"
    live.retry_buttons[1].click()
    assert not live.locked(1) and live.feedback[1].value == "" and live.choices[1].value is None
    retried = live.choose(1, 1)
    assert "Correct." in retried and "Retry 1" in retried
    assert live.first_answers[1] == 0 and live.retries[1] == 1, "the first answer is the one that counts"
    assert live.feedback[0].value == "", "other questions stay unanswered"


def test_a_live_choice_is_answered_by_check_not_by_selecting_an_option():
    from helpers import record

    question = next(question for question in load_quiz("03") if question.id == "03-methods")
    live = LiveQuiz([question])
    for option in (0, 2, 1):   # looking through the options, as the arrow keys do
        live.choices[0].value = option
    assert not live.locked(0) and live.feedback[0].value == "" and live.first_answers == [None]
    assert record.events("selfcheck") == [], "selecting alone records nothing"
    assert live.check_buttons[0].description == "Check" and live.check_buttons[0].layout.display is None
    live.check_buttons[0].click()
    assert live.locked(0) and live.first_answers == [1] and "Your first answer" in live.feedback[0].value
    assert [(event["answer"], event["attempt"]) for event in record.events("selfcheck")] == [(1, 0)]
    assert live.check_buttons[0].layout.display == "none" and live.retry_buttons[0].layout.display is None
    live.retry_buttons[0].click()
    assert live.check_buttons[0].layout.display is None and live.choices[0].value is None
    assert live.check(0) == "<p>Choose an option first.</p>" and not live.locked(0)
    assert len(record.events("selfcheck")) == 1, "Check with no option selected records nothing"


def test_live_number_and_ordering_items_lock_too():
    question = next(question for question in NUMBER_ENTRIES if question.id == "04-steady-state-entry")
    ordering = ordering_question()
    live = LiveQuiz([question, ordering])
    live.choose(0, 6)
    live.choose(1, ordering.right_positions())
    assert live.locked(0) and live.locked(1) and live.first_answers[0] == 6.0
    assert all(menu.disabled for menu in live.choices[1].menus)
    assert live.check_buttons == {}, "a number is answered on Enter, an order once every position is set"


def test_static_quiz_has_radio_inputs_labels_and_no_script():
    page = quiz_html(QUESTIONS)
    assert "<script" not in page.lower()
    assert page.count('type="radio"') == 5
    assert page.count("<label for=") == 5
    assert page.count("<fieldset data-item=") == 2


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
    monkeypatch.setattr(activity_base, "display", shown.append)
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    show_quiz(QUESTIONS)
    monkeypatch.setenv("COURSE_HANDOUT", "0")
    show_quiz(QUESTIONS)
    assert 'type="radio"' in shown[0].data
    assert shown[1].__class__.__name__ == "VBox"


# ---------------------------------------------------------------- the question bank


def _objectives(number: str) -> list[str]:
    """The bullet points of the notebook's "### Objectives" list, whitespace collapsed."""
    block = next(cell.source for cell in cells(number) if "### Objectives" in cell.source).split("### Objectives")[1]
    return [" ".join(item.split()) for item in re.findall(r"^- (.*?)(?=^- |\Z)", block.strip() + "\n", re.S | re.M)]


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_every_lesson_has_a_bank_file_named_by_its_stem_whose_questions_validate(number):
    questions = load_quiz(number)
    assert quiz.quiz_file(number).name == f"{lesson(number).stem}.yaml"
    assert len(questions) >= 5
    objectives = _objectives(number)
    for question in questions:
        assert question.id.startswith(f"{number}-"), question.id
        assert question.objective in objectives, f"{question.id}: objective not in the notebook's list"
        if not isinstance(question, Question):   # number entry or ordering
            assert question.explanation.strip() and question.hint.strip(), question.id
            continue
        assert len(question.option_feedback) == len(question.options) >= 3, question.id
        assert all(text.strip() for text in question.option_feedback), question.id


def test_question_ids_are_unique_across_the_course():
    ids = [question.id for question in BANK]
    assert len(ids) == len(set(ids))


def test_the_course_has_at_least_fifty_questions():
    assert len(BANK) >= 50


def test_every_source_id_in_the_bank_resolves():
    known = references()
    for question in BANK:
        assert set(question.sources) <= known.keys(), question.id
        texts = question.option_feedback if isinstance(question, Question) else (question.explanation, question.hint)
        for text in texts:
            for cited in CITED_ID.findall(text):
                for source_id in re.split(r"[;,]\s*", cited):
                    if re.fullmatch(r"[a-z][a-z0-9_]+", source_id):
                        assert source_id in known, f"{question.id}: unknown source id {source_id!r}"


def test_no_answer_position_holds_more_than_forty_percent_of_the_answers():
    positions = Counter(question.answer for question in CHOICES)
    assert max(positions.values()) <= 0.4 * len(CHOICES), positions


def test_the_right_option_is_the_single_longest_in_at_most_half_of_the_questions():
    def right_is_longest(question):
        lengths = [len(text) for text in question.options]
        return lengths[question.answer] == max(lengths) and lengths.count(max(lengths)) == 1
    assert sum(map(right_is_longest, CHOICES)) <= len(CHOICES) / 2


def test_the_shuffle_is_deterministic_per_question_id_and_keeps_every_option():
    assert shown_order("01-nernst", 4) == shown_order("01-nernst", 4)
    assert sorted(shown_order("01-nernst", 4)) == [0, 1, 2, 3]
    assert len({tuple(shown_order(f"xx-{i}", 4)) for i in range(40)}) > 5, "ids give different orders"
    load_quiz.cache_clear()
    assert load_quiz("01") == tuple(question for question in BANK if question.id.startswith("01-"))


def test_the_feedback_for_each_option_travels_with_it_through_the_shuffle():
    nernst = next(question for question in BANK if question.id == "01-nernst")
    assert nernst.options[nernst.answer] == "−69 mV"
    plus = nernst.options.index("+69 mV")
    assert "sign" in nernst.option_feedback[plus]


@pytest.mark.parametrize("bad_entry, message", [
    ({"objective": "o", "prompt": "p", "options": [{"text": "a", "feedback": "f", "right": True}]}, "missing id"),
    ({"id": "x", "objective": "o", "prompt": "p",
      "options": [{"text": "a", "feedback": "f"}, {"text": "b", "feedback": "f"}]}, "exactly one option"),
    ({"id": "x", "objective": "o", "prompt": "p",
      "options": [{"text": "a", "feedback": "f", "right": True}, {"text": "b"}]}, "text and feedback"),
])
def test_a_bad_bank_entry_is_refused_with_its_file_and_id(tmp_path, bad_entry, message):
    with pytest.raises(ValueError, match=message):
        quiz._question_from_entry(bad_entry, tmp_path / "99_bad.yaml")


def test_no_notebook_code_cell_holds_an_answer_key():
    for item in lessons():
        for cell in cells(item):
            if cell.cell_type == "code":
                assert "answer=" not in cell.source and "Question(" not in cell.source, item.stem


def test_every_notebook_shows_its_own_bank_with_one_call():
    for item in lessons():
        sources = [cell.source for cell in cells(item)]
        assert any(f'show_quiz("{item.number}")' in source for source in sources), item.stem


def test_the_live_bank_quiz_gives_the_chosen_options_own_feedback():
    questions = [question for question in load_quiz("03") if isinstance(question, Question)]   # the choice items
    assert len(questions) >= 5
    live = LiveQuiz(questions)
    for index, question in enumerate(questions):
        for option, expected in enumerate(question.option_feedback):
            shown = live.choose(index, option)
            assert ("Correct." in shown) == (option == question.answer)
            assert _escaped(expected) in shown


def test_the_handout_quiz_carries_each_options_own_feedback_beside_its_css_rule():
    questions = load_quiz("05")
    assert all(isinstance(question, Question) for question in questions)
    page = quiz_html(questions)
    assert "<script" not in page.lower()
    for question in questions:
        for option, expected in enumerate(question.option_feedback):
            assert _escaped(expected) in page
    right = len(re.findall(r'class="fb fb-\d+ right"', page))
    assert right == len(questions)


def test_show_quiz_takes_a_lesson_number(monkeypatch):
    shown = []
    monkeypatch.setattr(activity_base, "display", shown.append)
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    show_quiz("02")
    assert all(_escaped(question.prompt) in shown[0].data for question in quiz.core_items("02"))


def _escaped(text: str) -> str:
    return html.escape(text)


def test_the_warm_up_draws_five_questions_from_earlier_lessons_the_same_way_every_time():
    assert quiz.load_warm_up("00") == ()
    for number in LESSON_NUMBERS[1:]:
        warm_up = quiz.load_warm_up(number)
        assert len(warm_up) == quiz.WARM_UP_ITEMS and warm_up == quiz.load_warm_up(number)
        assert all(question.id[:2] < number for question in warm_up)
    assert {question.id[:2] for question in quiz.load_warm_up("07")} != {"00"}, "later lessons draw widely"


def test_show_warm_up_displays_the_drawn_questions(monkeypatch):
    shown = []
    monkeypatch.setattr(activity_base, "display", shown.append)
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    quiz.show_warm_up("03")
    assert "Warm-up" in shown[0].data
    assert all(_escaped(question.prompt) in shown[0].data for question in quiz.load_warm_up("03"))


def test_the_bank_holds_number_entry_items_read_against_a_tolerance():
    assert len(NUMBER_ENTRIES) >= 3
    nernst = next(question for question in NUMBER_ENTRIES if question.id == "01-nernst-immature")
    assert nernst.is_right(-33.4) and nernst.is_right(-34.5) and not nernst.is_right(33.4)


def test_a_live_number_entry_says_right_or_gives_the_hint():
    question = next(question for question in NUMBER_ENTRIES if question.id == "04-steady-state-entry")
    live = LiveQuiz([question])
    assert "Correct." in live.choose(0, 20) and quiz.RIGHT_COLOUR in live.feedback[0].value
    wrong = live.choose(0, 6)
    assert "Not quite." in wrong and "log2(10)" in wrong and quiz.WRONG_COLOUR in wrong
    assert live.choose(0, "twenty") == "", "a non-number gives no verdict"
    assert "Correct." in live.choose(0, "19,9"), "a decimal comma is read"


def test_a_handout_number_entry_hides_the_answer_in_a_fold_until_opened():
    question = next(question for question in NUMBER_ENTRIES if question.id == "04-ratio-entry")
    page = quiz_html([question])
    entry_id = re.search(r'<input class="number-entry" type="text" inputmode="decimal" id="([^"]+)"', page).group(1)
    assert f'for="{entry_id}"' in page
    before_fold, fold = page.split("<details>")
    assert "1.14" not in before_fold and "1.14" in fold
    assert "<summary>Check your answer</summary>" in fold and "<script" not in page.lower()


ORDERING_ENTRY = {"id": "02-chain-test", "objective": "Explain disinhibition.", "kind": "ordering",
                  "prompt": "Put the steps in order.", "items": ["first step", "second step", "third step", "fourth"],
                  "explanation": "Because each causes the next.", "hint": "Start where the drug binds."}


def ordering_question():
    return quiz._question_from_entry(dict(ORDERING_ENTRY), pathlib.Path("02_test.yaml"))


def test_an_ordering_item_is_shown_shuffled_and_judged_by_position():
    question = ordering_question()
    assert sorted(question.shown_items) == sorted(ORDERING_ENTRY["items"])
    assert question.shown_items != tuple(ORDERING_ENTRY["items"]), "never shown already in order"
    assert question.is_right(question.right_positions())
    swapped = list(question.right_positions())
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert question.feedback(swapped).startswith("Not quite: 2 of 4 in the right place. Start where")


def test_a_live_ordering_item_gives_feedback_once_every_position_is_set():
    question = ordering_question()
    live = LiveQuiz([question])
    live.choices[0].menus[0].value = 1
    assert live.feedback[0].value == "", "no verdict until every item has a position"
    assert "Correct." in live.choose(0, question.right_positions())
    assert quiz.RIGHT_COLOUR in live.feedback[0].value


def test_a_handout_ordering_item_has_a_labelled_menu_per_item_and_the_order_in_a_fold():
    page = quiz_html([ordering_question()])
    menus = re.findall(r'<select id="([^"]+)">', page)
    assert len(menus) == 4 and all(f'for="{menu}"' in page for menu in menus)
    before_fold, fold = page.split("<details>")
    assert "<ol" not in before_fold and fold.index("first step") < fold.index("second step") < fold.index("fourth")
    assert "<script" not in page.lower()


@pytest.mark.parametrize(("change", "message"), [
    ({"items": ["a", "b"]}, "at least three"),
    ({"items": ["a", "a", "b"]}, "at least three different"),
    ({"items": None}, "missing items"),
    ({"kind": "essay"}, "kind must be"),
])
def test_a_bad_ordering_entry_is_refused_with_its_file_and_id(change, message):
    with pytest.raises(ValueError, match=rf"02_test.yaml, question '02-chain-test'.*{message}"):
        quiz._question_from_entry({**ORDERING_ENTRY, **change}, pathlib.Path("02_test.yaml"))


def test_the_half_life_ordering_item_follows_the_drug_table_with_ranges_that_do_not_overlap():
    from helpers.tables import benzodiazepines

    question = next(q for q in load_quiz("06") if q.id == "06-half-life-order")
    table = benzodiazepines().set_index("display_name")
    ranges = [(table.loc[item, "half_life_h_low"], table.loc[item, "half_life_h_high"]) for item in question.items]
    assert all(high < next_low for (_, high), (next_low, _) in zip(ranges, ranges[1:]))
    assert all(f"{low:g}–{high:g} h" in question.explanation for low, high in ranges)


def test_the_bank_holds_ordering_items_in_at_least_two_lessons():
    ordering = [question for question in BANK if isinstance(question, quiz.OrderingQuestion)]
    assert len({question.id[:2] for question in ordering}) >= 2
    assert all(question.shown_items != question.items for question in ordering)


# ---------------------------------------------------------------- the first answer counts, in a real Chromium


@pytest.mark.browser
def test_in_chromium_a_handout_self_check_locks_the_first_answer_and_marks_a_retry(tmp_path, chromium_browser):
    from browser_support import OfflinePage

    from helpers.publish.build import PAGE_SCRIPTS, STATIC_DIR

    number_item = next(question for question in NUMBER_ENTRIES if question.id == "04-steady-state-entry")
    scripts = "".join(f"<script>{(STATIC_DIR / name).read_text()}</script>" for name in PAGE_SCRIPTS)
    page_path = tmp_path / "quiz.html"
    page_path.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quiz</title></head>'
                         f"<body><main>{quiz_html([QUESTIONS[1], number_item])}</main>{scripts}</body></html>")
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(page_path)
        choice, number = page.locator("fieldset").nth(0), page.locator("fieldset").nth(1)
        choice.locator("label", has_text="Yes").click()
        assert choice.locator(".fb.wrong:visible").count() == 1
        assert choice.locator("input[type=radio]").first.is_disabled(), "no clicking through the options"
        choice.locator("label", has_text="No").click(force=True)
        assert choice.locator(".fb.right:visible").count() == 0, "a locked item ignores another click"
        assert "first answer" in choice.locator(".course-quiz-note").inner_text()
        choice.get_by_role("button", name="Try again").press("Enter")
        choice.locator("label", has_text="No").click()
        assert choice.locator(".fb.right:visible").count() == 1
        assert "Retry 1" in choice.locator(".course-quiz-note").inner_text()
        assert choice.get_attribute("data-first-answer") == "Yes" and choice.get_attribute("data-retries") == "1"

        number.locator("input.number-entry").fill("6")
        number.locator("summary").click()
        assert number.locator("input.number-entry").is_disabled()
        assert number.get_attribute("data-first-answer") == "6"
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()
