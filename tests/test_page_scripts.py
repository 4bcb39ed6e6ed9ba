"""A handout page carries each activity script once, after the last activity of its kind."""

from helpers.activities.base import page_script
from helpers.publish.build import ACTIVITY_SCRIPTS, _activity_scripts_once


def test_every_activity_script_is_known_to_the_page_builder():
    assert {page_script(name) for name in ("explorer.js", "predict.js", "exercise.js")} <= set(ACTIVITY_SCRIPTS)


def test_an_output_drops_the_scripts_a_later_output_carries():
    explorer, predict = page_script("explorer.js"), page_script("predict.js")
    seen = set()
    first = _activity_scripts_once(f"<div>chart 1</div>{explorer}", seen)
    second = _activity_scripts_once(f"<div>chart 2</div>{explorer}", seen)
    third = _activity_scripts_once(f"<div>moment</div>{predict}", seen)
    assert first == f"<div>chart 1</div>{explorer}"
    assert second == "<div>chart 2</div>"
    assert third == f"<div>moment</div>{predict}"
    assert _activity_scripts_once("<p>no activity</p>", seen) == "<p>no activity</p>"


def test_a_built_page_keeps_the_last_copy_of_each_script_after_every_activity_of_its_kind():
    import nbformat

    from helpers.course import lessons
    from helpers.publish.build import Lesson, render_page

    def output(html):
        return nbformat.v4.new_output("display_data", data={"text/html": html})

    explorer, predict = page_script("explorer.js"), page_script("predict.js")
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [output(f'<div data-course-activity="explorer" id="e1"></div>{explorer}'),
                    output(f'<div data-course-activity="predict" id="p1"></div>{predict}'),
                    output(f'<div data-course-activity="explorer" id="e2"></div>{explorer}')]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Test"), cell])
    page = render_page(notebook, Lesson(lessons()[1].notebook), "student")
    assert page.count(explorer) == 1 and page.count(predict) == 1
    assert page.index('id="e2"') < page.index(explorer)
    assert page.index('id="p1"') < page.index(predict)
