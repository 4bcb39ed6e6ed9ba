"""The learner's record in JupyterLab's kernel: kept in one file, safe, never lost, never crashing a lesson.

Every test has a fresh record (``conftest.fresh_record``, autouse). The file's rules are in :mod:`helpers.record`;
the handout side is tests/test_handout_record.py; a real JupyterLab restart is tests/test_jupyterlab_record.py.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os

import pytest

from helpers import record, review
from helpers.activities import base
from helpers.activities.exercise import LiveAnswerBox, exercise, load_exercises
from helpers.activities.predict import LivePrediction, load_prediction
from helpers.activities.progress import RecordTools, download_record, lesson_progress
from helpers.activities.quiz import LiveQuiz, core_items
from helpers.course import COURSE_ID, course_version
from helpers.figures.receptor import concentration_response_figure


def _write_events(path: str, writer: int, count: int) -> None:
    os.environ[record.RECORD_ENV] = path
    for number in range(count):
        record.add_event("selfcheck", "01", f"01-w{writer}-{number}", answer=0, right=True, attempt=0)


# ---------------------------------------------------------------- the file


def test_an_answer_is_kept_in_the_file_named_by_the_environment(fresh_record):
    event = record.add_event("exercise", "04", "04-ex1", value="36", status="right", route="box")
    saved = json.loads(fresh_record.read_text(encoding="utf-8"))
    assert saved["course"] == COURSE_ID and saved["events"] == [event]
    assert event["course_version"] == course_version() and event["time"].endswith("Z")
    assert record.events("exercise", "04") == [event]


def test_two_notebooks_writing_at_once_keep_every_answer(fresh_record):
    writers = [multiprocessing.get_context("spawn").Process(target=_write_events, args=(str(fresh_record), w, 25))
               for w in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert all(writer.exitcode == 0 for writer in writers)
    items = [event["item"] for event in record.load_record()["events"]]
    assert len(items) == 100 and len(set(items)) == 100, "no answer of any writer was lost"
    assert not list(fresh_record.parent.glob("*.tmp")), "no temporary file left behind"


@pytest.mark.parametrize("content", ["{\"format\": \"benzo-course-record\", \"eve", "", "[1, 2]",
                                     "{\"format\": \"benzo-course-record\", \"format_version\": 1, "
                                     "\"course\": \"another-course\", \"events\": []}"])
def test_a_corrupt_or_foreign_record_is_set_aside_with_a_message_and_a_new_one_starts(fresh_record, content):
    fresh_record.write_text(content, encoding="utf-8")
    with pytest.warns(record.RecordWarning, match="set aside as .*corrupt"):
        assert record.load_record()["events"] == []
    aside = list(fresh_record.parent.glob("record.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content, "the learner's file is kept"
    record.add_event("selfcheck", "01", "01-x", answer=1, right=False, attempt=0)
    assert len(record.load_record()["events"]) == 1


def test_a_lesson_goes_on_when_the_record_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(record.RECORD_ENV, str(blocker / "record.json"))   # its folder is a file
    with pytest.warns(record.RecordWarning, match="could not be saved"):
        base.record("selfcheck", "01-x", answer=0, right=True, attempt=0)
    assert base.recorded("selfcheck", "01-x") == []


@pytest.mark.parametrize(("data", "reason"), [
    ({"format": "benzo-course-record", "format_version": 1, "course": COURSE_ID, "events": [{"kind": "x"}]},
     "two-digit"),
    ({"format": "benzo-course-record", "format_version": 9, "course": COURSE_ID, "events": []}, "format 9"),
    ({"format": "benzo-course-record", "format_version": 1, "course": COURSE_ID, "events": [[[[[[[1]]]]]]]},
     "deeper"),
])
def test_a_bad_record_is_refused_with_a_one_line_reason(data, reason):
    with pytest.raises(record.RecordError, match=reason) as refused:
        record.parse_record(json.dumps(data), "mine.json")
    assert "\n" not in str(refused.value) and str(refused.value).startswith("mine.json: ")


def test_a_record_of_absurd_size_is_refused_before_it_is_parsed():
    with pytest.raises(record.RecordError, match="larger than"):
        record.parse_record(" " * (record.MAX_BYTES + 1), "huge.json")


def test_add_event_refuses_an_unknown_kind_naming_it():
    with pytest.raises(ValueError, match="kind 'guess'"):
        record.add_event("guess", "01", "01-x")


def test_export_and_clear(fresh_record, tmp_path):
    record.add_event("selfcheck", "01", "01-x", answer=1, right=False, attempt=0)
    copy = download_record(tmp_path)
    assert record.parse_record(copy.read_text(encoding="utf-8"))["events"][0]["item"] == "01-x"
    record.clear_record()
    assert not fresh_record.exists() and record.events() == []
    assert copy.exists(), "clearing the record leaves a downloaded copy alone"


def test_the_record_tools_clear_only_after_a_second_press(fresh_record):
    record.add_event("selfcheck", "01", "01-x", answer=1, right=False, attempt=0)
    tools = RecordTools().live_view()
    download, clear, confirm = tools.children[1].children
    clear.click()
    assert record.events(), "one press asks first"
    confirm.click()
    assert record.events() == []


# ---------------------------------------------------------------- the activities restore what was recorded


def test_a_committed_prediction_comes_back_committed_with_its_chart_and_line():
    prediction = load_prediction("01-ceiling")
    first = LivePrediction(prediction, concentration_response_figure(10.0, 1000.0))
    first.choose(1)
    first.be_sure("guessing")
    first.commit()
    first.explain("The curve flattens.")
    kinds = [event["kind"] for event in record.events(lesson="01")]
    assert kinds == ["prediction", "explanation"]
    committed = record.events("prediction")[0]
    assert committed["response"] == 1 and committed["label"] == prediction.labels[1]
    assert committed["confidence"] == "guessing" and committed["right"] == prediction.is_right(1)

    reopened = LivePrediction(prediction, concentration_response_figure(10.0, 1000.0))
    assert reopened.committed and reopened.explained and reopened.chart is not None
    assert reopened.answer_box.value == 1 and reopened.confidence.value == "guessing"
    assert reopened.line.value == "The curve flattens." and reopened.feedback.value
    assert len(record.events(lesson="01")) == 2, "restoring records nothing again"


def test_a_committed_prediction_without_a_line_comes_back_asking_for_the_line():
    prediction = load_prediction("01-ceiling")
    first = LivePrediction(prediction, concentration_response_figure(10.0, 1000.0))
    first.choose(0)
    first.be_sure("sure")
    first.commit()
    reopened = LivePrediction(prediction, concentration_response_figure(10.0, 1000.0))
    assert reopened.committed and not reopened.explained and reopened.observe_area.children


def test_self_check_answers_come_back_with_the_first_answer_counting():
    questions = core_items("01")
    choice = next(i for i, q in enumerate(questions) if hasattr(q, "options"))
    quiz = LiveQuiz(questions)
    wrong = (questions[choice].answer + 1) % len(questions[choice].options)
    quiz.choose(choice, wrong)
    quiz.choose(choice, questions[choice].answer)   # a retry
    answers = record.events("selfcheck")
    assert [(event["attempt"], event["right"]) for event in answers] == [(0, False), (1, True)]
    assert answers[0]["answer_text"] == questions[choice].options[wrong]

    reopened = LiveQuiz(questions)
    assert reopened.first_answers[choice] == wrong and reopened.retries[choice] == 1 and reopened.locked(choice)
    assert len(record.events("selfcheck")) == 2


def test_a_warm_up_records_but_starts_empty():
    questions = core_items("01")[:1]
    LiveQuiz(questions, context="warm-up").choose(0, 0)
    assert record.events("selfcheck")[0]["context"] == "warm-up"
    assert LiveQuiz(questions, context="warm-up").first_answers == [None]


def test_an_exercise_check_comes_back_in_its_answer_box_with_the_solution_offered():
    item = next(e for e in load_exercises("04") if e.kind == "number" and e.solution)
    box = LiveAnswerBox(item)
    box.enter(item.answer * 3)
    box.check()
    saved = record.events("exercise")[0]
    assert saved["status"] == "wrong" and saved["route"] == "box" and float(saved["value"]) == item.answer * 3
    reopened = LiveAnswerBox(exercise(item.id))
    assert float(reopened.entry.value) == item.answer * 3 and "Not yet" in reopened.feedback.value
    assert reopened.solution_offered


def test_progress_counts_predictions_first_tries_exercises_and_due_items():
    today = datetime.date.today()
    question = core_items("01")[0]
    record.add_event("prediction", "01", "01-ceiling", response=0, label="x", outcome=0, right=False,
                     confidence="sure")
    record.add_event("selfcheck", "01", question.id, answer=0, answer_text="x", right=False, attempt=0,
                     context="lesson")
    record.add_event("exercise", "01", load_exercises("01")[0].id, value="1", status="wrong", route="code")
    row = lesson_progress(record.events(), today)[1]
    assert (row.predictions, row.moments) == (1, 1)
    assert (row.first_try_right, row.answered) == (0, 1)
    assert row.exercises_done == 1 and row.exercises == len(load_exercises("01"))
    assert row.due == 1, "a miss is due at once"


# ---------------------------------------------------------------- the spacing scheme


def _answer(item: str, day: str, right: bool) -> dict:
    return {"kind": "selfcheck", "item": item, "time": f"{day}T10:00:00Z", "right": right, "lesson": "01"}


def test_an_item_climbs_a_box_each_day_its_first_answer_is_right_and_falls_back_on_a_miss():
    events = [_answer("a", "2026-01-01", True), _answer("a", "2026-01-01", False),   # a retry: does not count
              _answer("a", "2026-01-02", True), _answer("b", "2026-01-01", True), _answer("b", "2026-01-03", False)]
    states = review.item_states(events)
    assert (states["a"].box, states["a"].missed) == (2, False)
    assert (states["b"].box, states["b"].missed) == (0, True)
    assert review.due_items(events, datetime.date(2026, 1, 3)) == ["b"], "a miss is due at once; a waits 3 days"
    assert review.due_items(events, datetime.date(2026, 1, 5)) == ["b", "a"]


def test_progress_counts_predictions_not_a_moment_asked_as_self_check_items():
    rows = {row.number: row for row in lesson_progress([])}
    assert rows["07"].moments == 1, "07-grade is a prediction; 07-grading is asked as self-check items"
    assert rows["02"].moments == 2


# ---------------------------------------------------------------- a hand-edited record never crashes a lesson


def _edited(fresh_record, *events: dict) -> None:
    data = record.new_record()
    data["events"] = [{"lesson": e["item"][:2], "time": "2026-12-01T10:00:00Z", "course_version": course_version(),
                       "source": "live", **e} for e in events]
    fresh_record.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("response", ["abc", 9, -1, True, None, [1]])
def test_a_prediction_edited_into_no_answer_starts_afresh_with_a_warning(fresh_record, response):
    _edited(fresh_record, {"kind": "prediction", "item": "01-ceiling", "response": response, "confidence": "sure"})
    with pytest.warns(record.RecordWarning, match="01-ceiling .* could not be shown again"):
        live = LivePrediction(load_prediction("01-ceiling"), concentration_response_figure(10.0, 1000.0))
    assert not live.committed


@pytest.mark.parametrize("answer", ["abc", 99, -1, None, [1, 2]])
def test_a_self_check_answer_edited_into_no_option_starts_afresh_with_a_warning(fresh_record, answer):
    questions = core_items("01")
    _edited(fresh_record, {"kind": "selfcheck", "item": questions[0].id, "answer": answer, "attempt": 0,
                           "context": "lesson"})
    with pytest.warns(record.RecordWarning, match="could not be shown again"):
        quiz = LiveQuiz(questions)
    assert quiz.first_answers[0] is None and not quiz.locked(0)


def test_an_exercise_value_edited_into_nonsense_starts_afresh_with_a_warning(fresh_record):
    item = next(e for e in load_exercises("04") if e.kind == "number")
    _edited(fresh_record, {"kind": "exercise", "item": item.id, "value": ["x"], "status": "right", "route": "box"})
    with pytest.warns(record.RecordWarning, match="could not be shown again"):
        box = LiveAnswerBox(item)
    assert box.entry.value == ""


def test_an_event_with_no_real_time_sets_the_record_aside(fresh_record):
    _edited(fresh_record, {"kind": "selfcheck", "item": "01-x", "answer": 0, "time": "yesterday"})
    with pytest.warns(record.RecordWarning, match="time"):
        assert record.events() == []


def test_a_very_long_text_is_cut_to_the_limit_not_refused():
    event = record.add_event("explanation", "01", "01-ceiling", line="x" * (record.MAX_TEXT + 500))
    assert len(event["line"]) == record.MAX_TEXT
    assert record.parse_record(json.dumps(record.load_record()))


def test_the_browser_keeps_the_same_text_limit():
    script = (base.STATIC_FOLDER / "record.js").read_text(encoding="utf-8")
    assert f"var MAX_TEXT = {record.MAX_TEXT};" in script


def test_a_lesson_without_prediction_moments_shows_a_dash_not_0_of_0():
    rows = {row.number: row for row in lesson_progress([])}
    assert rows["00"].moments == 0 and rows["00"].predictions_text == "–"
    assert rows["01"].predictions_text == "0 of 1"
