"""Handout controls for every hand, in a real Chromium: Tab reaches every control and the keys move the plotted
data; controls that work together keep each other's positions; at a 390 px phone viewport nothing of a chart or
its controls is cut off; no page error; axe clean. And the page inlines the basic plotly.js bundle once, or the
full bundle when a chart needs a trace type outside it.

Generic: pages come from notebooks/NN_*.ipynb, built once per session (``built_handouts``); one Chromium serves the
session (``chromium_browser``). Run a few pages at a time: ``-m browser -k 04_``.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.offline
import pytest

from conftest import NOTEBOOKS, ROOT
from helpers.activities.display import chart_html
from helpers.activities.plotlyjs import basic_bundle
from helpers.publish.build import Lesson, render_page

PHONE = (390, 844)
MIN_TARGET_PX = 24
PAGE_BUDGET_MB = 2.5   # the course's budget for one handout page, plotly.js and combined controls included
STUDENT_PAGES = [Lesson(path).student_page for path in NOTEBOOKS]

# The state of one explorer as a learner sees it: the chart's plotted data and the table shown.
EXPLORER_STATE_JS = """root => JSON.stringify({
    data: Array.from(root.querySelectorAll('.js-plotly-plot')).map(gd => gd.data.map(t => ['x', 'y', 'x0', 'dx'].map(
        k => t[k] && (ArrayBuffer.isView(t[k]) || Array.isArray(t[k]) ? Array.from(t[k]) : t[k])))),
    table: Array.from(root.querySelectorAll('[data-variant]:not([hidden])')).map(v => v.innerText)})"""
# Counts the page's chart redraws under way (Plotly.animate after a move, Plotly.Plots.resize after a reveal), so
# that a test waits for the charts to be drawn rather than for a fixed time. Installed once the page has opened.
COUNT_REDRAWS_JS = """() => {
    if (!window.Plotly || window.courseRedraws !== undefined) { return; }
    window.courseRedraws = 0;
    const counted = (owner, name) => { const call = owner[name]; owner[name] = function (...args) {
        window.courseRedraws += 1;
        return Promise.resolve(call.apply(this, args)).finally(() => { window.courseRedraws -= 1; }); }; };
    counted(Plotly, 'animate');
    counted(Plotly.Plots, 'resize'); }"""
# Every chart of the page drawn and no redraw under way.
CHARTS_DRAWN_JS = """() => !window.courseRedraws && [...document.querySelectorAll('.js-plotly-plot')]
    .every(gd => gd._fullLayout && gd.querySelector('svg.main-svg'))"""



# ---------------------------------------------------------------- plotly.js once per page, basic unless needed


def _page_with(fig: go.Figure) -> str:
    import nbformat

    cell = nbformat.v4.new_code_cell("fig.show()", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": chart_html(fig), "text/plain": "Figure"})])
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99 · A synthetic page"), cell])
    return render_page(notebook, Lesson(ROOT / "notebooks" / "99_synthetic.ipynb"), "student")


def test_a_page_of_scatter_and_bar_charts_inlines_the_basic_bundle_once():
    page = _page_with(go.Figure([go.Scatter(x=[0, 1], y=[1, 2]), go.Bar(x=[0, 1], y=[2, 1])]))
    assert page.count(basic_bundle()) == 1 and page.count("plotly.js (basic - minified) v") == 1
    assert page.index(basic_bundle()) < page.index("Plotly.newPlot"), "plotly.js comes before the first chart"


def test_a_page_with_a_trace_type_outside_the_basic_bundle_falls_back_to_the_full_bundle():
    page = _page_with(go.Figure([go.Scatter(x=[0, 1], y=[1, 2]), go.Heatmap(z=[[1, 2], [3, 4]])]))
    assert page.count(plotly.offline.get_plotlyjs()) == 1 and "plotly.js (basic - minified)" not in page


def test_a_page_without_charts_inlines_no_plotly_js():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99 · No chart")])
    page = render_page(notebook, Lesson(ROOT / "notebooks" / "99_synthetic.ipynb"), "student")
    assert "plotly.js" not in page


@pytest.mark.notebook
def test_every_handout_page_stays_within_its_size_budget(built_handouts):
    sizes = {page.name: page.stat().st_size / 1e6 for page in built_handouts.out_dir.glob("*.html")}
    too_big = {name: round(size, 2) for name, size in sizes.items() if size > PAGE_BUDGET_MB}
    assert sizes and max(sizes.values()) <= PAGE_BUDGET_MB, too_big


# ---------------------------------------------------------------- in Chromium


@pytest.fixture
def open_page(chromium_browser):
    """Open a built handout page in a fresh offline context (``viewport`` in px) with every prediction committed."""
    from browser_support import OfflinePage, commit_every_prediction

    opened = []

    def open_(path: Path, viewport=(1100, 900)):
        offline = OfflinePage(chromium_browser, viewport=viewport)
        opened.append(offline)
        page = offline.open(path)
        page.evaluate(COUNT_REDRAWS_JS)
        commit_every_prediction(page)
        _wait_for_charts(page)
        return offline, page

    yield open_
    for offline in opened:
        offline.close()


def _explorers(page):
    """Every handout explorer on the page with its spec (``together``, ``defaults``)."""
    roots = page.locator(".course-explorer")
    return [(roots.nth(i), json.loads(roots.nth(i).locator("script.course-frames").text_content()))
            for i in range(roots.count())]


def _wait_for_charts(page) -> None:
    """Wait until every chart on the page is drawn and no redraw (a move's frame, a reveal's resize) is under way."""
    page.wait_for_function(CHARTS_DRAWN_JS)


def _move(page, control, default: int) -> None:
    """Move a control away from ``default`` with the keyboard: End, or Home where the default is the last position;
    return once the chart shows the new frame."""
    control.focus()
    last = control.evaluate("el => el.tagName === 'SELECT' ? el.options.length - 1 : Number(el.max)")
    page.keyboard.press("Home" if default == last else "End")
    _wait_for_charts(page)


def _shown(spec: dict, inputs) -> str:
    """The precomputed frame (or table number) for the controls' current positions, as stored in the page."""
    key = ",".join(str(_position(inputs.nth(i))) for i in range(inputs.count()))
    return json.dumps(spec["frames"].get(key) if spec["frames"] else spec["tables"][key])


