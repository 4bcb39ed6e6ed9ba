"""Handouts: build time of ``make handouts``, size of each page, cold open of each page in Chromium.

The build is the instructor's command (``make handouts``, or ``python -m helpers.publish`` where the
Makefile has no such target); this section is skipped, with a note, while neither exists.
``--handouts-from DIR`` measures pages built elsewhere (e.g. from another commit) without building.
Cold open is measured as a student first meets a page: each load in a fresh browser context (nothing
cached from an earlier load), from navigation start (the page's time origin) to the moment the last plotly
chart on the page has been drawn, sampled once per animation frame; the median of three loads.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from helpers.publish.browser import find_chromium, running_chromium
from bench.report import ROOT, TARGETS, Section, median

OUT_DIR = ROOT / "build" / "handouts"
BUILD_TIMEOUT_S = 1800
DRAW_REPEATS = 3
PAGE_TIMEOUT_MS = 60_000

# Runs before the page's own scripts: note when each chart is drawn, on every animation frame.
WATCH_CHARTS = """
(() => {
  window.__benchDrawn = 0; window.__benchLastDrawMs = 0; window.__benchDone = false;
  const tick = () => {
    const charts = document.querySelectorAll('.plotly-graph-div');
    let drawn = 0;
    charts.forEach(c => { if (c._fullLayout && c.querySelector('.main-svg')) drawn += 1; });
    if (drawn > window.__benchDrawn) { window.__benchDrawn = drawn; window.__benchLastDrawMs = performance.now(); }
    window.__benchCharts = charts.length;
    if (document.readyState === 'complete' && drawn === charts.length) { window.__benchDone = true; }
    else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})();
"""


def build_command() -> list[str] | None:
    """How the instructor builds the handouts here, or None while nothing builds them yet."""
    makefile = ROOT / "Makefile"
    if makefile.exists() and re.search(r"^handouts:", makefile.read_text(), re.M):
        # --old-file: time the build itself, never a reinstall of the environment.
        return ["make", "--no-print-directory", "--old-file=.venv/.installed", "handouts"]
    if (ROOT / "helpers" / "publish" / "__main__.py").exists():
        return [sys.executable, "-m", "helpers.publish", "--out", str(OUT_DIR)]
    return None


def run(draw: bool = True, built: Path | None = None) -> Section:
    """Build the handouts (timed) into ``build/handouts``, or take the pages already in ``built``; then measure."""
    section = Section("handouts")
    out_dir, seconds, command = (Path(built).resolve(), None, None) if built else (OUT_DIR, *_build(section))
    if not built and seconds is None:
        return section
    pages = sorted(out_dir.rglob("*.html"))
    if built:
        section.notes.append(f"pages measured as found in {out_dir} (not built by this run)")
    draw_ms = _cold_open_times(pages, out_dir) if draw and find_chromium() else {}
    for page in pages:
        name = str(page.relative_to(out_dir))
        section.add(f"{name} size", page.stat().st_size / 1e6, "MB", TARGETS["handout_page_mb"])
        if name in draw_ms:
            value, charts = draw_ms[name]
            section.add(f"{name} cold open", value / 1000, "s", TARGETS["handout_draw_s"], f"{charts} charts")
    if draw and not find_chromium():
        section.notes.append("no Chromium installed: cold open times skipped")
    section.notes.append(f"cold open: a fresh browser context per load, navigation start -> last chart drawn, "
                         f"headless Chromium, median of {DRAW_REPEATS} loads (file:// page).")
    section.raw = {"build_s": seconds, "command": command, "pages_mb": {str(p.relative_to(out_dir)): p.stat().st_size
                                                                       / 1e6 for p in pages},
                   "cold_open_ms": {k: v[0] for k, v in draw_ms.items()}}
    return section


def _build(section: Section) -> tuple[float | None, list[str] | None]:
    """Run ``make handouts`` (timed); ``(None, command)`` with a row or note saying why when it cannot."""
    command = build_command()
    if command is None:
        section.notes.append("skipped: no `make handouts` target and no helpers/publish/ module yet")
        return None, None
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        section.add("make handouts", None, "s", TARGETS["handout_build_s"], "failed: " + " | ".join(tail))
        return None, command
    section.add("make handouts (all pages)", seconds, "s", TARGETS["handout_build_s"],
                f"{'make handouts' if command[0] == 'make' else 'python -m helpers.publish'}; "
                f"{len(list(OUT_DIR.rglob('*.html')))} HTML pages, {len(list(OUT_DIR.rglob('*.pdf')))} PDFs")
    return seconds, command


def _cold_open_times(pages: list[Path], out_dir: Path) -> dict[str, tuple[float, int]]:
    """``{page: (median ms to last chart drawn, number of charts)}`` for pages with charts; each load in a fresh
    browser context."""
    times = {}
    with running_chromium() as browser:
        for path in pages:
            loads, charts = [], 0
            for _ in range(DRAW_REPEATS):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(WATCH_CHARTS)
                page = context.new_page()
                page.goto(path.as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
                page.wait_for_function("window.__benchDone === true", timeout=PAGE_TIMEOUT_MS)
                charts = page.evaluate("window.__benchCharts")
                loads.append(page.evaluate("window.__benchLastDrawMs"))
                context.close()
            if charts:
                times[str(path.relative_to(out_dir))] = (median(loads), charts)
    return times
