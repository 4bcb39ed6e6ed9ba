"""The concept inventory (helpers/data/inventory.yaml, helpers.activities.inventory): its items test the course's
six central ideas with wrong options taken from the guides' misconception tables; the pre-test (lesson 00) gives
no feedback and no key, the post-test (end of lesson 07) gives feedback and the normalised gain per concept; both
record, lock and restore their answers, live and in a handout."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml

from conftest import cell_index, cells, guide_text
from helpers.activities import inventory as inv
from helpers.activities.predict import giveaways
from helpers.activities.quiz import shown_order
from helpers.course import lesson, lessons
from helpers.references import references

CONCEPTS = ("pam", "disinhibition", "transients", "accumulation", "withdrawal", "evidence")
ITEMS = inv.load_inventory().items
IDS = [item.id for item in ITEMS]
STOP = {"the", "and", "a", "an", "of", "in", "is", "it", "to", "that", "its", "on", "for", "as", "or", "be", "by",
        "means", "mean", "with", "are", "can", "one", "this", "not"}


def words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-zα-ω0-9]+", text.lower()) if word not in STOP and len(word) > 2}


def misconception_rows(number: str) -> list[str]:
    """The misconceptions a guide lists: the first cell of each table row, or the emphasised start of each
    bullet, under its "Common misconceptions" heading."""
    section = guide_text(number).split("## Common misconceptions", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines()
            if line.startswith("|") and not line.startswith(("| Misconception", "| ---"))]
    rows += re.findall(r"^- (?:\*\*|\*)(.+?)(?:\*\*|\*)(?:\s|$)", section, re.M)
    return [row.strip() for row in rows if row.strip()]


def answer_all(view, answers) -> None:
    for index, answer in enumerate(answers):
        view.choose(index, answer)


def right_answers() -> list[int]:
    return [item.right_index for item in ITEMS]


def wrong_answers() -> list[int]:
    return [(item.right_index + 1) % len(item.options) for item in ITEMS]


# ---------------------------------------------------------------- the bank


def test_the_bank_holds_12_to_15_items_on_the_six_concepts_each_asked_at_least_twice():
    bank = inv.load_inventory()
    assert 12 <= len(ITEMS) <= 15
    assert tuple(bank.concepts) == CONCEPTS and all(bank.concepts.values())
    counts = Counter(item.concept for item in ITEMS)
    assert all(counts[concept] >= 2 for concept in CONCEPTS), counts
    assert len(set(IDS)) == len(IDS) and all(item_id.startswith("inv-") for item_id in IDS)


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_each_item_has_one_right_option_with_feedback_and_every_wrong_one_names_a_misconception(item):
    assert sum(option.right for option in item.options) == 1 and len(item.options) >= 3
    assert all(option.feedback for option in item.options)
    for option in item.options:
        if not option.right:
            assert option.misconception and re.fullmatch(r"\d\d", option.guide), option.text


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_every_wrong_option_stands_for_a_row_of_its_guides_misconception_table(item):
    for option in item.options:
        if option.right:
            continue
        wanted = words(option.misconception)
        overlaps = [len(wanted & words(row)) / len(wanted) for row in misconception_rows(option.guide)]
        assert overlaps and max(overlaps) >= 0.6, \
            f"{item.id}: {option.misconception!r} is no row of guide {option.guide}'s misconceptions"


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_sources_are_reference_ids_or_say_in_the_model(item):
    known = set(references())
    assert [source for source in item.sources if source not in known and source != inv.IN_THE_MODEL] == []


def test_no_item_states_a_model_property_as_a_finding():
    """A right answer that is the model's says so in its feedback (and its sources say "in the model")."""
    for item in ITEMS:
        if inv.IN_THE_MODEL in item.sources:
            assert "model" in item.options[item.right_index].feedback.lower(), item.id


def test_a_test_wise_learner_does_no_better_than_guessing():
    """The longest, the shortest and the not-longest option, and the options without an absolute word, each do at
    most 10 points better than blind guessing; the right option is never far longer than the rest."""
    from test_quiz_quality import LONGEST_RATIO, MARGIN, RULES, Question

    questions = [Question(prompt=item.prompt, options=[option.text for option in item.options],
                          answer=item.right_index) for item in ITEMS]
    chance = sum(1 / len(question.options) for question in questions) / len(questions)
    for rule, score in RULES.items():
        assert sum(map(score, questions)) / len(questions) <= chance + MARGIN, rule
    for item in ITEMS:
        right = len(item.options[item.right_index].text)
        assert right <= LONGEST_RATIO * max(len(o.text) for o in item.options if not o.right), item.id


