"""The learner's record on handout pages: every page names the course, its version and itself, and carries record.js
once, before any activity; student pages and the index offer "Download my record" and "Clear my record"; the index
holds the progress totals from the banks. In a real Chromium: a prediction, a self-check answer and an exercise
check survive a reload and download as a record the class report reads; "My progress" counts them; an entry of
another course version is ignored; instructor pages record nothing.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess

import pytest

from helpers.activities.base import STATIC_FOLDER, page_script
from helpers.activities.exercise import load_exercises
from helpers.activities.predict import prediction_moments
from helpers.activities.quiz import NumberQuestion, OrderingQuestion, core_items, load_quiz, quiz_html
from helpers.course import COURSE_ID, course_version, lesson, lessons
from helpers.publish import build
from helpers.publish.glossary_page import render_glossary_page
from helpers.publish.pages import record_head

RECORD_SCRIPT = page_script("record.js")
LESSON = build.Lesson(lesson("03").notebook)   # a prediction, a lesson self-check and exercise answer boxes
BUTTONS = ("Download my record", "Clear my record")


class _Head(html.parser.HTMLParser):
    """The ``<meta name="course-...">`` elements of a page's ``<head>``, by name."""

    def __init__(self):
        super().__init__()
        self.metas, self.in_head = {}, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.in_head = self.in_head or tag == "head"
        if tag == "meta" and self.in_head and str(attributes.get("name", "")).startswith("course-"):
            self.metas[attributes["name"]] = attributes.get("content")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def course_metas(page: str) -> dict:
    parser = _Head()
    parser.feed(page)
    return parser.metas


def head_of(page: str) -> str:
    return page[:page.index("</head>")]


def tiny_notebook(*outputs: str):
    """A notebook of one code cell showing each HTML string in ``outputs``."""
    import nbformat

    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": markup}) for markup in outputs]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Test"), cell])


# ---------------------------------------------------------------- the markup


def test_record_head_names_the_course_its_version_and_the_page_then_inlines_record_js():
    head = record_head("03_acute_dopamine")
    assert course_metas(f"<head>{head}</head>") == {"course-id": COURSE_ID, "course-version": course_version(),
                                                    "course-page": "03_acute_dopamine"}
    assert head.endswith(RECORD_SCRIPT)
    assert 'name="course-page"' not in record_head(), "a page without a name records nothing"


def test_a_student_page_records_under_its_stem_and_an_instructor_page_records_nothing():
    predict = page_script("predict.js")
    notebook = tiny_notebook(f'<section data-course-activity="predict" id="p1"></section>{predict}')
    student = build.render_page(notebook, LESSON, "student")
    instructor = build.render_page(notebook, LESSON, "instructor")
    assert course_metas(student) == {"course-id": COURSE_ID, "course-version": course_version(),
                                     "course-page": LESSON.stem}
    assert course_metas(instructor) == {"course-id": COURSE_ID, "course-version": course_version()}
    for page in (student, instructor):
        assert page.count(RECORD_SCRIPT) == 1 and RECORD_SCRIPT in head_of(page)
        assert page.index(RECORD_SCRIPT) < page.index('data-course-activity="predict"') < page.index(predict)
    bar = student[student.index('<header class="course-bar"'):student.index("</header>")]
    assert all(re.search(rf'<button data-course-record="{kind}" type="button">{label}</button>', bar)
               for kind, label in zip(("download", "clear"), BUTTONS))
    assert 'href="index.html#course-progress"' in bar
    assert "<button data-course-record" not in instructor, "instructor pages show every answer: nothing to keep"


def test_the_index_names_itself_and_holds_the_progress_totals_from_the_banks():
    built = [build.Lesson(item.notebook) for item in lessons()]
    page = build.render_index(built, {item.stem: item.stem for item in built}, {item.stem: "" for item in built},
                              set())
    assert course_metas(page) == {"course-id": COURSE_ID, "course-version": course_version(), "course-page": "index"}
    assert page.count(RECORD_SCRIPT) == 1 and RECORD_SCRIPT in head_of(page)
    start = page.index('<script type="application/json" id="course-progress-totals">')
    totals = json.loads(page[page.index(">", start) + 1:page.index("</script>", start)])
    assert list(totals) == [item.number for item in lessons()]
    for item in lessons():
        assert totals[item.number] == {
            "moments": list(prediction_moments(item.number)),
            "items": [q.id for q in core_items(item.number) + core_items(item.number, extension=True)],
            "exercises": [exercise.id for exercise in load_exercises(item.number)]}
        assert f'<tr data-lesson="{item.number}">' in page
    progress = page[page.index('<section id="course-progress"'):page.index("</section>", start)]
    assert all(f">{label}</button>" in progress for label in BUTTONS)
    scripts = page[page.index("</section>", start):]
    for name in ("course.js", "progress.js"):
        assert (build.STATIC_DIR / name).read_text(encoding="utf-8") in scripts
    if (STATIC_FOLDER / "review.js").exists():   # the spacing scheme, for the items due
        assert page_script("review.js") in scripts


