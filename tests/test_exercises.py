"""Checked exercises: the bank, its answers recomputed with the course's models, the verdicts,
the live answer box and the kernel-free one in a real Chromium."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq

from conftest import cells
from helpers.activities import base as activity_base
from helpers.activities import exercise as exercise_module
from helpers import tables
from helpers.course import lesson, lessons
from helpers.activities.exercise import (LiveAnswerBox, all_exercises, answer_box_html, exercise, exercise_file,
                              load_exercises)
from helpers.theme import FEEDBACK_COLOURS
from helpers.references import references

LESSON_NUMBERS = [item.number for item in lessons()]
EXERCISES = all_exercises()
NUMBER_EXERCISES = [item for item in EXERCISES if item.kind == "number"]


def _objectives(number: str) -> list[str]:
    """The bullet points of the notebook's "### Objectives" list, whitespace collapsed (as tests/test_quiz.py)."""
    block = next(cell.source for cell in cells(number) if "### Objectives" in cell.source).split("### Objectives")[1]
    return [" ".join(item.split()) for item in re.findall(r"^- (.*?)(?=^- |\Z)", block.strip() + "\n", re.S | re.M)]


def _exercise_headings(number: str) -> list[str]:
    return [line[3:].strip() for cell in cells(number) if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("## Exercise")]


# ---------------------------------------------------------------- the bank


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_every_exercise_heading_of_every_notebook_has_a_bank_entry_and_every_entry_a_heading(number):
    headings = _exercise_headings(number)
    entries = load_exercises(number)
    assert headings, f"lesson {number} has no exercise"
    assert exercise_file(number).name == f"{lesson(number).stem}.yaml"
    assert {item.exercise for item in entries} == set(headings)


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_every_entry_names_an_objective_of_its_lesson_and_an_id_of_its_lesson(number):
    objectives = _objectives(number)
    for item in load_exercises(number):
        assert re.fullmatch(rf"{number}-(?:ex\d+[a-z]?|fit-[a-z]+)", item.id), item.id
        assert item.objective in objectives, f"{item.id}: objective not in the notebook's list"
        assert item.prompt.strip() and "\n" not in item.prompt.strip() and item.no_code.strip(), item.id


def test_exercise_ids_are_unique_across_the_course():
    ids = [item.id for item in EXERCISES]
    assert len(ids) == len(set(ids)) >= 20


@pytest.mark.parametrize("item", EXERCISES, ids=lambda item: item.id)
def test_every_entry_has_an_answer_a_unit_a_tolerance_and_graded_hints(item):
    assert item.hints["again"].strip()
    if item.kind == "number":
        assert isinstance(item.answer, (int, float)) and item.unit.strip()
        assert 0 < item.tolerance < item.close
        assert item.hints["low"].strip() and item.hints["high"].strip() and item.hints["low"] != item.hints["high"]
        assert all(slip["factor"] > 0 and slip["hint"].strip() for slip in item.slips)
    else:
        assert item.answer in item.options and len(item.options) >= 2
        assert all(item.hints[option].strip() for option in item.options if option != item.answer)


@pytest.mark.parametrize("item", EXERCISES, ids=lambda item: item.id)
def test_every_source_cited_resolves_and_carries_its_confidence(item):
    known = references()
    assert all(source_id in known for source_id in item.source_ids), item.source_ids
    for cited, flag in re.findall(r"\[source: ([a-z0-9_]+)(; partly verified)?\]", " ".join(item.hints.values())):
        confidence = known[cited].get("confidence")
        assert confidence != "unverified", f"{item.id} cites unverified {cited} as fact"
        assert bool(flag) == (confidence == "partially_verified"), f"{item.id}: {cited} flag"


def _code_cells(number: str) -> list[str]:
    return [cell.source for cell in cells(number) if cell.cell_type == "code"]


CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([^"']+)["']\s*,\s*([^)]*)\)""")
BOX_CALL = re.compile(r"""\banswer_box\(\s*["']([^"']+)["']\s*\)""")


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_notebook_checks_pass_a_name_or_the_blank_never_a_literal_answer(number):
    for source in _code_cells(number):
        for exercise_id, value in CHECK_CALL.findall(source):
            assert exercise_id in {item.id for item in load_exercises(number)}, exercise_id
            assert value.strip() == "..." or value.strip().isidentifier(), f"{exercise_id}: check(..., {value})"
        for exercise_id in BOX_CALL.findall(source):
            assert exercise_id in {item.id for item in load_exercises(number)}, exercise_id


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_a_notebook_that_uses_checked_exercises_has_a_check_and_an_answer_box_for_each(number):
    """Once a notebook imports helpers.activities.exercise, every one of its exercises has a check and an answer box."""
    code = "\n".join(_code_cells(number))
    if "helpers.activities.exercise" not in code:
        pytest.skip(f"lesson {number} is not wired to helpers.activities.exercise yet")
    checked = {exercise_id for exercise_id, _ in CHECK_CALL.findall(code)}
    boxed = set(BOX_CALL.findall(code))
    for item in load_exercises(number):
        assert item.id in checked and item.id in boxed, f"{item.id}: needs check(...) and answer_box(...)"


# ---------------------------------------------------------------- the answers, recomputed with the models


def _hill_fold_range():
    from helpers.models.receptor import gaba_a_response
    at = lambda share: brentq(lambda gaba: gaba_a_response(gaba) - share, 1e-6, 1e5)  # noqa: E731
    return at(0.9) / at(0.1)


def _diazepam_current_without_gaba():
    from helpers.models.receptor import gaba_a_response
    return gaba_a_response(0.0, "diazepam", 100.0)


def _slowing_percent():
    from helpers.models.neuron import firing_rate_hz
    return 100 * (1 - firing_rate_hz(diazepam_uM=1.0, gaba_uM=3.0) / firing_rate_hz(diazepam_uM=0.0, gaba_uM=3.0))


def _dopamine_hz_with_strong_alpha3():
    from helpers.models.circuit import vta_rates
    return vta_rates(0.6, alpha3_gain=1.5)["da_hz"]


def _break_even_at_90_percent():
    from helpers.models.circuit import break_even_alpha3_gain
    return break_even_alpha3_gain(0.9)


def _opioid_matching_full_occupancy():
    from helpers.models.circuit import vta_rates
    levels = np.linspace(0.0, 1.0, 1001)
    return np.interp(vta_rates(1.0)["da_hz"], vta_rates(0.0, mu_opioid=levels)["da_hz"], levels)


def _alprazolam_fraction_left_at_24_h():
    from helpers.models import pharmacokinetics
    parent = pharmacokinetics.concentration_profile("alprazolam", 0.5, hours=24).parent
    return parent.iloc[-1] / parent.max()


def _fscv_seeds_verdict():
    from helpers.models import release
    ratios = []
    for seed in range(5):
        control = release.transient_stats(release.simulate_fscv("control", seed=seed))
        diazepam = release.transient_stats(release.simulate_fscv("diazepam", seed=seed))
        ratios.append({key: diazepam[key] / control[key] for key in ("frequency_hz", "mean_amplitude_nM", "mean_nM")})
    table = pd.DataFrame(ratios)
    directions = (table["frequency_hz"] > 1).all() and (table[["mean_amplitude_nM", "mean_nM"]] < 1).all().all()
    sizes = table["frequency_hz"].max() - table["frequency_hz"].min() < 0.1
    return "both" if directions and sizes else ("directions only" if directions else "neither")


def _average_without_the_hypothesis():
    from helpers.models import release
    expected = release.expected_measures("diazepam", diazepam_occupancy=0.5, release_reduction=0.0)
    return expected["average_nM"] / release.expected_measures("control")["average_nM"]


def _lowest_release_loss_giving_all_three_directions():
    """03-ex4: the lowest slider value of the release-loss HYPOTHESIS with frequency up, amplitude down and time
    average down at every occupancy from 0.1 to 1 (the directions measured in rats given diazepam)."""
    from helpers.models import release
    control = release.expected_measures("control")

    def fits(reduction):
        for occupancy in np.linspace(0.1, 1.0, 10):
            model = release.expected_measures("diazepam", diazepam_occupancy=occupancy, release_reduction=reduction)
            if not (model["burst_rate_hz"] > control["burst_rate_hz"] and model["transient_peak_nM"] <
                    control["transient_peak_nM"] and model["average_nM"] < control["average_nM"]):
                return False
        return True

    low, high, step = release.RELEASE_REDUCTION.teaching
    return min(value for value in np.round(np.arange(low, high + step / 2, step), 2) if fits(value))


def _half_lives_to_90_percent():
    from helpers.models.adaptation import simulate_regimen
    frequent = simulate_regimen("lorazepam", 1.0, interval_h=2, days=10)
    at_doses = frequent[frequent["time_h"] % 2 == 0].iloc[1:]
    final = at_doses["concentration"].iloc[-1]
    return at_doses.loc[at_doses["concentration"] >= 0.9 * final, "time_h"].iloc[0] / 12.0


def _day_sedation_tolerance_halfway():
    from helpers.models.adaptation import simulate_regimen
    course = simulate_regimen("lorazepam", 1.0, interval_h=24, days=60, tau_sedation_days=5.0)
    return course.loc[course["tolerance_sedation"] >= 0.4, "day"].iloc[0]


def _diazepam_anxiolysis_day_28():
    from helpers.models.adaptation import simulate_regimen
    course = simulate_regimen("diazepam", 10.0, interval_h=24, days=28)
    return course.loc[(course["day"] >= 27) & (course["day"] < 28), "net_anxiolysis"].mean()


def _diazepam_withdrawal_onset_days():
    from helpers.models.taper import simulate_discontinuation, withdrawal_timing
    return withdrawal_timing(simulate_discontinuation("diazepam", 10.0))["onset_days"]


def _slower_pace_helps_more_with_the_smaller_final_step():
    from helpers.models.taper import simulate_discontinuation, withdrawal_timing

    def peak(every_days, final_step_percent):
        course = simulate_discontinuation("diazepam", 10.0, method="proportional", step_percent=10,
                                          every_days=every_days, final_step_percent=final_step_percent)
        return withdrawal_timing(course)["peak"]

    return "yes" if peak(7, 1) - peak(21, 1) > peak(7, 5) - peak(21, 5) else "no"


def _lowest_fitting_slow_time_constant():
    """05-fit-onset: the lowest value that fits on the live slider (25 d) and on the handout's (30 d).

    Both are right."""
    from test_onset_fit_exercise import lowest_fitting_tau_days
    return (lowest_fitting_tau_days("live") + lowest_fitting_tau_days("handout")) / 2


def _drugs_changing_band():
    bz = tables.benzodiazepines()
    longest_h = tables.longest_active_half_life_h(bz)
    band = lambda long_from: pd.cut(longest_h, bins=[0, 6, long_from, 1000], right=False,  # noqa: E731
                                    labels=["short", "intermediate", "long"])
    return int((band(24) != band(48)).sum())


def _source_with_most_equivalents():
    counts = tables.benzodiazepines()[["equivalent_mg_ashton", "equivalent_mg_va_dod", "equivalent_mg_who"]].count()
    return {"equivalent_mg_ashton": "Ashton", "equivalent_mg_va_dod": "VA/DoD",
            "equivalent_mg_who": "WHO"}[counts.idxmax()]


def _disinhibition_predicted_not_shown():
    classes = tables.drug_classes()
    rows = classes[(classes["route_to_dopamine"] == "disinhibition") & ~classes["route_evidence"].str.contains("shown")]
    (name,) = rows["display_name"]
    return name


def _midazolam_average_direction():
    row = tables.measured_results().loc["finlay1992_acute"]
    assert row["species"] == "rat" and row["drug"] == "midazolam" and row["method"] == "microdialysis"
    return "down" if row["change_percent"] < 0 else "up"


def _claims_in_the_voltammetry_paragraph():
    """07-ex1: the claims table's rows quoted from the paragraph, plus the finding it states twice, graded once
    under the article's Key Points wording (claim 6)."""
    claims = tables.article_claims()
    exercise_cell = next(cell.source for cell in cells("07") if cell.source.startswith("## Exercise 1: split"))
    paragraph = " ".join(line[1:].strip() for line in exercise_cell.splitlines() if line.startswith(">"))
    own = [claim_id for claim_id, quote in claims["claim"].items() if quote in paragraph]
    finding = "increases the frequency of dopamine release events while decreasing their amplitude"
    repeated = ["c06"] if finding in paragraph and claims.at["c06", "verdict"] == "supported" else []
    return len(own) + len(repeated)


def _evidence_behind_supported_claims():
    # The supportable claims are graded too, so one supported claim rests on clinical reviews;
    # the exercise asks where most of them stand.
    claims = tables.article_claims()
    kinds = claims.loc[claims["verdict"] == "supported", "evidence"]
    groups = {"in vitro or animal": kinds.isin(["in vitro", "animal"]).sum(),
              "clinical guideline": (kinds == "clinical guideline").sum(), "none found": (kinds == "none found").sum()}
    return max(groups, key=groups.get)


COMPUTED = {
    "01-ex1": _hill_fold_range, "01-ex2": _diazepam_current_without_gaba, "01-ex3": _slowing_percent,
    "02-ex1": _break_even_at_90_percent, "02-ex2": _dopamine_hz_with_strong_alpha3,
    "02-ex3": _opioid_matching_full_occupancy,
    "03-ex1": _alprazolam_fraction_left_at_24_h, "03-ex2": _fscv_seeds_verdict,
    "03-ex3": _average_without_the_hypothesis, "03-ex4": _lowest_release_loss_giving_all_three_directions,
    "04-ex1": _half_lives_to_90_percent, "04-ex2": _day_sedation_tolerance_halfway,
    "04-ex3": _diazepam_anxiolysis_day_28,
    "05-ex1": _diazepam_withdrawal_onset_days, "05-ex2": _slower_pace_helps_more_with_the_smaller_final_step,
    "05-fit-onset": _lowest_fitting_slow_time_constant,   # the model's dopamine dip: prediction 05-withdrawal-dopamine
    "06-ex1": _disinhibition_predicted_not_shown, "06-ex2": _source_with_most_equivalents,
    "06-ex3": _drugs_changing_band,
    "07-ex1": _claims_in_the_voltammetry_paragraph, "07-ex2": _midazolam_average_direction,
    "07-ex3": _evidence_behind_supported_claims,
}
# Answers that are a reading of the lesson's own text, not of a model or a table.
READ_FROM_TEXT = {"00-ex1", "02-ex4", "04-ex4"}
# A new lesson's placeholder exercise (from `python -m helpers new-lesson`), until its author writes the real one.
PLACEHOLDERS = {item.id for item in EXERCISES if item.prompt.startswith("TODO")}


def test_every_exercise_is_recomputed_or_read_from_the_lesson_text():
    assert set(COMPUTED) | READ_FROM_TEXT | PLACEHOLDERS == {item.id for item in EXERCISES}


@pytest.mark.parametrize("exercise_id", sorted(COMPUTED))
def test_the_stored_answer_equals_a_fresh_computation(exercise_id):
    item, fresh = exercise(exercise_id), COMPUTED[exercise_id]()
    if item.kind == "number":
        assert abs(float(fresh) - item.answer) <= item.tolerance / 4, (exercise_id, fresh)
        assert item.judge(fresh).status == "right"
    else:
        assert fresh == item.answer


# ---------------------------------------------------------------- verdicts


def test_a_value_within_the_tolerance_is_right_and_says_so():
    item = exercise("04-ex1")
    for value in (item.answer, item.answer + 0.9 * item.tolerance, str(item.answer).replace(".", ",")):
        verdict = item.judge(value)
        assert verdict.status == "right" and verdict.text.startswith("Right.") and item.hints["right"] in verdict.text


def test_a_value_in_the_close_band_is_close_with_the_hint_for_its_side():
    item = exercise("04-ex1")
    low, high = item.judge(item.answer - 0.5), item.judge(item.answer + 0.5)
    assert (low.status, high.status) == ("close", "close")
    assert "a little low" in low.message and item.hints["low"] in low.message
    assert "a little high" in high.message and item.hints["high"] in high.message


def test_a_value_far_off_is_wrong_and_says_too_low_or_too_high():
    item = exercise("04-ex1")
    low, high = item.judge(1.0), item.judge(8.0)
    assert low.status == high.status == "wrong"
    assert low.message.startswith("Yours is too low.") and item.hints["low"] in low.message
    assert high.message.startswith("Yours is too high.") and item.hints["high"] in high.message


def test_a_named_slip_gets_its_own_hint():
    item = exercise("04-ex1")   # 40 h instead of 3.3 half-lives
    assert item.judge(40).message == item.slips[0]["hint"]
    percent = exercise("02-ex3")   # 60 (%) instead of 0.6
    assert "percentage" in percent.judge(60).message


def test_a_factor_of_1000_is_recognised_as_a_unit_slip_either_way():
    item = exercise("02-ex1")
    assert "1000 times" in item.judge(item.answer * 1000).message
    assert "1000th" in item.judge(item.answer / 1000).message
    assert "check the unit" in item.judge(item.answer * 1000).message


def test_an_answer_of_zero_has_no_factor_slips():
    item = exercise("01-ex2")
    assert item.answer == 0 and item.judge(0.3).message.startswith("Yours is too high.")
    assert '"factors": []' in answer_box_html(item), "the handout script judges it the same way"


def test_the_second_wrong_attempt_adds_the_second_hint():
    item = exercise("03-ex3")
    assert item.hints["again"] not in item.judge(0.7, attempt=1).message
    assert item.judge(0.7, attempt=2).message.endswith(item.hints["again"])
    assert item.hints["again"] not in item.judge(item.answer, attempt=3).message


def test_the_unfilled_blank_asks_to_fill_it_in():
    verdict = exercise("04-ex1").judge(...)
    assert verdict.status == "blank" and "Fill in the blank" in verdict.message


@pytest.mark.parametrize("value", ["about three", "", None, [3.3], True, float("nan"), float("inf"), {"a": 1}])
def test_input_that_is_not_a_number_gets_a_clear_message_never_a_traceback(value):
    verdict = exercise("04-ex1").judge(value)
    assert verdict.status == "invalid" and "number" in verdict.message


def test_a_choice_is_matched_without_regard_to_case_spaces_or_a_full_stop():
    item = exercise("06-ex2")
    assert [item.judge(value).status for value in ("Ashton", " ashton. ", "ASHTON")] == ["right"] * 3
    wrong = item.judge("WHO")
    assert wrong.status == "wrong" and wrong.message == item.hints["WHO"]


def test_a_choice_that_is_no_option_lists_the_options():
    verdict = exercise("06-ex2").judge("the guideline")
    assert verdict.status == "invalid" and "“Ashton”, “VA/DoD”, “WHO”" in verdict.message
    assert exercise("00-ex1").judge(5).status == "right", "a sentence number may be typed as a number"


def test_an_unknown_exercise_id_names_the_parameter():
    with pytest.raises(ValueError, match=r"^exercise_id\b"):
        exercise("04-ex99")
    with pytest.raises(ValueError, match=r"^exercise_id\b"):
        exercise("lesson 4")


def test_a_bad_bank_entry_is_refused_with_its_file_and_id(tmp_path):
    path = tmp_path / "bad.yaml"
    entry = {"id": "04-ex1", "exercise": "E", "objective": "o", "prompt": "p", "kind": "number", "answer": 1.0,
             "unit": "h", "tolerance": 0.5, "close": 0.2, "no_code": "n",
             "hints": {"low": "l", "high": "h", "again": "a"}}
    with pytest.raises(ValueError, match=r"bad.yaml, exercise '04-ex1': needs 0 < tolerance < close"):
        exercise_module._exercise_from_entry(entry, path)
    with pytest.raises(ValueError, match=r"hints needs a text for 'again'"):
        exercise_module._exercise_from_entry(entry | {"close": 1.0, "hints": {"low": "l", "high": "h"}}, path)


# ---------------------------------------------------------------- check(): what a notebook cell shows


def test_check_shows_the_verdict_and_counts_wrong_attempts_for_the_second_hint(monkeypatch):
    shown = []
    monkeypatch.delenv("COURSE_HANDOUT", raising=False)
    monkeypatch.setattr(activity_base, "display", lambda output: shown.append(output.data))
    monkeypatch.setattr(exercise_module, "_wrong_attempts", {})
    item = exercise("05-ex1")
    exercise_module.check("05-ex1", ...)
    exercise_module.check("05-ex1", 1.0)
    exercise_module.check("05-ex1", 1.0)
    exercise_module.check("05-ex1", "3.3")
    assert "Fill in the blank" in shown[0] and 'aria-live="polite"' in shown[0]
    assert "too low" in shown[1] and item.hints["again"] not in shown[1]
    assert item.hints["again"] in shown[2]
    assert "<b>Right.</b>" in shown[3] and FEEDBACK_COLOURS["right"] in shown[3]


def test_check_in_a_handout_points_to_the_answer_box_and_never_judges(monkeypatch):
    shown = []
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    monkeypatch.setattr(activity_base, "display", lambda output: shown.append(output.data))
    exercise_module.check("04-ex1", ...)
    assert "answer box" in shown[0] and "Right" not in shown[0]


# ---------------------------------------------------------------- the live answer box


def test_live_answer_box_judges_what_is_typed_when_check_is_clicked():
    box = LiveAnswerBox(exercise("04-ex1"))
    assert box.entry.description == "Your answer (half-lives)" and box.feedback.value == ""
    box.button.click()
    assert "Type a number first" in box.feedback.value
    box.enter("2")
    box.button.click()
    assert "too low" in box.feedback.value and FEEDBACK_COLOURS["wrong"] in box.feedback.value
    box.enter("40")
    box.button.click()
    assert "hours" in box.feedback.value and exercise("04-ex1").hints["again"] in box.feedback.value
    box.enter("3,3")
    box.button.click()
    assert "<b>Right.</b>" in box.feedback.value and 'role="status"' in box.feedback.value


def test_live_answer_box_offers_the_options_of_a_choice():
    box = LiveAnswerBox(exercise("06-ex2"))
    assert list(box.entry.options) == ["Ashton", "VA/DoD", "WHO"]
    box.enter("WHO")
    assert box.check().startswith("Not yet.")
    box.enter("Ashton")
    assert box.check().startswith("Right.")


def test_answer_box_shows_the_live_view_in_jupyterlab_and_the_form_in_a_handout(monkeypatch):
    shown = []
    monkeypatch.setattr(activity_base, "display", shown.append)
    monkeypatch.delenv("COURSE_HANDOUT", raising=False)
    exercise_module.answer_box("04-ex1")
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    exercise_module.answer_box("04-ex1")
    assert "course-exercise" in shown[0]._dom_classes
    assert "<form" in shown[1].data


# ---------------------------------------------------------------- the handout answer box


def test_handout_box_has_a_labelled_number_input_with_the_unit_a_submit_button_and_a_live_region():
    page = answer_box_html(exercise("04-ex1"))
    field = re.search(r'<label for="([\w-]+)">Your answer \(half-lives\)</label> '
                      r'<input type="number" step="any" id="([\w-]+)"', page)
    assert field and field.group(1) == field.group(2)
    assert '<button type="submit">Check</button>' in page and 'aria-live="polite"' in page
    assert "<legend><b>Your answer.</b>" in page and html.escape(exercise("04-ex1").no_code) in page


def test_handout_box_loads_nothing_from_the_network_and_ids_do_not_repeat():
    first, second = answer_box_html(exercise("04-ex1")), answer_box_html(exercise("04-ex1"))
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", first)
    ids = lambda page: set(re.findall(r'id="([^"]+)"', page))  # noqa: E731
    assert not ids(first) & ids(second)


def test_handout_box_of_a_choice_has_one_radio_per_option():
    page = answer_box_html(exercise("07-ex2"))
    assert re.findall(r'<input type="radio" name="[\w-]+" value="([^"]+)">', page) == ["up", "down", "not measured"]


# ---------------------------------------------------------------- in a real Chromium


def _page(body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Check your answer</title></head>'
            f"<body><main><h1>Exercise</h1>{body}</main></body></html>")


@pytest.mark.browser
def test_in_chromium_typing_and_enter_give_the_same_verdicts_as_python(tmp_path, chromium_browser):
    """Keyboard only: Tab to the box, type, Enter; the aria-live region says what :meth:`Exercise.judge` says."""
    from axe_playwright_python.sync_playwright import Axe
    from browser_support import OfflinePage

    number, choice = exercise("04-ex1"), exercise("07-ex2")
    path = tmp_path / "exercise.html"
    path.write_text(_page(answer_box_html(number) + answer_box_html(choice)), encoding="utf-8")
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(path)
        feedback = page.locator(".course-exercise-feedback").first
        page.keyboard.press("Tab")                        # the number box
        page.keyboard.press("Enter")                      # nothing typed yet
        assert "Type a number first" in feedback.inner_text()
        page.keyboard.type("1e")                          # not a number: a message, no verdict, no attempt counted
        page.keyboard.press("Enter")
        assert feedback.inner_text().strip() == exercise_module.NOT_A_NUMBER
        assert feedback.get_attribute("data-status") == "blank"
        for attempt, typed in enumerate(["2", "3.9", "40", "3330", "3.3"], start=1):
            page.keyboard.press("Control+A")
            page.keyboard.type(typed)
            page.keyboard.press("Enter")
            expected = number.judge(float(typed), attempt=attempt)
            assert feedback.inner_text().strip() == expected.text, typed
            assert feedback.get_attribute("data-status") == expected.status
        assert feedback.get_attribute("aria-live") == "polite"

        page.keyboard.press("Tab")                        # the number box's button
        page.keyboard.press("Tab")                        # "Show the worked solution", offered after the attempts
        assert page.locator(".course-exercise-offer").first.evaluate("b => b === document.activeElement")
        page.keyboard.press("Tab")                        # the first option of the choice
        page.keyboard.press("ArrowDown")                  # "down"
        page.keyboard.press("Enter")
        choice_feedback = page.locator(".course-exercise-feedback").nth(1)
        assert choice_feedback.inner_text().strip() == choice.judge("down").text

        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()


def _probe_values(item) -> list[float]:
    """Values that reach every outcome of a number exercise: right, both close sides, each slip, far low and high."""
    middle_of_close_band = (item.tolerance + item.close) / 2
    values = [item.answer, item.answer - middle_of_close_band, item.answer + middle_of_close_band,
              item.answer - 3 * item.close, item.answer + 3 * item.close]
    return values + [item.answer * slip["factor"] for slip in item.all_slips]


@pytest.mark.browser
def test_in_chromium_every_number_exercise_is_judged_as_python_judges_it(tmp_path, chromium_browser):
    from browser_support import OfflinePage

    path = tmp_path / "all.html"
    path.write_text(_page("".join(answer_box_html(item) for item in NUMBER_EXERCISES)), encoding="utf-8")
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(path)
        for index, item in enumerate(NUMBER_EXERCISES):
            box = page.locator("section.course-exercise").nth(index)
            wrong = 0
            for value in _probe_values(item):
                box.locator("input[type=number]").fill(repr(float(value)))
                box.locator("form button[type=submit]").click()
                expected = item.judge(float(value), attempt=wrong + 1)
                wrong += expected.status in ("close", "wrong")
                shown = box.locator(".course-exercise-feedback")
                assert (shown.get_attribute("data-status"), shown.inner_text().strip()) == \
                    (expected.status, expected.text), (item.id, value)
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()


# ---------------------------------------------------------------- the worked solution, after an attempt


def with_solution(exercise_id: str = "04-ex1"):
    import dataclasses

    return dataclasses.replace(exercise(exercise_id), solution="The trough reaches 90 % after **3.3** half-lives.\n\n"
                                                            "```python\nprint(accumulation_ratio(12, 24))\n```")


def test_the_live_solution_opens_only_after_an_attempt(monkeypatch):
    monkeypatch.setattr(exercise_module, "_attempts", {})
    monkeypatch.setattr(exercise_module, "_live_boxes", {})
    box = LiveAnswerBox(with_solution())
    assert not box.solution_offered and box.show_solution() is False and box.solution_area.value == ""
    box.check()                                     # an empty box is not an attempt
    assert not box.solution_offered
    box.enter("1")
    box.check()                                     # a wrong value is: the learner may give up after one
    assert box.solution_offered and box.solution_button.description == "Show the worked solution"
    box.solution_button.click()
    assert "<strong>3.3</strong>" in box.solution_area.value and "accumulation_ratio(12, 24)" in box.solution_area.value
    assert not box.solution_offered


def test_check_in_code_offers_the_solution_in_the_answer_box(monkeypatch):
    monkeypatch.setattr(exercise_module, "_attempts", {})
    monkeypatch.setattr(exercise_module, "_live_boxes", {})
    monkeypatch.setattr(exercise_module, "exercise", lambda _id: with_solution())
    monkeypatch.setattr(activity_base, "display", lambda _output: None)
    box = LiveAnswerBox(with_solution())
    exercise_module.check("04-ex1", ...)            # the blank: not an attempt
    assert not box.solution_offered
    exercise_module.check("04-ex1", 3.3)
    assert box.solution_offered and box.show_solution()


def test_the_handout_hides_the_solution_behind_a_button_that_an_attempt_reveals():
    page = answer_box_html(with_solution())
    block = re.search(r'<div id="([\w-]+)-solution" class="course-exercise-solution course-solution" '
                      r'tabindex="-1" hidden>(.*?)</div>', page, re.S)
    assert block and "<strong>3.3</strong>" in block.group(2)
    assert f'<button type="button" id="{block.group(1)}-offer" class="course-exercise-offer" hidden>' in page
    assert "offer.hidden = false" in page and "solution.hidden = false" in page


@pytest.mark.browser
def test_in_chromium_the_solution_button_appears_after_one_attempt(tmp_path, chromium_browser):
    from browser_support import OfflinePage

    path = tmp_path / "solution.html"
    path.write_text(_page(answer_box_html(with_solution())), encoding="utf-8")
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(path)
        offer, solution = page.locator(".course-exercise-offer"), page.locator(".course-exercise-solution")
        page.locator("form button[type=submit]").click()          # nothing typed: no attempt
        assert offer.is_hidden() and solution.is_hidden()
        page.locator("input[type=number]").fill("1")
        page.locator("form button[type=submit]").click()
        assert offer.is_visible() and solution.is_hidden()
        offer.press("Enter")
        assert solution.is_visible() and "3.3" in solution.inner_text()
        assert offline.console_errors == []
    finally:
        offline.close()