def opening(text: str, words: int) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-zα-ω0-9]+", text.lower())[:words])


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_the_right_option_is_never_the_odd_one_out(item):
    """When every wrong option opens the same way ("It rises: …", "Strong: …"), a key that opens differently gives
    itself away: the wrong options of an item never all share a first word, or first two words, the right one
    lacks."""
    for words in (1, 2):
        wrong = {opening(option.text, words) for option in item.options if not option.right}
        assert len(wrong) > 1 or opening(item.options[item.right_index].text, words) in wrong, (item.id, wrong)


def test_no_item_claims_that_no_study_anywhere_measured_something():
    """What the course knows is what its reference base holds: "no study found", never "no study has" or
    "nobody has measured"."""
    for item in ITEMS:
        for option in item.options:
            text = " ".join([option.text, option.feedback]).lower()
            assert not re.search(r"\bno study has\b|\bnobody has\b", text), (item.id, option.text)


def test_the_right_options_are_spread_over_the_positions_in_the_bank_and_on_the_page():
    """The pre-test page carries bank indices, and learners see the shown order: neither may betray the key."""
    for positions in (Counter(item.right_index for item in ITEMS),
                      Counter(item.shown.index(item.right_index) for item in ITEMS)):
        assert max(positions.values()) <= 0.4 * len(ITEMS), positions


def test_no_item_states_the_answer_of_any_prediction_moment():
    """The items are shown in lesson 00, before every moment of the course."""
    phrases = [phrase.lower() for item in lessons() for moment in giveaways(item.number).values()
               for phrase in moment]
    for item in ITEMS:
        text = " ".join([item.prompt, *(option.text for option in item.options)]).lower()
        assert [phrase for phrase in phrases if phrase in text] == [], item.id


