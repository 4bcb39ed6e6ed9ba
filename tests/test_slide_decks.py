"""Every lesson's slide deck in a real Chromium at 1280 x 720, with the network blocked: nothing asked from
outside, no page error, the arrow keys and Space walk every slide, each chart draws inside the slide, body text
is at least 28 px on screen, every chart line has 3:1 contrast on the slide, and axe finds no serious problem.

The decks are built once per session from the handouts' executed notebooks (``built_slides``, tests/conftest.py).
"""

from __future__ import annotations

import pytest

from browser_support import OfflinePage, chromium_or_skip, commit_prediction
from helpers import theme
from helpers.course import lessons

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
chromium_or_skip()   # no browser: the whole module is skipped with an install hint (fails in CI)

DECKS = [f"{item.stem}.html" for item in lessons()]
VIEWPORT = (theme.SLIDE_WIDTH_PX, theme.SLIDE_HEIGHT_PX)
SERIOUS = ("serious", "critical")
EDGE_PX = 1   # rounding of sub-pixel layout
REVEALED_CHART_MIN_PX = theme.SLIDE_HEIGHT_PX / 2   # a chart the room's vote reveals: at least half the slide

READY_JS = "() => window.Reveal && Reveal.isReady()"
POSITION_JS = "() => { const i = Reveal.getIndices(); return [i.h, i.v || 0]; }"
MOVED_JS = "([h, v]) => { const i = Reveal.getIndices(); return i.h !== h || (i.v || 0) !== v; }"

# The current slide: its charts (drawn?, box), its text's smallest size on screen, and how far its content reaches.
SLIDE_STATE_JS = """() => {
    const slide = Reveal.getCurrentSlide(), scale = Reveal.getScale();
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const charts = Array.from(slide.querySelectorAll('.js-plotly-plot')).filter(shown).map(gd => {
        const box = gd.getBoundingClientRect();
        return {box: [box.left, box.top, box.right, box.bottom], traces: (gd._fullData || []).length,
                svg: gd.querySelectorAll('svg.main-svg').length};
    });
    const texts = Array.from(slide.querySelectorAll('p, li, td, th, label, legend, summary, figcaption'))
        .filter(el => shown(el) && el.closest('.js-plotly-plot') === null
                      && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
    const sizes = texts.map(el => [parseFloat(getComputedStyle(el).fontSize) * scale,
                                   el.textContent.trim().slice(0, 60)]);
    sizes.sort((a, b) => a[0] - b[0]);
    let bottom = 0, right = 0;
    for (const el of slide.querySelectorAll('*')) {
        if (!shown(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        bottom = Math.max(bottom, box.bottom); right = Math.max(right, box.right);
    }
    return {charts, smallest: sizes[0] || null, bottom, right, predict: !!slide.querySelector(
        '.course-predict form.course-predict-commit:not([hidden])')};
}"""

LINE_COLOURS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd =>
    (gd._fullData || []).filter(t => t.visible !== false && (t.mode || '').includes('lines'))
        .map(t => (t.line && t.line.color) || null).filter(c => typeof c === 'string'))"""


@pytest.fixture
def deck_page(chromium_browser):
    page = OfflinePage(chromium_browser, viewport=VIEWPORT)
    yield page
    page.close()


def _open(deck_page, built_slides, name, query=""):
    page = deck_page.page
    page.goto((built_slides.out_dir / name).resolve().as_uri() + query, wait_until="load")
    page.wait_for_function(READY_JS, timeout=15_000)
    return page


def _vote_and_commit(page) -> None:
    """What a room does at a prediction moment: the instructor ticks the room's answer and a confidence, commits."""
    commit_prediction(page.locator(".present .course-predict form.course-predict-commit:not([hidden])").first)
    page.locator(".present .course-predict-reveal:not([hidden])").first.wait_for(state="attached")


@pytest.mark.parametrize("name", DECKS)
def test_the_arrow_keys_walk_a_deck_offline_and_every_slide_fits_the_projector(name, deck_page, built_slides):
    page = _open(deck_page, built_slides, name)
    total = page.evaluate("() => Reveal.getTotalSlides()")
    assert total >= 5, f"{name}: only {total} slides"
    seen, problems = [], []
    for step in range(total):
        if step:
            before = page.evaluate(POSITION_JS)
            page.keyboard.press("ArrowRight")
            page.wait_for_function(MOVED_JS, arg=before, timeout=5_000)
        state = page.evaluate(SLIDE_STATE_JS)
        committed = state["predict"]
        if committed:
            _vote_and_commit(page)
            page.wait_for_timeout(300)
            state = page.evaluate(SLIDE_STATE_JS)
        seen.append(tuple(page.evaluate(POSITION_JS)))
        problems += _slide_problems(step + 1, state, committed=committed)
    assert len(set(seen)) == total, f"{name}: the arrow keys reached {len(set(seen))} of {total} slides"
    assert page.evaluate("() => Reveal.isLastSlide()")
    assert not problems, f"{name}: " + "; ".join(problems[:8])
    assert not deck_page.console_errors, f"{name}: page errors {deck_page.console_errors[:3]}"
    assert deck_page.outside_requests == [], f"{name} asked the network for {deck_page.outside_requests[:3]}"