def _position(control) -> int:
    return control.evaluate("el => el.tagName === 'SELECT' ? el.selectedIndex : Number(el.value)")


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("name", STUDENT_PAGES)
def test_tab_reaches_every_handout_control_and_the_keys_change_the_plotted_data(name, open_page, built_handouts):
    offline, page = open_page(built_handouts.out_dir / name)
    controls = page.locator("[data-course-control]")
    wanted = set(controls.evaluate_all("els => els.map(el => el.id)"))
    reached = set()
    page.locator("body").focus()
    for _ in range(1500):
        if wanted <= reached:
            break
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement && document.activeElement.id"))
    assert wanted <= reached, f"{name}: Tab never reaches {sorted(wanted - reached)[:3]}"

    for root, spec in _explorers(page):
        inputs = root.locator("[data-course-control]")
        for index in range(inputs.count()):
            control = inputs.nth(index)
            before, shown_before = root.evaluate(EXPLORER_STATE_JS), _shown(spec, inputs)
            _move(page, control, spec["defaults"][index])
            control_id = control.get_attribute("id")
            assert _position(control) != spec["defaults"][index], f"{name}: the keys did not move {control_id}"
            if _shown(spec, inputs) != shown_before:   # (some settings draw the same chart, e.g. a drug not chosen)
                assert root.evaluate(EXPLORER_STATE_JS) != before, f"{name}: {control_id} changed nothing"
            if control.get_attribute("type") == "range":
                text = control.get_attribute("aria-valuetext")
                assert text == page.locator(f"#{control.get_attribute('id')}-value").inner_text()
                assert text == json.loads(control.get_attribute("data-texts"))[_position(control)]
            control.focus()
            page.keyboard.press("ArrowRight" if _position(control) == 0 else "ArrowLeft")  # arrows move it too
            _wait_for_charts(page)
    assert not offline.console_errors, f"{name}: page errors {offline.console_errors[:3]}"


def _target(spec: dict, index: int, inputs) -> int:
    """Where :func:`_move` takes control ``index``: its last position, or its first where the default is last."""
    last = inputs.nth(index).evaluate("el => el.tagName === 'SELECT' ? el.options.length - 1 : Number(el.max)")
    return 0 if spec["defaults"][index] == last else last