def test_the_glossary_carries_record_js_and_records_nothing():
    page = render_glossary_page(build.handout_stylesheet())
    assert course_metas(page) == {"course-id": COURSE_ID, "course-version": course_version()}
    assert page.count(RECORD_SCRIPT) == 1 and RECORD_SCRIPT in head_of(page)


def test_number_and_ordering_items_carry_what_the_page_script_needs_to_record_right_or_wrong():
    bank = [question for item in lessons() for question in load_quiz(item.number)]
    number = next(q for q in bank if isinstance(q, NumberQuestion))
    ordering = next(q for q in bank if isinstance(q, OrderingQuestion))
    markup = quiz_html([number, ordering])
    assert (f'<p class="right" data-value="{float(number.value)!r}" data-tolerance="{float(number.tolerance)!r}" '
            f'data-unit="{number.unit}">') in markup
    positions = " ".join(map(str, ordering.right_positions()))
    assert f'<ol class="right" data-positions="{positions}">' in markup


@pytest.mark.notebook
def test_every_built_page_carries_record_js_once_in_its_head(built_handouts):
    pages = [name for names in built_handouts.pages.values() for name in names] + ["index.html", "glossary.html"]
    for name in pages:
        page = (built_handouts.out_dir / name).read_text(encoding="utf-8")
        assert page.count("window.courseRecord = {") == 1 and "window.courseRecord = {" in head_of(page), name
        assert course_metas(page)["course-version"] == course_version(), name


# ---------------------------------------------------------------- the progress counting (node, no browser)

PROGRESS_IN_NODE = """
global.window = {}; global.document = {getElementById: function () { return null; }};
process.argv.slice(1).forEach(function (script) { require(script); });
var input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(window.courseProgress.summary(input.events, input.totals, '1.0', '2026-12-07')));
"""


def event(kind, item, lesson="03", version="1.0", **fields):
    return {"lesson": lesson, "kind": kind, "item": item, "time": "2026-12-07T21:00:00Z", "course_version": version,
            "source": "handout", **fields}


def test_my_progress_counts_first_answers_in_the_lesson_and_only_this_course_version():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    totals = {"03": {"moments": ["03-a", "03-b"], "items": ["03-q1", "03-q2", "03-q3"],
                     "exercises": ["03-ex1", "03-ex2"]}}
    events = [event("prediction", "03-a"), event("prediction", "03-a"), event("explanation", "03-a"),
              event("prediction", "03-b", version="0.9"),                       # another version: ignored
              event("selfcheck", "03-q1", right=False, attempt=0, context="lesson"),
              event("selfcheck", "03-q1", right=True, attempt=1, context="lesson"),   # a retry: not the first try
              event("selfcheck", "03-q2", right=True, attempt=0, context="lesson"),
              event("selfcheck", "03-q3", right=True, attempt=0, context="warm-up", lesson="03"),  # warm-up: no
              event("exercise", "03-ex1", status="wrong"), event("exercise", "03-ex1", status="right")]
    review = STATIC_FOLDER / "review.js"
    scripts = [str(path) for path in (review, build.STATIC_DIR / "progress.js") if path.exists()]
    done = subprocess.run([node, "-e", PROGRESS_IN_NODE, *scripts],
                          input=json.dumps({"events": events, "totals": totals}), capture_output=True, text=True,
                          timeout=60, check=True)
    row = json.loads(done.stdout)["03"]
    due = 1 if review.exists() else None   # 03-q1, missed today ("–" until review.js exists)
    assert row == {"predictions": 1, "moments": 2, "right": 1, "answered": 2, "done": 1, "exercises": 2, "due": due}


# ---------------------------------------------------------------- in a real Chromium


LINE = "The average falls although transients come more often."
STORAGE_KEYS_JS = f"() => Object.keys(localStorage).filter(key => key.startsWith('{COURSE_ID}/record/'))"


@pytest.fixture
def offline(chromium_browser):
    from browser_support import OfflinePage

    page = OfflinePage(chromium_browser)
    yield page
    page.close()