@pytest.mark.parametrize(("change", "message"), [
    (lambda data: data["items"][0].update(concept="nothing"), "concept 'nothing'"),
    (lambda data: [option.update(right=True) for option in data["items"][1]["options"]], "exactly one option"),
    (lambda data: data["items"][2]["options"][0].pop("misconception", None)
     or data["items"][2]["options"][1].pop("misconception", None), "misconception"),
    (lambda data: data["items"][3].update(id=data["items"][0]["id"]), "used twice"),
    (lambda data: data.pop("concepts"), "concepts"),
])
def test_a_bad_bank_raises_a_value_error_naming_the_file_and_the_item(tmp_path, change, message):
    data = yaml.safe_load(inv.INVENTORY_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as raised:
        inv.load_inventory(path)
    assert "inventory.yaml" in str(raised.value)


def test_options_are_shown_in_an_order_seeded_by_the_item_id():
    for item in ITEMS:
        assert list(item.shown) == shown_order(item.id, len(item.options)) == shown_order(item.id, len(item.options))
    assert any(list(item.shown) != sorted(item.shown) for item in ITEMS)
    view = inv.LiveInventory("pre")
    assert [value for _, value in view.choices[0].options] == list(ITEMS[0].shown)


# ---------------------------------------------------------------- the normalised gain


def small_bank() -> inv.Inventory:
    def item(item_id, concept):
        options = (inv.Option("a", True, "fa"), inv.Option("b", False, "fb", "m", "00"),
                   inv.Option("c", False, "fc", "m", "00"))
        return inv.InventoryItem(item_id, concept, "?", options)
    return inv.Inventory(inv.MappingProxyType({"x": "Idea X", "y": "Idea Y"}),
                         (item("x1", "x"), item("x2", "x"), item("x3", "x"), item("y1", "y"), item("y2", "y")))


@pytest.mark.parametrize(("pre", "post", "x_gain", "x_note"), [
    ({"x1": 0, "x2": 1, "x3": 1}, {"x1": 0, "x2": 0, "x3": 0}, 1.0, ""),           # 1/3 -> 3/3: all of the rest
    ({"x1": 0, "x2": 1, "x3": 1}, {"x1": 0, "x2": 0, "x3": 1}, 0.5, ""),           # 1/3 -> 2/3: half the rest
    ({"x1": 0, "x2": 0, "x3": 1}, {"x1": 0, "x2": 1, "x3": 1}, -1.0, ""),          # 2/3 -> 1/3: fell back
    ({"x1": 1, "x2": 1, "x3": 1}, {"x1": 1, "x2": 1, "x3": 1}, 0.0, ""),           # nothing right, twice
    ({"x1": 0, "x2": 0, "x3": 0}, {"x1": 0, "x2": 0, "x3": 0}, None, inv.ALREADY_AT_TOP),
    ({"x1": 0, "x2": 0, "x3": 0}, {"x1": 0, "x2": 1, "x3": 2}, None,            # 3/3 -> 1/3: the drop shows
     "already at the top before; now 1 of 3"),
    ({}, {"x1": 0, "x2": 0, "x3": 0}, None, inv.NO_PRE_TEST),
    ({"x1": 0}, {"x1": 0, "x2": 0, "x3": 0}, 1.0, ""),                             # unanswered counts as not right
])
def test_normalised_gain_per_concept(pre, post, x_gain, x_note):
    gains = inv.normalised_gain(pre, post, small_bank())
    assert list(gains) == ["x", "y"]
    assert gains["x"].gain == pytest.approx(x_gain) if x_gain is not None else gains["x"].gain is None
    assert gains["x"].note == x_note and gains["x"].name == "Idea X"
    assert gains["y"].gain is None and gains["y"].note == inv.NO_PRE_TEST


def test_a_gain_reads_as_a_number_or_as_its_note():
    gains = inv.normalised_gain({"x1": 1, "y1": 0, "y2": 0}, {"x1": 0, "x2": 0, "x3": 0, "y1": 0, "y2": 0},
                                small_bank())
    assert gains["x"].gain_text == "1.00" and gains["y"].gain_text == inv.ALREADY_AT_TOP
    assert inv.normalised_gain({"x1": 0}, {}, small_bank())["x"].note == inv.NO_POST_TEST


# ---------------------------------------------------------------- the live views


def test_the_pre_test_needs_every_answer_then_records_locks_and_shows_no_feedback():
    view = inv.LiveInventory("pre")
    view.choose(0, ITEMS[0].right_index)
    assert view.submit() is False and "Answer every question" in view.status.value
    assert inv.recorded_answers("pre") == {}
    answer_all(view, wrong_answers())
    assert view.submit() is True and view.submitted
    assert all(choice.disabled for choice in view.choices)
    assert all(feedback.value == "" for feedback in view.feedback) and view.gains.value == ""
    events = inv.recorded("inventory", lesson="00")
    assert [event["item"] for event in events] == IDS
    assert {(event["lesson"], event["phase"], event["kind"]) for event in events} == {("00", "pre", "inventory")}
    assert [event["concept"] for event in events] == [item.concept for item in ITEMS]
    assert [event["answer"] for event in events] == wrong_answers() and not any(event["right"] for event in events)
    view.choose(0, ITEMS[0].right_index)
    assert view.choices[0].value == wrong_answers()[0] and view.submit() is False, "submitted answers stay"


def test_reopening_restores_the_submitted_answers_locked_without_recording_again():
    first = inv.LiveInventory("pre")
    answer_all(first, right_answers())
    first.submit()
    again = inv.LiveInventory("pre")
    assert again.submitted and [choice.value for choice in again.choices] == right_answers()
    assert all(choice.disabled for choice in again.choices)
    assert len(inv.recorded("inventory", lesson="00")) == len(ITEMS)
    assert not inv.LiveInventory("post").submitted, "the post-test is its own"


def test_the_post_test_shows_feedback_and_the_gain_per_concept_only_after_the_submit():
    pre = inv.LiveInventory("pre")
    answer_all(pre, wrong_answers())
    pre.submit()
    post = inv.LiveInventory("post")
    answer_all(post, right_answers())
    assert all(feedback.value == "" for feedback in post.feedback) and post.gains.value == ""
    post.submit()
    assert all(feedback.value.startswith("<p") and "Right." in feedback.value for feedback in post.feedback)
    gains = inv.normalised_gain(dict(zip(IDS, wrong_answers())), dict(zip(IDS, right_answers())))
    assert all(gain.gain == 1.0 for gain in gains.values())
    assert all(f"<td>{inv.html.escape(gain.name)}</td>" in post.gains.value for gain in gains.values())
    assert post.gains.value.count("<td>1.00</td>") == len(CONCEPTS)
    events = inv.recorded("inventory", lesson="07")
    assert {event["phase"] for event in events} == {"post"} and all(event["right"] for event in events)
    reopened = inv.LiveInventory("post")
    assert reopened.submitted and reopened.gains.value == post.gains.value


def test_a_post_test_without_a_pre_test_says_so():
    post = inv.LiveInventory("post")
    answer_all(post, right_answers())
    post.submit()
    assert post.gains.value.count(inv.NO_PRE_TEST) == len(CONCEPTS)


def test_a_wrong_post_answer_names_the_right_one_and_the_misconceptions_feedback():
    post = inv.LiveInventory("post")
    answer_all(post, wrong_answers())
    post.submit()
    item, answer = ITEMS[0], wrong_answers()[0]
    assert "Not quite" in post.feedback[0].value
    assert inv.html.escape(item.options[item.right_index].text) in post.feedback[0].value
    assert inv.html.escape(item.options[answer].feedback) in post.feedback[0].value


def test_the_activity_picks_its_view_and_refuses_an_unknown_phase():
    import ipywidgets as widgets

    assert isinstance(inv.ConceptInventory("pre").live_view(), widgets.VBox)
    for bad in ("middle", ""):
        with pytest.raises(ValueError, match="phase"):
            inv.ConceptInventory(bad)


# ---------------------------------------------------------------- the handout views


def test_the_pre_test_page_holds_no_feedback_no_key_and_no_misconception():
    page = inv.inventory_html("pre")
    spec = json.loads(re.search(r'class="course-inventory-spec">(.*?)</script>', page, re.S).group(1))
    assert set(spec) == {"texts"}
    markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)   # the script's code holds no item text
    unescaped = inv.html.unescape(markup)
    for item in ITEMS:
        for option in item.options:
            assert option.feedback not in unescaped
            assert not option.misconception or option.misconception not in unescaped
    assert "course-inventory-feedback" not in markup and not re.search(r'data-right|"right"|\bright=', markup)
    assert page.count('data-item="inv-') == len(ITEMS) and 'data-phase="pre"' in page


