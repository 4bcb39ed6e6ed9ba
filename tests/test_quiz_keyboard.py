"""A handout self-check by keyboard, in a real Chromium: the arrow keys move through a choice's options without
answering (a learner may read them all), Enter or Space answers with the focused option, and a click answers at
once. Nothing is recorded, and no feedback shows, for an option merely looked at.

The page is small: lesson 03's self-check items built by ``quiz_html``, with the record's head and the page
scripts every lesson page carries."""

from __future__ import annotations

import pytest

from helpers.activities.quiz import load_quiz, quiz_html

pytestmark = pytest.mark.browser

STEM = "03_acute_dopamine"
ITEMS = {question.id: question for question in load_quiz("03")}
METHODS, TWO_STUDIES = ITEMS["03-methods"], ITEMS["03-two-studies"]
BROWSE_NOTE = "Press Enter to answer with this option."


@pytest.fixture
def quiz_page(tmp_path):
    """A page holding lesson 03's ``03-methods`` and ``03-two-studies`` self-check items and the page scripts."""
    from helpers.publish.build import PAGE_SCRIPTS, STATIC_DIR
    from helpers.publish.pages import record_head

    scripts = "".join(f"<script>{(STATIC_DIR / name).read_text()}</script>" for name in PAGE_SCRIPTS)
    path = tmp_path / f"{STEM}.html"
    path.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{STEM}</title>'
                    f"{record_head(STEM)}</head><body><main>{quiz_html([METHODS, TWO_STUDIES])}</main>{scripts}"
                    "</body></html>", encoding="utf-8")
    return path


@pytest.fixture
def offline(chromium_browser):
    from browser_support import OfflinePage

    page = OfflinePage(chromium_browser)
    yield page
    assert page.console_errors == [] and page.outside_requests == []
    page.close()


def item(page, question):
    return page.locator(f'fieldset[data-item="{question.id}"]')


def recorded(page, question) -> list[dict]:
    return page.evaluate("id => window.courseRecord.find('selfcheck', id)", question.id)


def checked(fieldset) -> list[bool]:
    return fieldset.locator("input[type=radio]").evaluate_all("radios => radios.map(radio => radio.checked)")


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent")


def test_arrow_keys_move_through_the_options_without_answering(quiz_page, offline):
    page = offline.open(quiz_page)
    methods = item(page, METHODS)
    methods.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    assert checked(methods) == [False, True, False, False], "the arrow moves the selection"
    assert not methods.locator("input[type=radio]").nth(1).is_disabled(), "nothing is locked"
    assert methods.get_attribute("data-answered") is None and methods.get_attribute("data-first-answer") is None
    assert methods.locator(".fb:visible").count() == 0, "no feedback for an option merely looked at"
    assert methods.locator(".course-quiz-note").inner_text() == BROWSE_NOTE
    assert methods.locator(".course-quiz-note").get_attribute("aria-live") == "polite"
    assert recorded(page, METHODS) == []
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert checked(methods) == [True, False, False, False], "past the last option, the first"
    page.keyboard.press("ArrowUp")
    assert checked(methods) == [False, False, False, True], "before the first option, the last"
    assert recorded(page, METHODS) == [] and methods.locator(".fb:visible").count() == 0


def test_enter_answers_with_the_focused_option_and_the_answer_comes_back_on_reload(quiz_page, offline):
    page = offline.open(quiz_page)
    methods = item(page, METHODS)
    methods.locator("input[type=radio]").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    events = recorded(page, METHODS)
    assert [(e["answer"], e["right"], e["attempt"], e["context"]) for e in events] == [
        (METHODS.answer, True, 0, "lesson")], "one answer: the option Enter was pressed on"
    assert methods.locator("input[type=radio]").first.is_disabled()
    assert methods.locator(".fb:visible").all_inner_texts() == [METHODS.feedback(METHODS.answer)]
    assert methods.locator(".course-quiz-note").inner_text().startswith("Your first answer (the one that counts)")
    assert focused_text(page) == "Try again", "the focus stays in the item, on its one live control"

    page.reload()
    methods = item(page, METHODS)
    assert checked(methods)[METHODS.answer] and methods.locator("input[type=radio]").first.is_disabled()
    assert methods.get_attribute("data-answered") == ""
    assert methods.locator(".fb:visible").all_inner_texts() == [METHODS.feedback(METHODS.answer)]
    assert len(recorded(page, METHODS)) == 1, "restoring records nothing again"


def test_space_answers_too_and_a_retry_is_browsed_the_same_way(quiz_page, offline):
    page = offline.open(quiz_page)
    methods = item(page, METHODS)
    methods.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert [e["answer"] for e in recorded(page, METHODS)] == [1]
    assert methods.locator("input[type=radio]").first.is_disabled(), "the Space that answered does not press Try again"
    assert methods.locator(".fb.wrong:visible").count() == 1

    page.keyboard.press("Enter")   # on "Try again"
    assert not methods.locator("input[type=radio]").first.is_disabled()
    assert methods.locator(".fb:visible").count() == 0
    page.keyboard.press("ArrowUp")
    assert recorded(page, METHODS)[1:] == [] and methods.locator(".fb:visible").count() == 0
    page.keyboard.press("Enter")
    assert [(e["answer"], e["attempt"]) for e in recorded(page, METHODS)] == [(1, 0), (3, 1)]
    assert methods.get_attribute("data-retries") == "1"


def test_a_click_answers_at_once_even_on_an_option_reached_with_the_arrows(quiz_page, offline):
    page = offline.open(quiz_page)
    methods, two = item(page, METHODS), item(page, TWO_STUDIES)
    methods.locator("label").nth(2).click()
    assert [e["answer"] for e in recorded(page, METHODS)] == [2]
    assert methods.locator("input[type=radio]").first.is_disabled() and methods.locator(".fb:visible").count() == 1

    two.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    assert recorded(page, TWO_STUDIES) == []
    two.locator("label").nth(1).click()
    assert [e["answer"] for e in recorded(page, TWO_STUDIES)] == [1], "a click on the option already selected"
    assert two.locator(".fb:visible").all_inner_texts() == [TWO_STUDIES.feedback(1)]


def test_without_scripts_a_checked_option_shows_its_feedback(quiz_page, chromium_browser):
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_page.resolve().as_uri(), wait_until="load")
        methods = item(page, METHODS)
        methods.locator("label").nth(METHODS.answer).click()
        assert methods.locator(".fb:visible").all_inner_texts() == [METHODS.feedback(METHODS.answer)]
    finally:
        context.close()
