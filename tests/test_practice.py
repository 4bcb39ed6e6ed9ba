"""Mastery practice: families of number items drawn from a seed, answered by the course's models
(helpers/activities/practice.py), in the banks, live ("Another one like this") and in handouts."""

from __future__ import annotations

import math
import re

import pytest

from helpers import record as learner_record
from helpers.activities import practice, quiz
from helpers.activities.quiz import LiveQuiz, NumberQuestion, Quiz, core_items, load_quiz
from helpers.course import lessons
from helpers.models import adaptation, circuit, occupancy, pharmacokinetics, receptor, release
from helpers.references import references

SEEDS = range(1, 121)
CITED_ID = re.compile(r"\[(?:source: )?([^\]]+)\]")

# Each family's answer, recomputed here straight from its model function (never from the family's own code).
MODEL_ANSWER = {
    "chloride_reversal": lambda p: receptor.chloride_reversal_mV(p["cl_in_mM"], p["cl_out_mM"], p["temperature_c"]),
    "ec50_with_diazepam": lambda p: receptor.gaba_ec50_uM("diazepam", p["diazepam_uM"],
                                                          gaba_ec50_alone_uM=p["gaba_ec50_alone_uM"]),
    "response_with_diazepam": lambda p: receptor.gaba_a_response(p["gaba_uM"], "diazepam", 10.0,
                                                                 gaba_ec50_alone_uM=p["gaba_ec50_alone_uM"]),
    "dopamine_firing": lambda p: circuit.vta_rates(p["bz_occupancy"], alpha1_gain=p["alpha1_gain"],
                                                   alpha3_gain=p["alpha3_gain"])["da_hz"],
    "site_occupancy": lambda p: occupancy.bz_site_occupancy(p["active_mg_eq"],
                                                            half_occupancy_mg_eq=p["half_occupancy_mg_eq"]),
    "fraction_left": lambda p: 100.0 * pharmacokinetics.fraction_left(p["half_life_h"], p["hours"]),
    "average_dopamine": lambda p: release.expected_measures("diazepam", diazepam_occupancy=p["diazepam_occupancy"],
                                                            release_reduction=p["release_reduction"])["average_nM"],
    "accumulation_ratio": lambda p: adaptation.accumulation_ratio(p["half_life_h"], p["interval_h"]),
    "steady_state_time": lambda p: 24.0 * adaptation.days_to_fraction_of_steady_state(p["half_life_h"],
                                                                                      p["fraction"]),
}
PRACTICE_ITEMS = [question for item in lessons() for question in load_quiz(item.number)
                  if isinstance(question, NumberQuestion) and question.family]


def test_fraction_left_halves_per_half_life_and_refuses_a_negative_time():
    assert pharmacokinetics.fraction_left(8.0, 24.0) == pytest.approx(1 / 8)
    assert pharmacokinetics.fraction_left(45.0, 0.0) == 1.0
    assert pharmacokinetics.fraction_left(6.0, [6.0, 12.0]) == pytest.approx([0.5, 0.25])
    with pytest.raises(ValueError, match="hours"):
        pharmacokinetics.fraction_left(8.0, -1.0)


def test_there_are_at_least_eight_families_each_answered_here_by_its_model():
    assert len(practice.FAMILIES) >= 8
    assert set(MODEL_ANSWER) == set(practice.FAMILIES)


@pytest.mark.parametrize("family", sorted(practice.FAMILIES))
def test_every_answer_is_the_models_for_many_seeds_finite_and_in_range(family):
    low, high = practice.FAMILIES[family].answer_range
    for seed in SEEDS:
        parameters = practice.draw_parameters(family, seed)
        item = practice.practice_item(family, seed)
        assert item.value == pytest.approx(MODEL_ANSWER[family](parameters), rel=1e-12, abs=1e-12), (family, seed)
        assert math.isfinite(item.value) and low <= item.value <= high, (family, seed, item.value)
        assert 0 < item.tolerance < max(abs(item.value), 1.0), (family, seed)
        assert item.prompt and item.explanation and item.hint and item.unit


@pytest.mark.parametrize("family", sorted(practice.FAMILIES))
def test_different_seeds_give_different_numbers_and_the_same_seed_the_same_item(family):
    prompts = {practice.practice_item(family, seed).prompt for seed in SEEDS}
    values = {round(practice.practice_item(family, seed).value, 9) for seed in SEEDS}
    assert len(prompts) >= 5 and len(values) >= 5, family
    assert practice.practice_item(family, 7) == practice.practice_item(family, 7)
    assert practice.draw_parameters(family, 7) == practice.draw_parameters(family, 7)