def test_the_post_test_page_keeps_feedback_out_of_sight_until_the_submit():
    page = inv.inventory_html("post")
    assert page.count('<div class="course-inventory-feedback" hidden></div>') == len(ITEMS)
    assert '<div class="course-inventory-gains" hidden></div>' in page
    spec = json.loads(re.search(r'class="course-inventory-spec">(.*?)</script>', page, re.S).group(1))
    assert spec["pre_page"] == lesson("00").stem
    assert {item_id: entry["right"] for item_id, entry in spec["items"].items()} == dict(zip(IDS, right_answers()))


# ---------------------------------------------------------------- the lessons


def test_lesson_00_gives_the_pre_test_before_it_teaches_anything_and_07_the_post_test_at_its_end():
    lesson_00, lesson_07 = cells("00"), cells("07")
    assert cell_index(lesson_00, 'show_inventory("pre")') < cell_index(lesson_00, "## Who this course is for")
    at = cell_index(lesson_07, 'show_inventory("post")')
    assert at < cell_index(lesson_07, "## Where to read next")
    later = [cell.source for cell in lesson_07[at + 1:] if cell.cell_type == "code"]
    assert all("show_quiz" not in source and "check(" not in source for source in later)
    for number, phase in (("00", "pre"), ("07", "post")):
        lesson_cells = cells(number)
        intro = lesson_cells[cell_index(lesson_cells, f'show_inventory("{phase}")') - 1].source   # the cell above it
        assert ("not graded" if number == "00" else "normalised gain") in " ".join(intro.replace("*", "").split())


def test_no_notebook_holds_an_item_text():
    every_cell = " ".join(cell.source for item in lessons() for cell in cells(item.number))
    for item in ITEMS:
        assert item.prompt[:40] not in every_cell
        assert not any(option.text in every_cell for option in item.options), item.id


@pytest.mark.parametrize("number", ["00", "07"])
def test_the_guide_says_how_to_use_the_inventory_in_class(number):
    section = guide_text(number).split("## Concept inventory", 1)[1].split("\n## ", 1)[0]
    needed = {"00": ("not graded", "Do not discuss", "no feedback"),
              "07": ("normalised gain", "python -m helpers.classroom report", "small classes", "download")}
    assert [words_needed for words_needed in needed[number] if words_needed not in section] == []


