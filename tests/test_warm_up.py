"""Warm-ups drawn from the learner's record: misses first, then due items, then the lesson's prerequisites, then
the fixed draw (helpers.activities.quiz.load_warm_up); never an item that gives a prediction away; the handout's
pool for static/practice.js; static/review.js agrees with helpers/review.py."""

from __future__ import annotations

import datetime
import json
import random
import re
import shutil
import subprocess

import pytest

from helpers import record as learner_record
from helpers.activities import quiz
from helpers.activities.base import STATIC_FOLDER
from helpers.activities.predict import giveaways
from helpers.activities.quiz import LiveQuiz, load_quiz, load_warm_up, warm_up_pool
from helpers.course import lesson, lessons
from helpers.review import due_items, item_states

TODAY = datetime.date(2026, 12, 7)
AFTER_00 = [item.number for item in lessons()][1:]


def answer(item: str, right: bool, day: datetime.date, context: str = "lesson", attempt: int = 0) -> dict:
    """A self-check event as the record holds it, answered at noon UTC on ``day``."""
    return {"lesson": item[:2], "kind": "selfcheck", "item": item, "time": f"{day.isoformat()}T12:00:00Z",
            "course_version": "0.1.0", "source": "live", "answer": 0, "answer_text": "x", "right": right,
            "attempt": attempt, "context": context}


def old_fixed_draw(number: str) -> tuple:
    """The warm-up as it was drawn before the record existed: the seeded shuffle's first three, in bank order."""
    phrases = [phrase.lower() for moment in giveaways(number).values() for phrase in moment]
    earlier = [q for item in lessons() if item.number < number for q in load_quiz(item.number)
               if not any(phrase in quiz._all_text(q).lower() for phrase in phrases)]
    return tuple(earlier[i] for i in sorted(quiz.shown_order(f"warm-up-{number}", len(earlier))[:quiz.WARM_UP_ITEMS]))


@pytest.mark.parametrize("number", AFTER_00)
def test_an_empty_record_gives_the_fixed_draw(number):
    assert load_warm_up(number) == load_warm_up(number, events=[]) == old_fixed_draw(number)


def test_a_record_with_no_self_check_answer_gives_the_fixed_draw():
    prediction = {**answer("03-peak", True, TODAY), "kind": "prediction"}
    assert load_warm_up("04", events=[prediction]) == old_fixed_draw("04")


def test_misses_come_first_then_due_items_then_prerequisites():
    pool = [q.id for q in warm_up_pool("04")]
    missed, due, fresh = (next(i for i in pool if i.startswith(p)) for p in ("00-", "01-", "02-"))
    events = [answer(due, True, TODAY - datetime.timedelta(days=2)),    # box 1, due after a day: due today
              answer(fresh, True, TODAY),                               # box 1, answered today: not due
              answer(missed, True, TODAY - datetime.timedelta(days=5)),
              answer(missed, False, TODAY - datetime.timedelta(days=1))]  # its last first answer: a miss
    drawn = [q.id for q in load_warm_up("04", events=events, today=TODAY)]
    prerequisites = [i for i in pool if i[:2] in lesson("04").prerequisites]
    assert drawn == [missed, due, prerequisites[0]]
    longer = [q.id for q in load_warm_up("04", count=len(pool), events=events, today=TODAY)]
    assert longer[2:2 + len(prerequisites)] == prerequisites, "then the prerequisites, in the pool's order"
    fixed = [q.id for q in old_fixed_draw("04")]
    rest = [i for i in longer[2 + len(prerequisites):]]
    assert rest[:len(set(fixed) - set(longer[:2 + len(prerequisites)]))] == [
        i for i in fixed if i not in longer[:2 + len(prerequisites)]], "then the fixed draw"
    assert sorted(longer) == sorted(pool), "and every item of the pool once"


def test_retries_on_the_same_day_do_not_undo_a_miss():
    item = warm_up_pool("03")[0].id
    events = [answer(item, False, TODAY), answer(item, True, TODAY, attempt=1)]
    assert load_warm_up("03", events=events, today=TODAY)[0].id == item


def test_a_miss_from_this_or_a_later_lesson_is_not_drawn():
    later = [q.id for number in ("03", "05") for q in load_quiz(number)]
    events = [answer(item, False, TODAY) for item in later]
    drawn = load_warm_up("03", events=events, today=TODAY)
    assert all(q.id[:2] < "03" for q in drawn)
    assert [q.id for q in drawn] == [q.id for q in warm_up_pool("03") if q.id[:2] == "02"][:3], "prerequisites"


