"""End to end in a real JupyterLab: every lesson runs, and every explorer follows the keyboard.

The test starts a JupyterLab server (localhost, random token) on a copy of notebooks/ (so nothing
is saved into the repository), opens each lesson in headless Chromium, runs all cells from the
Run menu, saves, and checks that no cell ended in an error. Then, for every explorer on the page,
it moves one control with the keyboard and waits until the chart's data equal what the model gives
for the new setting, computed here with ``helpers.explorers.all_explorers()[name].figure(**values)``.
Server and browser are stopped by process id. Generic: lessons and explorers are discovered.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
import numpy as np
import pytest

from browser_support import chromium_or_skip, stop_process_group
from conftest import NOTEBOOKS
from helpers.explorers import all_explorers
from helpers.explorers.core import Dropdown

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
chromium_or_skip()   # no browser: the whole module is skipped with an install hint (fails in CI)

SERVER_START_TIMEOUT_S = 90
RUN_ALL_TIMEOUT_S = 300
CHART_TIMEOUT_S = 30
EXPLORER_CLASS_PREFIX = "course-explorer--"   # set by helpers.explorers.live.LiveExplorer
# Every cell stays in the page (no virtual scrolling), so the test sees every output; no news pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}

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


@cache
def _explorers() -> dict:
    return all_explorers()


@dataclass
class LabServer:
    url: str
    token: str
    root: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """A JupyterLab server on a copy of notebooks/, stopped by its process id at the end."""
    work = tmp_path_factory.mktemp("jupyterlab")
    root = work / "notebooks"
    shutil.copytree(NOTEBOOKS[0].parent, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for plugin, values in LAB_SETTINGS.items():
        settings = work / "settings" / f"{plugin}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values))
    token, port = secrets.token_hex(16), _free_port()
    env = {**os.environ, "COURSE_HANDOUT": "0", "JUPYTER_CONFIG_DIR": str(work / "config"),
           "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(work / "runtime")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (work / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for_server(url, token, process, work / "server.log")
        yield LabServer(url=url, token=token, root=root)
    finally:
        stop_process_group(process)
        log.close()


def _wait_for_server(url: str, token: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited at start:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT_S} s")


@pytest.fixture
def lab_page(lab_server, chromium_browser):
    """A fresh browser context; afterwards every kernel on the server is shut down."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
    _shut_down_kernels(lab_server)