# ---------------------------------------------------------------- the handout in a browser


def handout_page(tmp_path, phase: str) -> object:
    """A minimal handout page of lesson 00 or 07 holding the inventory, with record.js and its <meta> tags."""
    from helpers.activities.base import page_script
    from helpers.course import COURSE_ID, course_version

    stem = lesson(inv.PHASE_LESSONS[phase]).stem
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="course-id" content="{COURSE_ID}">'
            f'<meta name="course-version" content="{course_version()}"><meta name="course-page" content="{stem}">'
            f'{page_script("record.js")}</head><body>{inv.inventory_html(phase)}</body></html>')
    path = tmp_path / f"{stem}.html"
    path.write_text(page, encoding="utf-8")
    return path


def answer_in_browser(page, answers) -> None:
    for fieldset, answer in zip(page.locator("fieldset[data-item]").all(), answers):
        fieldset.locator(f'input[value="{answer}"]').check()


@pytest.mark.browser
def test_in_chromium_the_handout_inventory_records_locks_restores_and_computes_the_gains(tmp_path, chromium_browser):
    from browser_support import OfflinePage

    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(handout_page(tmp_path, "pre"))
        page.get_by_role("button", name=inv.SUBMIT_LABEL).click()
        assert "Answer every question" in page.locator(".course-inventory-status").inner_text()
        all_right_before = ("pam", "disinhibition")   # one drops after, one stays at the top
        pre = [item.right_index if index % 2 or item.concept in all_right_before else wrong for index, (item, wrong) in
               enumerate(zip(ITEMS, wrong_answers()))]
        dropped = next(item.id for item in ITEMS if item.concept == "pam")
        pam_items = sum(item.concept == "pam" for item in ITEMS)
        answer_in_browser(page, pre)
        page.get_by_role("button", name=inv.SUBMIT_LABEL).click()
        events = page.evaluate("courseRecord.pageEvents()")
        assert [(e["kind"], e["item"], e["lesson"], e["phase"], e["answer"]) for e in events] == \
            [("inventory", item.id, "00", "pre", answer) for item, answer in zip(ITEMS, pre)]
        assert all("right" not in event for event in events), "the pre-test page knows no key"
        assert [e["concept"] for e in events] == [item.concept for item in ITEMS]

        page.reload()
        assert page.locator("[data-submitted]").count() == 1
        assert page.locator("input[type=radio]:checked").count() == len(ITEMS)
        assert page.locator("input:disabled").count() == page.locator("input").count()
        checked = page.evaluate("Array.from(document.querySelectorAll('input:checked')).map(i => Number(i.value))")
        assert checked == pre
        assert page.locator("text=Not quite").count() == 0 and page.locator(".course-inventory-gains").count() == 0

        post_page = offline.open(handout_page(tmp_path, "post"))
        assert post_page.locator(".course-inventory-feedback:visible").count() == 0
        post = [wrong if item.id == dropped else item.right_index for item, wrong in zip(ITEMS, wrong_answers())]
        answer_in_browser(post_page, post)
        post_page.get_by_role("button", name=inv.SUBMIT_LABEL).click()
        assert post_page.locator(".course-inventory-feedback:visible").count() == len(ITEMS)
        expected = inv.normalised_gain(dict(zip(IDS, pre)), dict(zip(IDS, post)))
        shown = post_page.evaluate("Array.from(document.querySelectorAll('.course-inventory-gains tbody tr'))"
                                   ".map(r => [r.dataset.concept, r.cells[3].textContent])")
        assert shown == [[concept, gain.gain_text] for concept, gain in expected.items()]
        at_top = [concept for concept, gain in expected.items() if gain.pre == 1]
        assert [dict(shown)[concept] for concept in at_top] == [
            f"{inv.ALREADY_AT_TOP}; now {pam_items - 1} of {pam_items}", inv.ALREADY_AT_TOP], "a drop shows"
        post_events = post_page.evaluate("courseRecord.pageEvents()")
        assert [event["right"] for event in post_events] == [item.id != dropped for item in ITEMS]
        assert all(event["phase"] == "post" and event["lesson"] == "07" for event in post_events)

        post_page.reload()
        assert post_page.locator("[data-submitted]").count() == 1
        assert post_page.locator(".course-inventory-gains tbody tr").count() == len(CONCEPTS)
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()
