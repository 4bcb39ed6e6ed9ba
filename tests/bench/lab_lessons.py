"""Each lesson as a student meets it in JupyterLab: Run All, bytes to the browser, charts drawn, kernel memory.

One JupyterLab server (localhost, token on) serves a copy of notebooks/; each lesson opens in a fresh browser
context (an empty page, as a student's first lesson of the day: nothing cached in the page, plotly.js not yet
loaded) and runs Run > Run All Cells. Measured per lesson, from the Run All click:

* bytes sent to the browser: (before Run All, what opening JupyterLab on the lesson costs, in the detail) every
  websocket frame the page receives (kernel messages, widget state, plotly.js
  if it travels) plus every HTTP response body and headers (``encodedDataLength``) the page loads meanwhile
  (JupyterLab's lazily loaded renderers), read from Chromium's DevTools protocol;
* Run All -> cells done: until no cell is queued or running (what the kernel and the page need to execute);
* Run All -> every chart drawn: until, in addition, every explorer with a figure and every static plotly
  output on the page holds a drawn plotly chart (polled every 50 ms);
* kernel RSS after Run All (``VmRSS`` of the notebook's ipykernel process).

Lessons run one after another (never in parallel); kernels are shut down between lessons.
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from helpers.publish.browser import find_chromium, running_chromium
from bench.notebooks import NOTEBOOK_DIR, course_notebooks
from bench.report import OUT_DIR, TARGETS, Section
from lab_support import (KERNEL_IDLE_JS, SERVER_START_TIMEOUT_S, run_all_cells, running_lab, shut_down_kernels,
                         wait_for_the_kernel)

DRAW_TIMEOUT_S = 120
POLL_MS = 50
MB = 1e6

# True once every explorer chart and every static plotly output in the notebook is drawn; the explorers whose
# views hold a figure are named in `withFigure` (the class course-explorer--<name> marks each view).
ALL_DRAWN_JS = """withFigure => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const views = Array.from(panel.querySelectorAll('.course-explorer'));
    const charted = views.filter(v => Array.from(v.classList).some(c => withFigure.includes(c)));
    const staticPlots = Array.from(panel.querySelectorAll('.jp-OutputArea-output'))
        .filter(o => o.querySelector('.plotly-graph-div, [data-mime-type="application/vnd.plotly.v1+json"]')
                     || (o.dataset && o.dataset.mimeType === 'application/vnd.plotly.v1+json'));
    const drawn = el => el.querySelector('.js-plotly-plot .main-svg') !== null;
    return charted.every(drawn) && staticPlots.every(drawn);
}"""


class ByteCounter:
    """Bytes the page receives (websocket frames and HTTP responses), from Chromium's DevTools protocol."""

    def __init__(self, context, page):
        self.websocket = self.http = 0
        self.counting = False
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.webSocketFrameReceived", self._frame)
        session.on("Network.loadingFinished", self._response)

    def _frame(self, event) -> None:
        if self.counting:
            payload = event["response"]["payloadData"]
            binary = event["response"]["opcode"] == 2  # base64 in the protocol
            self.websocket += len(base64.b64decode(payload)) if binary else len(payload.encode("utf-8"))

    def _response(self, event) -> None:
        if self.counting:
            self.http += int(event.get("encodedDataLength", 0))