def _shut_down_kernels(server: LabServer) -> None:
    with urllib.request.urlopen(f"{server.url}/api/kernels?token={server.token}", timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{server.url}/api/kernels/{kernel['id']}?token={server.token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_runs_in_jupyterlab_and_every_explorer_follows_the_keyboard(path, lab_server, lab_page):
    page = lab_page
    page.goto(f"{lab_server.url}/lab/tree/{path.name}?token={lab_server.token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
    _wait_for_the_kernel(page)
    _run_all_cells(page)
    _save(page, lab_server.root / path.name)
    saved = nbformat.read(lab_server.root / path.name, as_version=4)
    errors = [(i, o) for i, c in enumerate(saved.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: cell {errors[0][0]} ended in {errors[0][1].ename}: {errors[0][1].evalue}"

    views = page.locator(".jp-NotebookPanel .course-explorer")
    names = [_explorer_name(views.nth(i)) for i in range(views.count())]
    if path.name != "00_start_here.ipynb":
        assert names, f"{path.name} shows no live explorer"
    for index, name in enumerate(names):
        _move_one_control_and_check_the_chart(page, views.nth(index), _explorers()[name], path.name)


PROMPTS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt'))
    .map(p => p.textContent)"""


def _run_all_cells(page) -> None:
    """Run > Run All Cells (again if a kernel still starting ignored it); wait until no cell is queued."""
    for _attempt in range(3):
        _menu(page, "Run", "Run All Cells")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _started(page.evaluate(PROMPTS_JS)):
            page.wait_for_timeout(200)
        if _started(page.evaluate(PROMPTS_JS)):
            break
    deadline = time.monotonic() + RUN_ALL_TIMEOUT_S
    # Queued cells show [*] until they have run; after an error the rest go back to [ ].
    while any("*" in prompt for prompt in page.evaluate(PROMPTS_JS)):
        assert time.monotonic() < deadline, f"the notebook did not finish within {RUN_ALL_TIMEOUT_S} s"
        page.wait_for_timeout(500)
    assert _started(page.evaluate(PROMPTS_JS)), "Run All Cells ran nothing"


def _started(prompts: list[str]) -> bool:
    return any("*" in prompt or any(ch.isdigit() for ch in prompt) for prompt in prompts)


def _wait_for_the_kernel(page) -> None:
    """Wait until the notebook's Python kernel is idle, accepting the kernel dialog if JupyterLab asks."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    toolbar = page.locator(".jp-NotebookPanel-toolbar").first
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    while not (idle.count() and "Python" in toolbar.inner_text()):
        assert time.monotonic() < deadline, f"no idle Python kernel within {SERVER_START_TIMEOUT_S} s"
        _accept_dialogs(page)
        page.wait_for_timeout(300)
    page.wait_for_timeout(500)
    _accept_dialogs(page)


def _menu(page, menu: str, item: str) -> None:
    _accept_dialogs(page)
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def _accept_dialogs(page) -> None:
    """Accept a dialog JupyterLab may raise while starting (kernel choice, for one)."""
    dialogs = page.locator(".jp-Dialog")
    for _attempt in range(5):
        if not dialogs.count():
            return
        print(f"JupyterLab dialog accepted: {dialogs.first.inner_text()[:200]!r}")
        accept = dialogs.first.locator(".jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)


def _save(page, saved_path: Path) -> None:
    before = saved_path.stat().st_mtime_ns
    _menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + CHART_TIMEOUT_S
    while saved_path.stat().st_mtime_ns == before:
        assert time.monotonic() < deadline, f"JupyterLab did not save {saved_path.name}"
        time.sleep(0.2)
    time.sleep(0.5)  # let the write finish


def _explorer_name(view) -> str:
    classes = (view.get_attribute("class") or "").split()
    return next(c[len(EXPLORER_CLASS_PREFIX):] for c in classes if c.startswith(EXPLORER_CLASS_PREFIX))


def _move_one_control_and_check_the_chart(page, view, explorer, notebook: str) -> None:
    """Wait for the default chart, move the first control whose one keyboard step changes the chart, check."""
    chart = view.locator(".js-plotly-plot").first
    default = explorer.figure()
    _wait_for_chart(page, chart, default, f"{notebook}: {explorer.name} at its defaults")
    controls = view.locator(":scope > .widget-hslider, :scope > .widget-dropdown")
    assert controls.count() == len(explorer.controls), f"{explorer.name}: controls not found in the page"
    sliders_first = sorted(enumerate(explorer.controls), key=lambda pair: isinstance(pair[1], Dropdown))
    for index, control in sliders_first:
        key, value = _one_step(control)
        expected = explorer.figure(**{control.name: value})
        if _numbers(expected) == _numbers(default):
            continue
        _press(controls.nth(index), control, key)
        _wait_for_chart(page, chart, expected, f"{notebook}: {explorer.name} after {key} on {control.name} "
                                               f"(expected {control.name} = {value!r})")
        return
    pytest.fail(f"{explorer.name}: no control changes the chart in one keyboard step")


def _one_step(control):
    """The key to press and the value the control then takes (one step up, or down at the top)."""
    if isinstance(control, Dropdown):
        values = [value for _, value in control.options]
        at = values.index(control.default)
        return ("ArrowDown", values[at + 1]) if at + 1 < len(values) else ("ArrowUp", values[at - 1])
    if control.scale == "log":
        exponent = math.log10(control.default)
        up = exponent + control.step <= math.log10(control.high) + 1e-12
        return ("ArrowRight", 10 ** (exponent + control.step)) if up else ("ArrowLeft", 10 ** (exponent - control.step))
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


def _wait_for_chart(page, chart, expected_figure, what: str) -> None:
    expected = _numbers(expected_figure)
    deadline = time.monotonic() + CHART_TIMEOUT_S
    shown = None
    while time.monotonic() < deadline:
        shown = json.loads(chart.evaluate(CHART_DATA_JS))
        if _same_data(shown, expected):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{what}: the chart never showed the model's data within {CHART_TIMEOUT_S} s")


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