def answer_all_three(page) -> None:
    """On lesson 03's student page: commit the prediction (a wrong option, "sure") and write the line; answer the
    first lesson self-check item (the right option) and put the ordering item in the right order, then retry it in
    the wrong order; check a right value in the 03-ex3 answer box."""
    moment = page.locator("section.course-predict").first
    moment.locator("input[data-role=answer][value='2']").check()
    moment.locator("input[data-role=confidence][value='sure']").check()
    moment.locator("form.course-predict-commit button[type=submit]").press("Enter")
    moment.locator("textarea").fill(LINE)
    moment.locator("form.course-predict-observe button[type=submit]").press("Enter")
    moment.locator(".course-predict-explained:not([hidden])").wait_for(state="attached")
    items = page.locator("form.course-quiz[data-context=lesson] fieldset")
    items.nth(0).locator("label").nth(2).click()
    ordering = items.nth(1)
    positions = ordering.locator("[data-positions]").get_attribute("data-positions").split()
    for menu, position in zip(ordering.locator("select").all(), positions):
        menu.select_option(position)
    ordering.locator("summary").click()
    ordering.get_by_role("button", name="Try again").click()
    for menu, position in zip(ordering.locator("select").all(), reversed(positions)):
        menu.select_option(position)
    ordering.locator("summary").click()
    box = page.locator("section[data-exercise='03-ex3']")
    box.locator("input[type=number]").fill("1.34")
    box.locator("button[type=submit]").press("Enter")


def assert_all_three_restored(page) -> None:
    moment = page.locator("section.course-predict").first
    chosen = moment.locator("input[data-role=answer][value='2']")
    assert chosen.is_checked() and chosen.is_disabled()
    assert moment.locator("input[data-role=confidence][value='sure']").is_checked()
    assert moment.locator(".course-predict-reveal").get_attribute("hidden") is None
    assert moment.locator(".course-predict-reveal .js-plotly-plot").first.bounding_box()["height"] > 100
    assert moment.locator("textarea").input_value() == LINE and moment.locator("textarea").is_disabled()
    assert moment.locator("[data-outcome='2']").is_visible() and not moment.locator("[data-outcome='0']").is_visible()
    items = page.locator("form.course-quiz[data-context=lesson] fieldset")
    item, ordering = items.nth(0), items.nth(1)
    assert item.locator("input[type=radio]").nth(2).is_checked() and item.locator("input").first.is_disabled()
    assert item.locator(".fb.right").is_visible()
    assert item.locator(".course-quiz-note").inner_text().startswith("Your first answer (the one that counts)")
    positions = ordering.locator("[data-positions]").get_attribute("data-positions").split()
    assert [menu.input_value() for menu in ordering.locator("select").all()] == positions[::-1]
    assert ordering.locator("select").first.is_disabled() and ordering.locator("details").get_attribute("open") == ""
    note = ordering.locator(".course-quiz-note").inner_text()
    assert note.startswith("Retry 1:") and f"Your first answer, {', '.join(positions)}, is the one" in note
    box = page.locator("section[data-exercise='03-ex3']")
    assert box.locator("input[type=number]").input_value() == "1.34"
    assert box.locator(".course-exercise-feedback").get_attribute("data-status") == "right"
    assert box.locator(".course-exercise-offer").is_visible(), "the worked solution is offered again"


def _the_class_report_counts(downloaded, outdir) -> None:
    """The downloaded record, handed in, counts in the instructor's class report: one learner, their prediction
    among the class's first commits, their line among the explanations, their first answers in the items' table."""
    from helpers.classroom import make_report
    from helpers.classroom.report import class_report

    outcome = make_report([downloaded], outdir)
    assert len(outcome.reading.records) == 1 and not outcome.reading.skipped
    moment = next(m for m in class_report(outcome.reading).moments if m.moment == "03-average")
    assert moment.learners == 1 and moment.lines == [LINE]
    assert LINE in outcome.page.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.notebook