def run(lessons: str = "") -> Section:
    """Measure every lesson, or those whose file names start with one of ``lessons`` (``"01,03"``)."""
    section = Section("lab_lessons")
    if find_chromium() is None:
        section.notes.append("skipped: no Chromium installed")
        return section
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-lessons-") as folder:
        root = Path(folder) / "notebooks"
        shutil.copytree(NOTEBOOK_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        with running_lab(root, Path(folder)) as server, running_chromium() as browser:
            wanted = [prefix.strip() for prefix in lessons.split(",") if prefix.strip()]
            for path in [p for p in course_notebooks() if not wanted or p.name.startswith(tuple(wanted))]:
                _log(f"JupyterLab Run All: {path.stem}")
                try:
                    results[path.stem] = _run_lesson(browser, server, path.name)
                except Exception as error:  # one failing lesson does not hide the others
                    results[path.stem] = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
                finally:
                    shut_down_kernels(server)
    for lesson, data in results.items():
        _report(section, lesson, data)
    section.notes.append("fresh browser context per lesson (plotly.js not yet in the page); bytes = websocket frames "
                         "+ HTTP responses the page receives from the Run All click until every chart is drawn; "
                         "'every chart drawn' target = the lesson's own 'cells done' time + 1 s.")
    section.raw = results
    return section


def _report(section: Section, lesson: str, data: dict) -> None:
    if "error" in data:
        section.add(f"{lesson}: Run All", None, "", None, f"failed: {data['error']}")
        return
    sent = data["websocket_bytes"] + data["http_bytes"]
    section.add(f"{lesson}: bytes to the browser (Run All)", sent / MB, "MB", TARGETS["lab_run_all_mb"],
                f"websocket {data['websocket_bytes'] / MB:.2f} MB, HTTP {data['http_bytes'] / MB:.2f} MB; "
                f"opening JupyterLab on it before: {data['page_open_bytes'] / MB:.1f} MB (empty browser cache)")
    section.add(f"{lesson}: Run All -> every chart drawn", data["drawn_s"], "s", data["cells_done_s"] + 1.0,
                f"cells done at {data['cells_done_s']:.1f} s, {data['charts']} charts")
    section.add(f"{lesson}: kernel RSS after Run All", data["kernel_rss_mb"], "MB", TARGETS["kernel_rss_mb"],
                f"Jupyter server {data['server_rss_mb']:.0f} MB" if data.get("server_rss_mb") else "")


def _run_lesson(browser, server, name: str) -> dict:
    from helpers.lessons import all_explorers

    with_figure = [f"course-explorer--{n}" for n, explorer in all_explorers().items() if explorer.has_figure]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    counter = ByteCounter(context, page)
    try:
        counter.counting = True
        page.goto(server.notebook_url(name), timeout=SERVER_START_TIMEOUT_S * 1000)
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
        wait_for_the_kernel(page)
        page_open_bytes = counter.websocket + counter.http
        counter.websocket = counter.http = 0
        start = time.monotonic()
        run_all_cells(page)
        cells_done = time.monotonic() - start
        _wait_for_every_chart(page, with_figure, timeout_s=DRAW_TIMEOUT_S - (time.monotonic() - start))
        drawn = time.monotonic() - start
        # Frames already on their way still count: the kernel's idle status comes after every message it sent.
        page.wait_for_function(KERNEL_IDLE_JS, timeout=DRAW_TIMEOUT_S * 1000)
        counter.counting = False
        charts = page.evaluate("() => document.querySelectorAll("
                               "'.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot').length")
        return {"cells_done_s": cells_done, "drawn_s": drawn, "charts": charts,
                "websocket_bytes": counter.websocket, "http_bytes": counter.http, "page_open_bytes": page_open_bytes,
                "kernel_rss_mb": _kernel_rss_mb(server), "server_rss_mb": _server_rss_mb(server)}
    except Exception:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT_DIR / f"lab-lessons-failure-{Path(name).stem}.png"))
        raise
    finally:
        context.close()


def _wait_for_every_chart(page, with_figure: list[str], timeout_s: float) -> None:
    """Wait until every chart of the notebook on show is drawn (``ALL_DRAWN_JS``), checked every ``POLL_MS`` ms."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(ALL_DRAWN_JS, arg=with_figure, timeout=max(timeout_s, 0.001) * 1000, polling=POLL_MS)
    except PlaywrightTimeout:
        raise TimeoutError(f"not every chart was drawn within {DRAW_TIMEOUT_S} s") from None


def _kernel_rss_mb(server) -> float | None:
    """Resident memory (MB) of the server's one running kernel, found by its connection file's name."""
    with urllib.request.urlopen(f"{server.url}/api/kernels?token={server.token}", timeout=10) as response:
        kernels = json.load(response)
    if len(kernels) != 1:
        return None
    return _rss_mb_of_process_with(f"kernel-{kernels[0]['id']}.json")


def _server_rss_mb(server) -> float | None:
    """Resident memory (MB) of the Jupyter server process (one per student on a JupyterHub)."""
    return _rss_mb_of_process_with(f"--port={server.url.rsplit(':', 1)[1]}")


def _rss_mb_of_process_with(marker: str) -> float | None:
    """``VmRSS`` (MB) of the first process whose command line contains ``marker``."""
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker in (proc / "cmdline").read_bytes().decode("utf-8", "replace"):
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return None


def _log(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)
