"""Predict, then observe, then explain: the chart stays hidden until the learner commits, live and in a handout."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from helpers.activities import base as activity_base
from helpers.activities import predict as predict_module
from helpers.activities.chart_widget import CourseChart
from helpers.lessons.l07_fact_check import claims_explorer
from helpers.lessons.l00_start_here import firing_practice_explorer
from helpers.figures.compose import compose_figure
from helpers.theme import FEEDBACK_COLOURS
from helpers.activities.predict import LivePrediction, make_prediction, prediction_html

EXPLANATIONS = {0: "Falls: this is the direct effect on dopamine neurons only.",
                1: "Stays the same: inhibition of inhibitory neurons changes their input.",
                2: "Rises: in the model, the inhibitory neurons are silenced first."}
SUMMARY = "In the model, firing rises from 4 to 6 spikes per second."


def small_figure() -> go.Figure:
    return compose_figure([go.Scatter(x=[0, 1, 2], y=[4, 5, 6], name="firing")], title="Firing",
                          summary=SUMMARY, label="model", x_title="Dose (mg)", y_title="Firing rate (Hz)")


def choice(**changes):
    arguments = dict(options=["falls", "stays the same", "rises"], answer=2, explanations=EXPLANATIONS,
                     explanation="Everyone reads this once the chart is shown.") | changes
    return make_prediction("02-paradox", "What happens to the firing of dopamine neurons?", **arguments)


def number(**changes):
    arguments = dict(answer=9.0, tolerance=1.0, unit="mg",
                     explanations={"low": "Too low: absorption.", "close": "Close.", "high": "Too high: elimination."})
    return make_prediction("04-peak", "What is the peak amount?", **(arguments | changes))


def direction(**changes):
    arguments = dict(kind="direction", answer="up",
                     explanations={"down": "Down: no.", "same": "Same: no.", "up": "Up: yes."})
    return make_prediction("05-swing", "Does the swing grow?", **(arguments | changes))


# ---------------------------------------------------------------- the live view


def committed(prediction, response, reveal=None, level="fairly sure") -> LivePrediction:
    """A live prediction answered (an option index, or text typed into a number box) with a confidence and committed."""
    live = LivePrediction(prediction, reveal or small_figure())
    live.enter(response) if isinstance(response, str) else live.choose(response)
    live.be_sure(level)
    live.commit()
    return live


def test_live_chart_is_absent_until_commit_then_the_learners_line_opens_the_explanations():
    live = LivePrediction(choice(), small_figure())
    assert live.reveal_area.children == () and live.chart is None
    live.choose(0)
    live.be_sure("sure")
    assert live.reveal_area.children == (), "choosing alone reveals nothing"
    assert live.commit() is True
    assert isinstance(live.chart, CourseChart) and live.chart in live.reveal_area.children
    assert list(live.chart.shown().data[0].y) == [4, 5, 6]
    revealed = " ".join(child.value for child in live.reveal_area.children if hasattr(child, "value"))
    assert SUMMARY in revealed
    assert live.feedback.value == "" and live.explanation_area.children == (), \
        "the chart first: explanations wait for the learner's own line"
    assert live.line in live.observe_area.children
    feedback = live.explain("The rate goes up as the dose rises.")
    assert feedback.endswith(EXPLANATIONS[0]) and "the chart shows “rises”" in feedback
    assert EXPLANATIONS[0] in live.feedback.value and FEEDBACK_COLOURS["wrong"] in live.feedback.value
    explained = live.explanation_area.children[0].value
    assert "Everyone reads this" in explained
    assert all(text in explained for text in EXPLANATIONS.values()), "every explanation is there for everyone"
    assert live.line.disabled and live.explained


def test_live_explanations_wait_for_a_line_that_is_not_empty():
    live = committed(choice(), 2)
    assert live.explain("   ") == "" and "one line" in live.status.value and live.explanation_area.children == ()
    assert "that is what the chart shows" in live.explain("It rises.")


def test_live_commit_locks_the_prediction_and_its_confidence():
    live = committed(choice(), 2, level="guessing")
    assert live.answer_box.disabled and live.confidence.disabled and live.commit_button.disabled
    assert live.confidence.value == "guessing"
    live.explain("It rises.")
    assert FEEDBACK_COLOURS["right"] in live.feedback.value


def test_live_commit_without_a_prediction_or_a_confidence_asks_for_it_and_reveals_nothing():
    live = LivePrediction(choice(), small_figure())
    assert live.commit() is False
    assert "Choose an option first" in live.status.value and live.reveal_area.children == ()
    live.choose(1)
    assert live.commit() is False
    assert "how sure you are" in live.status.value and live.reveal_area.children == ()
    assert live.explain("too early") == "" and live.feedback.value == ""


def test_the_buttons_act_as_the_learner_clicks_them():
    live = LivePrediction(choice(), small_figure())
    live.choose(1)
    live.be_sure("sure")
    live.commit_button.click()
    assert live.chart is not None and live.feedback.value == ""
    live.line.value = "Nothing changes."
    live.explain_button.click()
    assert EXPLANATIONS[1] in live.feedback.value


@pytest.mark.parametrize(("typed", "expected"), [("7.5", "Too low"), ("9,6", "Close."), ("12", "Too high")])
def test_live_number_prediction_is_judged_with_its_tolerance(typed, expected):
    live = committed(number(), typed)
    assert live.chart is not None and expected in live.explain("A peak near the start.")


def test_live_number_prediction_refuses_text_that_is_not_a_number():
    live = LivePrediction(number(), small_figure())
    live.enter("about ten")
    live.be_sure("sure")
    assert live.commit() is False and "Type a number first" in live.status.value and live.chart is None


def test_live_direction_prediction_offers_three_directions():
    live = LivePrediction(direction(), small_figure())
    assert [label for label, _ in live.answer_box.options] == ["falls", "stays about the same", "rises"]
    assert list(live.confidence.options) == ["sure", "fairly sure", "guessing"]
    live.choose(1)
    live.be_sure("sure")
    live.commit()
    assert live.explain("It grows.").endswith("Same: no.")


def test_live_explorer_is_revealed_as_its_live_view():
    live = LivePrediction(direction(), firing_practice_explorer())
    assert live.reveal_area.children == ()
    live.choose(2)
    live.be_sure("sure")
    live.commit()
    assert isinstance(live.chart, CourseChart) and "course-explorer" in live.reveal_area.children[-1]._dom_classes


# ---------------------------------------------------------------- the handout view


def reveal_block(page: str) -> str:
    return re.search(r'<div id="[\w-]+-reveal" class="course-predict-reveal" hidden>(.*)</div>'
                     r'<form id="[\w-]+-observe"', page, re.S).group(1)


def explained_block(page: str) -> str:
    return re.search(r'<div id="[\w-]+-explained" class="course-predict-explained" hidden>(.*)</div></section>',
                     page, re.S).group(1)


def test_handout_hides_the_chart_and_its_summary_until_commit():
    page = prediction_html(choice(), small_figure())
    before, block = page.split('class="course-predict-reveal" hidden>', 1)
    assert "plotly-graph-div" not in before and SUMMARY not in before
    assert "plotly-graph-div" in block and SUMMARY in block


def test_handout_has_a_labelled_form_with_radio_inputs_a_confidence_and_a_submit_button():
    page = prediction_html(choice(), small_figure())
    assert page.count("<fieldset") == 2 and "<legend><b>Predict first.</b> What happens" in page
    assert len(re.findall(r'<label[^>]*><input type="radio"[^>]*data-role="answer"[^>]*> [^<]+</label>', page)) == 3
    assert "<legend>How sure are you?</legend>" in page
    assert re.findall(r'data-role="confidence" value="([^"]+)"', page) == ["sure", "fairly sure", "guessing"]
    assert '<button type="submit">Commit my prediction</button>' in page
    assert 'aria-live="polite"' in page and 'role="status"' in page


def test_handout_asks_for_the_learners_line_after_the_chart_and_before_the_explanations():
    page = prediction_html(choice(), small_figure())
    chart, line, explained = (page.index('class="course-predict-reveal"'), page.index("<textarea"),
                              page.index('class="course-predict-explained"'))
    assert chart < line < explained
    observe = re.search(r'<form id="([\w-]+)-observe" class="course-predict-observe" hidden novalidate>'
                        r'<label for="([\w-]+)">', page)
    assert observe and observe.group(2) == observe.group(1) + "-line"
    assert '<button type="submit">Show the explanation</button>' in page
    assert "missingLine" in page and "line.value.trim()" in page


def test_handout_holds_one_hidden_feedback_per_option_and_every_explanation_in_the_reveal():
    page = prediction_html(choice(), small_figure())
    feedback = re.findall(r'<div data-outcome="(\d)" hidden>(.*?)</div>', page)
    assert [index for index, _ in feedback] == ["0", "1", "2"]
    assert all(EXPLANATIONS[int(index)] in text for index, text in feedback)
    assert FEEDBACK_COLOURS["right"] in feedback[2][1] and FEEDBACK_COLOURS["wrong"] in feedback[0][1]
    block = explained_block(page)
    assert all(text in block for text in EXPLANATIONS.values()) and "Everyone reads this" in block
    assert "Everyone reads this" not in reveal_block(page), "the chart alone first"


def test_handout_script_reveals_on_submit_and_redraws_the_charts():
    page = prediction_html(choice(), small_figure())
    assert all(text in page for text in ('addEventListener("submit"', "reveal.hidden = false",
                                         "explained.hidden = false"))
    assert ".course-predict-reveal[hidden] { display: block !important; visibility: hidden;" in page, \
        "laid out out of sight, so plotly draws it at its size"
    assert "Plotly.Plots.resize" in page and "requestSubmit" in page


def test_handout_number_prediction_has_a_labelled_number_input_and_its_tolerance():
    page = prediction_html(number(), small_figure())
    field = re.search(r'<label for="([\w-]+)">Your prediction \(mg\)</label> '
                      r'<input type="number" step="any" id="([\w-]+)"', page)
    assert field and field.group(1) == field.group(2)
    assert '"answer": 9.0' in page and '"tolerance": 1.0' in page


def test_handout_loads_nothing_from_the_network():
    page = prediction_html(choice(), small_figure())
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page)
    assert "cdn" not in page.lower()


def test_handout_chart_is_drawn_at_its_first_frame_not_played_through():
    page = prediction_html(choice(), firing_practice_explorer())
    assert "Plotly.addFrames" not in page and 'class="course-frames"' in page, "frames wait for a control to move"


def test_handout_explorer_with_a_table_keeps_its_controls_and_tables_inside_the_hidden_block():
    block = reveal_block(prediction_html(direction(), claims_explorer()))
    assert "<select" in block and "course-explorer-tables" in block


def test_handouts_on_one_page_do_not_share_ids():
    ids = lambda page: set(re.findall(r'id="([^"]+)"', page))  # noqa: E731
    first, second = prediction_html(choice(), small_figure()), prediction_html(choice(), small_figure())
    assert not {i for i in ids(first) if i.startswith("course-predict")} & ids(second)


def test_predict_shows_the_handout_view_in_handout_mode(monkeypatch):
    shown = []
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    monkeypatch.setattr(activity_base, "display", shown.append)
    predict_module.show_prediction(choice(), small_figure())
    assert len(shown) == 1 and 'class="course-predict-reveal" hidden' in shown[0].data


def test_predict_leaves_plotly_js_to_the_page_builder(monkeypatch):
    shown = []
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    monkeypatch.setattr(activity_base, "display", lambda output: shown.append(output.data))
    predict_module.show_prediction(choice(), small_figure())
    assert len(shown) == 1 and "Plotly.newPlot" in shown[0] and "plotly.js v" not in shown[0]
    assert 'data-trace-types="scatter"' in shown[0], "the page builder picks the bundle from the trace types"


def test_predict_shows_the_live_view_in_jupyterlab(monkeypatch):
    shown = []
    monkeypatch.delenv("COURSE_HANDOUT", raising=False)
    monkeypatch.setattr(activity_base, "display", shown.append)
    predict_module.show_prediction(choice(), small_figure())
    assert len(shown) == 1 and "course-predict" in shown[0]._dom_classes


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(("build", "parameter"), [
    (lambda: choice(answer=3), "answer"),
    (lambda: choice(answer=-1), "answer"),
    (lambda: choice(answer=True), "answer"),
    (lambda: choice(explanations={0: "a", 2: "c"}), "explanations"),
    (lambda: choice(explanations={0: "a", 1: "b", 2: "c", 3: "d"}), "explanations"),
    (lambda: choice(explanations={0: "a", 1: " ", 2: "c"}), "explanations"),
    (lambda: choice(options=["only one"], answer=0, explanations={0: "a"}), "options"),
    (lambda: choice(options="falls", answer=0), "options"),
    (lambda: choice(kind="guess"), "kind"),
    (lambda: choice(tolerance=1.0), "tolerance"),
    (lambda: number(tolerance=None), "tolerance"),
    (lambda: number(tolerance=0), "tolerance"),
    (lambda: number(answer=float("nan")), "answer"),
    (lambda: number(explanations={"low": "a", "close": "b"}), "explanations"),
    (lambda: direction(answer="sideways"), "answer"),
    (lambda: direction(options=["lower", "higher"]), "options"),
    (lambda: make_prediction("Lesson 2!", "Q?", options=["a", "b"], answer=0, explanations={0: "a", 1: "b"}),
     "moment"),
    (lambda: make_prediction("02-q", " ", options=["a", "b"], answer=0, explanations={0: "a", 1: "b"}), "prompt"),
])
def test_bad_arguments_raise_value_error_naming_the_parameter(build, parameter):
    with pytest.raises(ValueError, match=rf"^{parameter}\b"):
        build()


def test_reveal_must_be_a_figure_or_an_explorer(monkeypatch):
    monkeypatch.setattr(activity_base, "display", lambda _: None)
    with pytest.raises(ValueError, match=r"^reveal\b"):
        predict_module.show_prediction(choice(), pio.to_json(small_figure()))


# ---------------------------------------------------------------- the prediction bank

BANK_ENTRY = """
- moment: 02-paradox
  objective: Explain the paradox.
  prompt: What happens to firing?
  options: [falls, rises]
  answer: 1
  explanations: {0: "No: ...", 1: "Yes: ..."}
  explanation: In the model, ...