@pytest.mark.parametrize("family", sorted(practice.FAMILIES))
def test_no_six_seeds_in_a_row_repeat_an_instance_so_a_handout_never_shows_one_twice(family):
    instances = [practice.practice_item(family, seed) for seed in SEEDS]
    for start in range(len(instances) - practice.REPEAT_WINDOW + 1):
        window = instances[start:start + practice.REPEAT_WINDOW]
        assert len({item.prompt for item in window}) == len(window), (family, start + 1)


def test_a_banks_default_instance_is_none_of_the_instances_its_handout_carries():
    for question in PRACTICE_ITEMS:
        entry = next(e for e in quiz.load_bank("quizzes", question.id[:2]) if e["id"] == question.id)
        default = {name: float(value) for name, value in entry["parameters"].items()}
        for seed in practice.PRACTICE_SEEDS:
            drawn = {name: float(value) for name, value in practice.draw_parameters(question.family, seed).items()}
            assert drawn != default, (question.id, seed)


def test_the_average_dopamine_draw_stays_where_the_model_fits_the_measured_fall():
    """Lesson 03's guide: from a release loss of 0.4 up the model's average lies below control, as rat
    microdialysis measured; every instance says so, naming the control value."""
    control = release.expected_measures("diazepam", diazepam_occupancy=0.0)["average_nM"]
    for seed in SEEDS:
        parameters = practice.draw_parameters("average_dopamine", seed)
        item = practice.practice_item("average_dopamine", seed)
        assert parameters["release_reduction"] >= 0.4 and item.value < control, (seed, parameters)
        assert f"control level of {control:.1f} nM" in item.explanation and "the average falls" in item.explanation


def test_diazepam_stays_within_the_measured_range_and_the_ceiling_is_called_a_model_setting():
    for seed in SEEDS:
        assert practice.draw_parameters("ec50_with_diazepam", seed)["diazepam_uM"] <= 1.0
        assert "model setting, not a measured concentration" in \
            practice.practice_item("response_with_diazepam", seed).explanation


def test_the_occupancy_family_calls_its_a50_an_assumption_and_names_the_human_measurement():
    for seed in range(1, 20):
        explanation = practice.practice_item("site_occupancy", seed).explanation
        assert "A50 is an ASSUMPTION" in explanation and "[fujita1999_alprazolam_spect" in explanation


def test_a_family_draws_each_parameter_over_its_range_not_one_value():
    for family in practice.FAMILIES:
        draws = [practice.draw_parameters(family, seed) for seed in SEEDS]
        for name in draws[0]:
            assert len({draw[name] for draw in draws}) >= 2, (family, name)


def test_no_family_reads_as_a_dosing_or_tapering_plan():
    for family in practice.FAMILIES:
        for seed in range(1, 30):
            item = practice.practice_item(family, seed)
            text = " ".join([item.prompt, item.explanation, item.hint]).lower()
            assert not re.search(r"\btaper|reduce (the|your) dose|switch (to|from)|your dose|patient", text), family


def test_every_family_source_and_cited_id_resolves():
    known = references()
    for family in practice.FAMILIES.values():
        assert set(family.sources) <= known.keys(), family.name
        for seed in range(1, 20):
            item = practice.practice_item(family.name, seed)
            for cited in CITED_ID.findall(item.explanation + item.hint):
                for source_id in re.split(r"[;,]\s*", cited):
                    if re.fullmatch(r"[a-z][a-z0-9_]+", source_id):
                        assert source_id in known, (family.name, source_id)


# ---------------------------------------------------------------- in the banks


def test_every_family_has_a_practice_item_in_its_lessons_bank():
    assert {question.family for question in PRACTICE_ITEMS} == set(practice.FAMILIES)
    for question in PRACTICE_ITEMS:
        assert question.id[:2] == practice.FAMILIES[question.family].lesson, question.id
        assert question.level == "apply" and question.extension, "practice stays out of the 50-minute core"


@pytest.mark.parametrize("number", [item.number for item in lessons()])
def test_a_seed_draws_every_practice_item_and_leaves_the_others_as_they_are(number):
    default, seven, eight = load_quiz(number), load_quiz(number, seed=7), load_quiz(number, seed=8)
    assert [q.id for q in seven] == [q.id for q in default]
    for before, drawn, other in zip(default, seven, eight):
        if getattr(before, "family", ""):
            assert drawn.seed == 7 and drawn.value == practice.practice_item(before.family, 7).value
            assert (before.objective, before.level, before.extension) == (drawn.objective, drawn.level,
                                                                          drawn.extension)
            assert set(before.sources) <= set(drawn.sources)
        else:
            assert drawn == before == other
    assert load_quiz.__wrapped__(number, seed=7) == seven, "the same seed gives the same items"
    if any(getattr(q, "family", "") for q in default):
        assert seven != eight, "another seed gives other numbers"


