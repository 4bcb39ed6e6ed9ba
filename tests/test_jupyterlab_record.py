"""In a real JupyterLab: a committed prediction survives a kernel restart and reopening the notebook.

A learner commits a prediction (with a confidence and a line on the chart) and answers a self-check item; the
kernel is restarted, the notebook closed, the page reloaded (a new day, as far as the kernel knows) and the notebook
run again: the prediction shows as committed, with its chart and explanation, and the self-check item keeps its
first answer. The server's kernels write to a record of this test's own (``COURSE_RECORD``).
"""

from __future__ import annotations

import json

import pytest

from browser_support import chromium_or_skip
from helpers import record
from lab_support import SERVER_START_TIMEOUT_S, VISIBLE_PANEL, accept_dialogs, menu, run_all_cells, running_lab
from lab_support import shut_down_kernels, wait_for_the_kernel, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.notebook]
chromium_or_skip()

TIMEOUT_MS = 60_000
CELLS = ["from helpers.activities.display import setup\nsetup()",
         "from helpers.figures.receptor import concentration_response_figure\n"
         "from helpers.activities.predict import predict\n"
         "predict(\"01-ceiling\", reveal=concentration_response_figure(10.0, 1000.0))",
         "from helpers.activities.quiz import show_quiz\nshow_quiz(\"01\")"]


def _notebook() -> dict:
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "cells": [{"cell_type": "code", "id": f"c{index}", "metadata": {}, "execution_count": None,
                       "outputs": [], "source": source} for index, source in enumerate(CELLS)]}


def _open_and_run(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{VISIBLE_PANEL} .jp-CodeCell", timeout=SERVER_START_TIMEOUT_S * 1000)
    wait_for_the_kernel(page)
    run_all_cells(page)


def test_a_committed_prediction_survives_a_kernel_restart_and_reopening(tmp_path, monkeypatch, chromium_browser):
    path = tmp_path / "record" / "record.json"
    monkeypatch.setenv(record.RECORD_ENV, str(path))
    root = tmp_path / "notebooks"
    root.mkdir()
    (root / "restore.ipynb").write_text(json.dumps(_notebook()), encoding="utf-8")
    with running_lab(root, tmp_path / "lab") as server:
        context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        try:
            _open_and_run(page, server.notebook_url("restore.ipynb"))
            box = page.locator(f"{VISIBLE_PANEL} .course-predict").first
            box.locator("input[type=radio]").nth(1).check()
            box.get_by_label("guessing", exact=True).check()
            box.get_by_role("button", name="Commit my prediction").click()
            box.locator("textarea").fill("The curve levels off.")
            box.get_by_role("button", name="Show the explanation").click()
            box.locator(".course-predict-explanations").wait_for(timeout=TIMEOUT_MS)
            page.locator(f"{VISIBLE_PANEL} .widget-radio-box").nth(2).locator("input[type=radio]").first.check()
            page.locator(VISIBLE_PANEL).get_by_role("button", name="Check", exact=True).first.click()
            wait_until(lambda: len(record.events()) == 3, TIMEOUT_MS / 1000, "the three answers were not recorded")
            kinds = sorted(event["kind"] for event in record.events())
            assert kinds == ["explanation", "prediction", "selfcheck"], kinds

            menu(page, "Kernel", "Restart Kernel…")
            accept_dialogs(page)
            wait_for_the_kernel(page)
            menu(page, "File", "Close Tab")
            accept_dialogs(page)   # "Save changes?": discard or save, either way the outputs are rebuilt
            shut_down_kernels(server)
            _open_and_run(page, server.notebook_url("restore.ipynb"))

            box = page.locator(f"{VISIBLE_PANEL} .course-predict").first
            box.locator(".course-predict-explanations").wait_for(timeout=TIMEOUT_MS)
            radios = box.locator("input[type=radio]")
            assert radios.nth(1).is_checked() and radios.nth(1).is_disabled(), "the prediction is committed"
            assert box.get_by_label("guessing", exact=True).is_checked()
            assert box.locator("textarea").input_value() == "The curve levels off."
            assert box.locator(".js-plotly-plot, .course-chart, canvas, svg").count(), "the chart is shown"
            quiz_item = page.locator(f"{VISIBLE_PANEL} .widget-radio-box").nth(2).locator("input[type=radio]")
            assert quiz_item.first.is_checked() and quiz_item.first.is_disabled(), "the first answer is kept"
            assert len(record.events()) == 3, "reopening recorded nothing again"
        finally:
            context.close()
            shut_down_kernels(server)