def test_a_reload_restores_a_prediction_a_self_check_and_an_exercise_which_download_as_a_record(
        offline, built_handouts):
    from helpers.record import parse_record

    page = offline.open(built_handouts.out_dir / LESSON.student_page)
    answer_all_three(page)
    page.reload(wait_until="load")
    assert_all_three_restored(page)
    events = page.evaluate("() => courseRecord.pageEvents()")
    assert [event["kind"] for event in events] == ["prediction", "explanation", *["selfcheck"] * 3, "exercise"], \
        "nothing recorded twice on a reload"
    with page.expect_download() as download:
        page.locator(".course-bar").get_by_role("button", name="Download my record").click()
    record = parse_record(download.value.path().read_text(encoding="utf-8"), download.value.suggested_filename)
    assert {event["kind"] for event in record["events"]} == {"prediction", "explanation", "selfcheck", "exercise"}
    assert {(event["source"], event["course_version"], event["lesson"]) for event in record["events"]} == {
        ("handout", course_version(), "03")}
    prediction, explanation, choice, first, retry, check = record["events"]
    assert (prediction["item"], prediction["response"], prediction["right"], prediction["confidence"]) == (
        "03-average", 2, False, "sure")
    assert (explanation["item"], explanation["line"]) == ("03-average", LINE)
    assert [(e["item"], e["answer"] if e is choice else len(e["answer"]), e["right"], e["attempt"], e["context"])
            for e in (choice, first, retry)] == [("03-half-lives-left", 2, True, 0, "lesson"),
                                                 ("03-chain-order", 4, True, 0, "lesson"),
                                                 ("03-chain-order", 4, False, 1, "lesson")]
    assert (check["item"], check["value"], check["status"], check["route"]) == ("03-ex3", 1.34, "right", "box")
    _the_class_report_counts(download.value.path(), built_handouts.out_dir.parent / "class-report")

    page.goto((built_handouts.out_dir / "index.html").resolve().as_uri(), wait_until="load")
    row = page.locator("#course-progress-table tr[data-lesson='03']")
    shown = {field: row.locator(f"[data-progress={field}]").inner_text() for field in ("predictions", "score",
                                                                                          "exercises")}
    moments, exercises = len(prediction_moments("03")), len(load_exercises("03"))
    assert shown == {"predictions": f"1 of {moments}", "score": "2 of 2", "exercises": f"1 of {exercises}"}
    due = row.locator("[data-progress=due]").inner_text()
    assert due == ("0" if (STATIC_FOLDER / "review.js").exists() else "–"), "both first answers right today: none due"
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.locator("#course-progress").get_by_role("button", name="Clear my record").click()
    assert page.evaluate(STORAGE_KEYS_JS) == []
    assert row.locator("[data-progress=predictions]").inner_text() == f"0 of {moments}"
    assert offline.console_errors == [] and offline.outside_requests == []


@pytest.mark.browser
@pytest.mark.notebook
def test_an_entry_of_another_course_version_is_ignored_and_replaced(offline, built_handouts):
    page = offline.open(built_handouts.out_dir / LESSON.student_page)
    stale = {"course": COURSE_ID, "course_version": "0.0.1", "page": LESSON.stem,
             "events": [event("prediction", "03-average", version="0.0.1", response=0, label="it falls", outcome=0,
                              right=True, confidence="sure")]}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"{COURSE_ID}/record/{LESSON.stem}", json.dumps(stale)])
    page.reload(wait_until="load")
    moment = page.locator("section.course-predict").first
    assert not moment.locator("input[data-role=answer]").first.is_disabled(), "not committed by another version"
    assert moment.locator(".course-predict-reveal").get_attribute("hidden") is not None
    moment.locator("input[data-role=answer][value='1']").check()
    moment.locator("input[data-role=confidence][value='guessing']").check()
    moment.locator("form.course-predict-commit button[type=submit]").press("Enter")
    kept = json.loads(page.evaluate(f"() => localStorage.getItem('{COURSE_ID}/record/{LESSON.stem}')"))
    assert kept["course_version"] == course_version()
    assert [(e["kind"], e["response"]) for e in kept["events"]] == [("prediction", 1)], "the stale entry is replaced"
    assert offline.console_errors == []


@pytest.mark.browser
@pytest.mark.notebook
def test_an_instructor_page_records_nothing(offline, built_handouts):
    from browser_support import commit_every_prediction

    page = offline.open(built_handouts.out_dir / LESSON.instructor_page)
    commit_every_prediction(page)
    page.locator("form.course-quiz[data-context=lesson] fieldset").first.locator("label").first.click()
    assert page.evaluate(STORAGE_KEYS_JS) == []
    assert offline.console_errors == []


@pytest.mark.browser
@pytest.mark.notebook
def test_without_storage_the_record_buttons_say_so(offline, built_handouts):
    offline.context.add_init_script("Object.defineProperty(window, 'localStorage', "
                                    "{get: function () { throw new Error('storage blocked'); }});")
    page = offline.open(built_handouts.out_dir / "index.html")
    for label in BUTTONS:
        button = page.locator("#course-progress").get_by_role("button", name=label)
        assert button.is_disabled() and "unavailable" in button.inner_text()
    assert offline.console_errors == []