# Today's practice items that were number items before the families: the default shows them exactly as before.
TODAY = {"01-nernst-immature": (-33.4, 1.5, "mV", "In mouse CA3 neurons 4–7 days after birth"),
         "04-ratio-entry": (1.14, 0.02, "(no unit)", "A drug with an 8 h half-life is taken every 24 h."),
         "04-steady-state-entry": (19.9, 1.0, "h", "A drug with a 6 h half-life is taken at the same dose at regular")}


def test_the_default_keeps_todays_items_and_their_parameters_reproduce_todays_numbers():
    by_id = {question.id: question for question in PRACTICE_ITEMS}
    for item_id, (value, tolerance, unit, words) in TODAY.items():
        question = by_id[item_id]
        assert (question.value, question.tolerance, question.unit, question.seed) == (value, tolerance, unit, None)
        assert words in question.prompt
        entry = next(e for e in quiz.load_bank("quizzes", item_id[:2]) if e["id"] == item_id)
        recomputed = practice.practice_item(question.family, parameters=entry["parameters"]).value
        assert question.is_right(recomputed), f"{item_id}: the family's default instance gives {recomputed}"


def test_the_core_holds_no_practice_item():
    for item in lessons():
        assert not [q.id for q in core_items(item.number) if getattr(q, "family", "")]


@pytest.mark.parametrize("change, message", [
    ({"family": "no_such_family"}, "family must be one of"),
    ({"kind": None}, "family must be one of"),
    ({"parameters": None}, "missing parameters"),
    ({"parameters": {"half_life_h": 8}}, "parameters do not suit family"),
    ({"parameters": {"half_life_h": -8, "interval_h": 24}}, "parameters do not suit family"),
])
def test_a_bad_practice_entry_is_refused_with_its_file_and_id(tmp_path, change, message):
    entry = {"id": "04-x", "objective": "o", "kind": "number", "family": "accumulation_ratio",
             "parameters": {"half_life_h": 8, "interval_h": 24}, **change}
    with pytest.raises(ValueError, match=message):
        quiz._question_from_entry(entry, tmp_path / "04_bad.yaml")


# ---------------------------------------------------------------- live: "Another one like this"


def test_another_one_live_shows_a_new_instance_and_records_its_family_and_seed():
    questions = core_items("04", extension=True)
    live = LiveQuiz(questions, context="lesson")
    index = next(i for i, q in enumerate(live.questions) if getattr(q, "family", "") == "accumulation_ratio")
    assert set(live.another_buttons) == {i for i, q in enumerate(questions) if getattr(q, "family", "")}
    before = live.questions[index]
    live.choose(index, before.value)   # the default instance, answered in the lesson
    live.another_buttons[index].click()
    first = live.questions[index]
    assert (first.seed, first.id, first.family) == (1, before.id, "accumulation_ratio")
    assert live.prompts[index].value.endswith(f"{quiz.html.escape(first.prompt)}</p>")
    assert not live.locked(index) and live.feedback[index].value == "" and live.first_answers[index] is None
    assert "Not quite." in live.choose(index, first.value + 10 * first.tolerance)
    assert "Correct." in live.choose(index, first.value)
    live.another(index)
    assert live.questions[index].seed == 2
    events = learner_record.events("selfcheck", "04", before.id)
    assert [(e["context"], e.get("seed"), e["attempt"], e["right"]) for e in events] == [
        ("lesson", None, 0, True), ("practice", 1, 0, False), ("practice", 1, 1, True)]
    assert all(e["family"] == "accumulation_ratio" for e in events)


def test_another_one_continues_after_the_seeds_the_record_holds():
    question = next(q for q in PRACTICE_ITEMS if q.family == "steady_state_time")
    learner_record.add_event("selfcheck", "04", question.id, answer=3, answer_text="3 h", right=False, attempt=0,
                             context="practice", family=question.family, seed=4)
    live = LiveQuiz([question])
    assert live.another(0).seed == 5
    assert live.questions[0].prompt != question.prompt or live.questions[0].value != question.value


def test_a_reopened_lesson_restores_the_default_instance_not_a_practice_one():
    question = next(q for q in PRACTICE_ITEMS if q.family == "chloride_reversal")
    live = LiveQuiz([question])
    live.another(0, seed=3)
    live.choose(0, live.questions[0].value)
    reopened = LiveQuiz([question])
    assert reopened.first_answers == [None] and reopened.questions[0].seed is None