def _telling_pair(spec: dict, inputs):
    """Two controls that work together, A and B, whose moved positions show a chart (or table) that differs from
    A alone moved and from B alone moved: there, a chart that drops either setting shows it. None if no pair does."""
    together = [index for index, flag in enumerate(spec["together"]) if flag]
    shown = spec["frames"] or spec["tables"]
    for a in together:
        for b in (index for index in together if index != a):
            at = {a: _target(spec, a, inputs), b: _target(spec, b, inputs)}
            key = lambda moved: ",".join(str(moved.get(i, d)) for i, d in enumerate(spec["defaults"]))  # noqa: E731
            both, only_a, only_b = (json.dumps(shown[key(m)]) for m in (at, {a: at[a]}, {b: at[b]}))
            if both not in (only_a, only_b):
                return a, b
    return None


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("name", STUDENT_PAGES)
def test_controls_that_work_together_keep_each_others_setting(name, open_page, built_handouts):
    offline, page = open_page(built_handouts.out_dir / name)
    checked = 0
    for root, spec in _explorers(page):
        inputs = root.locator("[data-course-control]")
        pair = _telling_pair(spec, inputs) if sum(spec["together"]) >= 2 else None
        if pair is None:
            continue
        a, b = pair
        _move(page, inputs.nth(a), spec["defaults"][a])
        only_a = root.evaluate(EXPLORER_STATE_JS)
        _move(page, inputs.nth(b), spec["defaults"][b])
        both = root.evaluate(EXPLORER_STATE_JS)
        assert _position(inputs.nth(a)) != spec["defaults"][a], f"{name}: moving B put A back"
        assert both != only_a, f"{name}: moving B did not change the chart"
        inputs.nth(a).evaluate("(el, n) => { if (el.tagName === 'SELECT') { el.selectedIndex = n; } else "
                               "{ el.value = n; } el.dispatchEvent(new Event('input')); }", spec["defaults"][a])
        _wait_for_charts(page)
        assert _position(inputs.nth(b)) != spec["defaults"][b], f"{name}: moving A put B back"
        assert root.evaluate(EXPLORER_STATE_JS) != both, f"{name}: the chart ignored A's setting once B moved"
        checked += 1
    if not checked:
        pytest.skip(f"{name} has no explorer whose controls work together")
    assert not offline.console_errors, f"{name}: page errors {offline.console_errors[:3]}"


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("name", STUDENT_PAGES)
def test_on_a_phone_nothing_of_a_chart_or_its_controls_is_cut_off(name, open_page, built_handouts):
    offline, page = open_page(built_handouts.out_dir / name, viewport=PHONE)
    cut = page.evaluate("""width => {
        const out = [];
        const boxes = [...document.querySelectorAll('.js-plotly-plot svg.main-svg, .course-control > *')];
        boxes.forEach(el => { const r = el.getBoundingClientRect();
            if (r.width && (r.left < -0.5 || r.right > width + 0.5)) {
                out.push(el.id || el.className.baseVal || el.tagName); } });
        return out; }""", PHONE[0])
    assert not cut, f"{name}: cut off at {PHONE[0]} px: {cut[:4]}"
    small = page.evaluate("""min => [...document.querySelectorAll('[data-course-control]')]
        .map(el => el.getBoundingClientRect()).filter(r => r.width < min || r.height < min).length""", MIN_TARGET_PX)
    assert small == 0, f"{name}: {small} controls smaller than {MIN_TARGET_PX} x {MIN_TARGET_PX} px"
    assert not offline.console_errors, f"{name}: page errors {offline.console_errors[:3]}"


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("name", STUDENT_PAGES)
def test_axe_finds_no_serious_problem_with_the_controls_shown(name, open_page, built_handouts):
    from axe_playwright_python.sync_playwright import Axe

    offline, page = open_page(built_handouts.out_dir / name, viewport=PHONE)
    serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"{name}: " + "; ".join(f"{v['id']}: {v['nodes'][0]['html'][:120]}" for v in serious)
    assert not offline.console_errors, f"{name}: page errors {offline.console_errors[:3]}"
