"""Shared fixtures: the list of notebooks and each notebook executed once, in a fresh kernel."""

from __future__ import annotations

import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
EXECUTION_TIMEOUT_S = 300


def execute_notebook(path: pathlib.Path, *, handout: bool = False) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel (cwd = notebooks/) and return it with outputs."""
    notebook = nbformat.read(path, as_version=4)
    env_flag = "1" if handout else "0"
    previous = os.environ.get("COURSE_HANDOUT")
    os.environ["COURSE_HANDOUT"] = env_flag
    try:
        NotebookClient(notebook, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("COURSE_HANDOUT", None)
        else:
            os.environ["COURSE_HANDOUT"] = previous
    return notebook


_executed: dict[pathlib.Path, nbformat.NotebookNode] = {}


@pytest.fixture(scope="session")
def executed_notebook():
    """Function returning the live-mode execution of a notebook, run at most once per session."""

    def run(path: pathlib.Path) -> nbformat.NotebookNode:
        if path not in _executed:
            _executed[path] = execute_notebook(path)
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