- moment: 02-swing
  prompt: Does the swing grow?
  kind: direction
  answer: up
  explanations: {down: "d", same: "s", up: "u"}
"""


@pytest.fixture
def bank(tmp_path, monkeypatch):
    """A temporary data folder whose prediction bank holds lesson 02's file only."""
    monkeypatch.setattr(activity_base, "DATA_FOLDER", tmp_path)
    (tmp_path / predict_module.BANK_FOLDER).mkdir()
    predict_module.load_predictions.cache_clear()
    activity_base.load_bank.cache_clear()
    yield predict_module.prediction_file("02")
    predict_module.load_predictions.cache_clear()
    activity_base.load_bank.cache_clear()


def test_predict_takes_the_question_and_answer_from_the_bank_by_moment_id(bank, monkeypatch):
    bank.write_text(BANK_ENTRY, encoding="utf-8")
    shown = []
    monkeypatch.setenv("COURSE_HANDOUT", "1")
    monkeypatch.setattr(activity_base, "display", shown.append)
    predict_module.predict("02-paradox", reveal=small_figure())
    assert "What happens to firing?" in shown[0].data
    assert predict_module.load_prediction("02-swing").labels == predict_module.DIRECTION_LABELS


@pytest.mark.parametrize(("entry", "message"), [
    ("- {moment: 03-x, prompt: 'Q?', options: [a, b], answer: 0, explanations: {0: a, 1: b}}", "lesson number"),
    ("- {moment: 02-x, prompt: 'Q?', options: [a, b], answer: 5, explanations: {0: a, 1: b}}", "02-x.*answer"),
    ("- {moment: 02-x, prompt: 'Q?', options: [a, b], answer: 0, explanations: {0: a, 1: b}, colour: red}",
     "02-x.*colour"),
])
def test_a_bad_bank_entry_is_refused_naming_the_file_and_the_moment(bank, entry, message):
    bank.write_text(entry, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{bank.name}.*{message}"):
        predict_module.load_predictions("02")


def test_an_unknown_moment_is_refused_listing_the_lessons_moments(bank):
    bank.write_text(BANK_ENTRY, encoding="utf-8")
    with pytest.raises(ValueError, match=r"'02-nothing' is not in .*'02-paradox', '02-swing'"):
        predict_module.load_prediction("02-nothing")


# ---------------------------------------------------------------- in a real Chromium


@pytest.mark.browser
def test_in_chromium_the_chart_appears_drawn_only_after_a_keyboard_commit(tmp_path, chromium_browser):
    """Uses the session's one Chromium (``chromium_browser``): a second Playwright in one process fails."""
    from axe_playwright_python.sync_playwright import Axe
    from browser_support import OfflinePage

    page_path = tmp_path / "predict.html"
    # An explorer's handout chart with its native controls, drawn while out of sight.
    page_path.write_text(standalone_page(prediction_html(choice(), firing_practice_explorer())), encoding="utf-8")
    offline = OfflinePage(chromium_browser)
    try:
        page = offline.open(page_path)
        chart, summary = page.locator(".js-plotly-plot"), page.locator(".figure-summary")
        assert chart.count() == 1 and chart.is_hidden() and summary.is_hidden()

        page.keyboard.press("Tab")              # the first option
        page.keyboard.press("Tab")              # the confidence
        page.keyboard.press("Tab")              # the button
        page.keyboard.press("Space")            # commit with nothing chosen: a note, nothing revealed
        assert "Choose an option first" in page.locator("[role=status]").inner_text() and chart.is_hidden()

        page.keyboard.press("Shift+Tab")        # the confidence
        page.keyboard.press("Shift+Tab")        # back to the options
        page.keyboard.press("ArrowDown")        # "stays the same"
        page.keyboard.press("ArrowDown")        # "rises"
        page.keyboard.press("Enter")            # commit without a confidence: a note, nothing revealed
        assert "how sure you are" in page.locator("[role=status]").inner_text() and chart.is_hidden()
        page.keyboard.press("Tab")              # the confidence
        page.keyboard.press("Space")            # "sure"
        page.keyboard.press("Enter")            # commit
        assert chart.is_visible() and summary.is_visible()
        drawn = chart.evaluate("gd => ({svg: gd.querySelectorAll('svg.main-svg').length, "
                               "traces: gd._fullData.length, width: gd.getBoundingClientRect().width})")
        assert drawn["svg"] > 0 and drawn["traces"] > 0 and drawn["width"] >= 700, drawn
        assert page.locator(".course-explorer input[type=range]").first.is_visible()
        assert page.locator(".course-predict-feedback [data-outcome]:visible").count() == 0, "the line first"
        assert page.locator("input[data-role=answer]:checked").get_attribute("value") == "2"
        assert page.locator("form.course-predict-commit button").is_disabled()

        line = page.locator("form.course-predict-observe textarea")
        line.focus()
        page.keyboard.type("The rate goes up.")
        page.keyboard.press("Tab")              # the "Show the explanation" button
        page.keyboard.press("Enter")
        shown_feedback = page.locator(".course-predict-feedback [data-outcome]:visible")
        assert shown_feedback.count() == 1 and EXPLANATIONS[2] in shown_feedback.inner_text()
        assert line.is_disabled()

        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == []
        assert offline.console_errors == [] and offline.outside_requests == []
    finally:
        offline.close()


def standalone_page(body: str) -> str:
    """A page like a handout's: plotly.js inlined once in the head, then the prediction."""
    from plotly.offline import get_plotlyjs

    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Predict, then see</title>'
            f"<script>{get_plotlyjs()}</script></head><body><main><h1>Prediction</h1>{body}</main></body></html>")