@pytest.mark.parametrize("number", AFTER_00)
def test_no_warm_up_gives_a_prediction_away_even_when_every_earlier_item_was_missed(number):
    phrases = [phrase.lower() for moment in giveaways(number).values() for phrase in moment]
    everything = [q for item in lessons() if item.number < number for q in load_quiz(item.number)]
    events = [answer(q.id, False, TODAY) for q in everything]
    drawn = load_warm_up(number, count=len(everything), events=events, today=TODAY)
    assert drawn, number
    for question in drawn:
        text = quiz._all_text(question).lower()
        assert not [phrase for phrase in phrases if phrase in text], question.id
    if phrases:
        held_back = [q.id for q in everything if any(p in quiz._all_text(q).lower() for p in phrases)]
        assert not set(held_back) & {q.id for q in drawn}


def test_live_the_warm_up_reads_the_learners_record_and_records_without_restoring():
    item = warm_up_pool("05")[-1]
    assert item not in load_warm_up("05"), "a test needs an item outside the fixed draw"
    learner_record.add_event("selfcheck", item.id[:2], item.id, answer=0, answer_text="x", right=False, attempt=0,
                             context="lesson")
    drawn = load_warm_up("05")
    assert drawn[0] == item and len(drawn) == quiz.WARM_UP_ITEMS
    live = LiveQuiz(drawn, context="warm-up")
    live.choose(0, 0)
    assert learner_record.events("selfcheck", item.id[:2], item.id)[-1]["context"] == "warm-up"
    assert LiveQuiz(drawn, context="warm-up").first_answers == [None] * len(drawn), "a warm-up starts afresh"


def test_the_handout_warm_up_shows_the_fixed_draw_and_hides_the_rest_of_its_pool():
    page = quiz.warm_up_html("04")
    pool, fixed = warm_up_pool("04"), load_warm_up("04", events=[])
    form = re.search(r'<form class="course-quiz"[^>]*>', page).group(0)
    assert f'data-pool="{" ".join(q.id for q in pool)}"' in form
    assert f'data-fixed="{" ".join(q.id for q in fixed)}"' in form and 'data-context="warm-up"' in form
    assert f'data-prerequisites="{" ".join(lesson("04").prerequisites)}"' in form and 'data-count="3"' in form
    shown = re.findall(r'<fieldset data-item="([^"]+)"', page)
    hidden = re.findall(r'<fieldset hidden data-item="([^"]+)"', page)
    assert shown == [q.id for q in fixed] and sorted(shown + hidden) == sorted(q.id for q in pool)
    assert [int(n) for n in re.findall(r"<legend><b>(\d+)\.</b>", page)][:3] == [1, 2, 3]
    assert "window.courseReview" in page and "setupWarmUp" in page


# ---------------------------------------------------------------- review.js is review.py


def random_events(rng: random.Random, items: list[str], count: int) -> list[dict]:
    start = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    events = []
    for _ in range(count):
        when = start + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        event = answer(rng.choice(items), rng.random() < 0.65, when.date(), attempt=rng.choice((0, 0, 1)))
        event["time"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        events.append(event)
    if events:
        events.append({**events[0], "kind": "prediction"})   # other kinds are ignored
    return events


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_review_js_gives_the_same_due_items_as_review_py():
    rng = random.Random(24)
    items = [q.id for number in ("00", "01", "02", "03") for q in load_quiz(number)]
    days = [datetime.date(2026, 10, 1) + datetime.timedelta(days=n) for n in range(0, 120, 1)]
    cases = []
    for size, kinds in ((0, 3), (1, 3), (5, 3), (40, 25), (200, 8), (600, 25), (300, 4)):
        events = random_events(rng, items[:kinds], size)
        for today in days if size >= 200 else days[::10]:
            cases.append({"events": events, "today": today.isoformat(), "python": due_items(events, today)})
    script = ("globalThis.window = {};\n" + (STATIC_FOLDER / "review.js").read_text(encoding="utf-8") +
              "\nconst cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "process.stdout.write(JSON.stringify(cases.map(c => window.courseReview.dueItems(c.events, c.today))));")
    result = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True,
                            check=True, timeout=60)
    from_js = json.loads(result.stdout)
    assert from_js == [case["python"] for case in cases]
    assert any(len(case["python"]) > 3 for case in cases), "the cases hold misses and due items"
    boxes = {state.box for case in cases for state in item_states(case["events"]).values()}
    assert max(boxes) >= 5, "the cases reach every interval of the scheme"
