"""A handout page carries each activity script once, however many activities it shows."""

from helpers.activities.base import page_script
from helpers.publish.build import ACTIVITY_SCRIPTS, _activity_scripts_once


def test_every_activity_script_is_known_to_the_page_builder():
    assert {page_script(name) for name in ("explorer.js", "predict.js", "exercise.js")} <= set(ACTIVITY_SCRIPTS)


def test_the_first_output_keeps_its_script_and_later_ones_drop_theirs():
    explorer, predict = page_script("explorer.js"), page_script("predict.js")
    seen = set()
    first = _activity_scripts_once(f"<div>chart 1</div>{explorer}", seen)
    second = _activity_scripts_once(f"<div>chart 2</div>{explorer}", seen)
    third = _activity_scripts_once(f"<div>moment</div>{predict}", seen)
    assert first == f"<div>chart 1</div>{explorer}"
    assert second == "<div>chart 2</div>"
    assert third == f"<div>moment</div>{predict}"
    assert _activity_scripts_once("<p>no activity</p>", seen) == "<p>no activity</p>"
