"""The course chart widget in a real JupyterLab: plotly.js reaches the page once, whatever happens after.

One JupyterLab page, three scenes a class meets: a notebook with three explorers (Run All), the same notebook
after Kernel > Restart Kernel and Run All, and a second notebook opened beside it. Every chart must draw the
explorer's figure and follow the keyboard, while the page asks its kernels for plotly.js once in all (the
``bundle-request`` custom messages are counted on the websocket). The notebook saved with its widget state
must hold no plotly.js. The lesson-by-lesson run is tests/test_jupyterlab.py; timings are in tests/bench.
"""

from __future__ import annotations

import json
import shutil

import pytest

from browser_support import chromium_or_skip
from conftest import explorers
from helpers.activities.explorer import Dropdown
from lab_support import SERVER_START_TIMEOUT_S, VISIBLE_PANEL, accept_dialogs, menu, run_all_cells, running_lab
from lab_support import shut_down_kernels, wait_for_the_kernel
from test_jupyterlab import _explorer_name, _expected, _move_one_control_and_check_the_chart, _save, _wait_for_outputs

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
chromium_or_skip()

FIRST = ["helpers.lessons.l03_acute_dopamine.dose_chain_explorer",
         "helpers.lessons.l01_gaba_a_receptor.chloride_explorer", "helpers.lessons.l05_withdrawal.taper_explorer"]
SECOND = ["helpers.lessons.l00_start_here.firing_practice_explorer"]
PLOTLY_JS_SIGNATURE = "Copyright 2012-2026, Plotly, Inc."
# Widget state saved with the notebook: JupyterLab's widget manager setting "save widget state".
SAVE_WIDGET_STATE = {"@jupyter-widgets/jupyterlab-manager/plugin": {"saveState": True}}
MAX_SAVED_BYTES = 1_500_000   # three explorers' figures and controls; one plotly.js alone would be 1.2-4.8 MB


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    import nbformat

    from bench.jupyterlab import scratch_notebook

    work = tmp_path_factory.mktemp("jupyterlab-charts")
    root = work / "notebooks"
    root.mkdir()
    nbformat.write(scratch_notebook(FIRST), root / "first.ipynb")
    nbformat.write(scratch_notebook(SECOND), root / "second.ipynb")
    for plugin, values in SAVE_WIDGET_STATE.items():
        settings = work / "settings" / f"{plugin}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values))
    with running_lab(root, work) as server:
        yield server
    shutil.rmtree(work, ignore_errors=True)


def _page_counting_bundle_requests(chromium_browser):
    """A fresh context and page, and a list that grows by one for each plotly.js request the page sends."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests = []
    page.on("websocket", lambda socket: socket.on(
        "framesent", lambda payload: requests.append(1) if "bundle-request" in _text(payload) else None))
    return context, page, requests


def test_plotly_js_reaches_the_page_once_for_many_charts_a_kernel_restart_and_a_second_notebook(lab, chromium_browser):
    context, page, requests = _page_counting_bundle_requests(chromium_browser)
    try:
        page.goto(lab.notebook_url("first.ipynb"))
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
        wait_for_the_kernel(page)
        run_all_cells(page)
        _every_explorer_draws_and_follows_the_keyboard(page, "first.ipynb", len(FIRST))
        assert len(requests) == 1, f"three charts asked for plotly.js {len(requests)} times"

        _save(page, lab.root / "first.ipynb")
        saved = (lab.root / "first.ipynb").read_text()
        assert "application/vnd.jupyter.widget-state+json" in saved, "the widget state was saved"
        assert PLOTLY_JS_SIGNATURE not in saved and len(saved) < MAX_SAVED_BYTES, f"{len(saved)} bytes saved"

        first_chart = page.locator(f"{VISIBLE_PANEL} .course-explorer").first.element_handle()
        menu(page, "Kernel", "Restart Kernel and Run All Cells")
        accept_dialogs(page)
        # Running the first cell again clears its output: the old chart leaves the page.
        page.wait_for_function("chart => !chart.isConnected", arg=first_chart, timeout=SERVER_START_TIMEOUT_S * 1000)
        wait_for_the_kernel(page)
        _every_explorer_draws_and_follows_the_keyboard(page, "first.ipynb after a restart", len(FIRST))
        assert len(requests) == 1, "after a kernel restart the page still had plotly.js"

        page.locator(".jp-DirListing-item", has_text="second.ipynb").first.dblclick()
        page.wait_for_selector(f"{VISIBLE_PANEL} .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
        wait_for_the_kernel(page)
        run_all_cells(page)
        _every_explorer_draws_and_follows_the_keyboard(page, "second.ipynb beside the first", len(SECOND))
        assert len(requests) == 1, "a second notebook in the same page asked for plotly.js again"
    finally:
        context.close()
        shut_down_kernels(lab)


def test_a_chart_draws_and_redraws_in_notebook_7(lab, chromium_browser):
    pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install -e '.[test]')")
    context, page, requests = _page_counting_bundle_requests(chromium_browser)
    try:
        page.goto(f"{lab.url}/notebooks/second.ipynb?token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
        accept_dialogs(page)
        run_all_cells(page)   # no kernel status in Notebook 7's page: Run All is repeated until cells start
        view = page.locator(".course-explorer").first
        explorer = explorers()[_explorer_name(view)]
        _wait_for_outputs(page, view, _expected(explorer), f"Notebook 7: {explorer.name} at its defaults")
        # A menu moved as a mouse or touch user moves it (the redraw path is the same as for a key press).
        control = next(c for c in explorer.controls if isinstance(c, Dropdown))   # the first menu
        values = [value for _, value in control.options]
        chosen = (values.index(control.default) + 1) % len(values)
        view.locator(":scope > .widget-dropdown").nth(0).locator("select").select_option(index=chosen)
        _wait_for_outputs(page, view, _expected(explorer, **{control.name: values[chosen]}),
                          f"Notebook 7: {explorer.name} with {control.name} = {values[chosen]!r}")
        assert len(requests) == 1
    finally:
        context.close()
        shut_down_kernels(lab)


def _every_explorer_draws_and_follows_the_keyboard(page, what: str, count: int) -> None:
    """Wait for ``count`` explorers in the visible notebook; each shows its defaults, then one keyboard move."""
    views = page.locator(f"{VISIBLE_PANEL} .course-explorer")
    deadline_ms = SERVER_START_TIMEOUT_S * 1000
    page.wait_for_function(f"document.querySelectorAll('{VISIBLE_PANEL} .course-explorer').length >= {count}",
                           timeout=deadline_ms)
    for index in range(count):
        view = views.nth(index)
        view.scroll_into_view_if_needed()
        explorer = explorers()[_explorer_name(view)]
        _wait_for_outputs(page, view, _expected(explorer), f"{what}: {explorer.name} at its defaults")
        _move_one_control_and_check_the_chart(page, view, explorer, what)
    assert page.locator(f"{VISIBLE_PANEL} .course-chart-note").count() == 0, "a 'Loading the chart' note stayed"


def _text(payload) -> str:
    return payload if isinstance(payload, str) else payload.decode("latin-1")
