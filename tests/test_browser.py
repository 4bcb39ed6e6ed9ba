"""Every handout page in a real Chromium: charts draw, sliders move the data, nothing leaves the page,
no serious accessibility problem, and printed charts fit the page.

Generic: pages come from the course registry's lessons; the pages are built once per session (``built_handouts``)
and one Chromium serves the whole session (``chromium_browser``, see browser_support.py).
"""

from __future__ import annotations

import subprocess

import pytest

from browser_support import OfflinePage, chromium_or_skip, commit_every_prediction
from helpers.course import lessons

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
CHROMIUM = chromium_or_skip()   # no browser: the whole module is skipped with an install hint (fails in CI)

# The names helpers.publish.build gives the pages (a page missing from the build fails the test that opens it).
STUDENT_PAGES = [f"{item.stem}.html" for item in lessons()]
PAGES = [name for item in lessons() for name in (f"{item.stem}.html", f"{item.stem}-instructor.html")] + ["index.html"]
PRINT_COLUMN_PX = 703          # A4 (210 mm) less 2 x 12 mm margins, in CSS px (96 per inch)
SERIOUS = ("serious", "critical")

CHART_STATE_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    svg: gd.querySelectorAll('svg.main-svg').length,
    traces: (gd._fullData || []).length,
    points: (gd._fullData || []).reduce((n, t) => n + ((t.x && t.x.length) || (t.y && t.y.length) || 0), 0),
}))"""

TRACE_DATA = """(gd => JSON.stringify((gd.data || []).map(t => ['x', 'y', 'z', 'x0', 'dx'].map(k =>
    t[k] && (ArrayBuffer.isView(t[k]) ? Array.from(t[k]) : t[k])))))"""
TRACE_DATA_JS = f"gd => {TRACE_DATA}(gd)"
DATA_CHANGED_JS = f"([gd, before]) => {TRACE_DATA}(gd) !== before"
REDRAW_TIMEOUT_MS = 5000

ERROR_TEXT = ("Traceback", "Error:", "NameError", "ModuleNotFoundError")


@pytest.fixture
def offline(chromium_browser):
    page = OfflinePage(chromium_browser)
    yield page
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_draws_every_chart_with_no_error_and_no_request_outside(name, offline, built_handouts):
    page = offline.open(built_handouts.out_dir / name)
    page.wait_for_load_state("networkidle")
    charts = page.evaluate(CHART_STATE_JS)
    for number, chart in enumerate(charts, 1):
        assert chart["svg"] > 0 and chart["traces"] > 0 and chart["points"] > 0, f"{name}: chart {number} is empty"
    text = page.inner_text("body")
    assert not [word for word in ERROR_TEXT if word in text], f"{name} shows error text"
    assert not offline.console_errors, f"{name}: console errors {offline.console_errors[:3]}"
    assert offline.outside_requests == [], f"{name} asked the network for {offline.outside_requests[:3]}"


@pytest.mark.parametrize("name", STUDENT_PAGES)
def test_dragging_each_handout_slider_changes_the_plotted_data(name, offline, built_handouts):
    page = offline.open(built_handouts.out_dir / name)
    commit_every_prediction(page)   # a prediction's chart and controls appear only after the commit
    explorers = page.locator(".course-explorer:has(.js-plotly-plot)")
    for explorer_index in range(explorers.count()):
        explorer = explorers.nth(explorer_index)
        chart = explorer.locator(".js-plotly-plot")
        explorer.scroll_into_view_if_needed()
        sliders = explorer.locator("input[type=range]")
        for slider_index in range(sliders.count()):
            before = chart.evaluate(TRACE_DATA_JS)
            _drag_to_far_end(page, sliders.nth(slider_index))
            assert _changes_within(page, chart, before), \
                f"{name}: dragging slider {slider_index + 1} of explorer {explorer_index + 1} did not change the data"
    assert not offline.console_errors, f"{name}: console errors {offline.console_errors[:3]}"


def _changes_within(page, chart, before: str) -> bool:
    """Whether the chart's data differs from ``before`` within :data:`REDRAW_TIMEOUT_MS`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(DATA_CHANGED_JS, arg=[chart.element_handle(), before], timeout=REDRAW_TIMEOUT_MS)
        return True
    except PlaywrightTimeout:
        return False


def _drag_to_far_end(page, slider) -> None:
    """Press the mouse on the range input's thumb and drag it to the track's far end (whichever is further)."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    fraction = slider.evaluate("el => (el.value - el.min) / (el.max - el.min)")
    left, right = box["x"] + 4, box["x"] + box["width"] - 4
    start_x, y = left + (right - left) * fraction, box["y"] + box["height"] / 2
    target = left if abs(start_x - left) > abs(start_x - right) else right
    page.mouse.move(start_x, y)
    page.mouse.down()
    for step in (0.25, 0.5, 0.75, 1.0):
        page.mouse.move(start_x + (target - start_x) * step, y)
    page.mouse.up()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violation(name, offline, built_handouts):
    from axe_playwright_python.sync_playwright import Axe

    page = offline.open(built_handouts.out_dir / name)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    report = "; ".join(f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['html'][:120]}" for v in serious)
    assert not serious, f"{name}: {report}"


@pytest.mark.parametrize("name", [name for name in PAGES if name != "index.html"])
def test_printed_charts_fit_the_page_width(name, chromium_browser, built_handouts):
    offline = OfflinePage(chromium_browser, viewport=(PRINT_COLUMN_PX, 1000))
    try:
        page = offline.open(built_handouts.out_dir / name)
        page.emulate_media(media="print")
        overflowing = page.evaluate("""limit => Array.from(document.querySelectorAll('.plotly-graph-div svg.main-svg'))
            .map(svg => Math.round(svg.getBoundingClientRect().right)).filter(right => right > limit)""",
                                    PRINT_COLUMN_PX)
        assert not overflowing, f"{name}: printed charts end at {overflowing} px, past the {PRINT_COLUMN_PX} px column"
    finally:
        offline.close()


def test_a_page_prints_to_pdf(chromium_browser, built_handouts, tmp_path):
    from helpers.publish.build import print_pdf

    first = built_handouts.out_dir / STUDENT_PAGES[0]
    pdf = tmp_path / "lesson.pdf"
    print_pdf(first, pdf, CHROMIUM)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and content.count(b"/Type /Page") + content.count(b"/Type/Page") >= 1


def test_chromium_is_stopped_by_process_id():
    """browser_support stops the process group it started (the same code stops the session's Chromium)."""
    from helpers.publish.browser import stop_process_group

    process = subprocess.Popen(["sleep", "60"], start_new_session=True)
    stop_process_group(process)
    assert process.poll() is not None
