"""Shared fixtures: the list of notebooks and each notebook executed once, in a fresh kernel."""

from __future__ import annotations

import pathlib

import nbformat
import pytest

from helpers.publish.run import execute_notebook

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


_executed: dict[pathlib.Path, nbformat.NotebookNode] = {}


@pytest.fixture(scope="session")
def executed_notebook():
    """Function returning the live-mode execution of a notebook, run at most once per session."""

    def run(path: pathlib.Path) -> nbformat.NotebookNode:
        if path not in _executed:
            _executed[path] = execute_notebook(path, handout=False)
        return _executed[path]

    return run


@pytest.fixture(scope="session")
def built_handouts(tmp_path_factory):
    """Every notebook built into handout pages once per session (HTML only); shared by the handout
    and browser tests, so each notebook runs once in handout mode per session."""
    from helpers.publish import build

    if not NOTEBOOKS:
        pytest.skip("notebooks/ holds no NN_*.ipynb")
    return build(tmp_path_factory.mktemp("handouts"), notebooks=NOTEBOOKS, pdf=False, log=lambda _line: None)


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the session (Playwright over CDP), stopped by process id at the end."""
    from browser_support import running_chromium

    with running_chromium() as browser:
        yield browser


def solutions_text(number: str) -> str:
    """Lesson ``number``'s worked solutions (they live in the exercise bank, not in notebook cells)."""
    from helpers.activities.exercise import load_exercises

    return "\n".join(item.solution for item in load_exercises(number))
