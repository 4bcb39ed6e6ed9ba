"""End to end in a real JupyterLab: every lesson runs, and every explorer follows the keyboard.

The test starts a JupyterLab server (localhost, random token) on a copy of notebooks/ (so nothing
is saved into the repository), opens each lesson in headless Chromium, runs all cells from the
Run menu, saves, and checks that no cell ended in an error. Then, for every explorer on the page
(found by its CSS class ``course-explorer--<name>``), it moves one control with the keyboard and waits
until the chart's data and the table's rows equal what the explorer gives for the new setting, computed
here with ``explorers()[name].outputs(**values)`` (``conftest.explorers``). Server and browser are stopped by
process id (``lab_support``, ``browser_support``). Generic: lessons come from the course registry and explorers
are found on the page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from browser_support import chromium_or_skip
from conftest import NOTEBOOKS, explorers
from helpers.activities.explorer import Dropdown
from lab_support import SERVER_START_TIMEOUT_S, menu, run_all_cells, running_lab, shut_down_kernels
from lab_support import wait_for_the_kernel, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
chromium_or_skip()   # no browser: the whole module is skipped with an install hint (fails in CI)

CHART_TIMEOUT_S = 30
EXPLORER_CLASS_PREFIX = "course-explorer--"   # set by helpers.activities.live.LiveExplorer

# The chart's data, with plotly's base64 arrays ({dtype, bdata}) and typed arrays decoded to plain lists.
CHART_DATA_JS = """gd => {
    const kinds = {f8: Float64Array, f4: Float32Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array,
                   u2: Uint16Array, i4: Int32Array, u4: Uint32Array};
    const decode = v => {
        if (v === undefined || v === null) return null;
        if (ArrayBuffer.isView(v)) return Array.from(v);
        if (Array.isArray(v)) return v.flat(Infinity);
        if (v.bdata !== undefined) {
            const text = atob(v.bdata), bytes = new Uint8Array(text.length);
            for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
            return Array.from(new kinds[v.dtype](bytes.buffer));
        }
        return null;
    };
    return JSON.stringify((gd.data || []).map(t => ({x: decode(t.x), y: decode(t.y), z: decode(t.z)})));
}"""


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """A JupyterLab server on a copy of notebooks/ (nothing is saved into the repository)."""
    work = tmp_path_factory.mktemp("jupyterlab")
    root = work / "notebooks"
    shutil.copytree(NOTEBOOKS[0].parent, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    with running_lab(root, work) as server:
        yield server


@pytest.fixture
def lab_page(lab_server, chromium_browser):
    """A fresh browser context; afterwards every kernel on the server is shut down."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
    shut_down_kernels(lab_server)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_runs_in_jupyterlab_and_every_explorer_follows_the_keyboard(path, lab_server, lab_page):
    page = lab_page
    page.goto(lab_server.notebook_url(path.name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
    wait_for_the_kernel(page)
    run_all_cells(page)
    saved = _save(page, lab_server.root / path.name)
    errors = [(i, o) for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"
              for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name}: cell {errors[0][0]} ended in {errors[0][1]['ename']}: {errors[0][1]['evalue']}"

    _commit_every_prediction(page)
    views = page.locator(".jp-NotebookPanel .course-explorer")
    names = [_explorer_name(views.nth(i)) for i in range(views.count())]
    if path.name != "00_start_here.ipynb":
        assert names, f"{path.name} shows no live explorer"
    for index, name in enumerate(names):
        _move_one_control_and_check_the_chart(page, views.nth(index), explorers()[name], path.name)


def _commit_every_prediction(page) -> None:
    """An explorer inside a prediction (``helpers.activities.predict``) appears only on commit: choose the first
    option (or type 1) and "fairly sure", commit each prediction, then write a line on the chart, as a learner
    would; wait until each reveals its explanations."""
    boxes = page.locator(".jp-NotebookPanel .course-predict")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        text_box = box.locator("input[type=text]")
        if text_box.count():
            text_box.first.fill("1")
        else:
            box.locator("input[type=radio]").first.check()
        box.get_by_label("fairly sure", exact=True).check()
        box.get_by_role("button", name="Commit my prediction").click()
        box.locator("textarea").fill("What I see in the chart.")
        box.get_by_role("button", name="Show the explanation").click()
        box.locator(".course-predict-explanations").wait_for(timeout=CHART_TIMEOUT_S * 1000)


def _save(page, saved_path: Path) -> dict:
    """File > Save Notebook; wait until the file on disk is a newer, complete notebook and return it (as JSON)."""
    before = saved_path.stat().st_mtime_ns
    menu(page, "File", "Save Notebook")
    saved = {}

    def written() -> bool:
        if saved_path.stat().st_mtime_ns == before:
            return False
        try:
            saved.update(json.loads(saved_path.read_text(encoding="utf-8")))
        except json.JSONDecodeError:   # still being written
            return False
        return True

    wait_until(written, CHART_TIMEOUT_S, f"JupyterLab did not save {saved_path.name}")
    return saved


def _explorer_name(view) -> str:
    classes = (view.get_attribute("class") or "").split()
    return next(c[len(EXPLORER_CLASS_PREFIX):] for c in classes if c.startswith(EXPLORER_CLASS_PREFIX))


def _move_one_control_and_check_the_chart(page, view, explorer, notebook: str) -> None:
    """Wait for the default outputs, move the first control whose one keyboard step changes them, check."""
    default = _expected(explorer)
    _wait_for_outputs(page, view, default, f"{notebook}: {explorer.name} at its defaults")
    controls = view.locator(":scope > .widget-hslider, :scope > .widget-dropdown")
    assert controls.count() == len(explorer.controls), f"{explorer.name}: controls not found in the page"
    sliders_first = sorted(enumerate(explorer.controls), key=lambda pair: isinstance(pair[1], Dropdown))
    for index, control in sliders_first:
        key, value = _one_step(control)
        expected = _expected(explorer, **{control.name: value})
        if expected == default:
            continue
        _press(controls.nth(index), control, key)
        _wait_for_outputs(page, view, expected, f"{notebook}: {explorer.name} after {key} on {control.name} "
                                                f"(expected {control.name} = {value!r})")
        return
    pytest.fail(f"{explorer.name}: no control changes the chart or the table in one keyboard step")


def _expected(explorer, **values) -> dict:
    """What the page should show: the chart's numbers and the table's row headers (those the explorer has)."""
    outputs = explorer.outputs(**values)
    expected = {}
    if "figure" in outputs:
        expected["chart"] = _numbers(outputs["figure"])
    if "table" in outputs:
        labels = re.findall(r'<th\b[^>]*scope="row"[^>]*>(.*?)</th>', outputs["table"], re.S)
        expected["rows"] = [html.unescape(re.sub(r"<[^>]+>", "", label)).strip() for label in labels]
    return expected


def _wait_for_outputs(page, view, expected: dict, what: str) -> None:
    """Wait until ``view`` shows the ``expected`` chart data and table rows; ``AssertionError`` after the timeout."""
    try:
        wait_until(lambda: _shows(view, expected), CHART_TIMEOUT_S, "the page never showed the explorer's outputs")
    except TimeoutError as late:
        raise AssertionError(f"{what}: {late}") from None


def _shows(view, expected: dict) -> bool:
    if "chart" in expected:
        shown = json.loads(view.locator(".js-plotly-plot").first.evaluate(CHART_DATA_JS))
        if not _same_data(shown, expected["chart"]):
            return False
    if "rows" in expected:
        rows = view.locator(".course-explorer-table th[scope=row]").all_inner_texts()
        if [row.strip() for row in rows] != expected["rows"]:
            return False
    return True


def _one_step(control):
    """The key to press and the value the control then takes (one step up, or down at the top)."""
    if isinstance(control, Dropdown):
        values = [value for _, value in control.options]
        at = values.index(control.default)
        return ("ArrowDown", values[at + 1]) if at + 1 < len(values) else ("ArrowUp", values[at - 1])
    up = control.default + control.step <= control.high + 1e-12
    return ("ArrowRight", control.default + control.step) if up else ("ArrowLeft", control.default - control.step)


def _press(element, control, key: str) -> None:
    """Focus the control and press ``key`` (a drop-down list is opened with Alt+Down, moved, and closed with Enter)."""
    target = element.locator("select" if isinstance(control, Dropdown) else ".noUi-handle").first
    target.scroll_into_view_if_needed()
    target.focus()
    if isinstance(control, Dropdown):
        for press in ("Alt+ArrowDown", key, "Enter"):
            target.press(press)
    else:
        target.press(key)


def _numbers(fig) -> list:
    """Per trace, the numeric x/y/z arrays (flattened), as plotted."""
    result = []
    for trace in fig.data:
        arrays = {}
        for key in ("x", "y", "z"):
            values = getattr(trace, key, None)
            array = None if values is None else np.asarray(values)
            if array is not None and array.dtype.kind in "fiu":
                arrays[key] = array.astype(float).ravel().round(9).tolist()
        result.append(arrays)
    return result


def _same_data(shown: list, expected: list) -> bool:
    if len(shown) != len(expected):
        return False
    for got, want in zip(shown, expected):
        for key, values in want.items():
            array = got.get(key)
            if array is None or len(array) != len(values):
                return False
            if not np.allclose(np.array(array, dtype=float), values, rtol=1e-5, atol=1e-9, equal_nan=True):
                return False
    return True