# ---------------------------------------------------------------- handouts


def test_a_handout_practice_item_carries_hidden_instances_for_practice_js():
    questions = core_items("03", extension=True)
    page = Quiz(questions, "More practice (extension)").handout_html()
    for question in questions:
        if not getattr(question, "family", ""):
            continue
        opening = f'<fieldset data-item="{question.id}" data-family="{question.family}">'
        assert page.count(opening) == 1, question.id
        for seed in practice.PRACTICE_SEEDS:
            instance = quiz.practice_question(question, seed)
            hidden = f'<fieldset hidden data-item="{question.id}" data-family="{question.family}" data-seed="{seed}">'
            assert page.count(hidden) == 1 and quiz.html.escape(instance.prompt) in page, (question.id, seed)
    assert page.count('<div class="course-practice">') == sum(bool(getattr(q, "family", "")) for q in questions)
    assert "window.courseReview" in page and "Another one like this" in page, "review.js and practice.js come along"
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every instance has its own input ids"


def test_a_handout_quiz_without_practice_items_needs_no_script():
    page = Quiz(core_items("05"), "Self-check").handout_html()
    assert "<script" not in page.lower() and "data-family" not in page


# ---------------------------------------------------------------- in a real Chromium


def _handout_page(tmp_path, stem: str, body: str):
    from helpers.publish.build import PAGE_SCRIPTS, STATIC_DIR
    from helpers.publish.pages import record_head

    scripts = "".join(f"<script>{(STATIC_DIR / name).read_text()}</script>" for name in PAGE_SCRIPTS)
    path = tmp_path / f"{stem}.html"
    path.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{stem}</title>'
                    f"{record_head(stem)}</head><body><main>{body}</main>{scripts}</body></html>", encoding="utf-8")
    return path


@pytest.mark.browser
def test_in_chromium_another_one_shows_the_next_instance_and_the_answer_is_recorded_with_its_seed(
        tmp_path, chromium_browser):
    from browser_support import OfflinePage

    questions = core_items("04", extension=True)
    question = next(q for q in questions if getattr(q, "family", "") == "accumulation_ratio")
    path = _handout_page(tmp_path, "04_tolerance", Quiz(questions, "More practice (extension)").handout_html())
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(path)
        group = page.locator(".course-practice", has=page.locator(f'fieldset[data-family="{question.family}"]'))
        assert group.locator("fieldset:visible").get_attribute("data-seed") is None, "the default shows first"
        group.get_by_role("button", name="Another one like this").click()
        shown = group.locator("fieldset:visible")
        assert shown.count() == 1 and shown.get_attribute("data-seed") == "1"
        first = quiz.practice_question(question, 1)
        shown.locator("input.number-entry").fill(f"{first.value:.4f}")
        shown.locator("summary").click()
        events = page.evaluate(f"window.courseRecord.find('selfcheck', '{question.id}')")
        assert [(e["family"], e["seed"], e["right"], e["context"]) for e in events] == [
            ("accumulation_ratio", 1, True, "practice")]
        for _ in practice.PRACTICE_SEEDS[1:]:
            group.get_by_role("button", name="Another one like this").click()
        assert group.locator("fieldset:visible").get_attribute("data-seed") == str(practice.PRACTICE_SEEDS[-1])
        assert group.locator("button.course-practice-another").is_disabled()
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()


@pytest.mark.browser
def test_in_chromium_the_warm_up_is_drawn_from_the_browsers_record_as_load_warm_up_draws_it(
        tmp_path, chromium_browser):
    from browser_support import OfflinePage

    number = "05"
    missed = next(q for q in quiz.warm_up_pool(number) if q not in quiz.load_warm_up(number, events=[]))
    path = _handout_page(tmp_path, "05_withdrawal", quiz.warm_up_html(number))
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(path)
        fixed = [q.id for q in quiz.load_warm_up(number, events=[])]
        assert page.locator("form fieldset:visible").evaluate_all("els => els.map(e => e.dataset.item)") == fixed
        event = page.evaluate("item => window.courseRecord.add({kind: 'selfcheck', item: item, answer: 0, "
                              "answer_text: 'x', right: false, attempt: 0, context: 'lesson'})", missed.id)
        page.reload()
        shown = page.locator("form fieldset:visible").evaluate_all("els => els.map(e => e.dataset.item)")
        assert shown == [q.id for q in quiz.load_warm_up(number, events=[event])] and shown[0] == missed.id
        assert page.locator("form fieldset:visible legend b").all_inner_texts() == ["1.", "2.", "3."]
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()
