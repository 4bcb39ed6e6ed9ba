"""JupyterLab round trip: key press on a slider to the plot (or table) redrawn, in a real JupyterLab and Chromium.

For each lesson notebook, the first explorer it imports that has a slider (else a dropdown) is
put in a scratch notebook (so the lesson's own text and exercises do not run). A JupyterLab server
(localhost, token on) and headless Chromium are started here and stopped by pid at the end.
Each key press (arrow keys on the focused slider handle; for a dropdown, choosing the next
option) is timed from the keydown (or change) event to plotly's ``plotly_afterplot`` event on
that explorer's chart, or, for an explorer that shows only a table, to the change of its table.
"""

from __future__ import annotations

import ast
import importlib
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.publish.browser import find_chromium, running_chromium
from helpers.activities.explorer import Slider
from bench.notebooks import course_notebooks
from conftest import cells
from lab_support import KERNEL_IDLE_JS, run_all_cells, running_lab, wait_for_the_kernel
from bench.report import OUT_DIR, TARGETS, Section, percentile_ms

if TYPE_CHECKING:
    import nbformat

PRESSES = 40               # timed key presses per explorer (half right, half left)
RENDER_TIMEOUT_MS = 120_000
REDRAW_TIMEOUT_MS = 2_000
MISSES_BEFORE_TURNING = 3  # presses without a redraw before pressing the other arrow instead
MAX_MISSES = 10            # then this explorer is reported as not redrawing
SETTLE_TIMEOUT_MS = 10_000   # before a press, the previous move's updates are all sent (the kernel is idle)

# Runs before JupyterLab's scripts: remember when the last key went down (or a dropdown changed).
WATCH_KEYS = ("window.addEventListener('keydown', e => { window.__benchKeyMs = e.timeStamp; }, true);"
              "window.addEventListener('change', e => { window.__benchKeyMs = e.timeStamp; }, true);")


def explorers_per_lesson() -> dict[str, tuple[str, object]]:
    """``{notebook stem: (factory "module.function", Explorer)}``: the first explorer each lesson
    imports that has a slider, else the first with a dropdown (only modules a lesson names are imported)."""
    from helpers.activities.explorer import registered

    chosen = {}
    for path in course_notebooks():
        candidates = []
        for name in _imported_names(path):
            module_name = name.removesuffix(".*") if name.endswith(".*") else name.rpartition(".")[0]
            try:
                importlib.import_module(module_name)
            except Exception:  # a module still being written: try the lesson's next import
                continue
            keys = [k for k in registered() if k.rpartition(".")[0] == module_name] if name.endswith(".*") else [name]
            candidates += [(key, registered()[key]()) for key in keys if key in registered()]
        ranked = sorted(candidates, key=lambda pair: not any(isinstance(c, Slider) for c in pair[1].controls))
        if ranked:
            chosen[path.stem] = ranked[0]
    return chosen


def _imported_names(path: Path) -> list[str]:
    """What the notebook imports from its lesson module, in order: ``module.name`` for
    ``from helpers.lessons.x import name``, ``helpers.lessons.x.*`` for ``from helpers.lessons import x``."""
    names = []
    for cell in cells(path):
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if (node.module or "").startswith("helpers.lessons."):
                names += [f"{node.module}.{alias.name}" for alias in node.names]
            elif node.module == "helpers.lessons":
                names += [f"helpers.lessons.{alias.name}.*" for alias in node.names]
    return names