def _slide_problems(number: int, state: dict, *, committed: bool = False) -> list[str]:
    """What is wrong with one slide as projected: a chart not drawn or past the slide, text under the size,
    content past the slide's edges. After a room's vote (``committed``) the revealed chart must be at least
    :data:`REVEALED_CHART_MIN_PX` tall and in view; the line to write and the explanations may scroll under it."""
    width, height = VIEWPORT
    problems = []
    for chart in state["charts"]:
        left, top, right, bottom = chart["box"]
        if not (chart["svg"] and chart["traces"]):
            problems.append(f"slide {number}: a chart did not draw")
        if left < -EDGE_PX or top < -EDGE_PX or right > width + EDGE_PX or bottom > height + EDGE_PX:
            problems.append(f"slide {number}: a chart reaches {[round(v) for v in chart['box']]}")
        if committed and bottom - top < REVEALED_CHART_MIN_PX:
            problems.append(f"slide {number}: the chart the vote revealed is {round(bottom - top)} px tall")
    if state["smallest"] and state["smallest"][0] < theme.SLIDE_TEXT_PX - 0.5:
        problems.append(f"slide {number}: text at {state['smallest'][0]:.1f} px ({state['smallest'][1]!r})")
    if (state["bottom"] > height + EDGE_PX and not committed) or state["right"] > width + EDGE_PX:
        problems.append(f"slide {number}: content reaches {round(state['right'])} x {round(state['bottom'])} px")
    return problems


@pytest.mark.parametrize("name", DECKS[:1])
def test_space_and_the_left_arrow_move_too(name, deck_page, built_slides):
    page = _open(deck_page, built_slides, name)
    page.keyboard.press("Space")
    page.wait_for_function("() => Reveal.getIndices().h + (Reveal.getIndices().v || 0) > 0", timeout=5_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => Reveal.isFirstSlide()", timeout=5_000)


@pytest.mark.parametrize("name", DECKS)
def test_every_chart_line_has_line_contrast_on_the_slide(name, deck_page, built_slides):
    page = _open(deck_page, built_slides, name, "?print-pdf")   # every slide laid out, so every chart drawn
    page.wait_for_timeout(500)
    colours = set(page.evaluate(LINE_COLOURS_JS))
    readable = {colour for colour in colours if colour.startswith("#") or colour in theme.NAMED_COLOURS}
    low = sorted(c for c in readable if theme.contrast_ratio(c, theme.SLIDE_BACKGROUND) < theme.LINE_CONTRAST_MIN)
    assert not low, f"{name}: chart lines under {theme.LINE_CONTRAST_MIN}:1 on the slide: {low}"


@pytest.mark.parametrize("name", [*DECKS, "index.html"])
def test_axe_finds_no_serious_violation(name, deck_page, built_slides):
    from axe_playwright_python.sync_playwright import Axe

    page = deck_page.page
    page.goto((built_slides.out_dir / name).resolve().as_uri() + ("?print-pdf" if name != "index.html" else ""),
              wait_until="load")
    if name != "index.html":
        page.wait_for_function(READY_JS, timeout=15_000)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    report = "; ".join(f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['html'][:120]}" for v in serious)
    assert not serious, f"{name}: {report}"


PRINT_STATE_JS = """() => ({pages: document.querySelectorAll('.pdf-page').length, slides: Reveal.getTotalSlides(),
    predictions: document.querySelectorAll('.course-predict').length,
    reveals: Array.from(document.querySelectorAll('.course-predict-reveal')).filter(
        el => el.getClientRects().length > 0).length})"""


@pytest.mark.parametrize("name", DECKS)
def test_a_printed_deck_hides_every_predictions_answer_and_keeps_one_page_a_slide(name, deck_page, built_slides):
    page = _open(deck_page, built_slides, name, "?print-pdf")
    page.emulate_media(media="print")
    state = page.evaluate(PRINT_STATE_JS)
    assert state["pages"] == state["slides"], f"{name}: {state['pages']} pages for {state['slides']} slides"
    assert state["reveals"] == 0, f"{name}: {state['reveals']} of {state['predictions']} answers print before a vote"