def scratch_notebook(factory_keys: list[str]) -> nbformat.NotebookNode:
    """One cell per explorer showing its live view, written as a lesson writes it."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for key in factory_keys:
        module_name, _, function_name = key.rpartition(".")
        notebook.cells.append(nbformat.v4.new_code_cell(f"from {module_name} import {function_name}\n"
                                                        f"{function_name}().show()"))
    return notebook


def run(presses: int = PRESSES) -> Section:
    section = Section("jupyterlab")
    if find_chromium() is None:
        section.notes.append("skipped: no Chromium installed")
        return section
    try:
        chosen = explorers_per_lesson()
    except Exception as error:
        section.notes.append(f"skipped: explorers could not be loaded: {type(error).__name__}: {error}")
        return section
    if not chosen:
        section.notes.append("skipped: no lesson imports an explorer yet")
        return section
    factories = dict(chosen.values())
    try:
        timings = _measure(factories, presses)
    except Exception as error:  # the rest of the table still prints
        section.notes.append(f"JupyterLab round trip could not run: {type(error).__name__}: {str(error)[:300]} "
                             f"(screenshot: build/bench/jupyterlab-failure.png)")
        return section
    for lesson, (factory_key, explorer) in chosen.items():
        name = explorer.name
        data = timings[factory_key]
        if not data["round_trips_s"]:
            section.add(f"{lesson}: {name} p95", None, "ms", TARGETS["lab_round_trip_p95_ms"],
                        f"no redraw seen ({data['missed']} presses)")
            continue
        trips = data["round_trips_s"]
        section.add(f"{lesson}: {name}.{data['control']} p95", percentile_ms(trips, 95), "ms",
                    TARGETS["lab_round_trip_p95_ms"],
                    f"p50 {percentile_ms(trips, 50):.0f} ms, n={len(trips)}" +
                    (f", {data['missed']} presses without redraw" if data["missed"] else ""))
    without = [path.stem for path in course_notebooks() if path.stem not in chosen]
    if without:
        section.notes.append(f"no explorer imported as `from helpers.explorers...` in: {', '.join(without)}")
    section.notes.append("keydown on the slider handle (dropdown if none) -> plotly_afterplot on the chart (or the "
                         "table's change, for a table alone), JupyterLab + headless Chromium on this machine (server, "
                         "kernel and browser share its cores).")
    section.raw = {"explorers": {lesson: explorer.name for lesson, (_, explorer) in chosen.items()},
                   "timings": timings}
    return section


def _measure(factories: dict, presses: int) -> dict:
    """``{factory key: timings}`` for each explorer (``factories``: factory key -> Explorer)."""
    import nbformat

    with tempfile.TemporaryDirectory(prefix="bench-lab-") as folder:
        root = Path(folder) / "notebooks"
        root.mkdir()
        nbformat.write(scratch_notebook(list(factories)), root / "bench.ipynb")
        with running_lab(root, Path(folder)) as server, running_chromium() as browser:
            return _drive(browser, server.notebook_url("bench.ipynb"), factories, presses)


def _drive(browser, url: str, factories: dict, presses: int) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WATCH_KEYS)
    page = context.new_page()
    page.goto(url, timeout=RENDER_TIMEOUT_MS)
    results = {}
    try:
        wait_for_the_kernel(page)
        run_all_cells(page)
        for index, (key, explorer) in enumerate(factories.items()):
            control = next((c for c in explorer.controls if isinstance(c, Slider)), explorer.controls[0])
            _log(f"JupyterLab: {explorer.name}, {presses} presses on {control.name}")
            results[key] = {"control": control.name, **_press_keys(page, index, control, presses)}
    except Exception:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT_DIR / "jupyterlab-failure.png"))
        raise
    finally:
        context.close()
    return results


def _keys_with_room_first(control) -> list[str]:
    """The two arrow keys that move ``control``, the one with more room from the default first."""
    if isinstance(control, Slider):
        room_up = (control.high - control.default) >= (control.default - control.low)
        return ["ArrowRight", "ArrowLeft"] if room_up else ["ArrowLeft", "ArrowRight"]
    values = [value for _, value in control.options]
    room_down = values.index(control.default) < len(values) / 2
    return ["ArrowDown", "ArrowUp"] if room_down else ["ArrowUp", "ArrowDown"]


def _log(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def _press_keys(page, index: int, control, presses: int) -> dict:
    """Time ``presses`` arrow-key moves of ``control`` (a slider handle or a dropdown) in explorer cell ``index``."""
    cell = f"document.querySelectorAll('.jp-Notebook .jp-CodeCell')[{index}]"
    selector = ".noUi-handle" if isinstance(control, Slider) else "select"
    page.wait_for_function(f"{cell} && {cell}.querySelector('{selector}')", timeout=RENDER_TIMEOUT_MS)
    page.evaluate(f"{cell}.scrollIntoView()")
    page.wait_for_function(f"{cell}.querySelector('.js-plotly-plot, .course-explorer-table')",
                           timeout=RENDER_TIMEOUT_MS)
    page.evaluate(f"""() => {{
        const cell = {cell};
        const plot = cell.querySelector('.js-plotly-plot');
        window.__benchDrawMs = 0;
        const drawn = () => {{ window.__benchDrawMs = performance.now(); }};
        if (plot) {{ plot.on('plotly_afterplot', drawn); }}
        else {{ new MutationObserver(drawn).observe(cell.querySelector('.course-explorer-table'),
                                                   {{childList: true, subtree: true, characterData: true}}); }}
    }}""")
    target = page.locator(".jp-Notebook .jp-CodeCell").nth(index).locator(selector).first
    target.focus()
    keys = _keys_with_room_first(control)
    option = 0 if isinstance(control, Slider) else [value for _, value in control.options].index(control.default)
    trips, missed, misses_in_a_row = [], 0, 0
    for press in range(presses):
        if misses_in_a_row >= MISSES_BEFORE_TURNING:  # at the end of the range, or a step too small to redraw
            keys.reverse()
            misses_in_a_row = 0
        key = keys[0] if press < presses // 2 else keys[1]
        page.wait_for_function(KERNEL_IDLE_JS, timeout=SETTLE_TIMEOUT_MS)   # so a late redraw is not timed
        if isinstance(control, Slider):
            page.keyboard.press(key)
        else:  # headless Chromium does not move a closed <select> with arrow keys: choose the option
            option = (option + 1) % len(control.options)
            target.select_option(index=option)
        try:
            page.wait_for_function("window.__benchDrawMs > window.__benchKeyMs", timeout=REDRAW_TIMEOUT_MS)
        except Exception:  # Playwright timeout: the value did not move or nothing redrew
            missed += 1
            misses_in_a_row += 1
            if missed >= MAX_MISSES:
                break
            continue
        misses_in_a_row = 0
        trips.append(page.evaluate("(window.__benchDrawMs - window.__benchKeyMs) / 1000"))
    return {"round_trips_s": trips, "missed": missed}
